"""What a button carries, and deep-link payloads; both are checked before they are trusted.

Callback data (at most 64 bytes, Telegram's limit)::

    o|<lang>|<entry>|<city id, country code or nothing>   open an entry
    c|<lang>|<entry>|<city id, country code or nothing>   the same, from a chooser ("did you
                                                         mean", a list to pick from): the
                                                         answer replaces the chooser
    v|<view>|<lang>|<entry>|<city, country or nothing>   show the answer of an entry in another
                                                         view, editing its message (view: s
                                                         short, m more, r sources)
    x|<lang>|<n>                                         ask the n-th example question
    f|<answer number>|+ or -                             vote on a logged answer
    l|<lang>                                             choose the answer language

Deep links (``t.me/<bot>?start=<payload>``, shown as ``/start <payload>``): ``city_<city id>``,
``country_<country code>`` or an entry id; ``ask`` (:data:`ASK`, from inline mode's "ask the
bot" button) only greets.

Data that does not parse, or names an entry, city, country or example that does not exist
(a button from an older version of the knowledge, or a forged one), parses as ``None``: the
bot then says the button has expired and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ..answers import Link
from ..assistant import Assistant
from ..languages import LANGUAGES
from ..required import CITIES_BY_COUNTRY, CITY_CARD
from ..sentences import t

__all__ = [
    "ASK",
    "DATA_LIMIT",
    "Button",
    "Example",
    "Language",
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


@dataclass(frozen=True)
class Open:
    lang: str
    entry: str
    city: str | None = None
    country: str | None = None
    chooser: bool = False  # pressed on a chooser, which the answer then replaces


View = Literal["short", "more", "sources"]
_VIEW_CODES: dict[View, str] = {"short": "s", "more": "m", "sources": "r"}


@dataclass(frozen=True)
class Show:
    """Show the answer ``target`` opens as ``view``, in place of the message pressed."""

    view: View
    target: Open


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


Button = Open | Show | Example | Vote | Language


def examples(lang: str) -> list[str]:
    """The example questions /start offers, in ``lang``."""
    return t(lang, "help.example_questions").split("|")


def encode(button: Button) -> str:
    """The callback data of ``button``; raises ValueError when it would be too long."""
    match button:
        case Open(lang, entry, city, country, chooser):
            data = f"{'c' if chooser else 'o'}|{lang}|{entry}|{city or country or ''}"
        case Show(view, Open(lang, entry, city, country)):
            data = f"v|{_VIEW_CODES[view]}|{lang}|{entry}|{city or country or ''}"
        case Example(lang, index):
            data = f"x|{lang}|{index}"
        case Vote(answer_id, vote):
            data = f"f|{answer_id}|{'+' if vote > 0 else '-'}"
        case Language(lang):
            data = f"l|{lang}"
    if len(data.encode()) > DATA_LIMIT:
        raise ValueError(f"callback data longer than {DATA_LIMIT} bytes: {data!r}")
    return data


def parse(data: str | None, assistant: Assistant) -> Button | None:
    """The button ``data`` stands for, or None when it is stale or forged."""
    kind, *parts = (data or "").split("|")
    if kind in ("o", "c") and len(parts) == 3 and parts[0] in LANGUAGES:
        target = _open(parts[0], parts[1], parts[2], assistant)
        return replace(target, chooser=True) if target and kind == "c" else target
    views = {code: view for view, code in _VIEW_CODES.items()}
    if kind == "v" and len(parts) == 4 and parts[0] in views and parts[1] in LANGUAGES:
        target = _open(parts[1], parts[2], parts[3], assistant)
        return Show(views[parts[0]], target) if target else None
    if kind == "x" and len(parts) == 2 and parts[0] in LANGUAGES and _digits(parts[1]):
        index = int(parts[1])
        return Example(parts[0], index) if index < len(examples(parts[0])) else None
    if kind == "f" and len(parts) == 2 and _digits(parts[0]) and parts[1] in ("+", "-"):
        return Vote(int(parts[0]), 1 if parts[1] == "+" else -1)
    if kind == "l" and len(parts) == 1 and parts[0] in LANGUAGES:
        return Language(parts[0])
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
        return _open(lang, CITY_CARD, value, assistant)
    if kind == "country" and value:
        return _open(lang, CITIES_BY_COUNTRY, value.upper(), assistant)
    return _open(lang, payload, "", assistant)


def _digits(text: str) -> bool:
    return 0 < len(text) <= 18 and text.isascii() and text.isdecimal()


def _open(lang: str, entry: str, target: str, assistant: Assistant) -> Open | None:
    brain = assistant.brain
    if entry not in brain.knowledge.entries:
        return None
    if not target:
        return Open(lang, entry)
    if target in brain.registry.cities:
        return Open(lang, entry, city=target)
    if target in brain.registry.countries:
        return Open(lang, entry, country=target)
    return None
