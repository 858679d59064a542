"""Writing question-log rows directly, as if the bot had answered them over time."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.insights.numbers import AnswerNumbers
from bot.state import AnswerRow, VoteRow

__all__ = ["NOW", "seed_log"]

# Noon on a Thursday: the tests' "now".
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def seed_log(
    engine: Engine,
    rows: list[tuple[datetime, str, str, str | None]],
    *,
    asker: str | None = "someone",
    votes: dict[int, list[int]] | None = None,
) -> list[int]:
    """Write ``(asked_at, question, outcome, entry)`` rows; ``votes``: row index -> votes.

    Their numbers are reserved as the bot reserves them: a copy of the bot running meanwhile
    never gives one of them out again.
    """
    with Session(engine) as session, session.begin():
        numbers = AnswerNumbers().reserve(session, len(rows))
        written = [
            AnswerRow(
                id=number,
                asker=asker,
                question=question,
                lang="pl",
                outcome=outcome,
                entry=entry,
                score=90 if outcome == "answer" else 30,
                asked_at=asked_at,
            )
            for number, (asked_at, question, outcome, entry) in zip(numbers, rows, strict=True)
        ]
        session.add_all(written)
        session.flush()
        for index, given in (votes or {}).items():
            session.add_all(
                VoteRow(answer_id=written[index].id, voter=f"voter{n}", vote=v, voted_at=NOW)
                for n, v in enumerate(given)
            )
        return [row.id for row in written]
