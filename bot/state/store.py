"""Reading and writing per-user state; the database methods are synchronous, so handlers run them
on the database executor (:mod:`.executor`).

Every database method is one unit of work in its own transaction, and returns plain values,
never rows. Everything lives in the database, so several copies of the bot behind one webhook
address behave as one bot.

Flood control runs on every message, so it runs in memory (:meth:`StateStore.admit_from_memory`)
and the database hears of it lazily: :meth:`StateStore.sync`, every second, merges the messages
this copy counted into the database's buckets (adding them to what the other copies counted)
and reads back the buckets of the users this copy has seen lately. The languages people chose
are read once at start and again every ``refresh`` seconds (a choice made through this copy
counts at once). So copies agree within about a second on flood control, and within
``refresh`` seconds on a language chosen through another copy; a person writing to two copies
at once may get about a second's worth of messages more through, never fewer.

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

from .executor import BACKGROUND_WAIT, DatabaseExecutor
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
    """A user's flood bucket as this copy knows it."""

    tokens: float | None  # None: full (never used)
    seen_at: float | None
    muted_until: float | None
    consumed: int = 0  # messages admitted here since the last sync, not yet in the database
    dirty: bool = False  # counted or muted here since the last sync


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
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._buckets: dict[int, _Bucket] = {}
        # The languages people chose (only they have one); None until first read.
        self._chosen: dict[int, str] | None = None
        self._chosen_here: dict[int, float] = {}  # chosen through this copy, and when
        self._languages_read_at = float("-inf")

    def admit_from_memory(self, user_id: int) -> Admission | None:
        """:meth:`admit` without the database; None before the chosen languages were first
        read (:meth:`sync`), when only :meth:`admit` knows a user's language."""
        now = self.clock()
        with self._lock:
            if self._chosen is None:
                return None
            bucket = self._buckets.get(user_id)
            if bucket is None:
                bucket = self._buckets[user_id] = _Bucket(None, None, None)
            tokens, muted_until, verdict = _step(
                self.flood, now, bucket.tokens, bucket.seen_at, bucket.muted_until
            )
            bucket.consumed += verdict == "ok"
            bucket.dirty = bucket.dirty or verdict != "ignore"
            bucket.tokens, bucket.seen_at, bucket.muted_until = tokens, now, muted_until
            return Admission(verdict, self._chosen.get(user_id))

    @property
    def unsynced(self) -> bool:
        """Some messages counted in memory are not yet in the database."""
        with self._lock:
            return any(bucket.dirty for bucket in self._buckets.values())

    def sync(self) -> int:
        """Merge what flood control counted in memory into the database, and read back what
        the other copies counted, in one transaction; every ``refresh`` seconds, read the
        chosen languages again. Returns how many users were merged. Raises on an outage (the
        counts then wait in memory)."""
        # One merge at a time: two would both add the same counts.
        with self._sync_lock:
            return self._sync()

    def _sync(self) -> int:
        now = self.clock()
        limit = self.flood
        with self._lock:
            # Users not seen for a window are forgotten: their buckets are full again anyway.
            for uid in [u for u, b in self._buckets.items() if _idle(b, now, limit)]:
                del self._buckets[uid]
            pending = {u: (b.consumed, b.muted_until) for u, b in self._buckets.items() if b.dirty}
            others = [u for u in self._buckets if u not in pending]
        merged: dict[int, _Bucket] = {}
        with self._sessions.begin() as session:
            rows = _locked_users(session, sorted(pending))
            for user_id in sorted(pending):
                consumed, mine = pending[user_id]
                row = rows[user_id]
                row.tokens = max(0.0, _refilled(limit, now, row.tokens, row.seen_at) - consumed)
                row.seen_at = now
                if mine is not None and (row.muted_until is None or mine > row.muted_until):
                    row.muted_until = mine
                merged[user_id] = _Bucket(row.tokens, now, row.muted_until)
            for row in session.scalars(select(UserRow).where(UserRow.user_id.in_(others))):
                if row.seen_at is not None:
                    merged[row.user_id] = _Bucket(row.tokens, row.seen_at, row.muted_until)
        with self._lock:
            for user_id, bucket in merged.items():
                current = self._buckets.get(user_id)
                if current is None:
                    continue
                done = pending.get(user_id, (0, None))[0]
                if current.consumed > done or (current.dirty and user_id not in pending):
                    # Counted here while the transaction ran: still to be written, next time.
                    bucket.consumed = current.consumed - done
                    bucket.tokens = max(0.0, (bucket.tokens or 0.0) - bucket.consumed)
                    bucket.seen_at, bucket.dirty = current.seen_at, True
                    bucket.muted_until = current.muted_until or bucket.muted_until
                elif (current.seen_at or 0.0) > (bucket.seen_at or 0.0) and not current.dirty:
                    continue  # this copy's view is newer (ignored messages only)
                self._buckets[user_id] = bucket
        if now - self._languages_read_at >= self.refresh:
            self._read_languages(now)
        return len(pending)

    def _read_languages(self, now: float) -> None:
        with self._sessions.begin() as session:
            rows = session.execute(
                select(UserRow.user_id, UserRow.lang).where(UserRow.lang.is_not(None))
            )
            chosen = {user_id: lang for user_id, lang in rows if lang}
        with self._lock:
            # A choice made here while the read ran is newer than what the read saw.
            for user_id, at in self._chosen_here.items():
                if at >= now and self._chosen is not None and user_id in self._chosen:
                    chosen[user_id] = self._chosen[user_id]
            self._chosen_here = {u: at for u, at in self._chosen_here.items() if at >= now}
            self._chosen, self._languages_read_at = chosen, now

    def language(self, user_id: int) -> str | None:
        """The language the user chose; None when not chosen (or the database is away)."""
        with self._lock:
            if self._chosen is not None:
                return self._chosen.get(user_id)

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
                if self._chosen is not None:
                    self._chosen[user_id] = lang
                    self._chosen_here[user_id] = self.clock()
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
            return Admission(verdict, row.lang)

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
    return not bucket.dirty and not muted and now - (bucket.seen_at or 0.0) > limit.window


def _locked_users(session: Session, user_ids: list[int]) -> dict[int, UserRow]:
    """The rows of ``user_ids`` (sorted: every copy locks in one order, so none deadlock),
    locked, created where missing (by an insert that cannot race another copy's)."""
    query = select(UserRow).where(UserRow.user_id.in_(user_ids)).with_for_update()
    rows = {row.user_id: row for row in session.scalars(query)}
    missing = [user_id for user_id in user_ids if user_id not in rows]
    for user_id in missing:
        insert_if_absent(session, UserRow, user_id=user_id)
    if missing:
        query = select(UserRow).where(UserRow.user_id.in_(missing)).with_for_update()
        rows |= {row.user_id: row for row in session.scalars(query)}
    return rows


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
                await database.run(
                    "write flood control's counts", store.sync, 0, wait=BACKGROUND_WAIT
                )
            except Exception:
                log.exception("flood control: writing the counts failed; trying again later")
