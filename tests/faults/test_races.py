"""Two copies of the bot creating the same row at once, on real PostgreSQL.

The test plays the other copy: it inserts the row in a transaction it keeps open while the
bot's copy tries to create the same row, then commits. "Read, and insert if missing" then fails
on the primary key; an insert that does nothing on conflict waits, then finds the row.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, text

from bot.assistant import Assistant
from bot.config import Settings
from bot.registry import RegistryDatabase
from bot.sentences import t
from bot.state import DraftStore
from tests.postgres import Server, fresh_schema
from tests.telegram.fake_bot_api import PL_USER, FakeBotApi
from tests.telegram.harness import running_bot

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


async def test_a_new_users_first_message_reaching_two_copies_at_once_is_answered(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, server: Server
) -> None:
    # A long database wait: this test is about the race, not about a slow database.
    async with running_bot(
        api, assistant, bot_settings, database_url=server.url, database_wait=30.0
    ) as bot:
        other_copy: Connection = server.admin.connect()
        try:
            other_copy.execute(
                text(f"INSERT INTO {server.schema}.user_state (person) VALUES (:id)"),
                {"id": f"telegram:{PL_USER['id']}"},
            )
            sending = asyncio.create_task(bot.send(api.message(GOTHA), within=30))
            await _until_waiting(server)
            other_copy.commit()
        finally:
            other_copy.close()
        calls = await sending
    (answer,) = [c for c in calls if c.method == "sendMessage"]
    assert answer.text != t("pl", "tg.error")
    assert "Gotha" in answer.text
    with server.admin.connect() as connection:
        tokens = connection.scalar(
            text(f"SELECT tokens FROM {server.schema}.user_state WHERE person = :id"),
            {"id": f"telegram:{PL_USER['id']}"},
        )
    assert tokens == bot_settings.flood_messages - 1, "the message was counted"


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
