"""Splitting Telegram HTML into messages that fit Telegram's limit of 4,096 characters.

Telegram counts a message's text after parsing its HTML, so a message is measured that way
(:func:`bot.render.telegram_length`): tags and entities do not count. Cuts fall between
paragraphs where possible, then between lines, then between words; a tag open at a cut (the
italic sources block, say) is closed before it and opened again after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..render import TELEGRAM_LIMIT, telegram_length, utf16_length

__all__ = ["MESSAGE_LIMIT", "split_html", "telegram_length", "utf16_length"]

MESSAGE_LIMIT = TELEGRAM_LIMIT
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")
# Room left in every piece for the tags closed and reopened around a cut.
_TAG_ROOM = 200


def split_html(text: str, limit: int | None = None) -> list[str]:
    """``text`` as one or more messages of at most ``limit`` (default :data:`MESSAGE_LIMIT`)
    UTF-16 units once parsed, as Telegram counts them (:func:`telegram_length`), tags
    balanced."""
    limit = MESSAGE_LIMIT if limit is None else limit
    if limit <= _TAG_ROOM:
        raise ValueError(f"limit must be more than {_TAG_ROOM}, not {limit}")
    text = text.strip()
    if telegram_length(text) <= limit:
        return [text] if text else []
    messages: list[str] = []
    current = ""  # the message being filled, including tags reopened at its start
    has_content = False
    for separator, piece in _pieces(text, limit - _TAG_ROOM):
        candidate = current + separator + piece if has_content else current + piece
        if telegram_length(candidate) <= limit:
            current, has_content = candidate, True
            continue
        messages.append(current + _closing(current))
        current = _reopening(current) + piece
        has_content = True
    if has_content:
        messages.append(current + _closing(current))
    return messages


def _pieces(text: str, size: int) -> Iterator[tuple[str, str]]:
    """(separator before it, piece) pairs, each piece at most ``size`` units long."""
    for i, paragraph in enumerate(text.split("\n\n")):
        first = "" if i == 0 else "\n\n"
        if utf16_length(paragraph) <= size:
            yield first, paragraph
            continue
        for j, line in enumerate(paragraph.split("\n")):
            line_separator = first if j == 0 else "\n"
            if utf16_length(line) <= size:
                yield line_separator, line
                continue
            for k, word in enumerate(line.split(" ")):
                word_separator = line_separator if k == 0 else " "
                for m, part in enumerate(_hard_split(word, size)):
                    yield (word_separator if m == 0 else ""), part


def _hard_split(word: str, size: int) -> Iterator[str]:
    """Cut a word longer than ``size``, never inside a tag or an entity such as ``&amp;``."""
    start = 0
    while utf16_length(word[start:]) > size:
        end = start
        while end < len(word) and utf16_length(word[start : end + 1]) <= size:
            end += 1
        cut = end
        for opener, closer in (("<", ">"), ("&", ";")):
            at = word.rfind(opener, start, end)
            if at > start and word.find(closer, at, end) == -1:
                cut = min(cut, at)
        yield word[start:cut]
        start = cut
    if start < len(word):
        yield word[start:]


def _open_tags(html: str) -> list[tuple[str, str]]:
    """The tags still open at the end of ``html``: (name, the opening tag as written)."""
    stack: list[tuple[str, str]] = []
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            stack.append((name, match.group(0)))
        elif stack and stack[-1][0] == name:
            stack.pop()
    return stack


def _closing(html: str) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(_open_tags(html)))


def _reopening(html: str) -> str:
    return "".join(tag for _, tag in _open_tags(html))
