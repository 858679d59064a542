"""The database executor: bounded waits, and a task waiting on it stops when cancelled."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.state import DatabaseExecutor, DatabaseHealth
from bot.state.executor import DatabaseTimeout


async def test_a_task_cancelled_as_its_database_work_finishes_stops() -> None:
    # Python 3.11's asyncio.wait_for could swallow a cancellation that arrived as the work
    # finished: the cancelled task ran on, and the bot hung at shutdown waiting for it.
    database = DatabaseExecutor(DatabaseHealth(), workers=1, wait=5.0)

    async def busy() -> None:
        while True:
            await database.call(lambda: None)

    try:
        for attempt in range(300):
            task = asyncio.create_task(busy())
            await asyncio.sleep((attempt % 7) * 0.0003)
            task.cancel()
            done, _ = await asyncio.wait({task}, timeout=2.0)
            assert done, f"cancelled task still running (attempt {attempt})"
    finally:
        database.close()


async def test_work_past_the_wait_is_a_timeout_and_finishes_on_its_own() -> None:
    release = threading.Event()
    database = DatabaseExecutor(DatabaseHealth(), workers=1, wait=0.05)
    try:
        with pytest.raises(DatabaseTimeout):
            await database.call(lambda: release.wait(5.0))
        release.set()
        assert await database.call(lambda: 7, wait=5.0) == 7, "the thread came back"
    finally:
        database.close()
