"""Telegram's send limits belong to the token: copies of the bot on one database share them.

The limits here are a few messages an hour, so that a test can tell a spent share from one with
room left without timing anything: nothing refills noticeably while a test runs.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager

from sqlalchemy import Engine

from bot.assistant import Assistant
from bot.config import Settings
from bot.state.instances import Instances
from bot.telegram.ratelimit import Limits, RetryingRateLimiter, TokenBudget
from tests.telegram.fake_bot_api import GROUP, PL_USER, Call, FakeBotApi
from tests.telegram.harness import Bot, running_bot

HOUR = 3600.0
# Heartbeats go through the database executor: on a busy machine its usual half second of
# patience could let a heartbeat time out, and the count fall back to one copy.
PATIENT = {"database_wait": 30.0}
LIMITS = Limits(overall=4, overall_period=HOUR, group=2, group_period=HOUR)
PERSON = PL_USER["id"]


def _budget(bot: Bot) -> TokenBudget:
    limiter = bot.application.bot.rate_limiter
    assert isinstance(limiter, RetryingRateLimiter)
    return limiter.budget


async def _recount(bot: Bot) -> int:
    """The copy's next heartbeat, now rather than in the upkeep's next round."""
    data = bot.application.bot_data
    assert data.instances is not None
    assert data.database is not None
    instances = data.instances
    _budget(bot).share(await data.database.run("count", instances.beat, instances.count))
    return _budget(bot).instances


def _sent(calls: list[Call]) -> int:
    return sum(1 for c in calls if c.method == "sendMessage" and c.ok)


async def test_one_copy_has_the_whole_budget(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(
        api, assistant, bot_settings, webhook=True, limits=LIMITS, **PATIENT
    ) as bot:
        for _ in range(3):
            assert _sent(await bot.send(api.message("/contact"))) == 1
        assert _budget(bot).has_room(PERSON)
        assert _sent(await bot.send(api.message("/contact"))) == 1
        assert not _budget(bot).has_room(PERSON), "four messages an hour, all spent"


async def test_two_copies_on_one_database_share_the_tokens_budget(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, database_url: str
) -> None:
    def copy() -> AbstractAsyncContextManager[Bot]:
        return running_bot(
            api,
            assistant,
            bot_settings,
            webhook=True,
            database_url=database_url,
            limits=LIMITS,
            **PATIENT,
        )

    async with copy() as a:
        assert _budget(a).instances == 1
        async with copy() as b:
            assert _budget(b).instances == 2, "the second copy counts the first as it starts"
            assert await _recount(a) == 2
            # Each copy has half of the overall limit (two of four) and half of a group's (one
            # of two); a message to a group counts against both.
            assert _sent(await a.send(api.message("/contact", chat=GROUP))) == 1
            assert not _budget(a).has_room(GROUP["id"])
            assert _budget(b).has_room(GROUP["id"]), "the other copy's half is its own"
            assert _sent(await a.send(api.message("/contact"))) == 1
            assert not _budget(a).has_room(PERSON), "half of four messages an hour, spent"
            assert _budget(b).has_room(PERSON)
            for _ in range(2):
                assert _sent(await b.send(api.message("/contact"))) == 1
            assert not _budget(b).has_room(PERSON)
        # The second copy stopped and took its heartbeat with it: the first has it all again.
        assert await _recount(a) == 1
        assert _budget(a).has_room(PERSON)


def test_a_copy_that_stopped_beating_no_longer_counts(upgraded_engine: Engine) -> None:
    now = [1000.0]
    first = Instances(upgraded_engine, lifetime=90, clock=lambda: now[0])
    second = Instances(upgraded_engine, lifetime=90, clock=lambda: now[0])
    assert first.beat() == 1
    assert second.beat() == 2
    now[0] += 60
    assert first.beat() == 2, "the second beat a minute ago: alive"
    now[0] += 60
    assert first.beat() == 1, "the second has not beaten for two minutes: gone"
    assert second.beat() == 2, "and counts again once it beats"
    second.leave()
    assert first.beat() == 1


def test_a_beat_after_the_copy_left_neither_fails_nor_brings_it_back(
    upgraded_engine: Engine,
) -> None:
    """The last heartbeat may still run on the executor when a stop's leave() removes the row."""
    first = Instances(upgraded_engine, lifetime=90)
    second = Instances(upgraded_engine, lifetime=90)
    assert first.beat() == 1
    assert second.beat() == 2
    first.leave()
    assert first.beat() == 2, "it still counts the others"
    assert second.beat() == 1, "but is not counted again"
