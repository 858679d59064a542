"""An answer's views in one message: short at first, its details or its sources on a button.

An answer goes out short (what was asked, and little more). Under it, "Więcej / More" and
"Źródła / Sources" edit the same message in place to show the details or the full list of
sources, and "Krótko / In short" goes back: the chat does not fill up with long cards, and
whoever wants the sources has them one tap away. The buttons carry the entry opened (not the
text), so any copy of the bot can render the view again from the knowledge.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from ..answers import Answer
from ..render import html
from ..sentences import t
from . import split
from .callbacks import Open, Show, View, encode

__all__ = ["VIEWS", "in_one_message", "render", "swap_view_buttons", "view_buttons", "whole"]

VIEWS: tuple[View, ...] = ("short", "more", "sources")


def render(answer: Answer, view: View) -> str:
    """``answer`` as Telegram HTML in ``view``."""
    # The details are folded into the message (an expandable block quote); the sources are the
    # view a button opens.
    return html(answer, sources=view == "sources")


def whole(answer: Answer) -> str:
    """``answer`` with everything in it: its longest view, and what goes out (split) when it
    does not fit one message."""
    # The sources view is the short one with the sources added (without sources, the same).
    return render(answer, "sources")


def in_one_message(answer: Answer, rendered: str | None = None) -> bool:
    """Whether every view of ``answer`` fits one message, so that they can take turns in it;
    an answer too long for that goes out whole (sources included) in several. ``rendered``:
    :func:`whole` of it, when the caller has it already."""
    # The longest view fits: they all do.
    text = whole(answer) if rendered is None else rendered
    return split.telegram_length(text) <= split.MESSAGE_LIMIT


def view_buttons(answer: Answer, view: View, *, fits: bool) -> list[InlineKeyboardButton]:
    """The buttons that switch ``answer``, shown as ``view``, to its other views; none for an
    answer that is not an entry's (a decline, a "did you mean"), has nothing more, or does not
    fit one message (``fits``: :func:`in_one_message`, which the caller has measured)."""
    if answer.outcome != "answer" or not answer.entry or not fits:
        return []
    target = Open(answer.lang, answer.entry, city=answer.city, country=answer.country)
    buttons = []
    for other in VIEWS:
        if other == view or not _has(answer, other):
            continue
        try:
            data = encode(Show(other, target))
        except ValueError:  # an entry id too long for callback data: the answer stays short
            return []
        buttons.append(
            InlineKeyboardButton(t(answer.lang, f"tg.view.{other}"), callback_data=data)
        )
    return buttons


def swap_view_buttons(
    markup: InlineKeyboardMarkup | None, answer: Answer, view: View, *, fits: bool
) -> InlineKeyboardMarkup | None:
    """``markup`` (the message's keyboard) with its view buttons those of ``view``; the other
    buttons (related questions, the map pin, votes) as they were. ``fits``: as for
    :func:`view_buttons`."""
    rows = [
        list(row)
        for row in (markup.inline_keyboard if markup else ())
        if not any(_is_view_button(b) for b in row)
    ]
    buttons = view_buttons(answer, view, fits=fits)
    if buttons:
        rows.insert(0, buttons)
    return InlineKeyboardMarkup(rows) if rows else None


def _has(answer: Answer, view: View) -> bool:
    """Whether ``view`` shows something the short view does not."""
    if view == "sources":
        return bool(answer.sources)
    # "more": the short view already folds the details in.
    return view == "short"


def _is_view_button(button: InlineKeyboardButton) -> bool:
    return isinstance(button.callback_data, str) and button.callback_data.startswith("v|")
