"""How a staff form looks in Telegram: its questions and previews as HTML, its options as buttons.

The form itself (:mod:`bot.forms.staff`) returns what to ask; this renders it. A button names
its draft and its prompt (``e|<token>|<prompt number>|<option index>``), so a button of an
older prompt or of an edit that has ended is recognised as stale.
"""

from __future__ import annotations

import re
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from ..forms.staff import Action, Ask, Draft, Preview
from ..render import html
from ..sentences import t

__all__ = ["EDIT_BUTTONS", "keyboard", "pressed_option", "rendered"]

EDIT_BUTTONS = r"^e\|"
_BUTTON = re.compile(r"^e\|([0-9a-f]{6})\|(\d{1,6})\|(\d{1,3})$")
_ACTIONS_PER_ROW = 3


def rendered(outcome: Ask | Preview, lang: str) -> str:
    """The prompt as Telegram HTML: what was wrong first, then the question or the preview."""
    lines = [escape(outcome.problem), ""] if outcome.problem else []
    if isinstance(outcome, Ask):
        lines += [f"<b>{escape(outcome.title)}</b>", escape(outcome.question)]
        lines += [f"• {escape(line)}" for line in outcome.listed]
        if outcome.now is not None:
            lines.append(escape(t(lang, "admin.now", value=outcome.now)))
        if outcome.hint is not None:
            lines.append(f"<i>{escape(outcome.hint)}</i>")
        return "\n".join(lines)
    lines.append(f"<b>{escape(outcome.title)}</b>")
    for field in outcome.fields:
        line = f"{escape(field.label)}: {escape(field.value)}"
        if field.was is not None:
            line = f"✏️ {line} <i>({escape(t(lang, 'admin.was', value=field.was))})</i>"
        lines.append(line)
    lines += ["", escape(t(lang, "admin.preview.shown")), "", html(outcome.shown)]
    lines += ["", f"<i>{escape(t(lang, 'admin.preview.confirm'))}</i>"]
    return "\n".join(lines)


def keyboard(draft: Draft) -> InlineKeyboardMarkup:
    """The prompt's choices, ``draft.columns`` to a row, then its actions (keep, none, cancel)."""

    def button(index: int) -> InlineKeyboardButton:
        data = f"e|{draft.token}|{draft.serial}|{index}"
        return InlineKeyboardButton(draft.options[index].label, callback_data=data)

    choices = [i for i, o in enumerate(draft.options) if not isinstance(o.value, Action)]
    actions = [i for i, o in enumerate(draft.options) if isinstance(o.value, Action)]
    rows = [
        [button(i) for i in choices[n : n + draft.columns]]
        for n in range(0, len(choices), draft.columns)
    ]
    rows += [
        [button(i) for i in actions[n : n + _ACTIONS_PER_ROW]]
        for n in range(0, len(actions), _ACTIONS_PER_ROW)
    ]
    return InlineKeyboardMarkup(rows)


def pressed_option(data: str | None, draft: Draft | None) -> int | None:
    """The option a button of ``draft``'s current prompt stands for; None for any other."""
    match = _BUTTON.match(data or "")
    if match is None or draft is None:
        return None
    token, serial, index = match.group(1), int(match.group(2)), int(match.group(3))
    if token != draft.token or serial != draft.serial or index >= len(draft.options):
        return None
    return index
