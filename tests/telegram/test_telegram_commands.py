"""Every command, the menus, deep links and the language, through the real Application."""

from __future__ import annotations

from html import escape
from typing import Any

import pytest

from bot.assistant import Assistant
from bot.config import Settings
from bot.render import telegram_length
from bot.sentences import t
from bot.telegram import split
from tests.telegram.fake_bot_api import EN_USER, GROUP, PL_USER, Call, FakeBotApi
from tests.telegram.harness import Bot, running_bot


def _messages(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


async def _one_reply(bot: Bot, text: str, user: dict[str, Any] = PL_USER) -> Call:
    (reply,) = _messages(await bot.send(bot.api.message(text, user=user)))
    return reply


def test_menus_are_published_in_both_languages_for_private_chats_and_groups(bot: Bot) -> None:
    menus = {
        (c.json("scope")["type"], c.params.get("language_code")): c.json("commands")
        for c in bot.api.sent("setMyCommands")
    }
    assert set(menus) == {
        ("all_private_chats", None),
        ("all_group_chats", None),
        ("all_private_chats", "pl"),
        ("all_group_chats", "pl"),
    }
    names = [c["command"] for c in menus["all_private_chats", "pl"]]
    assert names == [
        "start", "help", "partners", "city", "country", "visits", "missions", "contact",
        "sources", "language",
    ]  # fmt: skip
    polish = {c["command"]: c["description"] for c in menus["all_private_chats", "pl"]}
    english = {c["command"]: c["description"] for c in menus["all_group_chats", None]}
    assert polish["partners"] == t("pl", "tg.cmd.partners")
    assert english["partners"] == t("en", "tg.cmd.partners")


async def test_start_greets_and_offers_examples_as_buttons(bot: Bot) -> None:
    reply = await _one_reply(bot, "/start")
    assert reply.text == t("pl", "tg.start")
    buttons = reply.buttons()
    assert [b["text"] for b in buttons] == t("pl", "help.example_questions").split("|")
    pressed = await bot.send(bot.api.press(buttons[0]["callback_data"], on=reply))
    (answer,) = _messages(pressed)
    assert escape(t("pl", "partners.title")) in answer.text


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        pytest.param("/partners", t("pl", "partners.title"), id="partners"),
        pytest.param("/city Gotha", "Gotha (Niemcy)", id="city"),
        pytest.param("/city gocie", "Gotha (Niemcy)", id="city-inflected"),
        pytest.param("/country Niemcy", t("pl", "country.title", country="Niemcy"), id="country"),
        pytest.param("/country HU", t("pl", "country.title", country="Węgry"), id="country-code"),
        pytest.param("/visits", t("pl", "visits.title"), id="visits"),
        pytest.param("/missions", t("pl", "missions.title"), id="missions"),
        pytest.param("/contact", t("pl", "contact.title"), id="contact"),
        pytest.param("/miasta", t("pl", "partners.title"), id="polish-alias"),
        pytest.param("/kontakt", t("pl", "contact.title"), id="polish-alias-contact"),
    ],
)
async def test_each_command_answers(bot: Bot, command: str, expected: str) -> None:
    replies = _messages(await bot.send(bot.api.message(command)))
    assert escape(expected) in replies[0].text
    votes = any(b["text"] == "👍" for b in replies[-1].buttons())
    assert votes == (command != "/help"), "the help text is no answer to vote on"


async def test_help_lists_the_commands(bot: Bot) -> None:
    reply = await _one_reply(bot, "/help", EN_USER)
    assert t("en", "tg.commands") in reply.text
    assert escape("/partners - " + t("en", "tg.cmd.partners")) in reply.text


async def test_partner_list_has_a_button_per_city(bot: Bot, assistant: Assistant) -> None:
    reply = await _one_reply(bot, "/partners", EN_USER)
    data = {b["callback_data"] for b in reply.buttons()}
    current = [
        c
        for c in assistant.brain.registry.cities.values()
        if c.status in ("partnership", "friendly", "cooperation")
    ]
    assert {f"o|en|city-card|{c.id}" for c in current} <= data


async def test_city_card_has_its_map_pin_on_a_button(bot: Bot) -> None:
    calls = await bot.send(bot.api.message("/city Gotha", user=EN_USER))
    assert [c.method for c in calls] == ["sendMessage"], "one message: the pin waits"
    (card,) = calls
    rows = card.json("reply_markup")["inline_keyboard"]
    (pin_button,) = rows[-2]  # a row of its own, above the votes
    assert pin_button == {"text": t("en", "tg.map"), "callback_data": "p|en|gotha"}
    assert [b["text"] for b in rows[-1]] == ["👍", "👎"]

    pressed = await bot.send(bot.api.press(pin_button["callback_data"], on=card, user=EN_USER))
    assert [c.method for c in pressed] == ["answerCallbackQuery", "sendVenue"]
    assert "text" not in pressed[0].params, "no toast"
    venue = pressed[1]
    assert venue.params["title"] == "Gotha"
    assert venue.params["address"] == "Germany"
    assert abs(float(venue.params["latitude"]) - 50.949) < 0.01
    assert abs(float(venue.params["longitude"]) - 10.702) < 0.01
    assert venue.chat_id == card.chat_id
    assert venue.json("reply_parameters")["message_id"] == card.result["message_id"]


