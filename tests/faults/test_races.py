"""Two copies of the bot creating the same row at once, on real PostgreSQL.

The test plays the other copy: it inserts the row in a transaction it keeps open while the
bot's copy tries to create the same row, then commits. "Read, and insert if missing" then fails
on the primary key; an insert that does nothing on conflict waits, then finds the row.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import text

from bot.registry import RegistryDatabase
from bot.state import Admission, DraftStore, FloodLimit, Pseudonyms, StateStore
from tests.postgres import Server, fresh_schema

pytestmark = pytest.mark.postgres

GOTHA = "Od kiedy Gotha jest miastem partnerskim?"


@pytest.fixture
def server() -> Iterator[Server]:
    with fresh_schema() as server:
        yield server


def _waiting_for_a_lock(server: Server) -> bool:
    with server.admin.connect() as connection:
        return bool(
            connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE application_name = :name AND wait_event_type = 'Lock'"
                ),
                {"name": server.schema},
            )
        )


async def _until_waiting(server: Server, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while not await asyncio.to_thread(_waiting_for_a_lock, server):
        assert time.monotonic() < deadline, "the bot never waited for the other copy's row"
        await asyncio.sleep(0.02)


def _store(registry: RegistryDatabase) -> StateStore:
    return StateStore(
        registry.engine, FloodLimit(20, 60.0, 60.0), pseudonyms=Pseudonyms(b"0123456789abcdef")
    )


async def _racing(server: Server, work: Callable[[], object]) -> list[object]:
    """``work()`` on a thread while the test, as the other copy, inserts user 42's row in a
    transaction it commits only once ``work`` waits for it."""
    result: list[object] = []
    other_copy = server.admin.connect()
    try:
        other_copy.execute(
            text(f"INSERT INTO {server.schema}.user_state (user_id) VALUES (42)"),
        )

        def run() -> None:
            try:
                result.append(work())
            except Exception as exc:
                result.append(exc)

        thread = threading.Thread(target=run)
        thread.start()
        await _until_waiting(server)
        other_copy.commit()
        await asyncio.to_thread(thread.join, 30)
    finally:
        other_copy.close()
    return result


def _tokens(server: Server) -> float | None:
    with server.admin.connect() as connection:
        return connection.scalar(
            text(f"SELECT tokens FROM {server.schema}.user_state WHERE user_id = 42")
        )


async def test_a_new_users_first_message_admitted_by_two_copies_at_once(server: Server) -> None:
    """The database path of flood control (a copy that has not read the languages yet)."""
    registry = RegistryDatabase(server.url)
    registry.upgrade()
    try:
        result = await _racing(server, lambda: _store(registry).admit(42))
    finally:
        registry.close()
    assert result == [Admission("ok", None)]
    assert _tokens(server) == 19, "the message was counted"


async def test_a_new_users_counts_merged_while_another_copy_inserts_them(server: Server) -> None:
    """The lazy path: counted in memory, merged into a row another copy is creating."""
    registry = RegistryDatabase(server.url)
    registry.upgrade()
    store = _store(registry)
    try:
        store.sync()  # reads the chosen languages: from now on admission is in memory
        assert store.admit_from_memory(42) == Admission("ok", None)
        assert store.admit_from_memory(42) == Admission("ok", None)
        result = await _racing(server, store.sync)
    finally:
        registry.close()
    assert result == [1]
    assert _tokens(server) == 18, "both messages were counted"


async def test_a_staff_edit_started_by_two_copies_at_once_starts_once(server: Server) -> None:
    registry = RegistryDatabase(server.url)
    registry.upgrade()
    drafts = DraftStore(registry.engine, timeout=900)
    result: list[object] = []
    other_copy = server.admin.connect()
    try:
        other_copy.execute(
            text(
                f"INSERT INTO {server.schema}.staff_draft "
                "(user_id, step, draft, revision, updated_at) VALUES (7, 'a', '{}', 1, :now)"
            ),
            {"now": time.time()},
        )

        def start() -> None:
            try:
                result.append(drafts.start(7, '{"x": 1}', "b"))
            except Exception as exc:
                result.append(exc)

        thread = threading.Thread(target=start)
        thread.start()
        await _until_waiting(server)
        other_copy.commit()
        thread.join(30)
    finally:
        other_copy.close()
        registry.close()
    assert result == [(2, True)], "the other copy's edit is replaced, and said so"
