"""Flood control, Telegram's limits and faults, the error handler, and a log without the token."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator

import pytest

from bot.assistant import Assistant
from bot.config import Settings
from bot.sentences import t
from bot.telegram.logs import REDACTED, quiet_noisy_loggers, redact_secrets
from tests.telegram.fake_bot_api import PL_USER, TOKEN, Call, FakeBotApi
from tests.telegram.harness import Bot, running_bot

GOTHA = "Od kiedy Gotha jest miastem partnerskim?"


def _cards(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok and "Gotha" in c.text]


async def test_flood_control_sends_one_notice_then_ignores(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(
        api, assistant, bot_settings, flood_messages=3, flood_window=60.0, flood_mute=30.0
    ) as bot:
        calls = await bot.send(*(api.message(GOTHA) for _ in range(6)))
        sent = [c for c in calls if c.method == "sendMessage"]
        assert len(_cards(sent)) == 3
        assert [c.text for c in sent[3:]] == [t("pl", "tg.flood", seconds="30")]
        # Buttons still work for a muted user, and other users are not affected.
        other = {**PL_USER, "id": 4242}
        assert _cards(await bot.send(api.message(GOTHA, user=other)))


async def test_a_429_delays_the_reply_which_arrives_exactly_once(bot: Bot) -> None:
    bot.api.fail("sendMessage", 429, retry_after=1)
    started = time.monotonic()
    calls = await bot.send(bot.api.message(GOTHA))
    assert time.monotonic() - started >= 1.0
    assert [c.status for c in calls if c.method == "sendMessage"] == [429, 200]
    assert len(_cards(calls)) == 1


@pytest.mark.parametrize("status", [500, 502])
async def test_server_errors_are_retried_and_the_reply_arrives_once(bot: Bot, status: int) -> None:
    bot.api.fail("sendMessage", status, times=2)
    calls = await bot.send(bot.api.message(GOTHA))
    assert [c.status for c in calls if c.method == "sendMessage"] == [status, status, 200]
    assert len(_cards(calls)) == 1


async def test_a_slow_bot_api_still_gets_one_reply(bot: Bot) -> None:
    bot.api.delay("sendMessage", 0.3)
    assert len(_cards(await bot.send(bot.api.message(GOTHA)))) == 1


async def test_polling_survives_a_failing_get_updates(bot: Bot) -> None:
    bot.api.fail("getUpdates", 500)
    calls = await bot.send(bot.api.message(GOTHA))
    assert len(_cards(calls)) == 1
    assert 500 in [c.status for c in bot.api.calls if c.method == "getUpdates"]


async def test_the_error_handler_logs_the_update_and_apologises(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.api.fail("sendMessage", 400)
    update = bot.api.message(GOTHA)
    calls = await bot.send(update)
    failure = next(r for r in caplog.records if r.name == "bot.telegram.handlers")
    assert failure.levelno == logging.ERROR
    assert failure.getMessage() == f"update {update['update_id']} failed"
    assert failure.exc_info
    assert "BadRequest" in repr(failure.exc_info[1])
    assert [c.text for c in calls if c.method == "sendMessage" and c.ok] == [t("pl", "tg.error")]


@pytest.fixture
def captured_log() -> Iterator[io.StringIO]:
    """Everything logged at DEBUG and above, formatted, with httpx as chatty as it gets."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root, httpx_logger = logging.getLogger(), logging.getLogger("httpx")
    levels = root.level, httpx_logger.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    undo = redact_secrets(TOKEN)
    httpx_logger.setLevel(logging.INFO)
    yield stream
    undo()
    root.removeHandler(handler)
    root.setLevel(levels[0])
    httpx_logger.setLevel(levels[1])


async def test_the_token_never_appears_in_the_log(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, captured_log: io.StringIO
) -> None:
    async with running_bot(api, assistant, bot_settings) as bot:
        api.fail("sendMessage", 500, times=5)  # retries run out: the error handler logs it
        await bot.send(api.message(GOTHA))
        logging.getLogger("bot").info("the bot is %r", bot.application.bot)
    log = captured_log.getvalue()
    # python-telegram-bot's repr of the bot carries the token: it went through the log.
    assert "ExtBot[token=[REDACTED]]" in log
    assert "update" in log
    assert "failed" in log
    assert TOKEN not in log
    assert TOKEN.partition(":")[2] not in log
    assert REDACTED in log


def test_httpx_is_quiet_by_default() -> None:
    logger = logging.getLogger("httpx")
    level = logger.level
    try:
        quiet_noisy_loggers()
        assert not logger.isEnabledFor(logging.INFO)
    finally:
        logger.setLevel(level)
