"""The webhook server: Telegram's secret token header, a health check, updates handled."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.assistant import Assistant
from bot.config import Settings
from tests.telegram.fake_bot_api import PL_USER, FakeBotApi
from tests.telegram.harness import WEBHOOK_SECRET, Bot, running_bot

GOTHA = "Od kiedy Gotha jest miastem partnerskim?"


@pytest.fixture
async def hooked(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> AsyncIterator[Bot]:
    async with running_bot(api, assistant, bot_settings, webhook=True) as bot:
        yield bot


async def test_the_webhook_is_registered_with_its_secret(hooked: Bot) -> None:
    assert hooked.api.webhook["url"] == "https://bot.example.org/telegram/updates"
    assert hooked.api.webhook["secret_token"] == WEBHOOK_SECRET
    assert not [c for c in hooked.api.calls if c.method == "getUpdates"], "no polling"


async def test_an_update_with_the_right_secret_is_answered(hooked: Bot) -> None:
    calls = await hooked.send(hooked.api.message(GOTHA))
    assert any(c.method == "sendMessage" and "Gotha" in c.text for c in calls)


@pytest.mark.parametrize(
    "secret",
    [pytest.param("wrong-secret", id="wrong"), pytest.param(None, id="missing")],
)
async def test_an_update_without_the_right_secret_is_refused(
    hooked: Bot, secret: str | None
) -> None:
    update = hooked.api.message(GOTHA, user={**PL_USER, "id": 31337})
    response = await hooked.post(hooked.api.push(update), secret=secret)
    assert response.status_code == 403
    calls = await hooked.send()
    assert not [c for c in calls if c.chat_id == 31337]


async def test_a_body_that_is_not_an_update_is_refused(hooked: Bot) -> None:
    url = f"http://127.0.0.1:{hooked.webhook_port}{hooked.settings.webhook_path}"
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    async with httpx.AsyncClient() as client:
        response = await client.post(url, content=b"not json", headers=headers)
    assert response.status_code == 400


async def test_the_health_check_answers(hooked: Bot) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{hooked.webhook_port}/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
