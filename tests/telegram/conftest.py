"""Fixtures: the fake Bot API, and the bot running against it on a fresh database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

from bot.assistant import Assistant
from bot.config import Settings
from bot.registry import RegistryDatabase
from tests.telegram.admin_harness import FileBotApi, Staff, staff_bot
from tests.telegram.harness import Bot, running_bot


@pytest.fixture(autouse=True)
def timedelta_time_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """As run_bot sets it: without it a 429 raises a deprecation warning (an error here)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
async def api() -> AsyncIterator[FileBotApi]:
    """The fake Bot API (one that also takes uploads, for the staff's exports)."""
    api = FileBotApi()
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
def bot_settings(settings: Settings, tmp_path: Path) -> Settings:
    """The session's settings with a database of this test's own."""
    return replace(settings, database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}")


@pytest.fixture
async def bot(api: FileBotApi, assistant: Assistant, bot_settings: Settings) -> AsyncIterator[Bot]:
    async with running_bot(api, assistant, bot_settings) as bot:
        yield bot


@pytest.fixture
async def staff(
    api: FileBotApi, assistant: Assistant, bot_settings: Settings
) -> AsyncIterator[Staff]:
    """The admin, in a chat with a bot of the test's own (edits change its registry alone)."""
    async with staff_bot(api, assistant, bot_settings) as bot:
        yield Staff(bot)


@pytest.fixture
def upgraded_engine(database_url: str) -> Iterator[Engine]:
    """An engine on a migrated empty database (SQLite or PostgreSQL), for the state tables."""
    database = RegistryDatabase(database_url)
    database.upgrade()
    database.close()
    engine = create_engine(database_url, poolclass=NullPool)
    yield engine
    engine.dispose()
