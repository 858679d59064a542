"""A copy alone on its database answers from memory and writes behind its answers; a second
copy makes both keep the state in the database again. On SQLite and, with TEST_DATABASE_URL,
on PostgreSQL."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.assistant import Assistant
from bot.config import Settings
from bot.conversation import ConversationParts, open_conversation
from bot.conversation.parts import close_conversation
from bot.conversation.upkeep import keep_up, upkeep_round
from bot.registry import RegistryDatabase
from bot.state import AnswerRow, UserRow
from tests.insights.logdata import seed_log

PERSON = "web:a-session-of-the-tests"
GOTHA = "Od kiedy Gotha jest miastem partnerskim?"


class Statements:
    """Counts the statements sent to ``engine``; fails them as a dropped connection while
    ``down``."""

    def __init__(self, engine: Engine) -> None:
        self.sent = 0
        self.down = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *args: Any) -> None:
        self.sent += 1
        if self.down:
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))


@pytest.fixture
def flood_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, flood_messages=3, flood_window=3600.0, flood_mute=60.0)


@pytest.fixture
async def parts(
    flood_settings: Settings, assistant: Assistant, migrated_registry: RegistryDatabase
) -> AsyncIterator[ConversationParts]:
    parts = await open_conversation(flood_settings, assistant, migrated_registry)
    yield parts
    await close_conversation(parts)


async def _round(parts: ConversationParts) -> None:
    await parts.database.background(lambda: upkeep_round(parts))


def _rows(engine: Engine) -> list[AnswerRow]:
    with Session(engine) as session:
        return list(session.scalars(select(AnswerRow).order_by(AnswerRow.id)))


def _person(engine: Engine, person: str = PERSON) -> UserRow | None:
    with Session(engine) as session:
        return session.get(UserRow, person)


async def test_a_copy_alone_answers_without_a_database_statement(
    parts: ConversationParts, migrated_registry: RegistryDatabase
) -> None:
    assert parts.store.memory.in_charge
    assert parts.questions.behind
    statements = Statements(migrated_registry.engine)
    conversation = parts.conversation
    admission = await conversation.admit(PERSON)
    reply = await conversation.ask(PERSON, GOTHA, hint="pl", admission=admission)
    follow_up = await conversation.admit(PERSON)
    assert "1997" in reply.answer.summary
    assert reply.votable
    assert follow_up.turn is not None
    assert follow_up.turn.entry == reply.answer.entry
    assert statements.sent == 0, "flood control, the log and the last turn all in memory"
    assert _rows(migrated_registry.engine) == []
    assert _person(migrated_registry.engine) is None

    await _round(parts)
    (row,) = _rows(migrated_registry.engine)
    assert (row.id, row.question, row.channel) == (reply.answer_id, GOTHA, "web")
    stored = _person(migrated_registry.engine)
    assert stored is not None
    assert stored.turn is not None
    assert stored.tokens == pytest.approx(1.0, abs=0.01), "two of three messages used"


async def test_a_vote_right_after_the_answer_finds_the_answer_written(
    parts: ConversationParts,
) -> None:
    conversation = parts.conversation
    reply = await conversation.ask(
        PERSON, GOTHA, hint="pl", admission=await conversation.admit(PERSON)
    )
    assert reply.answer_id is not None
    assert await conversation.vote(PERSON, reply.answer_id, 1) == "saved"
    assert await conversation.vote("web:someone-else", reply.answer_id, 1) == "refused"


async def test_answer_numbers_never_repeat_across_copies_and_restarts(
    flood_settings: Settings, assistant: Assistant, migrated_registry: RegistryDatabase
) -> None:
    seed_log(
        migrated_registry.engine, [(datetime.now(UTC), "logged before numbers", "answer", None)]
    )
    taken: list[int | None] = []
    for _ in range(2):  # a restart, and a copy beside it
        a = await open_conversation(flood_settings, assistant, migrated_registry)
        b = await open_conversation(flood_settings, assistant, migrated_registry)
        for parts in (a, b, a):
            conversation = parts.conversation
            reply = await conversation.ask(
                PERSON, GOTHA, hint="pl", admission=await conversation.admit(PERSON)
            )
            taken.append(reply.answer_id)
        await close_conversation(a)
        await close_conversation(b)
    assert None not in taken
    assert len(set(taken)) == len(taken) == 6
    assert len(_rows(migrated_registry.engine)) == 7


async def test_a_second_copy_makes_both_keep_the_state_in_the_database(
    parts: ConversationParts,
    flood_settings: Settings,
    assistant: Assistant,
    migrated_registry: RegistryDatabase,
) -> None:
    a = parts
    await a.conversation.admit(PERSON)  # in a's memory only
    assert await a.conversation.set_language(PERSON, "en")
    b = await open_conversation(flood_settings, assistant, migrated_registry)
    try:
        assert not b.store.memory.in_charge, "b counted a on its first heartbeat"
        await _round(a)
        assert not a.store.memory.in_charge
        assert not a.questions.behind
        admitted = await b.conversation.admit(PERSON)
        assert (admitted.verdict, admitted.chosen) == ("ok", "en"), "a wrote what it kept"
        # The flood allowance (3) is shared now: two messages so far, a third through a uses
        # it up, and a fourth through b is one too many.
        assert (await a.conversation.admit(PERSON)).verdict == "ok"
        assert (await b.conversation.admit(PERSON)).verdict == "notify"
    finally:
        await close_conversation(b)
    await _round(a)
    assert a.store.memory.in_charge, "alone again once b has left"


async def test_a_copy_taking_charge_reads_who_chose_a_language_and_who_is_muted(
    flood_settings: Settings, assistant: Assistant, migrated_registry: RegistryDatabase
) -> None:
    first = await open_conversation(flood_settings, assistant, migrated_registry)
    assert await first.conversation.set_language("web:chose-english", "en")
    for _ in range(4):
        await first.conversation.admit(PERSON)
    await close_conversation(first)

    again = await open_conversation(flood_settings, assistant, migrated_registry)
    try:
        statements = Statements(migrated_registry.engine)
        assert (await again.conversation.admit("web:chose-english")).chosen == "en"
        assert (await again.conversation.admit(PERSON)).verdict == "ignore", "still muted"
        assert statements.sent == 0
    finally:
        await close_conversation(again)


async def test_while_the_database_is_away_flood_control_holds_and_rows_wait(
    parts: ConversationParts, migrated_registry: RegistryDatabase
) -> None:
    statements = Statements(migrated_registry.engine)
    statements.down = True
    parts.health.retry_after = 0
    conversation = parts.conversation
    verdicts = []
    for _ in range(4):
        admission = await conversation.admit(PERSON)
        verdicts.append(admission.verdict)
        if admission.admitted:
            await conversation.ask(PERSON, GOTHA, hint="pl", admission=admission)
    assert verdicts == ["ok", "ok", "ok", "notify"]
    await _round(parts)
    assert parts.questions.pending == 3
    assert not parts.health.up
    statements.down = False
    await _round(parts)
    assert parts.questions.pending == 0
    assert parts.health.up
    assert len(_rows(migrated_registry.engine)) == 3
    assert parts.store.memory.unsaved == 0


async def test_stopping_writes_what_is_unsaved(
    flood_settings: Settings, assistant: Assistant, migrated_registry: RegistryDatabase
) -> None:
    parts = await open_conversation(flood_settings, assistant, migrated_registry)
    conversation = parts.conversation
    await conversation.ask(PERSON, GOTHA, hint="pl", admission=await conversation.admit(PERSON))
    await close_conversation(parts)
    assert len(_rows(migrated_registry.engine)) == 1
    stored = _person(migrated_registry.engine)
    assert stored is not None
    assert stored.turn is not None


async def test_keeping_up_writes_behind_and_purges_every_period(
    parts: ConversationParts, migrated_registry: RegistryDatabase
) -> None:
    conversation = parts.conversation
    await conversation.ask(PERSON, GOTHA, hint="pl", admission=await conversation.admit(PERSON))
    old = datetime.now(UTC) - timedelta(days=parts.questions.keep_days + 1)
    seed_log(migrated_registry.engine, [(old, "old", "answer", None)])
    task = asyncio.create_task(keep_up(parts, every=0.01, purge_every=0.05))
    try:
        await _until(lambda: [r.question for r in _rows(migrated_registry.engine)] == [GOTHA])
        seed_log(migrated_registry.engine, [(old, "older", "answer", None)])
        await _until(lambda: [r.question for r in _rows(migrated_registry.engine)] == [GOTHA])
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def _until(condition: Any, within: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await asyncio.to_thread(condition):
        assert loop.time() < deadline, "the upkeep did not happen"
        await asyncio.sleep(0.01)
