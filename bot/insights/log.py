"""The question log: every answer the bot sends, without personal data, kept for a while.

A row holds the question as typed, the channel it came from, the outcome (answer, suggest,
decline), the entry, city or country answered, the score, when, and the asker's pseudonym
(:mod:`bot.state.pseudonyms`), never a Telegram id, web session, name or chat. Rows older
than ``QUESTION_LOG_DAYS`` are purged, with their votes, at start-up and once a day
(:mod:`bot.conversation.upkeep`).

A copy of the bot alone on its database writes the log behind its answers
(:attr:`QuestionLog.behind`): a row goes into a queue in memory and the conversation's upkeep
(:mod:`bot.conversation.upkeep`) writes the queue in one transaction a few times a second; the
row's number, which vote buttons carry, is reserved ahead (:mod:`.numbers`). Copies sharing a
database write each row as it is logged, so that a vote through another copy finds it. Either
way writing never holds up an answer for more than the database wait (``DATABASE_WAIT``,
:mod:`bot.state.executor`).

While the database is away, rows wait in the same queue and are written when it is back; when
the queue is full, further rows are only counted. The count is logged and kept in the database,
where ``/stats`` shows it. Rows still queued when the bot stops are written on the way out; a
copy killed outright loses the rows of its last fraction of a second (those of the next batch).

Text the database cannot store (U+0000, which PostgreSQL refuses in text; a lone surrogate,
which no UTF-8 encoder takes) is replaced before it is stored. A row the database still
refuses is one row lost, counted as dropped with one log line; the rest of its batch is written.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, insert, select
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
from .numbers import AnswerNumbers

__all__ = ["DROPPED_KEY", "LoggedQuestion", "QuestionLog"]

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
    id: int | None = None  # its reserved number; None: given one when it is written


class QuestionLog:
    """Writes the question log; safe to share between threads."""

    def __init__(
        self,
        engine: Engine,
        pseudonyms: Pseudonyms,
        health: DatabaseHealth,
        *,
        keep_days: int = 180,
        queue_limit: int = 5000,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.pseudonyms = pseudonyms
        self.health = health
        self.keep_days = keep_days
        self.queue_limit = queue_limit
        self.now = now
        self.dropped = 0  # rows this copy of the bot could neither write nor queue
        self.numbers = AnswerNumbers()
        # Rows go to the queue and are written in batches (this copy is alone on the database).
        self.behind = False
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._lock = threading.Lock()
        self._queue: list[LoggedQuestion] = []
        self._unsaved_drops = 0  # dropped rows not yet added to the database's count
        self._full_reported = False
        self._away = False  # rows were queued because the database was away

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
        and writes the row or queues it, so the row is neither lost nor written twice. When
        :attr:`behind`, the row is queued with its reserved number, and the number returned.
        """
        item = self.item(person=person, question=question, answer=answer, channel=channel)
        if self.behind and item.id is not None:
            queued = self._enqueue(item)
            return item.id if queued and self.health.usable() else None
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
            id=self.numbers.take(),
        )

    def write(self, item: LoggedQuestion) -> int | None:
        """Write one row now; None when it was queued (the database is away) or refused."""

        def write() -> int | None:
            with self._sessions.begin() as session:
                rows = self._rows(session, [item])
                session.execute(insert(AnswerRow), rows)
                return int(rows[0]["id"])

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
                    session.execute(insert(AnswerRow), self._rows(session, batch))
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
                away, self._away = self._away, False
            if away or drops:
                log.log(
                    logging.WARNING if drops else logging.INFO,
                    "question log: wrote %d queued rows; %d rows were dropped while the "
                    "database was away",
                    total - refused,
                    drops,
                )
            return total - refused
        with self._lock:
            self._away = True
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

    def reserve_numbers(self) -> int:
        """Reserve the next block of answer numbers; how many. Raises on an outage (answers
        then get their numbers when written)."""
        with self._sessions.begin() as session:
            numbers = self.numbers.reserve(session)
        self.numbers.add(numbers)
        return len(numbers)

    def _rows(self, session: Session, items: list[LoggedQuestion]) -> list[dict[str, Any]]:
        """The rows of ``items``, numbered (those queued without a number get theirs now), for
        one multi-row INSERT: the ORM's unit of work would cost more than the row."""
        unnumbered = sum(item.id is None for item in items)
        numbers = iter(self.numbers.reserve(session, unnumbered) if unnumbered else ())
        return [
            {**asdict(item), "id": next(numbers) if item.id is None else item.id} for item in items
        ]

    def _written_alone(self, item: LoggedQuestion) -> bool:
        """Write one row in a transaction of its own; False when the database refuses it."""
        try:
            with self._sessions.begin() as session:
                session.execute(insert(AnswerRow), self._rows(session, [item]))
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

    def _enqueue(self, item: LoggedQuestion) -> bool:
        """Queue a row; False when the queue is full and it was only counted."""
        with self._lock:
            if len(self._queue) < self.queue_limit:
                self._queue.append(item)
                self._away = self._away or not self.behind
                return True
            self.dropped += 1
            self._unsaved_drops += 1
            if self._full_reported:
                return False
            self._full_reported = True
        log.warning(
            "question log: %d rows are waiting for the database; further rows are counted as "
            "dropped until it is back",
            self.queue_limit,
        )
        return False


def _count_dropped(session: Session, drops: int) -> None:
    """Add ``drops`` to the database's count of dropped rows (an upsert: copies cannot race)."""
    if not drops:
        return
    insert_if_absent(session, MetaRow, key=DROPPED_KEY, value="0")
    counter = session.get(MetaRow, DROPPED_KEY, with_for_update=True)
    assert counter is not None, "inserted just now, and never deleted"
    counter.value = str(int(counter.value) + drops)
