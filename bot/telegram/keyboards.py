"""Inline keyboards: suggestions, related questions, a city's map pin, 👍/👎, examples, the
language choice."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from ..answers import Answer, Link
from ..languages import LANGUAGES
from ..required import CITIES_BY_COUNTRY, CITY_CARD
from ..sentences import t
from .callbacks import Button, Choose, Example, Language, MapPin, Open, Vote, encode, examples

__all__ = [
    "DOWN",
    "UP",
    "answer_keyboard",
    "examples_keyboard",
    "is_chooser",
    "language_keyboard",
    "mark_vote",
]

log = logging.getLogger(__name__)

UP, DOWN = "👍", "👎"
_CHOSEN = " ✓"
# Buttons with short labels (city and country names) go two to a row.
_SHORT = 18


def answer_keyboard(answer: Answer, answer_id: int | None) -> InlineKeyboardMarkup | None:
    """Suggestions (or one button per city), related questions, a city card's "on the map"
    (its pin is sent when pressed), then 👍/👎 when the answer was logged as ``answer_id``;
    None when that leaves no button."""
    rows: list[list[InlineKeyboardButton]] = []
    suggestions = _buttons(answer.lang, answer.suggestions, chooser=is_chooser(answer))
    if suggestions and all(len(b.text) <= _SHORT for b in suggestions):
        rows += [suggestions[i : i + 2] for i in range(0, len(suggestions), 2)]
    else:
        rows += [[b] for b in suggestions]
    rows += [[b] for b in _buttons(answer.lang, answer.related, prefix="→ ")]
    if answer.pin is not None and answer.city:
        try:
            data = encode(MapPin(answer.lang, answer.city))
        except ValueError:
            log.warning("no map button for %s: its callback data would be too long", answer.city)
        else:
            rows.append([InlineKeyboardButton(t(answer.lang, "tg.map"), callback_data=data)])
    if answer_id is not None:
        rows.append(
            [
                InlineKeyboardButton(UP, callback_data=encode(Vote(answer_id, 1))),
                InlineKeyboardButton(DOWN, callback_data=encode(Vote(answer_id, -1))),
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


def examples_keyboard(lang: str) -> InlineKeyboardMarkup:
    """One button per example question, as /start offers them."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(question, callback_data=encode(Example(lang, i)))]
            for i, question in enumerate(examples(lang))
        ]
    )


def language_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "tg.language.name"), callback_data=encode(Language(lang))
                )
                for lang in LANGUAGES
            ]
        ]
    )


def mark_vote(markup: InlineKeyboardMarkup, vote: Vote) -> InlineKeyboardMarkup | None:
    """``markup`` with the chosen vote ticked; None when it already shows that."""
    chosen = encode(vote)
    rows = []
    for row in markup.inline_keyboard:
        new_row = []
        for button in row:
            data = button.callback_data
            if isinstance(data, str) and data.startswith("f|"):
                label = UP if data.endswith("+") else DOWN
                button = InlineKeyboardButton(
                    label + _CHOSEN if data == chosen else label, callback_data=data
                )
            new_row.append(button)
        rows.append(new_row)
    marked = InlineKeyboardMarkup(rows)
    return None if marked == markup else marked


def is_chooser(answer: Answer) -> bool:
    """Whether ``answer`` only offers a choice ("did you mean", which city, which country): a
    press on it replaces it with the answer chosen, rather than adding one below."""
    if answer.outcome == "suggest":
        return True
    pick = answer.entry in (CITY_CARD, CITIES_BY_COUNTRY)
    return pick and answer.city is None and answer.country is None and bool(answer.suggestions)


def _buttons(
    lang: str, links: Sequence[Link], prefix: str = "", *, chooser: bool = False
) -> list[InlineKeyboardButton]:
    buttons = []
    for link in links:
        opened = Open(lang, link.entry, city=link.city, country=link.country)
        button: Button = Choose(opened) if chooser else opened
        try:
            data = encode(button)
        except ValueError:
            log.warning("no button for %s: its callback data would be too long", link)
            continue
        buttons.append(InlineKeyboardButton(prefix + link.title, callback_data=data))
    return buttons
