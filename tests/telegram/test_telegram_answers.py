"""An answer in Telegram: the direct answer as the message, its details and sources one tap
away, escaped, and split only where a message would overflow."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from bot.render import telegram_length, utf16_length
from bot.sentences import t
from tests.telegram.fake_bot_api import EN_USER, PL_USER, Call
from tests.telegram.harness import Bot

_FOLDED = re.compile(r"<blockquote expandable>.*?</blockquote>", re.S)


def _visible(html: str) -> str:
    """What the reader sees before unfolding: the text outside tags and the folded quote."""
    return unescape(re.sub(r"<[^>]+>", "", _FOLDED.sub("", html))).strip()


def _replies(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


@pytest.mark.parametrize(
    ("question", "user", "opening"),
    [
        pytest.param(
            "Kiedy podpisano umowę z Gothą?",
            PL_USER,
            "Umowę partnerską z Gothą podpisano 30 kwietnia 1997 r. po stronie Kielc "
            "(kielce.eu, 2022).",
            id="when-pl",
        ),
        pytest.param("Gotha", PL_USER, "Gotha (Niemcy) to miasto partnerskie Kielc", id="card"),
        pytest.param(
            "Opowiedz o Winnicy", PL_USER, "Winnica (Ukraina) to miasto partnerskie Kielc", id="w"
        ),
        pytest.param(
            "Tell me about Gotha", EN_USER, "Gotha (Germany) is a partner city of Kielce", id="en"
        ),
    ],
)
async def test_a_city_question_fits_one_screen(
    bot: Bot, question: str, user: dict[str, Any], opening: str
) -> None:
    (reply,) = _replies(await bot.send(bot.api.message(question, user=user)))
    text = reply.params["text"]
    visible = _visible(text)
    assert len(visible) <= 600, visible
    # After the bold title, the first sentence is the fact asked for.
    assert visible.split("\n\n")[1].startswith(opening), visible
    # The details folded into the message; the sources a tap away, in the same message.
    assert text.count("<blockquote expandable>") == 1
    labels = [b["text"] for b in reply.buttons()]
    assert t(user["language_code"], "tg.view.sources") in labels


async def test_the_sources_list_is_measured_as_telegram_counts_it(bot: Bot) -> None:
    # Telegram's 4,096 characters are counted after parsing: the list's links make its HTML
    # longer than that, its text is not, so it fits the message its button shows it in.
    (reply,) = _replies(await bot.send(bot.api.message("/sources")))
    label = t("pl", "tg.view.sources")
    pressed = next(b["callback_data"] for b in reply.buttons() if b["text"] == label)
    calls = await bot.send(bot.api.press(pressed, on=reply))
    (shown,) = [c for c in calls if c.method == "editMessageText" and c.ok]
    text = shown.params["text"]
    assert utf16_length(text) > 4096 >= telegram_length(text)
    assert text.count("<blockquote expandable>") == text.count("</blockquote>")
