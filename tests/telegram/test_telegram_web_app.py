"""One ASGI app, one event loop: the Telegram webhook and the web chat served together by the
running bot, and ``run_bot.py web`` serving the web chat alone."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import httpx

from bot.assistant import Assistant
from bot.config import Settings
from bot.registry import RegistryDatabase
from bot.web.run import serving
from tests.telegram.fake_bot_api import FakeBotApi
from tests.telegram.harness import running_bot

GOTHA = "Kiedy podpisano umowę z Gothą?"


async def test_the_webhook_and_the_web_chat_share_one_server_and_loop(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(api, assistant, bot_settings, webhook=True) as bot:
        telegram = bot.send(bot.api.message(GOTHA))
        base = f"http://127.0.0.1:{bot.webhook_port}"
        async with httpx.AsyncClient(base_url=base) as client:
            asked, calls = await asyncio.gather(
                client.post("/api/v1/ask", json={"question": GOTHA}), telegram
            )
            page = await client.get("/")
            health = await client.get("/healthz")
    assert asked.status_code == 200
    assert "1997" in asked.json()["answer"]
    assert any(c.method == "sendMessage" and "1997" in c.text for c in calls)
    assert page.status_code == 200
    assert "widget.js" in page.text
    assert health.json() == {"status": "ok"}


async def test_the_web_chat_alone_needs_no_token(
    assistant: Assistant, settings: Settings, tmp_path: Path
) -> None:
    web_settings = replace(
        settings,
        telegram_token=None,
        database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}",
        web_port=0,
    )

    def start(settings: Settings) -> tuple[Assistant, RegistryDatabase]:
        registry = RegistryDatabase(settings.database_url)
        registry.upgrade()
        return assistant, registry

    async with (
        serving(web_settings, start=start) as running,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{running.port}") as client,
    ):
        asked = await client.post("/api/v1/ask", json={"question": GOTHA})
        widget = await client.get("/widget.js")
    assert asked.status_code == 200
    assert "1997" in asked.json()["answer"]
    assert widget.headers["content-type"].startswith("text/javascript")
    assert "KIELCE_CHAT_TEXTS" in widget.text
