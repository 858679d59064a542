"""Answers that look native to Telegram: choosers edit their own message, the group's language
choice is a toast, /help lists the commands, /stats in <pre>, an empty inline result offers the
bot, an answer's sources and details behind buttons that edit it in place, and a city's map pin
behind a button of its own."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from bot.assistant import Assistant
from bot.sentences import t
from bot.telegram.commands import MENU
from tests.telegram.fake_bot_api import GROUP, Call
from tests.telegram.harness import Bot


def _messages(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


def _edits(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "editMessageText" and c.ok]


def _press(call: Call, label: str) -> str:
    return str(next(b["callback_data"] for b in call.buttons() if b["text"] == label))


# Choosers --------------------------------------------------------------------------------------


async def test_a_city_chosen_from_the_list_replaces_the_list(
    bot: Bot, assistant: Assistant
) -> None:
    (chooser,) = _messages(await bot.send(bot.api.message("/city")))
    calls = await bot.send(bot.api.press(_press(chooser, "Gotha"), on=chooser))
    assert _messages(calls) == [], "no second message below the list"
    (edited,) = _edits(calls)
    assert int(edited.params["message_id"]) == chooser.result["message_id"]
    card = assistant.open("city-card", "pl", city="gotha")
    assert edited.text.startswith(f"<b>{escape(card.title or '')}</b>")
    labels = [b["text"] for b in edited.buttons()]
    assert "Orange" not in labels, "the list's keyboard is gone"
    assert t("pl", "tg.map") in labels, "the card's pin is a button away"
    assert not any(c.method == "sendVenue" for c in calls)


async def test_a_city_button_under_a_real_answer_adds_the_card_below_it(bot: Bot) -> None:
    (partners,) = _messages(await bot.send(bot.api.message("/partners")))
    calls = await bot.send(bot.api.press(_press(partners, "Gotha"), on=partners))
    assert _edits(calls) == [], "the partner list stays as it was"
    (card,) = _messages(calls)
    assert "Gotha" in card.text


async def test_the_language_chooser_becomes_the_confirmation(bot: Bot) -> None:
    (chooser,) = _messages(await bot.send(bot.api.message("/language")))
    calls = await bot.send(bot.api.press(_press(chooser, "English"), on=chooser))
    assert _messages(calls) == []
    (edited,) = _edits(calls)
    assert edited.text == t("en", "tg.language.set")
    assert "reply_markup" not in edited.params, "no stale buttons left"


async def test_in_a_group_the_language_choice_is_a_toast(bot: Bot) -> None:
    (chooser,) = _messages(await bot.send(bot.api.message("/language", chat=GROUP)))
    calls = await bot.send(bot.api.press(_press(chooser, "English"), on=chooser))
    assert _messages(calls) == [], "the group hears nothing"
    assert _edits(calls) == [], "the chooser stays for the others"
    (toast,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert toast.params["text"] == t("en", "tg.language.set")


# /help and inline mode -------------------------------------------------------------------------


async def test_help_lists_the_commands_beside_the_example_questions(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message("/pomoc")))
    assert reply.params["parse_mode"] == "HTML"
    assert escape(t("pl", "tg.commands")) in reply.text
    for name in MENU:
        assert f"/{name} - {escape(t('pl', f'tg.cmd.{name}'))}" in reply.text
    examples = t("pl", "help.example_questions").split("|")
    assert [b["text"] for b in reply.buttons()] == examples, "tap an example to ask it"
    assert "👍" not in reply.text
    pressed = await bot.send(bot.api.press(reply.buttons()[1]["callback_data"], on=reply))
    assert "Gotha" in _messages(pressed)[0].text


async def test_an_empty_inline_result_offers_to_ask_the_bot(bot: Bot) -> None:
    calls = await bot.send(bot.api.inline("xyz"))
    (answered,) = [c for c in calls if c.method == "answerInlineQuery"]
    assert answered.json("results") == []
    button = answered.json("button")
    assert button == {"text": t("pl", "tg.inline.nothing"), "start_parameter": "ask"}
    (greeting,) = _messages(await bot.send(bot.api.message("/start ask")))
    assert greeting.text == t("pl", "tg.start"), "the button's link only greets"


async def test_inline_results_come_without_the_button(bot: Bot) -> None:
    calls = await bot.send(bot.api.inline("gotha"))
    (answered,) = [c for c in calls if c.method == "answerInlineQuery"]
    assert answered.json("results")
    assert "button" not in answered.params


# An answer's views -----------------------------------------------------------------------------


async def test_the_sources_button_shows_them_in_the_same_message(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message("/contact")))
    sources_label, short_label = t("pl", "tg.view.sources"), t("pl", "tg.view.short")
    heading = escape(t("pl", "render.sources"))
    assert heading not in reply.text, "the sources wait behind their button"
    labels = [b["text"] for b in reply.buttons()]
    assert sources_label in labels
    assert "👍" in labels

    calls = await bot.send(bot.api.press(_press(reply, sources_label), on=reply))
    assert _messages(calls) == [], "no new message"
    (shown,) = _edits(calls)
    assert int(shown.params["message_id"]) == reply.result["message_id"]
    assert heading in shown.text
    assert shown.text.startswith(reply.text.split("\n\n")[0]), "the answer stays on top"
    labels = [b["text"] for b in shown.buttons()]
    assert short_label in labels
    assert sources_label not in labels
    assert "👍" in labels, "the other buttons stay"

    (back,) = _edits(await bot.send(bot.api.press(_press(shown, short_label), on=shown)))
    assert back.text == reply.text
    assert [b["text"] for b in back.buttons()] == [b["text"] for b in reply.buttons()]


async def test_a_view_button_for_an_entry_that_is_gone_has_expired(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message("/contact")))
    calls = await bot.send(bot.api.press("v|r|pl|no-such-entry|", on=reply))
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"] == t("pl", "tg.expired")


# A city's map pin ------------------------------------------------------------------------------


def _rows(call: Call) -> list[list[str]]:
    return [[b["text"] for b in row] for row in call.json("reply_markup")["inline_keyboard"]]


async def test_the_map_row_stays_when_the_card_changes_view(bot: Bot) -> None:
    (card,) = _messages(await bot.send(bot.api.message("/city Gotha")))
    map_row, sources_label = [t("pl", "tg.map")], t("pl", "tg.view.sources")
    assert map_row in _rows(card)
    calls = await bot.send(bot.api.press(_press(card, sources_label), on=card))
    (shown,) = _edits(calls)
    assert escape(t("pl", "render.sources")) in shown.text
    assert _rows(shown)[-2:] == [map_row, ["👍", "👎"]], "the pin above the votes still"
    assert not any(c.method == "sendVenue" for c in calls)
    (back,) = _edits(
        await bot.send(bot.api.press(_press(shown, t("pl", "tg.view.short")), on=shown))
    )
    assert _rows(back) == _rows(card)


async def test_the_map_row_stays_when_the_card_is_voted_on(bot: Bot) -> None:
    (card,) = _messages(await bot.send(bot.api.message("/city Gotha")))
    calls = await bot.send(bot.api.press(_press(card, "👍"), on=card))
    (marked,) = [c for c in calls if c.method == "editMessageReplyMarkup" and c.ok]
    assert _rows(marked)[-2:] == [[t("pl", "tg.map")], ["👍 ✓", "👎"]]
    assert _rows(marked)[:-1] == _rows(card)[:-1], "the other buttons as they were"


async def test_the_pin_goes_to_the_group_and_the_topic_of_the_answer(bot: Bot) -> None:
    topic = {"message_thread_id": 77, "is_topic_message": True}
    asked = bot.api.message("/city Gotha", chat=GROUP, **topic)
    (card,) = _messages(await bot.send(asked))
    assert int(card.params["message_thread_id"]) == 77
    # The fake API does not keep the topic in what it returns; Telegram does.
    card = replace(card, result={**card.result, **topic})
    calls = await bot.send(bot.api.press(_press(card, t("pl", "tg.map")), on=card))
    (venue,) = [c for c in calls if c.method == "sendVenue"]
    assert venue.chat_id == GROUP["id"]
    assert int(venue.params["message_thread_id"]) == 77
    assert venue.json("reply_parameters")["message_id"] == card.result["message_id"]
    assert _messages(calls) == [], "the pin, and nothing else"
