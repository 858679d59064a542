"""The container's health check: the Dockerfile's HEALTHCHECK command against a real bot.

The bot runs as ``run_bot.py`` runs in the image (a process, a fresh SQLite data folder, the
stand-in Bot API), and the health check is the very command the Dockerfile names, so that
the image's check is the one tested.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.liveness import HEARTBEAT_FILE, Beat, beating, check_alive
from tests.deployment.dockerfile import Instruction, stages
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi


def _health_command() -> list[str]:
    """The Dockerfile's HEALTHCHECK command, with this interpreter as its ``python``."""
    health = stages()[-1].last("HEALTHCHECK")
    assert health is not None
    command = Instruction("CMD", health.arguments.partition("CMD")[2].strip()).exec_form()
    assert command[0] == "python"
    return [sys.executable, *command[1:]]


async def _health(env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *_health_command(),
        cwd=PROJECT_ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode()


async def _healthy_within(env: dict[str, str], seconds: float) -> str:
    """The health check's output once it passes; fails the test if it does not in time."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        code, out = await _health(env)
        if code == 0:
            return out
        assert asyncio.get_running_loop().time() < deadline, out
        await asyncio.sleep(0.5)


@asynccontextmanager
async def _running_bot(
    env: dict[str, str], *command: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(PROJECT_ROOT / "run_bot.py"),
        *command,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


@pytest.fixture
def bot_env(api: FakeBotApi, cli_env: dict[str, str]) -> dict[str, str]:
    """A fresh SQLite data folder (cli_env's), and the stand-in Bot API."""
    assert not Path(cli_env["DATA_DIR"]).exists()
    return {**cli_env, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": api.base_url}


async def test_the_health_check_fails_when_no_bot_runs(bot_env: dict[str, str]) -> None:
    code, out = await _health(bot_env)
    assert code == 1
    assert "FAIL  no heartbeat" in out
    assert "the bot is not running" in out


async def test_the_health_check_passes_while_the_bot_polls_and_fails_once_it_stopped(
    api: FakeBotApi, bot_env: dict[str, str]
) -> None:
    async with _running_bot(bot_env) as bot:
        out = await _healthy_within(bot_env, 60)
        assert f"OK    the bot (pid {bot.pid}, long polling) beat" in out
        assert "registry.sqlite3 is at schema revision" in out, "and the database answers"
        calls = len(api.calls)
        assert (await _health(bot_env))[0] == 0
        asked = {call.method for call in api.calls[calls:]}
        assert asked <= {"getUpdates"}, f"the health check must not call Telegram: {asked}"
        bot.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(bot.communicate(), 20)
        assert bot.returncode == 0, stderr.decode()
    code, out = await _health(bot_env)
    assert code == 1, out
    assert "no heartbeat" in out


async def test_in_webhook_mode_the_health_check_asks_the_server_too(
    api: FakeBotApi, bot_env: dict[str, str]
) -> None:
    env = {
        **bot_env,
        "WEBHOOK_URL": "https://bot.example.org/telegram/updates",
        "WEBHOOK_SECRET": "s3cret-for-tests",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": "0",  # any free port: the heartbeat says which
    }
    async with _running_bot(env) as bot:
        out = await _healthy_within(env, 60)
        beat = Beat.read(Path(env["DATA_DIR"]) / HEARTBEAT_FILE)
        assert beat.mode == "webhook"
        assert beat.health_url is not None
        assert beat.health_url.startswith("http://127.0.0.1:")
        assert beat.health_url.endswith("/healthz")
        assert f"OK    {beat.health_url} answered 200" in out
        bot.send_signal(signal.SIGTERM)
        await asyncio.wait_for(bot.communicate(), 20)
    assert (await _health(env))[0] == 1


async def test_the_health_check_asks_the_web_chat_it_runs_beside(cli_env: dict[str, str]) -> None:
    """run_bot.py web, as docker-compose.yml's web service runs it: no Telegram at all."""
    env = {**cli_env, "WEB_LISTEN": "127.0.0.1", "WEB_PORT": "0"}
    async with _running_bot(env, "web") as web:
        out = await _healthy_within(env, 60)
        beat = Beat.read(Path(env["DATA_DIR"]) / HEARTBEAT_FILE)
        assert beat.mode == "web"
        assert beat.health_url is not None
        assert f"OK    the bot (pid {web.pid}, web) beat" in out
        assert f"OK    {beat.health_url} answered 200" in out
        web.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(web.communicate(), 20)
        assert web.returncode == 0, stderr.decode()
    assert (await _health(env))[0] == 1


def test_a_stale_heartbeat_means_a_bot_that_stopped_receiving(tmp_path: Path) -> None:
    path = tmp_path / HEARTBEAT_FILE
    Beat(pid=7, at=1000.0, every=10.0, mode="long polling").write(path)
    assert [c.ok for c in check_alive(path, now=lambda: 1029.0)] == [True]
    [late] = check_alive(path, now=lambda: 1031.0)
    assert not late.ok
    assert "31 s old" in late.line
    assert "stopped receiving updates" in late.line


def test_an_unreadable_heartbeat_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / HEARTBEAT_FILE
    path.write_text("{not json", encoding="utf-8")
    [check] = check_alive(path)
    assert not check.ok
    assert "unreadable heartbeat" in check.line
    path.write_text('{"pid": 1}', encoding="utf-8")
    [check] = check_alive(path)
    assert not check.ok
    assert "not a heartbeat" in check.line


def test_a_server_that_does_not_answer_fails_the_check(tmp_path: Path) -> None:
    path = tmp_path / HEARTBEAT_FILE
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    Beat(1, 1000.0, 10.0, "webhook", "http://127.0.0.1:9/healthz").write(path)
    beat, server = check_alive(path, now=lambda: 1001.0, timeout=5)
    assert beat.ok
    assert not server.ok
    assert "http://127.0.0.1:9/healthz does not answer" in server.line


async def test_the_heartbeat_beats_only_while_the_bot_receives(tmp_path: Path) -> None:
    path = tmp_path / "data" / HEARTBEAT_FILE
    receiving = True
    async with beating(path, mode="long polling", alive=lambda: receiving, every=0.01):
        for _ in range(500):
            if path.exists():
                break
            await asyncio.sleep(0.01)
        first = Beat.read(path)
        assert first.mode == "long polling"
        receiving = False
        await asyncio.sleep(0.05)
        stopped = Beat.read(path)
        await asyncio.sleep(0.05)
        assert Beat.read(path) == stopped, "no beats while the loop does not receive"
    assert not path.exists(), "a bot stopped on purpose leaves no heartbeat behind"
