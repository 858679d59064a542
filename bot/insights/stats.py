"""What the question log says: questions per day, the answers asked most, what went unanswered,
and how people voted. Plain dataclasses, read in one transaction; days are UTC days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..state import AnswerRow, MetaRow, VoteRow
from .groups import QuestionGroup, group_questions
from .log import DROPPED_KEY

__all__ = ["UNANSWERED", "LoggedRow", "Usage", "read_usage"]

# The outcomes of questions the bot could not answer outright.
UNANSWERED = ("decline", "suggest")


@dataclass(frozen=True)
class LoggedRow:
    """One logged answer, as the statistics see it."""

    day: date
    question: str
    outcome: str
    entry: str | None
    asker: str | None
    channel: str | None = None  # "telegram", "web", ...; None for rows logged before channels


@dataclass(frozen=True)
class Usage:
    """The log of ``days`` days up to and including ``last_day``."""

    first_day: date
    last_day: date
    rows: tuple[LoggedRow, ...]
    up: int  # 👍 on answers of the period
    down: int
    dropped: int  # rows lost while the database was away, ever

    @property
    def per_day(self) -> list[tuple[date, int]]:
        """Every day of the period, oldest first, with its number of questions."""
        counts = Counter(row.day for row in self.rows)
        days = (self.last_day - self.first_day).days + 1
        return [(day, counts[day]) for day in (self.first_day + timedelta(n) for n in range(days))]

    @property
    def outcomes(self) -> Mapping[str, int]:
        return Counter(row.outcome for row in self.rows)

    @property
    def per_channel(self) -> list[tuple[str | None, int]]:
        """The questions of each channel they were asked on, most first (ties: by name; rows
        from before channels were logged, None, last)."""
        counts = Counter(row.channel for row in self.rows)
        return sorted(counts.items(), key=lambda kv: (kv[0] is None, -kv[1], kv[0] or ""))

    @property
    def askers(self) -> int:
        """Different people (pseudonyms) who asked."""
        return len({row.asker for row in self.rows if row.asker})

    def top_entries(self, limit: int = 10) -> list[tuple[str, int]]:
        """The entries answered most often, most first (ties: by id)."""
        counts = Counter(row.entry for row in self.rows if row.outcome == "answer" and row.entry)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def unanswered(self, outcomes: Collection[str] = UNANSWERED) -> list[QuestionGroup]:
        """The questions with one of ``outcomes``, grouped by similarity, largest group first."""
        return group_questions(row.question for row in self.rows if row.outcome in outcomes)

    @property
    def feedback(self) -> float | None:
        """The share of 👍 among the votes; None without votes."""
        votes = self.up + self.down
        return self.up / votes if votes else None


def read_usage(engine: Engine, *, days: int, today: date | None = None) -> Usage:
    """The log of the last ``days`` days (today included)."""
    if days < 1:
        raise ValueError(f"days must be 1 or more, not {days}")
    last = today or datetime.now(UTC).date()
    first = last - timedelta(days=days - 1)
    since = datetime.combine(first, time.min, UTC)
    until = datetime.combine(last + timedelta(days=1), time.min, UTC)
    window = (AnswerRow.asked_at >= since) & (AnswerRow.asked_at < until)
    with Session(engine) as session, session.begin():
        rows = tuple(
            LoggedRow(_utc(r.asked_at).date(), r.question, r.outcome, r.entry, r.asker, r.channel)
            for r in session.execute(
                select(
                    AnswerRow.asked_at,
                    AnswerRow.question,
                    AnswerRow.outcome,
                    AnswerRow.entry,
                    AnswerRow.asker,
                    AnswerRow.channel,
                )
                .where(window)
                .order_by(AnswerRow.asked_at)
            )
        )
        votes: dict[int, int] = {
            vote: count
            for vote, count in session.execute(
                select(VoteRow.vote, func.count())
                .join(AnswerRow, VoteRow.answer_id == AnswerRow.id)
                .where(window)
                .group_by(VoteRow.vote)
            )
        }
        counter = session.get(MetaRow, DROPPED_KEY)
        dropped = int(counter.value) if counter else 0
    return Usage(
        first_day=first,
        last_day=last,
        rows=rows,
        up=votes.get(1, 0),
        down=votes.get(-1, 0),
        dropped=dropped,
    )


def _utc(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes; the bot writes UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
