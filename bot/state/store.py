"""Reading and writing per-user state; the database methods are synchronous, so handlers run them
on the database executor (:mod:`.executor`).

Every database method is one unit of work in its own transaction, and returns plain values,
never rows. Everything lives in the database, so several copies of the bot behind one webhook
address behave as one bot.

Flood control runs on every message, so its buckets are kept in memory and written lazily
(:meth:`StateStore.admit_from_memory`, :meth:`StateStore.sync`): a user seen in the last
``refresh`` seconds is admitted without the database, and what this copy counted is merged into
the database's bucket every ``sync_every`` seconds, by adding this copy's messages to those the
other copies counted. Copies therefore agree within about a second: a person writing to two
copies at once may get that many seconds' worth of messages more through, never fewer. A
language chosen through another copy is seen within ``refresh`` seconds.

The bot must answer while the database is away (see :mod:`.health`), so the methods the
handlers call never raise for an outage: a read falls back to "nothing chosen", flood control
lets messages through, and a write says that it was not saved. Other database errors are bugs
and are raised.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .executor import DatabaseExecutor
from .health import DatabaseHealth
from .models import AnswerRow, UserRow, VoteRow
from .pseudonyms import Pseudonyms
from .upserts import insert_if_absent

__all__ = ["Admission", "FloodLimit", "StateStore", "Verdict", "VoteResult", "sync_forever"]

log = logging.getLogger(__name__)

Verdict = Literal["ok", "notify", "ignore"]
# "expired": no such answer was logged (or it was purged); "failed": the database is away.
VoteResult = Literal["saved", "expired", "failed"]


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


@dataclass
class _Bucket:
    """A user's flood bucket and language as this copy knows them."""

    lang: str | None
    tokens: float
    seen_at: float
    muted_until: float | None
    loaded_at: float  # when last read from (or merged into) the database
    consumed: int = 0  # messages admitted here since then, not yet in the database
    dirty: bool = False  # counted or muted here since then


class StateStore:
    """Per-user state in the database the registry uses."""

    def __init__(
        self,
        engine: Engine,
        flood: FloodLimit,
        *,
        pseudonyms: Pseudonyms,
        health: DatabaseHealth | None = None,
        clock: Callable[[], float] = time.time,
        refresh: float = 5.0,
    ) -> None:
        self.engine = engine
        self.flood = flood
        self.pseudonyms = pseudonyms
        self.health = health or DatabaseHealth()
        self.clock = clock
        self.refresh = refresh
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._buckets: dict[int, _Bucket] = {}
        self._lock = threading.Lock()

    def admit_from_memory(self, user_id: int) -> Admission | None:
        """:meth:`admit` without the database, for a user this copy knows well enough: seen in
        the last ``refresh`` seconds, or with messages not yet written. None otherwise."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(user_id)
            if bucket is None or (not bucket.dirty and now - bucket.loaded_at > self.refresh):
                return None
            tokens, muted_until, verdict = _step(
                self.flood, now, bucket.tokens, bucket.seen_at, bucket.muted_until
            )
            bucket.consumed += verdict == "ok"
            bucket.dirty = bucket.dirty or verdict != "ignore"
            bucket.tokens, bucket.seen_at, bucket.muted_until = tokens, now, muted_until
            return Admission(verdict, bucket.lang)

    @property
    def unsynced(self) -> bool:
        """Some messages counted in memory are not yet in the database."""
        with self._lock:
            return any(bucket.dirty for bucket in self._buckets.values())

    def sync(self) -> int:
        """Merge the messages counted in memory into the database's buckets, in one
        transaction; how many users. Raises on an outage (the counts then wait)."""
        now = self.clock()
        with self._lock:
            pending = {uid: b.consumed for uid, b in self._buckets.items() if b.dirty}
            mutes = {uid: self._buckets[uid].muted_until for uid in pending}
            # Forget users not seen for a window: their buckets are full again anyway.
            for uid in [u for u, b in self._buckets.items() if _idle(b, now, self.flood)]:
                del self._buckets[uid]
        if not pending:
            return 0
        limit = self.flood
        merged: dict[int, _Bucket] = {}
        with self._sessions.begin() as session:
            for user_id in sorted(pending):  # one order for every copy: no deadlocks
                row = _user(session, user_id)
                tokens = _refilled(limit, now, row.tokens, row.seen_at)
                row.tokens = max(0.0, tokens - pending[user_id])
                row.seen_at = now
                mine = mutes[user_id]
                if mine is not None and (row.muted_until is None or mine > row.muted_until):
                    row.muted_until = mine
                merged[user_id] = _Bucket(row.lang, row.tokens, now, row.muted_until, now)
        with self._lock:
            for user_id, bucket in merged.items():
                current = self._buckets.get(user_id)
                if current is not None and current.seen_at > now:
                    # Messages counted while the transaction ran stay counted, for next time.
                    bucket.consumed = current.consumed - pending[user_id]
                    bucket.tokens = max(0.0, bucket.tokens - bucket.consumed)
                    bucket.seen_at, bucket.dirty = current.seen_at, True
                    if current.muted_until is not None:
                        bucket.muted_until = max(current.muted_until, bucket.muted_until or 0.0)
                self._buckets[user_id] = bucket
        return len(merged)

    def language(self, user_id: int) -> str | None:
        """The language the user chose; None when not chosen (or the database is away)."""
        with self._lock:
            bucket = self._buckets.get(user_id)
            if bucket is not None and self.clock() - bucket.loaded_at <= self.refresh:
                return bucket.lang

        def read() -> str | None:
            with self._sessions.begin() as session:
                row = session.get(UserRow, user_id)
                return row.lang if row else None

        return self.health.attempt("read a user's language", read, None)

    def set_language(self, user_id: int, lang: str) -> bool:
        """Store the user's language; False when the database is away."""

        def write() -> bool:
            with self._sessions.begin() as session:
                _user(session, user_id).lang = lang
            with self._lock:
                bucket = self._buckets.get(user_id)
                if bucket is not None:
                    bucket.lang = lang
            return True

        return self.health.attempt("store a user's language", write, False)

    def admit(self, user_id: int) -> Admission:
        """Count one incoming message against the user's flood allowance.

        "notify" comes once, with the message that goes over the limit; further messages are
        "ignore" until the mute ends. The allowance refills steadily (a token bucket), so a
        person who writes at a normal pace never notices it. While the database is away every
        message is let through, in the language of the user's Telegram.
        """
        return self.health.attempt(
            "apply flood control", lambda: self._admit(user_id), Admission("ok", None)
        )

    def _admit(self, user_id: int) -> Admission:
        now = self.clock()
        with self._sessions.begin() as session:
            row = _user(session, user_id)
            tokens, muted_until, verdict = _step(
                self.flood, now, row.tokens, row.seen_at, row.muted_until
            )
            row.tokens, row.seen_at, row.muted_until = tokens, now, muted_until
            lang = row.lang
        with self._lock:
            current = self._buckets.get(user_id)
            if current is None or not current.dirty:
                self._buckets[user_id] = _Bucket(lang, tokens, now, muted_until, now)
        return Admission(verdict, lang)

    def vote(self, answer_id: int, user_id: int, vote: int) -> VoteResult:
        """Store a 👍 (+1) or 👎 (-1) under the user's pseudonym; voting again replaces it."""
        if vote not in (1, -1):
            raise ValueError(f"a vote is +1 or -1, not {vote!r}")
        voter = self.pseudonyms.of(user_id)

        def write() -> VoteResult:
            with self._sessions.begin() as session:
                # Locking the answer serialises votes on it, from any copy of the bot: a
                # double press stores one vote, not a duplicate key error.
                if session.get(AnswerRow, answer_id, with_for_update=True) is None:
                    return "expired"
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


