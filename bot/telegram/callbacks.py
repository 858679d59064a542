"""What a button carries, and deep-link payloads; both are checked before they are trusted.

Callback data (at most 64 bytes, Telegram's limit)::

    o|<lang>|<entry>|<city id, country code or nothing>   open an entry
    x|<lang>|<n>                                         ask the n-th example question
    f|<answer number>|+ or -                             vote on a logged answer
    l|<lang>                                             choose the answer language

Deep links (``t.me/<bot>?start=<payload>``, shown as ``/start <payload>``): ``city_<city id>``,
``country_<country code>`` or an entry id.

Data that does not parse, or names an entry, city, country or example that does not exist
(a button from an older version of the knowledge, or a forged one), parses as ``None``: the
bot then says the button has expired and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..answers import Link
from ..assistant import Assistant
from ..conversation import Target, examples, target
from ..languages import LANGUAGES
from ..required import CITIES_BY_COUNTRY, CITY_CARD

__all__ = [
    "DATA_LIMIT",
    "Button",
    "Example",
    "Language",
    "Open",
    "Vote",
    "deep_link",
    "encode",
    "examples",
    "parse",
    "parse_deep_link",
]

DATA_LIMIT = 64


# Opening an entry is the conversation's Target; the name says what the button does.
Open = Target


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


Button = Open | Example | Vote | Language


def encode(button: Button) -> str:
    """The callback data of ``button``; raises ValueError when it would be too long."""
    match button:
        case Open(lang, entry, city, country):
            data = f"o|{lang}|{entry}|{city or country or ''}"
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
    if kind == "o" and len(parts) == 3 and parts[0] in LANGUAGES:
        return target(assistant, parts[0], parts[1], parts[2])
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
        return target(assistant, lang, CITY_CARD, value)
    if kind == "country" and value:
        return target(assistant, lang, CITIES_BY_COUNTRY, value.upper())
    return target(assistant, lang, payload, None)


def _digits(text: str) -> bool:
    return 0 < len(text) <= 18 and text.isascii() and text.isdecimal()
