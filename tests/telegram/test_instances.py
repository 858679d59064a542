"""Two copies of the bot on one PostgreSQL database behave as one bot.

Behind a load balancer, Telegram's webhook posts each update to whichever copy it picks, so
everything a copy remembers about a person must live in the database. Each test runs two real
Applications, each with a webhook server of its own, against one stand-in Bot API and one
fresh schema, and delivers a person's updates to both in turn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bot.assistant import Assistant
from bot.config import Settings
from bot.insights.numbers import NEXT_ANSWER_KEY
from bot.sentences import t
from bot.state.pseudonyms import SALT_KEY
from tests.copies import sharing
from tests.postgres import fresh_schema
from tests.telegram.fake_bot_api import PL_USER, Call, FakeBotApi
from tests.telegram.harness import Bot, running_bot

pytestmark = pytest.mark.postgres

GOTHA = "Od kiedy Gotha jest miastem partnerskim?"


@pytest.fixture
def database_url() -> Iterator[str]:
    with fresh_schema() as server:
        yield server.url


@asynccontextmanager
async def two_bots(
    api: FakeBotApi, assistant: Assistant, settings: Settings, url: str, **changes: Any
) -> AsyncIterator[tuple[Bot, Bot]]:
    async with (
        running_bot(api, assistant, settings, webhook=True, database_url=url, **changes) as a,
        running_bot(api, assistant, settings, webhook=True, database_url=url, **changes) as b,
    ):
        assert a.webhook_port != b.webhook_port
        # a took charge of the state in memory when it started alone; it hands it back to the
        # database at its first heartbeat that counts b.
        await sharing(a.store, b.store)
        yield a, b


def _texts(calls: list[Call]) -> list[str]:
    return [c.text for c in calls if c.method == "sendMessage" and c.ok]


async def test_a_language_chosen_through_one_copy_is_used_by_the_other(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, database_url: str
) -> None:
    async with two_bots(api, assistant, bot_settings, database_url) as (a, b):
        assert _texts(await b.send(api.message("/start"))) == [t("pl", "tg.start")]
        assert _texts(await a.send(api.message("/language en"))) == [t("en", "tg.language.set")]
        assert _texts(await b.send(api.message("/start"))) == [t("en", "tg.start")]


async def test_flood_control_counts_messages_arriving_at_either_copy(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, database_url: str
) -> None:
    async with two_bots(
        api, assistant, bot_settings, database_url, flood_messages=3, flood_mute=30.0
    ) as (a, b):
        replies = [_texts(await bot.send(api.message(GOTHA))) for bot in (a, b, a, b, a)]
    assert all("Gotha" in r[0] for r in replies[:3])
    assert replies[3] == [t("pl", "tg.flood", seconds="30")]
    assert replies[4] == []


async def test_a_vote_through_one_copy_on_an_answer_from_the_other_is_stored_once(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, database_url: str
) -> None:
    async with two_bots(api, assistant, bot_settings, database_url) as (a, b):
        (reply,) = [c for c in await a.send(api.message(GOTHA)) if c.method == "sendMessage"]
        up = next(x["callback_data"] for x in reply.buttons() if x["text"] == "👍")
        answer_id = int(up.split("|")[1])
        for bot in (b, a, b):  # pressed again, through either copy
            calls = await bot.send(api.press(up, on=reply))
            assert calls[0].params["text"] == t("pl", "tg.feedback.thanks")
        voter = a.store.pseudonyms.of(f"telegram:{PL_USER['id']}")
        assert b.store.pseudonyms.of(f"telegram:{PL_USER['id']}") == voter, "one salt, once"
        assert a.store.votes(answer_id) == b.store.votes(answer_id) == {voter: 1}
    engine = create_engine(database_url, poolclass=NullPool)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM answer_votes")) == 1
        keys = set(connection.scalars(text("SELECT key FROM state_meta")))
        assert keys == {SALT_KEY, NEXT_ANSWER_KEY}, "one salt, one counter, no heartbeat left"
    engine.dispose()
