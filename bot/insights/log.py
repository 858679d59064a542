"""The question log: every answer the bot sends, without personal data, kept for a while.

A row holds the question as typed, the channel it came from, the outcome (answer, suggest,
decline), the entry, city or country answered, the score, when, and the asker's pseudonym
(:mod:`bot.state.pseudonyms`), never a Telegram id, web session, name or chat. Rows older
than ``QUESTION_LOG_DAYS`` are purged, with their votes, at start-up and once a day
(:func:`keep_house`).

Writing a row never holds up an answer for more than the database wait (``DATABASE_WAIT``,
:mod:`bot.state.executor`). While the database is away, rows wait in a small queue in memory
and are written when it is back (by the next question, or by :func:`keep_house` within
seconds); when the queue is full, further rows are only counted. The count is logged and kept
in the database, where ``/stats`` shows it.

Text the database cannot store (U+0000, which PostgreSQL refuses in text; a lone surrogate,
which no UTF-8 encoder takes) is replaced before it is stored. A row the database still
refuses is one row lost, counted as dropped with one log line; the rest of its batch is written.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..answers import Answer
from ..state import (
    AnswerRow,
    DatabaseExecutor,
    DatabaseHealth,
    DatabaseTimeout,
    MetaRow,
    Pseudonyms,
    VoteRow,
    is_outage,
)
from ..state.upserts import insert_if_absent

__all__ = ["DROPPED_KEY", "LoggedQuestion", "QuestionLog", "keep_house"]

log = logging.getLogger(__name__)

DROPPED_KEY = "dropped_questions"
# A question longer than this is not a question; the matcher reads no further either.
MAX_QUESTION = 1000
# Characters no database column takes: NUL (PostgreSQL) and lone surrogates (any UTF-8 codec).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with what a database refuses replaced by U+FFFD (shown as "�")."""
    return _UNSTORABLE.sub("\ufffd", text)


@dataclass(frozen=True)
class LoggedQuestion:
    """One row of the log, ready to be written (now or once the database is back)."""

    asker: str | None
    channel: str | None
    question: str
    lang: str
    outcome: str
    entry: str | None
    city: str | None
    country: str | None
    score: int
    asked_at: datetime


