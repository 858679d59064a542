"""The conversation's rules as Telegram users meet them (issue 10): one flood budget for every
kind of update, votes only by the person answered and only under real answers, and a chosen
language that wins over the question's own."""

from __future__ import annotations

from bot.assistant import Assistant
from bot.config import Settings
from bot.sentences import t
from tests.telegram.fake_bot_api import EN_USER, Call, FakeBotApi
from tests.telegram.harness import Bot, running_bot

GOTHA_PL = "Od kiedy Gotha jest miastem partnerskim?"


def _messages(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


def _votes(call: Call) -> list[str]:
    return [str(b["callback_data"]) for b in call.buttons() if b["text"] in ("👍", "👎")]


def _toasts(calls: list[Call]) -> list[str]:
    return [str(c.params.get("text", "")) for c in calls if c.method == "answerCallbackQuery"]


# Flood control covers every kind of update ---------------------------------------------------


async def test_forty_button_presses_at_once_do_not_get_forty_answers(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(api, assistant, bot_settings, flood_messages=5) as bot:
        (reply,) = _messages(await bot.send(api.message("/city Gotha")))
        related = next(b["callback_data"] for b in reply.buttons() if b["text"].startswith("→"))
        calls = await bot.send(*(api.press(related, on=reply) for _ in range(40)))
    answers = _messages(calls)
    assert len(answers) == 4, "the allowance of 5 less the /city message, then silence"
    flood = t("pl", "tg.flood", seconds=str(round(bot_settings.flood_mute)))
    assert _toasts(calls).count(flood) == 1, "told once, as an alert on the press"
    assert sum(c.method == "answerCallbackQuery" for c in calls) == 5, (
        "ignored presses cost nothing"
    )


async def test_inline_queries_share_the_same_budget(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(api, assistant, bot_settings, flood_messages=3) as bot:
        await bot.send(api.message("/contact"))
        calls = await bot.send(*(api.inline("Gotha") for _ in range(10)))
        later = _messages(await bot.send(api.message("/contact")))
    assert sum(c.method == "answerInlineQuery" for c in calls) == 2
    assert later == [], "the person is still silenced after the inline queries"


# Votes -------------------------------------------------------------------------------------


async def test_only_the_person_answered_can_vote_on_the_answer(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message(GOTHA_PL)))
    up = _votes(reply)[0]
    answer_id = int(up.split("|")[1])
    calls = await bot.send(bot.api.press(up, on=reply, user=EN_USER))
    assert _toasts(calls) == [t("en", "tg.feedback.not_yours")]
    assert not any(c.method == "editMessageReplyMarkup" for c in calls)
    assert bot.store.votes(answer_id) == {}
    await bot.send(bot.api.press(up, on=reply))
    assert list(bot.store.votes(answer_id).values()) == [1]


async def test_no_votes_under_help_declines_or_did_you_mean(
    bot: Bot, assistant: Assistant
) -> None:
    vague = next(
        q
        for q in ("Kielce współpraca zagraniczna", "miasta", "umowy", "współpraca Kielc")
        if assistant.ask(q, "pl").outcome == "suggest"
    )
    for asked in ("/help", "jaka jest pogoda w kielcach jutro", vague):
        replies = _messages(await bot.send(bot.api.message(asked)))
        assert replies, asked
        assert _votes(replies[-1]) == [], f"{asked!r} got vote buttons"


async def test_a_forged_vote_on_a_decline_is_refused(bot: Bot) -> None:
    (contact,) = _messages(await bot.send(bot.api.message("/contact")))
    contact_id = int(_votes(contact)[0].split("|")[1])
    await bot.send(bot.api.message("jaka jest pogoda w kielcach jutro"))
    decline_id = contact_id + 1  # logged next, under the same person
    calls = await bot.send(bot.api.press(f"f|{decline_id}|+", on=contact))
    assert _toasts(calls) == [t("pl", "tg.feedback.not_yours")]
    assert bot.store.votes(decline_id) == {}


# The chosen language -------------------------------------------------------------------------


async def test_a_chosen_language_wins_over_the_questions_language(bot: Bot) -> None:
    (confirmed,) = _messages(await bot.send(bot.api.message("/language en")))
    assert confirmed.text == t("en", "tg.language.set")
    (reply,) = _messages(await bot.send(bot.api.message(GOTHA_PL)))
    assert reply.text.startswith("<b>Gotha (Germany)"), reply.text[:80]
    # The sources, behind their button, in English too.
    assert t("en", "tg.view.sources") in [b["text"] for b in reply.buttons()]


async def test_without_a_choice_the_question_decides(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message(GOTHA_PL, user=EN_USER)))
    assert reply.text.startswith("<b>Gotha (Niemcy)"), reply.text[:80]


async def test_settings_is_an_alias_of_language(bot: Bot) -> None:
    (offer,) = _messages(await bot.send(bot.api.message("/settings")))
    assert offer.text == t("pl", "tg.language.choose")
    english = next(b["callback_data"] for b in offer.buttons() if b["text"] == "English")
    await bot.send(bot.api.press(english, on=offer))
    (reply,) = _messages(await bot.send(bot.api.message(GOTHA_PL)))
    assert reply.text.startswith("<b>Gotha (Germany)")


# Follow-ups ----------------------------------------------------------------------------------


async def test_a_follow_up_is_read_against_the_chats_last_answer(bot: Bot) -> None:
    await bot.send(bot.api.message("Kiedy podpisano umowę z Gothą?"))
    (reply,) = _messages(await bot.send(bot.api.message("a od kiedy?")))
    assert reply.text.startswith("<b>Gotha"), reply.text[:80]
    (other,) = _messages(await bot.send(bot.api.message("a od kiedy?", user=EN_USER)))
    assert not other.text.startswith("<b>Gotha"), "another person's chat has no such answer"
