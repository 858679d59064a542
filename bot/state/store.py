"""Reading and writing per-person state; synchronous, run on the database executor.

Each database method is one unit of work in its own transaction, and returns plain values,
never rows. What several copies of the bot share lives in the database, so copies behind one
webhook address behave as one bot. A copy alone on its database keeps the state in memory
instead (:mod:`.memory`, :attr:`StateStore.memory`): it reads it when it takes charge
(:meth:`StateStore.take_charge`) and writes what changed behind the answers
(:meth:`StateStore.save_unsaved`), until a second copy appears (:meth:`StateStore.hand_over`).

The bot must answer while the database is away (see :mod:`.health`), so the methods the
handlers call never raise for an outage: a read falls back to "nothing chosen", flood control
lets messages through, and a write says that it was not saved. Other database errors are bugs
and are raised.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..intent import Turn
from .health import DatabaseHealth
from .memory import FloodLimit, PeopleMemory, PersonState, Verdict, flood_step
from .models import AnswerRow, UserRow, VoteRow
from .pseudonyms import Pseudonyms
from .upserts import insert_if_absent, upsert_all

__all__ = ["Admission", "FloodLimit", "StateStore", "Verdict", "VoteResult"]

# "expired": no such answer was logged (or it was purged); "refused": the answer was not given
# to this person, or is not one to vote on (help, a decline, "did you mean"); "failed": the
# database is away.
VoteResult = Literal["saved", "expired", "refused", "failed"]


@dataclass(frozen=True)
class Admission:
    """Whether to handle a person's update, the language they chose (None: not chosen), and
    their chat's last turn as stored (JSON; None: none)."""

    verdict: Verdict
    lang: str | None
    turn: str | None = None


class StateStore:
    """Per-person state in the database the registry uses, by channel-qualified id
    (``telegram:123``, ``web:<session id>``; see :mod:`bot.conversation.people`)."""

    def __init__(
        self,
        engine: Engine,
        flood: FloodLimit,
        *,
        pseudonyms: Pseudonyms,
        health: DatabaseHealth | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.flood = flood
        self.pseudonyms = pseudonyms
        self.health = health or DatabaseHealth()
        self.clock = clock
        self.memory = PeopleMemory(flood, keep=Turn.LIFETIME, clock=clock)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # Memory (see the module's docstring) ------------------------------------------------------

    def take_charge(self) -> int:
        """Read everyone whose state may still matter into :attr:`memory`, which answers from
        then on; how many people. Raises on an outage (the database then stays in charge)."""
        now = self.clock()
        recent = now - self.memory.keep
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(UserRow).where(
                    or_(
                        UserRow.lang.is_not(None),
                        UserRow.seen_at >= recent,
                        UserRow.muted_until > now,
                    )
                )
            ).all()
            people = [(row.person, _state(row)) for row in rows]
        self.memory.take_charge(people)
        return len(people)

    def save_unsaved(self) -> int:
        """Write what changed in :attr:`memory` since the last call, in one transaction; how
        many people. Raises on an outage; what was not written is written next time."""
        return self._save(self.memory.take_unsaved())

    def hand_over(self) -> int:
        """Another copy shares the database: write what is unsaved and answer from the
        database again; how many people were written. Raises on an outage, before handing
        over (the memory stays in charge, to try again later)."""
        written = self.save_unsaved()
        # What changed between the two writes is a message or two: written the same way.
        return written + self._save(self.memory.hand_over())

    def _save(self, people: dict[str, PersonState]) -> int:
        if not people:
            return 0
        try:
            with self._sessions.begin() as session:
                upsert_all(
                    session,
                    UserRow,
                    [{"person": person, **asdict(state)} for person, state in people.items()],
                )
        except Exception:
            self.memory.unsaved_again(people)
            raise
        return len(people)

    # The database (when shared) -------------------------------------------------------------

    def language(self, person: str) -> str | None:
        """The language the person chose; None when not chosen (or the database is away)."""

        def read() -> str | None:
            with self._sessions.begin() as session:
                row = session.get(UserRow, person)
                return row.lang if row else None

        return self.health.attempt("read a user's language", read, None)

    def set_language(self, person: str, lang: str | None) -> bool:
        """Store the person's language (None: follow each question's); False when the database
        is away."""

        def write() -> bool:
            with self._sessions.begin() as session:
                _user(session, person).lang = lang
            return True

        return self.health.attempt("store a user's language", write, False)

    def remember(self, person: str, turn: str | None) -> bool:
        """Store the chat's last turn (JSON; None forgets it); False when the database is away."""

        def write() -> bool:
            with self._sessions.begin() as session:
                _user(session, person).turn = turn
            return True

        return self.health.attempt("store a chat's last turn", write, False)

    def admit(self, person: str) -> Admission:
        """Count one incoming update against the person's flood allowance
        (:func:`~.memory.flood_step`). While the database is away every message is let
        through, in the language of the question."""
        return self.health.attempt(
            "apply flood control", lambda: self._admit(person), Admission("ok", None)
        )

    def _admit(self, person: str) -> Admission:
        now = self.clock()
        with self._sessions.begin() as session:
            row = _user(session, person)
            verdict, row.tokens, row.muted_until = flood_step(self.flood, _state(row), now)
            row.seen_at = now
            return Admission(verdict, row.lang, row.turn)

    def vote(
        self, answer_id: int, person: str, vote: int, *, votable: Callable[[AnswerRow], bool]
    ) -> VoteResult:
        """Store a 👍 (+1) or 👎 (-1) under the person's pseudonym; voting again replaces it.

        Only the person the answer was given to votes on it, and only when ``votable`` says the
        logged answer is one to vote on: answer numbers are sequential, so a forged button or
        request must not vote on other people's answers.
        """
        if vote not in (1, -1):
            raise ValueError(f"a vote is +1 or -1, not {vote!r}")
        voter = self.pseudonyms.of(person)

        def write() -> VoteResult:
            with self._sessions.begin() as session:
                # Locking the answer serialises votes on it, from any copy of the bot: a
                # double press stores one vote, not a duplicate key error.
                answer = session.get(AnswerRow, answer_id, with_for_update=True)
                if answer is None:
                    return "expired"
                if answer.asker != voter or not votable(answer):
                    return "refused"
                row = session.get(VoteRow, (answer_id, voter))
                if row is None:
                    row = VoteRow(answer_id=answer_id, voter=voter)
                    session.add(row)
                row.vote = vote
                row.voted_at = datetime.now(UTC)
                return "saved"

        return self.health.attempt("store a vote", write, "failed")

    def votes(self, answer_id: int) -> dict[str, int]:
        """Who voted how on one answer (pseudonym -> +1/-1)."""
        with self._sessions.begin() as session:
            rows = session.scalars(select(VoteRow).where(VoteRow.answer_id == answer_id))
            return {row.voter: row.vote for row in rows}


def _user(session: Session, person: str) -> UserRow:
    # FOR UPDATE on PostgreSQL serialises concurrent updates of one person; SQLite ignores it
    # and serialises writers anyway.
    row = session.get(UserRow, person, with_for_update=True)
    if row is None:
        # A new person: another copy may be inserting them at this moment, so insert only if
        # absent (waiting for that copy's transaction) and lock whichever row is there.
        insert_if_absent(session, UserRow, person=person)
        row = session.get(UserRow, person, with_for_update=True)
        assert row is not None, "inserted, or inserted by another copy, just now"
    return row


def _state(row: UserRow) -> PersonState:
    return PersonState(row.lang, row.tokens, row.seen_at, row.muted_until, row.turn)
