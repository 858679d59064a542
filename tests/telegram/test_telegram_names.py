"""Unknown names and deep-link payloads are said to be unknown before the choice is offered."""

from __future__ import annotations

from html import escape

import pytest

from bot.assistant import Assistant
from bot.sentences import t
from tests.telegram.fake_bot_api import EN_USER, Call
from tests.telegram.harness import Bot


def _messages(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


def _labels(call: Call) -> list[str]:
    return [b["text"] for b in call.buttons()]


def _city_names(assistant: Assistant, lang: str) -> set[str]:
    return {s.title for s in assistant.open("city-card", lang).suggestions}


@pytest.mark.parametrize(
    ("text", "note"),
    [
        pytest.param(
            "/start city_atlantis", t("pl", "tg.unknown.city", name="atlantis"), id="deep-link"
        ),
        pytest.param(
            "/city Atlantyda", t("pl", "tg.unknown.city", name="Atlantyda"), id="command"
        ),
    ],
)
async def test_an_unknown_city_is_said_unknown_before_the_cities_are_offered(
    bot: Bot, assistant: Assistant, text: str, note: str
) -> None:
    (reply,) = _messages(await bot.send(bot.api.message(text)))
    assert reply.text.startswith(f"<i>{escape(note)}</i>\n\n")
    assert _city_names(assistant, "pl") <= set(_labels(reply)), "the choice follows the note"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("/start country_XX", id="deep-link"),
        pytest.param("/country Atlantyda", id="command"),
    ],
)
async def test_an_unknown_country_is_said_unknown(bot: Bot, text: str) -> None:
    (reply,) = _messages(await bot.send(bot.api.message(text, user=EN_USER)))
    name = text.split("_")[-1] if "_" in text else text.split()[-1]
    assert reply.text.startswith(f"<i>{escape(t('en', 'tg.unknown.country', name=name))}</i>")
    assert reply.buttons(), "the countries to choose from"


async def test_an_unknown_deep_link_is_said_unknown_before_the_greeting(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message("/start no-such-thing")))
    note = t("pl", "tg.unknown.link", name="no-such-thing")
    assert reply.text == f"{note}\n\n{t('pl', 'tg.start')}"
    assert _labels(reply) == t("pl", "help.example_questions").split("|")


@pytest.mark.parametrize("text", ["/city Gotha", "/start city_gotha", "/city", "/start"])
async def test_known_names_and_bare_commands_get_no_note(bot: Bot, text: str) -> None:
    (reply, *_) = _messages(await bot.send(bot.api.message(text)))
    assert not reply.text.startswith("<i>")
    assert not reply.text.startswith(t("pl", "tg.unknown.link", name="")[:10])
