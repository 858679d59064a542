"""Log lines name people by the start of their pseudonym, never by their Telegram user id."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator

import pytest

from bot.assistant import Assistant
from bot.config import Settings
from bot.sentences import t
from tests.telegram.admin_harness import ADMIN, FileBotApi, Staff, staff_bot, texts
from tests.telegram.fake_bot_api import PL_USER
from tests.telegram.harness import Bot


@pytest.fixture
async def api() -> AsyncIterator[FileBotApi]:
    api = FileBotApi()
    await api.start()
    yield api
    await api.stop()


def _logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The bot's own lines (httpx's, off in production, hold port numbers that may look like
    an id)."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.INFO and r.name.startswith("bot.")
    ]


def _pseudonym_start(bot: Bot, user_id: int) -> str:
    return bot.store.pseudonyms.of(user_id)[:12]


async def test_flood_control_the_refused_and_the_export_log_no_user_id(
    api: FileBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    async with staff_bot(
        api, assistant, bot_settings, flood_messages=3, database_wait=30.0
    ) as bot:
        # Someone of the public tries a staff command, then writes too fast.
        assert texts(await bot.send(api.message("/export"))) == [t("pl", "admin.refused")]
        replies = [texts(await bot.send(api.message("/contact"))) for _ in range(3)]
        assert replies[-1] == [t("pl", "tg.flood", seconds="60")], "three messages, then muted"
        # An admin exports the registry.
        calls = await Staff(bot).say("/export")
        assert any(c.method == "sendDocument" for c in calls)
        public, staff = _pseudonym_start(bot, PL_USER["id"]), _pseudonym_start(bot, ADMIN["id"])

    lines = _logged(caplog)
    for user_id in (PL_USER["id"], ADMIN["id"]):
        leaking = [line for line in lines if re.search(rf"\b{user_id}\b", line)]
        assert leaking == [], f"user id {user_id} logged"
    assert any("refused" in line and public in line for line in lines), lines
    assert any("flood control" in line and public in line for line in lines), lines
    assert any("/export" in line and staff in line for line in lines), lines
