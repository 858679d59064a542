"""What a button carries, and deep-link payloads; both are checked before they are trusted.

Callback data (at most 64 bytes, Telegram's limit)::

    o|<lang>|<entry>|<city id, country code or nothing>   open an entry
    c|<lang>|<entry>|<city id, country code or nothing>   the same, from a chooser ("did you
                                                         mean", a list to pick from): the
                                                         answer replaces the chooser
    v|<view>|<lang>|<entry>|<city, country or nothing>[|<focus>]
                                                         show the answer in another view,
                                                         editing its message (view: s short,
                                                         m more, r sources)
    x|<lang>|<n>                                         ask the n-th example question
    f|<answer number>|+ or -                             vote on a logged answer
    p|<lang>|<city id>                                   send the city's map pin, replying
                                                         to the answer pressed
    l|<lang>                                             choose the answer language

Deep links (``t.me/<bot>?start=<payload>``, shown as ``/start <payload>``): ``city_<city id>``,
``country_<country code>`` or an entry id; ``ask`` (:data:`ASK`, from inline mode's "ask the
bot" button) only greets.

Data that does not parse, or names a language, entry, city, country or example that does not exist
(a button from an older version of the knowledge, or a forged one), parses as ``None``: the
bot then says the button has expired and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..answers import Link
from ..assistant import Assistant
from ..conversation import Target, examples, target
from ..intent import FOCUSES, Focus
from ..languages import LANGUAGES
from ..required import CITIES_BY_COUNTRY, CITY_CARD

__all__ = [
    "ASK",
    "DATA_LIMIT",
    "Button",
    "Choose",
    "Example",
    "Language",
    "MapPin",
    "Open",
    "Show",
    "View",
    "Vote",
    "deep_link",
    "encode",
    "examples",
    "parse",
    "parse_deep_link",
]

DATA_LIMIT = 64
ASK = "ask"


# Opening an entry is the conversation's Target; the name says what the button does.
Open = Target


@dataclass(frozen=True)
class Choose:
    """A pick on a chooser ("did you mean", which city, which country): its answer replaces
    the chooser's message."""

    target: Open


View = Literal["short", "more", "sources"]
_VIEW_CODES: dict[View, str] = {"short": "s", "more": "m", "sources": "r"}


@dataclass(frozen=True)
class Show:
    """Show the answer ``target`` opens (for the question's ``focus``) as ``view``, in place
    of the message pressed."""

    view: View
    target: Open
    focus: Focus = "overview"


@dataclass(frozen=True)
class Example:
    lang: str
    index: int


@dataclass(frozen=True)
class Vote:
    answer_id: int
    vote: int  # +1 or -1


@dataclass(frozen=True)
class Language:
    lang: str


@dataclass(frozen=True)
class MapPin:
    """Send the map pin of ``city`` (its name and country in ``lang``) below the answer."""

    lang: str
    city: str


Button = Open | Choose | Show | Example | Vote | Language | MapPin


def encode(button: Button) -> str:
    """The callback data of ``button``; raises ValueError when it would be too long."""
    match button:
        case Open(lang, entry, city, country):
            data = f"o|{lang}|{entry}|{city or country or ''}"
        case Choose(Open(lang, entry, city, country)):
            data = f"c|{lang}|{entry}|{city or country or ''}"
        case Show(view, Open(lang, entry, city, country), focus):
            data = f"v|{_VIEW_CODES[view]}|{lang}|{entry}|{city or country or ''}"
            data += "" if focus == "overview" else f"|{focus}"
        case Example(lang, index):
            data = f"x|{lang}|{index}"
        case Vote(answer_id, vote):
            data = f"f|{answer_id}|{'+' if vote > 0 else '-'}"
        case Language(lang):
            data = f"l|{lang}"
        case MapPin(lang, city):
            data = f"p|{lang}|{city}"
    if len(data.encode()) > DATA_LIMIT:
        raise ValueError(f"callback data longer than {DATA_LIMIT} bytes: {data!r}")
    return data


def parse(data: str | None, assistant: Assistant) -> Button | None:
    """The button ``data`` stands for, or None when it is stale or forged."""
    kind, *parts = (data or "").split("|")
    if kind in ("o", "c") and len(parts) == 3 and parts[0] in LANGUAGES:
        opened = target(assistant, parts[0], parts[1], parts[2])
        return Choose(opened) if opened and kind == "c" else opened
    views = {code: view for view, code in _VIEW_CODES.items()}
    if kind == "v" and len(parts) in (4, 5) and parts[0] in views and parts[1] in LANGUAGES:
        focus = parts[4] if len(parts) == 5 else "overview"
        opened = target(assistant, parts[1], parts[2], parts[3])
        if opened is None or focus not in FOCUSES:
            return None
        return Show(views[parts[0]], opened, focus)
    if kind == "x" and len(parts) == 2 and parts[0] in LANGUAGES and _digits(parts[1]):
        index = int(parts[1])
        return Example(parts[0], index) if index < len(examples(parts[0])) else None
    if kind == "f" and len(parts) == 2 and _digits(parts[0]) and parts[1] in ("+", "-"):
        return Vote(int(parts[0]), 1 if parts[1] == "+" else -1)
    if kind == "l" and len(parts) == 1 and parts[0] in LANGUAGES:
        return Language(parts[0])
    if kind == "p" and len(parts) == 2 and parts[0] in LANGUAGES:
        known = parts[1] in assistant.brain.registry.cities
        return MapPin(parts[0], parts[1]) if known else None
    return None


def deep_link(link: Link) -> str | None:
    """The /start payload that opens ``link``, when there is one."""
    if link.entry == CITY_CARD and link.city:
        return f"city_{link.city}"
    if link.entry == CITIES_BY_COUNTRY and link.country:
        return f"country_{link.country}"
    if link.city or link.country:
        return None
    return link.entry


def parse_deep_link(payload: str, lang: str, assistant: Assistant) -> Open | None:
    """What a /start payload opens, or None when it names nothing known."""
    kind, _, value = payload.partition("_")
    if kind == "city" and value:
        return target(assistant, lang, CITY_CARD, value)
    if kind == "country" and value:
        return target(assistant, lang, CITIES_BY_COUNTRY, value.upper())
    return target(assistant, lang, payload, None)


def _digits(text: str) -> bool:
    return 0 < len(text) <= 18 and text.isascii() and text.isdecimal()
