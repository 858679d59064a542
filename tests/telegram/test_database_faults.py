"""The database goes away while the bot runs, on a real PostgreSQL server.

The bot keeps answering from memory, logs the fault once (not per message), reconnects when it
can, and loses no question-log row: rows wait in memory and are written once the database is
back, or, beyond the queue's limit, are counted as dropped where /stats shows them.

These run with the database in charge of the state (``write_behind=False``), as copies sharing
a database run, so that every message meets the fault; a copy alone answers from memory
without meeting it (tests/conversation/test_upkeep.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from bot.assistant import Assistant
from bot.config import Settings
from bot.insights import QuestionLog
from bot.sentences import t
from tests.postgres import Server, fresh_schema
from tests.telegram.fake_bot_api import PL_USER, Call, FakeBotApi
from tests.telegram.harness import Bot, running_bot

pytestmark = pytest.mark.postgres

GOTHA = "Od kiedy Gotha jest miastem partnerskim?"
CONTACT = "Jak skontaktować się z biurem współpracy zagranicznej?"
MISSIONS = "Jakie misje gospodarcze organizowały Kielce?"
SHARED = {"write_behind": False}
RETRY = 0.2  # how soon the bot tries the database again after a fault (5 s in production)


@pytest.fixture
def server() -> Iterator[Server]:
    with fresh_schema(role=True) as server:
        yield server


@pytest.fixture
def log_lines(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO)
    return caplog


def _answers(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


def _votes(call: Call) -> list[str]:
    return [b["callback_data"] for b in call.buttons() if b["callback_data"].startswith("f|")]


def _lines(caplog: pytest.LogCaptureFixture, words: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "bot.state.health" and words in r.getMessage()
    ]


def _logged(server: Server) -> list[str]:
    with server.admin.connect() as connection:
        return list(
            connection.scalars(
                text(f"SELECT question FROM {server.schema}.answer_log ORDER BY asked_at")
            )
        )


def _questions(bot: Bot) -> QuestionLog:
    questions = bot.application.bot_data.questions
    assert questions is not None
    return questions


async def test_connections_ended_mid_conversation_cost_no_answer_and_one_log_line(
    api: FakeBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    server: Server,
    log_lines: pytest.LogCaptureFixture,
) -> None:
    async with running_bot(api, assistant, bot_settings, database_url=server.url, **SHARED) as bot:
        bot.store.health.retry_after = RETRY
        assert _votes(_answers(await bot.send(api.message(GOTHA)))[0])

        # Ended between two messages: the pool notices (pre-ping) and connects again.
        assert server.terminate() > 0
        assert _votes(_answers(await bot.send(api.message(MISSIONS)))[0])

        # Ended in the middle of a message: its flood-control update waits for a lock the test
        # holds when every connection of the bot is ended.
        with server.admin.connect() as blocker:
            blocker.execute(
                text(f"SELECT * FROM {server.schema}.user_state WHERE person = :id FOR UPDATE"),
                {"id": f"telegram:{PL_USER['id']}"},
            )
            sending = asyncio.create_task(bot.send(api.message(CONTACT)))
            await _until_waiting_for_a_lock(server)
            server.terminate()
            blocker.rollback()
        (answer,) = _answers(await sending)
        assert "@" in answer.text, "the office's contact, answered from memory"
        assert not _votes(answer), "its log row waits in memory: nothing to vote on yet"
        assert _questions(bot).pending == 1

        await asyncio.sleep(RETRY)
        assert _votes(_answers(await bot.send(api.message(GOTHA)))[0])
        assert _questions(bot).pending == 0

    assert len(_lines(log_lines, "database unavailable")) == 1
    assert len(_lines(log_lines, "available again")) == 1
    assert _logged(server) == [GOTHA, MISSIONS, CONTACT, GOTHA]


async def test_an_unreachable_database_delays_the_log_not_the_answers(
    api: FakeBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    server: Server,
    log_lines: pytest.LogCaptureFixture,
) -> None:
    async with running_bot(api, assistant, bot_settings, database_url=server.url, **SHARED) as bot:
        bot.store.health.retry_after = RETRY
        (first,) = _answers(await bot.send(api.message(GOTHA)))

        server.refuse()
        calls = await bot.send(
            api.message(CONTACT), api.message(MISSIONS), api.message("/language en")
        )
        contact, missions, language = _answers(calls)
        assert "@" in contact.text
        assert "misj" in missions.text.lower()
        assert not _votes(contact)
        assert not _votes(missions)
        assert language.text == t("en", "tg.language.not_saved")
        (vote,) = [
            c
            for c in await bot.send(api.press(_votes(first)[0], on=first))
            if c.method == "answerCallbackQuery"
        ]
        assert vote.params["text"] == t("pl", "tg.feedback.not_saved")
        assert _questions(bot).pending == 2

        server.refuse(False)
        await asyncio.sleep(RETRY)
        assert _votes(_answers(await bot.send(api.message(GOTHA)))[0])
        assert _questions(bot).pending == 0

    assert len(_lines(log_lines, "database unavailable")) == 1
    assert len(_lines(log_lines, "available again")) == 1
    assert _logged(server) == [GOTHA, CONTACT, MISSIONS, GOTHA]


async def test_rows_beyond_the_queue_are_counted_as_dropped_and_shown_in_stats(
    api: FakeBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    server: Server,
    log_lines: pytest.LogCaptureFixture,
) -> None:
    admins = frozenset({PL_USER["id"]})
    async with running_bot(
        api, assistant, bot_settings, database_url=server.url, admin_ids=admins, **SHARED
    ) as bot:
        bot.store.health.retry_after = RETRY
        questions = _questions(bot)
        questions.queue_limit = 1
        server.refuse()
        await bot.send(*(api.message(q) for q in (GOTHA, CONTACT, MISSIONS)))
        assert (questions.pending, questions.dropped) == (1, 2)
        (stats,) = _answers(await bot.send(api.message("/stats")))
        assert stats.text == t("pl", "tg.stats.unavailable")

        server.refuse(False)
        await asyncio.sleep(RETRY)
        await bot.send(api.message(GOTHA))
        (stats,) = _answers(await bot.send(api.message("/stats")))
        assert t("pl", "tg.stats.log", pending="0", dropped="2") in stats.text

    full = [r for r in log_lines.records if "counted as dropped" in r.getMessage()]
    assert len(full) == 1
    assert any("2 rows were dropped" in r.getMessage() for r in log_lines.records)
    assert _logged(server) == [GOTHA, GOTHA]


async def _until_waiting_for_a_lock(server: Server, within: float = 10.0) -> None:
    def waiting() -> bool:
        with server.admin.connect() as connection:
            return bool(
                connection.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE application_name = :name AND wait_event_type = 'Lock'"
                    ),
                    {"name": server.schema},
                )
            )

    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await asyncio.to_thread(waiting):
        assert loop.time() < deadline, "the bot never waited for the test's lock"
        await asyncio.sleep(0.02)
