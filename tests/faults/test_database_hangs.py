"""A database that stops answering, refuses writes, or refuses a row, on real PostgreSQL.

Answers must keep flowing from memory, with one log line for the outage, and no question-log
row lost that could be kept: the rows wait and are written when the database is back, and a
row the database refuses costs only itself, counted as dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import make_url, text

from bot.assistant import Assistant
from bot.config import Settings
from bot.insights import QuestionLog
from bot.sentences import t
from tests.faults.proxy import FreezingProxy, freezing_proxy
from tests.postgres import Server, fresh_schema
from tests.telegram.fake_bot_api import PL_USER, Call, FakeBotApi
from tests.telegram.harness import Bot, running_bot

pytestmark = pytest.mark.postgres

GOTHA = "Od kiedy Gotha jest miastem partnerskim?"
CONTACT = "Jak skontaktować się z biurem współpracy zagranicznej?"
MISSIONS = "Jakie misje gospodarcze organizowały Kielce?"
RETRY = 0.2  # how soon the bot tries the database again after a fault (5 s in production)
SORRY = t("pl", "tg.error")
# How long an answer waits for the database (production's default): the frozen server must
# cost at most this per retry, however long it stays frozen.
WAIT = 0.5


@pytest.fixture
def server() -> Iterator[Server]:
    with fresh_schema(role=True) as server:
        yield server


@pytest.fixture
def proxy(server: Server) -> Iterator[FreezingProxy]:
    url = make_url(server.url)
    with freezing_proxy((url.host or "127.0.0.1", url.port or 5432)) as proxy:
        yield proxy


def _through(server: Server, proxy: FreezingProxy) -> str:
    url = make_url(server.url).set(host="127.0.0.1", port=proxy.port)
    return url.render_as_string(hide_password=False)


def _answers(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


def _votes(call: Call) -> list[str]:
    return [b["callback_data"] for b in call.buttons() if b["callback_data"].startswith("f|")]


def _outages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "bot.state.health" and "database unavailable" in r.getMessage()
    ]


def _logged(server: Server) -> list[str]:
    with server.admin.connect() as connection:
        return list(
            connection.scalars(
                text(f"SELECT question FROM {server.schema}.answer_log ORDER BY id")
            )
        )


def _questions(bot: Bot) -> QuestionLog:
    questions = bot.application.bot_data.questions
    assert questions is not None
    return questions


def _user(n: int) -> dict[str, object]:
    return {**PL_USER, "id": PL_USER["id"] + n}


async def _until(condition: object, within: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await asyncio.to_thread(condition):  # type: ignore[arg-type]
        assert loop.time() < deadline, "not within the generous bound"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize(
    "write_behind",
    [
        pytest.param(False, id="database-in-charge"),
        pytest.param(True, id="written-behind"),
    ],
)
async def test_a_frozen_database_does_not_stop_the_answers(
    api: FakeBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    server: Server,
    proxy: FreezingProxy,
    caplog: pytest.LogCaptureFixture,
    write_behind: bool,
) -> None:
    caplog.set_level(logging.INFO)
    url = _through(server, proxy)
    async with running_bot(
        api,
        assistant,
        bot_settings,
        database_url=url,
        database_wait=WAIT,
        write_behind=write_behind,
    ) as bot:
        bot.store.health.retry_after = RETRY
        assert _votes(_answers(await bot.send(api.message(GOTHA)))[0])

        proxy.freeze()
        try:
            questions = [GOTHA, CONTACT, MISSIONS] * 3
            replies = []
            for n, question in enumerate(questions):
                # Today's bot waits for the frozen server forever: the bound is generous.
                calls = await bot.send(api.message(question, user=_user(n)), within=30)
                replies += _answers(calls)
                await asyncio.sleep(RETRY / 2)  # the bot tries the database again meanwhile
            assert len(replies) == len(questions)
            assert not [r for r in replies if r.text == SORRY]
            assert "Gotha" in replies[0].text
            assert "@" in replies[1].text
        finally:
            proxy.thaw()
        # The freeze's reports; on a busy machine the first statement after the thaw may also
        # wait out DATABASE_WAIT while the pool reconnects, which is not what this test is about.
        frozen = _outages(caplog)

        # Back: every row is written, none twice, whichever thread had it when it froze.
        await asyncio.sleep(RETRY)
        await bot.send(api.message(GOTHA))
        await _until(lambda: len(_logged(server)) == 1 + len(questions) + 1)
        assert _questions(bot).dropped == 0
    assert sorted(_logged(server)) == sorted([GOTHA, *questions, GOTHA])
    # Written behind, answering met no database at all; the upkeep waited out the short freeze
    # (it reports one only past BACKGROUND_WAIT).
    assert len(frozen) == (0 if write_behind else 1)
    if write_behind:
        assert not _outages(caplog), "nor after it"


async def test_a_read_only_database_is_an_outage(
    api: FakeBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    server: Server,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    # The database in charge of the state, as for copies sharing it: every message meets it.
    shared = {"write_behind": False}
    async with running_bot(api, assistant, bot_settings, database_url=server.url, **shared) as bot:
        bot.store.health.retry_after = RETRY
        assert _answers(await bot.send(api.message(GOTHA)))
        # As after a failover to a standby: every new session is read-only.
        with server.admin.begin() as connection:
            connection.execute(
                text(f"ALTER ROLE {server.role} SET default_transaction_read_only = on")
            )
        server.terminate()
        calls = await bot.send(
            api.message(CONTACT, user=_user(1)), api.message(MISSIONS, user=_user(2))
        )
        contact, missions = _answers(calls)
        assert "@" in contact.text
        assert "misj" in missions.text.lower()
        assert SORRY not in [c.text for c in calls]
        assert _questions(bot).pending == 2

        with server.admin.begin() as connection:
            connection.execute(
                text(f"ALTER ROLE {server.role} RESET default_transaction_read_only")
            )
        server.terminate()
        await asyncio.sleep(RETRY)
        await bot.send(api.message(GOTHA))
        assert _questions(bot).pending == 0
    assert len(_outages(caplog)) == 1
    # The row of the last question is written first, then the queue.
    assert sorted(_logged(server)) == sorted([GOTHA, CONTACT, MISSIONS, GOTHA])


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("Gotha\x00 od kiedy?", id="nul"),
        pytest.param("Gotha od kiedy? \ud83d", id="lone-surrogate"),
    ],
)
async def test_text_the_database_refuses_is_stored_cleaned(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, server: Server, question: str
) -> None:
    async with running_bot(api, assistant, bot_settings, database_url=server.url) as bot:
        (answer,) = _answers(await bot.send(api.message(question)))
        assert "Gotha" in answer.text
        assert _votes(answer)
    (logged,) = _logged(server)
    assert logged.replace("\ufffd", "") == question.replace("\x00", "").replace("\ud83d", "")


async def test_a_refused_row_in_a_queued_batch_costs_only_itself(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, server: Server
) -> None:
    """101 rows queued in an outage, one the database refuses: 100 written, 1 counted."""
    async with running_bot(api, assistant, bot_settings, database_url=server.url) as bot:
        bot.store.health.retry_after = RETRY
        questions = _questions(bot)
        answer = assistant.ask(GOTHA, "pl")
        server.refuse()
        for n in range(100):
            assert (
                questions.record(person=f"telegram:{n}", question=f"q{n}", answer=answer) is None
            )
        assert questions.record(person="telegram:1", question="x", answer=answer) is None
        assert questions.pending == 101
        # A row the cleaning cannot help: the server refuses it (a constraint added meanwhile).
        with server.admin.begin() as connection:
            connection.execute(
                text(
                    f"ALTER TABLE {server.schema}.answer_log "
                    "ADD CONSTRAINT no_x CHECK (question <> 'x')"
                )
            )
        server.refuse(False)
        await asyncio.sleep(RETRY)
        assert questions.flush() == 100
        assert (questions.pending, questions.dropped, questions.unsaved) == (0, 1, False)
    with server.admin.connect() as connection:
        dropped = connection.scalar(
            text(f"SELECT value FROM {server.schema}.state_meta WHERE key = 'dropped_questions'")
        )
    assert len(_logged(server)) == 100
    assert dropped == "1"
