"""``run_bot.py`` as a person runs it: a process that polls, answers, and stops on SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import sys

from bot.config import PROJECT_ROOT
from bot.sentences import t
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi


async def test_run_bot_polls_answers_and_stops_cleanly_without_logging_the_token(
    api: FakeBotApi, cli_env: dict[str, str]
) -> None:
    env = {
        **cli_env,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "LOG_LEVEL": "DEBUG",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(PROJECT_ROOT / "run_bot.py"),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        # deleteWebhook comes right before polling starts (getUpdates is recorded when it ends).
        await api.wait_for(lambda: bool(api.sent("deleteWebhook")), 60)
        api.push(api.message("/start"))
        await api.wait_for(lambda: bool(api.sent("sendMessage")), 10)
        assert api.sent("sendMessage")[0].text == t("pl", "tg.start")
        process.send_signal(signal.SIGTERM)
        _stdout, stderr = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "is running (long polling)" in log
    assert TOKEN not in log
    assert TOKEN.partition(":")[2] not in log
    assert "HTTP Request" not in log, "httpx's request log is off"
