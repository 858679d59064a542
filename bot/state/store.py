"""Reading and writing per-user state; synchronous, so handlers call it via ``asyncio.to_thread``.

Every method is one unit of work in its own transaction, and returns plain values, never rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..answers import Answer
from .models import AnswerRow, UserRow, VoteRow

__all__ = ["Admission", "FloodLimit", "StateStore", "Verdict"]

Verdict = Literal["ok", "notify", "ignore"]


@dataclass(frozen=True)
class FloodLimit:
    """At most ``messages`` per ``window`` seconds; beyond that, silence for ``mute`` seconds."""

    messages: int
    window: float
    mute: float


@dataclass(frozen=True)
class Admission:
    """Whether to handle a user's message, and the language they chose (None: not chosen)."""

    verdict: Verdict
    lang: str | None


class StateStore:
    """Per-user state in the database the registry uses."""

    def __init__(
        self, engine: Engine, flood: FloodLimit, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.flood = flood
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def language(self, user_id: int) -> str | None:
        with self._sessions.begin() as session:
            row = session.get(UserRow, user_id)
            return row.lang if row else None

    def set_language(self, user_id: int, lang: str) -> None:
        with self._sessions.begin() as session:
            _user(session, user_id).lang = lang

    def admit(self, user_id: int) -> Admission:
        """Count one incoming message against the user's flood allowance.

        "notify" comes once, with the message that goes over the limit; further messages are
        "ignore" until the mute ends. The allowance refills steadily (a token bucket), so a
        person who writes at a normal pace never notices it.
        """
        limit = self.flood
        now = self.clock()
        with self._sessions.begin() as session:
            row = _user(session, user_id)
            tokens = float(limit.messages)
            if row.tokens is not None and row.seen_at is not None:
                refill = max(0.0, now - row.seen_at) * limit.messages / limit.window
                tokens = min(tokens, row.tokens + refill)
            row.seen_at = now
            verdict: Verdict
            if row.muted_until is not None and now < row.muted_until:
                verdict = "ignore"
            elif tokens >= 1:
                tokens -= 1
                row.muted_until = None
                verdict = "ok"
            else:
                row.muted_until = now + limit.mute
                verdict = "notify"
            row.tokens = tokens
            return Admission(verdict, row.lang)

    def record_answer(
        self, *, chat_id: int, user_id: int | None, question: str, answer: Answer
    ) -> int:
        """Log an answer the bot is about to send; returns the number its vote buttons carry."""
        with self._sessions.begin() as session:
            row = AnswerRow(
                chat_id=chat_id,
                user_id=user_id,
                question=question,
                lang=answer.lang,
                outcome=answer.outcome,
                entry=answer.entry,
                city=answer.city,
                country=answer.country,
                score=answer.score,
                asked_at=datetime.now(UTC),
            )
            session.add(row)
            session.flush()
            return row.id

    def vote(self, answer_id: int, user_id: int, vote: int) -> bool:
        """Store a 👍 (+1) or 👎 (-1); False when no such answer was logged."""
        if vote not in (1, -1):
            raise ValueError(f"a vote is +1 or -1, not {vote!r}")
        with self._sessions.begin() as session:
            if session.get(AnswerRow, answer_id) is None:
                return False
            row = session.get(VoteRow, (answer_id, user_id))
            if row is None:
                row = VoteRow(answer_id=answer_id, user_id=user_id)
                session.add(row)
            row.vote = vote
            row.voted_at = datetime.now(UTC)
            return True

    def votes(self, answer_id: int) -> dict[int, int]:
        """Who voted how on one answer (user id -> +1/-1)."""
        with self._sessions.begin() as session:
            rows = session.scalars(select(VoteRow).where(VoteRow.answer_id == answer_id))
            return {row.user_id: row.vote for row in rows}


def _user(session: Session, user_id: int) -> UserRow:
    # FOR UPDATE on PostgreSQL serialises concurrent updates of one user; SQLite ignores it and
    # serialises writers anyway.
    row = session.get(UserRow, user_id, with_for_update=True)
    if row is None:
        row = UserRow(user_id=user_id)
        session.add(row)
    return row