def _refilled(limit: FloodLimit, now: float, tokens: float | None, seen_at: float | None) -> float:
    """The tokens a bucket holds at ``now`` (full when never used)."""
    if tokens is None or seen_at is None:
        return float(limit.messages)
    refill = max(0.0, now - seen_at) * limit.messages / limit.window
    return min(float(limit.messages), tokens + refill)


def _step(
    limit: FloodLimit,
    now: float,
    tokens: float | None,
    seen_at: float | None,
    muted_until: float | None,
) -> tuple[float, float | None, Verdict]:
    """One message against a token bucket: the bucket after it, and the verdict."""
    left = _refilled(limit, now, tokens, seen_at)
    if muted_until is not None and now < muted_until:
        return left, muted_until, "ignore"
    if left >= 1:
        return left - 1, None, "ok"
    return left, now + limit.mute, "notify"


def _idle(bucket: _Bucket, now: float, limit: FloodLimit) -> bool:
    """Not seen for a whole window, nothing unsaved, not muted: nothing worth remembering."""
    muted = bucket.muted_until is not None and now < bucket.muted_until
    return not bucket.dirty and not muted and now - bucket.seen_at > limit.window


def _user(session: Session, user_id: int) -> UserRow:
    # FOR UPDATE on PostgreSQL serialises concurrent updates of one user; SQLite ignores it and
    # serialises writers anyway.
    row = session.get(UserRow, user_id, with_for_update=True)
    if row is None:
        # A new user: another copy may be inserting them at this moment, so insert only if
        # absent (waiting for that copy's transaction) and lock whichever row is there.
        insert_if_absent(session, UserRow, user_id=user_id)
        row = session.get(UserRow, user_id, with_for_update=True)
        assert row is not None, "inserted, or inserted by another copy, just now"
    return row


async def sync_forever(store: StateStore, database: DatabaseExecutor, every: float = 1.0) -> None:
    """Forever: every ``every`` seconds, merge what flood control counted in memory into the
    database (skipped while it is away: the counts wait in memory)."""
    while True:
        await asyncio.sleep(every)
        if store.unsynced:
            try:
                await database.run("write flood control's counts", store.sync, 0)
            except Exception:
                log.exception("flood control: writing the counts failed; trying again later")