async def test_the_pin_speaks_the_language_of_its_card(bot: Bot, assistant: Assistant) -> None:
    card = await _one_reply(bot, "/miasto Gotha")
    (data,) = [b["callback_data"] for b in card.buttons() if b["text"] == t("pl", "tg.map")]
    pressed = await bot.send(bot.api.press(data, on=card, user=EN_USER))
    (venue,) = [c for c in pressed if c.method == "sendVenue"]
    pin = assistant.open("city-card", "pl", city="gotha").pin
    assert pin is not None
    assert venue.params["title"] == pin.name
    assert venue.params["address"] == "Niemcy", "the card's language, not the presser's"


async def test_a_forged_pin_button_has_expired(bot: Bot) -> None:
    card = await _one_reply(bot, "/city Gotha")
    for data in ("p|pl|nowhere", "p|de|gotha", "p|pl"):
        calls = await bot.send(bot.api.press(data, on=card))
        assert [c.method for c in calls] == ["answerCallbackQuery"], "nothing sent"
        assert calls[0].params["text"] == t("pl", "tg.expired")


async def test_city_without_a_name_offers_the_cities(bot: Bot) -> None:
    reply = await _one_reply(bot, "/city")
    assert t("pl", "suggest.pick_city") in reply.text
    gotha = next(b for b in reply.buttons() if b["callback_data"] == "c|pl|city-card|gotha")
    calls = await bot.send(bot.api.press(gotha["callback_data"], on=reply))
    # The list becomes Gotha's card (see test_telegram_presentation.py), its pin on a button.
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
    assert "Gotha (Niemcy)" in calls[1].text
    assert "p|pl|gotha" in [b["callback_data"] for b in calls[1].buttons()]


async def test_a_long_answer_is_split_at_paragraphs(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No shipped answer is over Telegram's 4,096 characters of text; the sources list is over
    # a third of that.
    monkeypatch.setattr(split, "MESSAGE_LIMIT", 1500)
    replies = _messages(await bot.send(bot.api.message("/sources")))
    assert len(replies) >= 2
    assert all(telegram_length(r.text) <= 1500 for r in replies)
    assert escape(t("pl", "sources.title")) in replies[0].text
    assert "reply_markup" not in replies[0].params
    assert any(b["text"] == "👍" for b in replies[-1].buttons())
    assert all(r.text.count("<i>") == r.text.count("</i>") for r in replies)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param("city_gotha", "Gotha (Niemcy)", id="city"),
        pytest.param("country_hu", t("pl", "country.title", country="Węgry"), id="country"),
        pytest.param("partner-cities", t("pl", "partners.title"), id="entry"),
        pytest.param("no_such_thing", t("pl", "tg.start"), id="unknown-greets"),
    ],
)
async def test_deep_links_open_what_they_name(bot: Bot, payload: str, expected: str) -> None:
    replies = _messages(await bot.send(bot.api.message(f"/start {payload}")))
    assert escape(expected) in replies[0].text or replies[0].text == expected


async def test_english_users_get_english(bot: Bot) -> None:
    reply = await _one_reply(bot, "/partners", EN_USER)
    assert escape(t("en", "partners.title")) in reply.text
    start = await _one_reply(bot, "/start", EN_USER)
    assert start.text == t("en", "tg.start")


async def test_unknown_command_points_at_help_in_private_only(bot: Bot) -> None:
    reply = await _one_reply(bot, "/weather")
    assert reply.text == t("pl", "tg.unknown_command")
    assert await bot.send(bot.api.message("/weather", chat=GROUP)) == []


async def test_language_is_switched_and_remembered_across_restarts(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(api, assistant, bot_settings) as bot:
        choose = await _one_reply(bot, "/language")
        assert choose.text == t("pl", "tg.language.choose")
        english = next(b for b in choose.buttons() if b["text"] == "English")
        pressed = await bot.send(api.press(english["callback_data"], on=choose))
        (confirmed,) = [c for c in pressed if c.method == "editMessageText"]
        assert confirmed.text == t("en", "tg.language.set")
        assert int(confirmed.params["message_id"]) == choose.result["message_id"]
    async with running_bot(api, assistant, bot_settings) as bot:
        assert (await _one_reply(bot, "/start")).text == t("en", "tg.start")
        assert (await _one_reply(bot, "/jezyk pl")).text == t("pl", "tg.language.set")
        assert (await _one_reply(bot, "/start")).text == t("pl", "tg.start")
