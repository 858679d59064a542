"""An edited question edits its answer in place; an edit that changes nothing is ignored."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.assistant import Assistant
from bot.config import Settings
from bot.state.replies import KEEP_SECONDS, ReplyMemory
from tests.copies import sharing
from tests.telegram.fake_bot_api import PL_USER, Call, FakeBotApi
from tests.telegram.harness import Bot, running_bot

# What the bot remembers goes through the database executor: on a busy machine its usual half
# second of patience could let a write time out, and an edit be answered anew.
PATIENT = {"database_wait": 30.0}
GOTHA = "Od kiedy Gotha jest miastem partnerskim?"
ORANGE = "Od kiedy Orange jest miastem partnerskim?"


@pytest.fixture
async def bot(api: FakeBotApi, assistant: Assistant, bot_settings: Settings) -> AsyncIterator[Bot]:
    async with running_bot(api, assistant, bot_settings, **PATIENT) as bot:
        yield bot


def _methods(calls: list[Call]) -> list[str]:
    return [c.method for c in calls]


def _only(calls: list[Call], method: str) -> Call:
    (call,) = [c for c in calls if c.method == method and c.ok]
    return call


async def test_an_edit_that_leaves_the_text_as_it_was_is_ignored(bot: Bot) -> None:
    asked = bot.api.message(GOTHA)
    await bot.send(asked)
    assert await bot.send(bot.api.edit_of(asked, GOTHA)) == []


async def test_a_changed_question_edits_the_answer_in_place(bot: Bot) -> None:
    asked = bot.api.message(GOTHA)
    answer = _only(await bot.send(asked), "sendMessage")

    calls = await bot.send(bot.api.edit_of(asked, ORANGE))
    assert _methods(calls) == ["editMessageText"], "no second answer, no pin, nothing deleted"
    edited = _only(calls, "editMessageText")
    assert int(edited.params["message_id"]) == answer.result["message_id"]
    assert "Orange" in edited.text
    assert "Gotha" not in edited.text
    assert "p|pl|orange" in [b["callback_data"] for b in edited.buttons()], "Orange's pin button"

    # Edited again: the same message again.
    again = await bot.send(bot.api.edit_of(asked, GOTHA))
    assert int(_only(again, "editMessageText").params["message_id"]) == answer.result["message_id"]


async def test_an_edit_still_deletes_the_pin_an_earlier_version_sent(bot: Bot) -> None:
    asked = bot.api.message(GOTHA)
    answer = _only(await bot.send(asked), "sendMessage")
    # As an earlier version remembered its answer: the card, and the pin it sent below.
    old_pin = answer.result["message_id"] + 1000
    memory, chat_id = bot.application.bot_data.replies, asked["message"]["chat"]["id"]
    assert memory is not None
    remembered = (chat_id, asked["message"]["message_id"], GOTHA, [answer.result["message_id"]])
    if not memory.note(*remembered, old_pin):
        memory.remember(*remembered, old_pin)

    calls = await bot.send(bot.api.edit_of(asked, ORANGE))
    assert int(_only(calls, "editMessageText").params["message_id"]) == answer.result["message_id"]
    assert int(_only(calls, "deleteMessage").params["message_id"]) == old_pin, "the old pin goes"
    assert "sendVenue" not in _methods(calls), "no new one comes"
    # The answer is now remembered without a pin: nothing more to delete.
    assert "deleteMessage" not in _methods(await bot.send(bot.api.edit_of(asked, GOTHA)))


async def test_an_edit_whose_answer_cannot_be_edited_is_answered_anew(bot: Bot) -> None:
    asked = bot.api.message(GOTHA)
    await bot.send(asked)
    bot.api.fail("editMessageText", 400)  # deleted meanwhile, say
    calls = await bot.send(bot.api.edit_of(asked, ORANGE))
    assert "Orange" in _only(calls, "sendMessage").text


async def test_an_edit_reaching_another_copy_edits_the_answer_the_first_sent(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, database_url: str
) -> None:
    def copy() -> Any:
        return running_bot(
            api, assistant, bot_settings, webhook=True, database_url=database_url, **PATIENT
        )

    async with copy() as a, copy() as b:
        await sharing(a.store, b.store)
        asked = api.message(GOTHA, user=PL_USER)
        answer = _only(await a.send(asked), "sendMessage")
        assert await b.send(api.edit_of(asked, GOTHA)) == []
        edited = _only(await b.send(api.edit_of(asked, ORANGE)), "editMessageText")
        assert int(edited.params["message_id"]) == answer.result["message_id"]


def test_the_memory_forgets_after_48_hours_and_knows_no_chat_or_text(
    upgraded_engine: Engine,
) -> None:
    now = [1_000_000.0]
    memory = ReplyMemory(upgraded_engine, b"0123456789abcdef0123", clock=lambda: now[0])
    memory.remember(-100123, 7, GOTHA, [9001, 9002], 9003)
    recalled = memory.recall(-100123, 7, GOTHA)
    assert recalled is not None
    assert (recalled.messages, recalled.pin, recalled.same_text) == ((9001, 9002), 9003, True)
    changed = memory.recall(-100123, 7, ORANGE)
    assert changed is not None
    assert not changed.same_text
    assert memory.recall(-100123, 8, GOTHA) is None, "another message"
    memory.remember(-100123, 9, "Gotha? \ud83d", [9004], None)  # a lone surrogate is text too
    assert memory.recall(-100123, 9, "Gotha? \ud83d") is not None
    with upgraded_engine.connect() as connection:
        stored = " ".join(
            str(v)
            for row in connection.exec_driver_sql("SELECT * FROM telegram_reply")
            for v in row
        )
    assert "100123" not in stored
    assert "Gotha" not in stored
    now[0] += KEEP_SECONDS + 1
    assert memory.recall(-100123, 7, GOTHA) is None, "too old to edit"
    assert memory.purge() == 2
