"""Finding what a person names: a city or a country given by name, and cards to share.

Channel-neutral: Telegram's ``/city Gotha`` and inline mode use it, and so can any other channel.
"""

from __future__ import annotations

import unicodedata

from ..answers import Answer
from ..assistant import Assistant
from ..required import CITY_CARD, PARTNER_CITIES
from .targets import Target

__all__ = ["SHARED_RESULTS", "named", "shareable_answers"]

SHARED_RESULTS = 20


def named(assistant: Assistant, entry: str, text: str, lang: str) -> Target:
    """``entry`` for the city or country ``text`` names ("Gotha", "Niemcy", "DE"); the entry
    alone (the list to choose from) when it names neither."""
    registry = assistant.brain.registry
    if not text:
        return Target(lang, entry)
    if text.upper() in registry.countries:
        return Target(lang, entry, country=text.upper())
    if text.lower() in registry.cities:
        return Target(lang, entry, city=text.lower())
    found = assistant.match(text, lang).entities
    return Target(
        lang,
        entry,
        city=found.cities[0] if found.cities else None,
        country=found.countries[0] if found.countries else None,
    )


def shareable_answers(assistant: Assistant, query: str, lang: str) -> list[Answer]:
    """Answers to offer for sharing (Telegram's inline mode): the answer or the suggestions,
    then city cards whose name starts with what was typed; with nothing typed, the partner list
    and every current partner's card."""
    registry = assistant.brain.registry
    current = [c.id for c in registry.cities.values() if c.status != "historical"]
    if not query:
        answers = [assistant.open(PARTNER_CITIES, lang)]
        answers += [assistant.open(CITY_CARD, lang, city=city) for city in current]
        return answers[:SHARED_RESULTS]
    asked = assistant.ask(query, lang)
    lang = asked.lang
    answers = []
    if asked.outcome == "answer":
        answers.append(asked)
    elif asked.outcome == "suggest":
        answers += [
            assistant.open(s.entry, lang, city=s.city, country=s.country)
            for s in asked.suggestions
        ]
    typed = _fold(query)
    for city in registry.cities.values():
        names = (city.name_pl, city.name_en, city.name_native, *city.forms)
        if any(_fold(name).startswith(typed) for name in names):
            answers.append(assistant.open(CITY_CARD, lang, city=city.id))
    unique: dict[tuple[str | None, str | None, str | None], Answer] = {}
    for answer in answers:
        if answer.outcome == "answer":
            unique.setdefault((answer.entry, answer.city, answer.country), answer)
    return list(unique.values())[:SHARED_RESULTS]


def _fold(text: str) -> str:
    """Case and diacritics folded, so that "gav" finds "Gävle" and "LODZ" finds "Łódź"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()
