"""The question log: pseudonyms, retention, and what happens while the database is away."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.assistant import Assistant
from bot.insights import QuestionLog, read_usage
from bot.state import (
    Admission,
    AnswerRow,
    DatabaseHealth,
    FloodLimit,
    MetaRow,
    Pseudonyms,
    StateStore,
    VoteRow,
    load_salt,
)
from tests.insights.logdata import NOW, seed_log

USER = "telegram:123456789"


class Outage:
    """Makes every statement on ``engine`` fail as a dropped connection does, while ``down``."""

    def __init__(self, engine: Engine) -> None:
        self.down = False
        event.listen(engine, "before_cursor_execute", self._check)

    def _check(self, *args: Any) -> None:
        if self.down:
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))


@pytest.fixture
def outage(engine: Engine) -> Outage:
    return Outage(engine)


@pytest.fixture
def health() -> DatabaseHealth:
    return DatabaseHealth(retry_after=0)


@pytest.fixture
def questions(engine: Engine, pseudonyms: Pseudonyms, health: DatabaseHealth) -> QuestionLog:
    return QuestionLog(engine, pseudonyms, health, now=lambda: NOW)


def _dump(engine: Engine) -> str:
    """Every value of the log and the votes, as text."""
    with engine.connect() as connection:
        rows = [
            *connection.execute(text("SELECT * FROM answer_log")),
            *connection.execute(text("SELECT * FROM answer_votes")),
        ]
    return " ".join(str(value) for row in rows for value in row)


def _questions(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(AnswerRow.question).order_by(AnswerRow.asked_at)))


# Pseudonyms ----------------------------------------------------------------------------------


def test_the_log_and_the_votes_know_people_only_by_pseudonym(
    engine: Engine, questions: QuestionLog, pseudonyms: Pseudonyms, assistant: Assistant
) -> None:
    answer = assistant.ask("Od kiedy Gotha jest miastem partnerskim?", "pl")
    answer_id = questions.record(person=USER, question="gotha od kiedy", answer=answer)
    assert answer_id is not None
    store = StateStore(engine, FloodLimit(20, 60, 60), pseudonyms=pseudonyms)
    assert store.vote(answer_id, USER, 1, votable=lambda row: True) == "saved"
    with Session(engine) as session:
        row = session.get_one(AnswerRow, answer_id)
        assert (row.asker, row.question, row.entry) == (
            pseudonyms.of(USER),
            "gotha od kiedy",
            "city-card",
        )
        assert session.scalars(select(VoteRow.voter)).all() == [pseudonyms.of(USER)]
    assert "123456789" not in _dump(engine)
    assert len(pseudonyms.of(USER)) == 64
    assert pseudonyms.of(USER) != Pseudonyms(b"another salt, other pseudonyms").of(USER)


def test_without_a_configured_salt_one_is_made_once_and_kept(engine: Engine) -> None:
    salt = load_salt(engine, None)
    assert len(salt) == 64
    assert load_salt(engine, None) == salt, "a restart keeps the pseudonyms"
    with Session(engine) as session:
        assert session.get_one(MetaRow, "analytics_salt").value.encode() == salt
    assert load_salt(engine, "configured-salt-0123456789") == b"configured-salt-0123456789"


# Retention -----------------------------------------------------------------------------------


def test_purge_deletes_rows_older_than_the_retention_with_their_votes(
    engine: Engine, questions: QuestionLog
) -> None:
    seed_log(
        engine,
        [
            (NOW - timedelta(days=181), "old", "answer", "partner-cities"),
            (NOW - timedelta(days=179), "recent", "answer", "partner-cities"),
            (NOW, "today", "decline", None),
        ],
        votes={0: [1, -1], 1: [1]},
    )
    assert questions.purge() == 1
    assert _questions(engine) == ["recent", "today"]
    with Session(engine) as session:
        assert len(session.scalars(select(VoteRow)).all()) == 1
    assert questions.purge() == 0

    questions.keep_days = 1
    assert questions.purge() == 1
    assert _questions(engine) == ["today"]


def test_rows_wait_while_the_database_is_away_and_are_written_once_it_is_back(
    engine: Engine,
    questions: QuestionLog,
    outage: Outage,
    assistant: Assistant,
) -> None:
    answer = assistant.ask("gotha", "pl")
    assert questions.record(person=USER, question="first", answer=answer) is not None
    outage.down = True
    for question in ("second", "third"):
        assert questions.record(person=USER, question=question, answer=answer) is None
    assert questions.pending == 2
    outage.down = False
    assert questions.record(person=USER, question="fourth", answer=answer) is not None
    assert questions.pending == 0
    assert sorted(_questions(engine)) == ["first", "fourth", "second", "third"]


def test_the_fault_is_logged_once_and_the_recovery_once(
    engine: Engine,
    questions: QuestionLog,
    outage: Outage,
    assistant: Assistant,
    caplog: pytest.LogCaptureFixture,
) -> None:
    answer = assistant.ask("gotha", "pl")
    outage.down = True
    for _ in range(5):
        questions.record(person=USER, question="while away", answer=answer)
    outage.down = False
    questions.record(person=USER, question="back", answer=answer)
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.state.health"]
    assert len(lines) == 2
    assert lines[0].startswith("database unavailable (while trying to write the question log)")
    assert "server closed the connection" in lines[0]
    assert lines[1].startswith("database available again")


def test_rows_beyond_the_queue_are_counted_and_the_count_is_kept(
    engine: Engine,
    questions: QuestionLog,
    outage: Outage,
    assistant: Assistant,
    caplog: pytest.LogCaptureFixture,
) -> None:
    answer = assistant.ask("gotha", "pl")
    questions.queue_limit = 2
    outage.down = True
    for n in range(5):
        questions.record(person=USER, question=f"q{n}", answer=answer)
    assert (questions.pending, questions.dropped, questions.unsaved_drops) == (2, 3, 3)
    assert questions.flush() == 0, "still away: the rows stay queued"
    assert (questions.pending, questions.unsaved_drops) == (2, 3)
    outage.down = False
    assert questions.flush() == 2
    assert (questions.pending, questions.unsaved_drops) == (0, 0)
    assert sorted(_questions(engine)) == ["q0", "q1"]
    assert read_usage(engine, days=1, today=NOW.date()).dropped == 3
    full = [r for r in caplog.records if "counted as dropped" in r.getMessage()]
    assert len(full) == 1


def test_per_user_state_falls_back_while_the_database_is_away(
    engine: Engine,
    pseudonyms: Pseudonyms,
    health: DatabaseHealth,
    outage: Outage,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = StateStore(engine, FloodLimit(1, 60, 60), pseudonyms=pseudonyms, health=health)
    assert store.set_language(USER, "en")
    outage.down = True
    assert store.admit(USER).verdict == "ok"
    assert store.admit(USER).verdict == "ok", "flood control is off while the database is"
    assert store.language(USER) is None
    assert not store.set_language(USER, "pl")
    assert store.vote(1, USER, 1, votable=lambda row: True) == "failed"
    outage.down = False
    assert store.admit(USER) == Admission("ok", "en")
    faults = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(faults) == 1


def test_while_away_the_database_is_tried_only_every_few_seconds() -> None:
    now = [100.0]
    health = DatabaseHealth(retry_after=5, clock=lambda: now[0])
    tries: list[int] = []

    def fail() -> int:
        tries.append(1)
        raise OperationalError("SELECT 1", {}, Exception("refused"))

    assert health.attempt("work", fail, -1) == -1
    assert health.attempt("work", fail, -1) == -1
    assert len(tries) == 1, "the second message did not wait for a database that is away"
    now[0] += 5
    assert health.attempt("work", lambda: 7, -1) == 7
    assert health.up
    assert health.faults == 1


def test_errors_that_are_not_outages_are_raised(health: DatabaseHealth) -> None:
    with pytest.raises(ZeroDivisionError):
        health.attempt("work", lambda: 1 // 0, None)
    assert health.up