class QuestionLog:
    """Writes the question log; safe to share between threads."""

    def __init__(
        self,
        engine: Engine,
        pseudonyms: Pseudonyms,
        health: DatabaseHealth,
        *,
        keep_days: int = 180,
        queue_limit: int = 1000,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.pseudonyms = pseudonyms
        self.health = health
        self.keep_days = keep_days
        self.queue_limit = queue_limit
        self.now = now
        self.dropped = 0  # rows this copy of the bot could neither write nor queue
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._lock = threading.Lock()
        self._queue: list[LoggedQuestion] = []
        self._unsaved_drops = 0  # dropped rows not yet added to the database's count
        self._full_reported = False

    @property
    def pending(self) -> int:
        """Rows waiting for the database."""
        return len(self._queue)

    @property
    def unsaved_drops(self) -> int:
        """Rows dropped and not yet added to the database's count."""
        return self._unsaved_drops

    @property
    def unsaved(self) -> bool:
        """Something waits for the database: queued rows or the count of dropped ones."""
        return bool(self._queue or self._unsaved_drops)

    def record(
        self, *, person: str | None, question: str, answer: Answer, channel: str | None = None
    ) -> int | None:
        """Log an answer the bot is about to send; returns the number its vote buttons carry.

        ``person`` is the asker's channel-qualified id (None: nobody in particular, as for an
        inline query); ``channel`` defaults to the one it names. None when the database is
        away: the row is queued (or counted as dropped), and the answer goes out without vote
        buttons.
        """
        return self.write(
            self.item(person=person, question=question, answer=answer, channel=channel)
        )

    async def log(
        self,
        database: DatabaseExecutor,
        *,
        person: str | None,
        question: str,
        answer: Answer,
        channel: str | None = None,
    ) -> int | None:
        """:meth:`record` on the database's threads, waiting at most the database wait.

        Past the wait the answer goes out without vote buttons; the write goes on in its thread
        and writes the row or queues it, so the row is neither lost nor written twice.
        """
        item = self.item(person=person, question=question, answer=answer, channel=channel)
        if not self.health.usable():
            self._enqueue(item)
            return None
        try:
            return await database.call(lambda: self.write(item))
        except DatabaseTimeout as exc:
            self.health.failed("write the question log", exc)
            return None

    def item(
        self, *, person: str | None, question: str, answer: Answer, channel: str | None = None
    ) -> LoggedQuestion:
        """The row to log for ``answer`` to ``question``, its text made storable; ``channel``
        defaults to the one ``person`` names."""
        if channel is None and person is not None:
            channel = person.partition(":")[0]
        return LoggedQuestion(
            asker=self.pseudonyms.of(person) if person is not None else None,
            channel=channel,
            question=storable(question[:MAX_QUESTION]),
            lang=answer.lang,
            outcome=answer.outcome,
            entry=answer.entry,
            city=answer.city,
            country=answer.country,
            score=answer.score,
            asked_at=self.now(),
        )

    def write(self, item: LoggedQuestion) -> int | None:
        """Write one row now; None when it was queued (the database is away) or refused."""

        def write() -> int | None:
            with self._sessions.begin() as session:
                row = AnswerRow(**asdict(item))
                session.add(row)
                session.flush()
                return row.id

        try:
            answer_id = self.health.attempt("write the question log", write, None)
        except DBAPIError as exc:
            # Refused (not an outage): this row only. The answer still goes out.
            self._refused(exc)
            return None
        if answer_id is None:
            self._enqueue(item)
        elif self.unsaved:
            self.flush()
        return answer_id

    def flush(self) -> int:
        """Write the queued rows and the count of dropped ones; returns the rows written."""
        with self._lock:
            batch, self._queue = self._queue, []
            drops, self._unsaved_drops = self._unsaved_drops, 0
        if not batch and not drops:
            return 0

        refused, total = 0, len(batch)

        def write() -> bool:
            nonlocal refused
            try:
                with self._sessions.begin() as session:
                    session.add_all(AnswerRow(**asdict(item)) for item in batch)
                    _count_dropped(session, drops)
                return True
            except DBAPIError as exc:
                if is_outage(exc):
                    raise
            # A row the database refuses: write the others one by one, count it as dropped.
            # Each row written leaves the batch, so that an outage meanwhile requeues only the
            # rows not yet written.
            for item in list(batch):
                refused += not self._written_alone(item)
                batch.remove(item)
            with self._sessions.begin() as session:
                _count_dropped(session, drops + refused)
            return True

        written = self.health.attempt("write the queued question log", write, False)
        if written:
            with self._lock:
                self._full_reported = False
                self.dropped += refused
            log.log(
                logging.WARNING if drops else logging.INFO,
                "question log: wrote %d queued rows; %d rows were dropped while the database "
                "was away",
                total - refused,
                drops,
            )
            return total - refused
        with self._lock:
            self._queue[:0] = batch
            overflow = len(self._queue) - self.queue_limit
            if overflow > 0:
                del self._queue[-overflow:]
                self.dropped += overflow
                drops += overflow
            self._unsaved_drops += drops
        return 0

    def purge(self) -> int | None:
        """Delete rows (and their votes) older than ``keep_days``; None when the database is away."""
        cutoff = self.now() - timedelta(days=self.keep_days)

        def work() -> int:
            with self._sessions.begin() as session:
                old = select(AnswerRow.id).where(AnswerRow.asked_at < cutoff)
                session.execute(delete(VoteRow).where(VoteRow.answer_id.in_(old)))
                result = session.execute(delete(AnswerRow).where(AnswerRow.asked_at < cutoff))
                return cast(CursorResult[Any], result).rowcount

        purged = self.health.attempt("purge the question log", work, None)
        if purged:
            log.info("question log: purged %d rows older than %d days", purged, self.keep_days)
        return purged

    def _written_alone(self, item: LoggedQuestion) -> bool:
        """Write one row in a transaction of its own; False when the database refuses it."""
        try:
            with self._sessions.begin() as session:
                session.add(AnswerRow(**asdict(item)))
        except DBAPIError as exc:
            if is_outage(exc):
                raise
            log.warning(
                "question log: the database refused a queued row: %s",
                " ".join(str(exc.orig or exc).split())[:200],
            )
            return False
        return True

    def _refused(self, exc: DBAPIError) -> None:
        with self._lock:
            self.dropped += 1
            self._unsaved_drops += 1
        log.warning(
            "question log: the database refused a row; counted as dropped: %s",
            " ".join(str(exc.orig or exc).split())[:200],
        )

    def _enqueue(self, item: LoggedQuestion) -> None:
        with self._lock:
            if len(self._queue) < self.queue_limit:
                self._queue.append(item)
                return
            self.dropped += 1
            self._unsaved_drops += 1
            if self._full_reported:
                return
            self._full_reported = True
        log.warning(
            "question log: %d rows are waiting for the database; further rows are counted as "
            "dropped until it is back",
            self.queue_limit,
        )


def _count_dropped(session: Session, drops: int) -> None:
    """Add ``drops`` to the database's count of dropped rows (an upsert: copies cannot race)."""
    if not drops:
        return
    insert_if_absent(session, MetaRow, key=DROPPED_KEY, value="0")
    counter = session.get(MetaRow, DROPPED_KEY, with_for_update=True)
    assert counter is not None, "inserted just now, and never deleted"
    counter.value = str(int(counter.value) + drops)


async def keep_house(
    questions: QuestionLog,
    database: DatabaseExecutor | None = None,
    *,
    flush_every: float = 5.0,
    purge_every: float = 86_400.0,
) -> None:
    """Forever: write queued rows once the database is back, and purge old rows daily.

    The first purge is at start-up, done by whoever starts this.
    """
    next_purge = time.monotonic() + purge_every
    while True:
        await asyncio.sleep(flush_every)
        try:
            run = database.background if database else asyncio.to_thread
            if questions.unsaved and questions.health.usable():
                await run(questions.flush)
            due = time.monotonic() >= next_purge and questions.health.usable()
            if due and await run(questions.purge) is not None:
                next_purge = time.monotonic() + purge_every
        except Exception:
            log.exception("question log housekeeping failed; trying again later")
