"""Statistics of the question log: per day, top answers, unanswered groups, feedback."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from bot.insights import QuestionGroup, read_usage
from bot.state import AnswerRow
from tests.insights.logdata import NOW, seed_log


@pytest.fixture
def engine_with_log(engine: Engine) -> Engine:
    day = timedelta(days=1)
    seed_log(
        engine,
        [
            (NOW - 20 * day, "too old for 14 days", "answer", "partner-cities"),
            (NOW - 13 * day, "miasta partnerskie", "answer", "partner-cities"),
            (NOW - 2 * day, "z kim się przyjaźnią kielce", "answer", "partner-cities"),
            (NOW - 2 * day, "gotha", "answer", "city-card"),
            (NOW - 2 * day, "pogoda w kielcach", "decline", None),
            (NOW - day, "Jaka pogoda?", "decline", None),
            (NOW, "kontakt", "answer", "office-contact"),
            (NOW, "pogoda jutro", "decline", None),
            (NOW, "kiedy wizyta", "suggest", None),
        ],
        votes={1: [1, 1], 2: [-1], 6: [1]},
    )
    return engine


def test_usage_of_the_last_days(engine_with_log: Engine) -> None:
    usage = read_usage(engine_with_log, days=14, today=NOW.date())
    assert (usage.first_day, usage.last_day) == (NOW.date() - timedelta(13), NOW.date())
    assert len(usage.rows) == 8
    per_day = usage.per_day
    assert len(per_day) == 14
    assert per_day[0] == (NOW.date() - timedelta(13), 1)
    assert per_day[-3:] == [
        (NOW.date() - timedelta(2), 3),
        (NOW.date() - timedelta(1), 1),
        (NOW.date(), 3),
    ]
    assert sum(n for _, n in per_day) == 8
    assert usage.top_entries() == [("partner-cities", 2), ("city-card", 1), ("office-contact", 1)]
    assert usage.unanswered(("decline",)) == [
        QuestionGroup(3, ("Jaka pogoda?", "pogoda jutro", "pogoda w kielcach"))
    ]
    assert [g.count for g in usage.unanswered()] == [3, 1], "declined and suggest-only"
    assert (usage.up, usage.down) == (3, 1)
    assert usage.feedback == 0.75
    assert usage.askers == 1
    assert usage.outcomes == {"answer": 4, "decline": 3, "suggest": 1}
    assert usage.dropped == 0


def test_an_empty_log(engine: Engine) -> None:
    usage = read_usage(engine, days=3, today=NOW.date())
    assert usage.per_day == [(NOW.date() - timedelta(n), 0) for n in (2, 1, 0)]
    assert usage.top_entries() == []
    assert usage.unanswered() == []
    assert usage.feedback is None


def test_questions_per_channel(engine: Engine) -> None:
    """The website's chat and Telegram told apart; rows from before channels were logged last."""
    numbers = seed_log(engine, [(NOW, f"question {n}", "answer", "city-card") for n in range(5)])
    channels = {numbers[0]: "web", numbers[1]: "telegram", numbers[2]: "telegram"}
    channels[numbers[3]] = "console"
    with Session(engine) as session, session.begin():
        for number, channel in channels.items():
            session.execute(
                update(AnswerRow).where(AnswerRow.id == number).values(channel=channel)
            )
    usage = read_usage(engine, days=14, today=NOW.date())
    assert usage.per_channel == [("telegram", 2), ("console", 1), ("web", 1), (None, 1)]
