"""Saying that a name is unknown before offering the choice (``/city Atlantyda``, a deep link
``/start city_atlantis``): without it the bare list of cities reads as an answer to another
question."""

from __future__ import annotations

from ..required import CITIES_BY_COUNTRY, CITY_CARD
from ..sentences import t
from .callbacks import Open

__all__ = ["unknown_deep_link", "unknown_name"]

# A name quoted back longer than this is cut: it is someone's typing, not a name.
_SHOWN = 40


def unknown_name(lang: str, entry: str, name: str) -> str:
    """The note for a command whose argument names no partner city or country."""
    kind = "city" if entry == CITY_CARD else "country"
    return t(lang, f"tg.unknown.{kind}", name=_cut(name))


def unknown_deep_link(lang: str, payload: str) -> tuple[str, Open | None]:
    """The note for a /start payload that opens nothing, and the chooser to offer after it
    (None: the greeting and its examples)."""
    kind, _, value = payload.partition("_")
    if kind == "city" and value:
        return t(lang, "tg.unknown.city", name=_cut(value)), Open(lang, CITY_CARD)
    if kind == "country" and value:
        return t(lang, "tg.unknown.country", name=_cut(value)), Open(lang, CITIES_BY_COUNTRY)
    return t(lang, "tg.unknown.link", name=_cut(payload)), None


def _cut(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= _SHOWN else name[: _SHOWN - 1] + "…"
