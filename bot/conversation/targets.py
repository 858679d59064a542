"""What a button, a link or a command opens, checked against the knowledge before it is trusted.

A :class:`Target` names an entry, and for some entries a city or a country. Channels carry
targets in their own ways (Telegram's callback data, the web API's JSON); :func:`target` checks
what they carry, since it may be stale (knowledge changed meanwhile) or forged.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..answers import Link
from ..assistant import Assistant
from ..sentences import t

__all__ = ["Target", "examples", "target", "target_of"]


@dataclass(frozen=True)
class Target:
    lang: str
    entry: str
    city: str | None = None
    country: str | None = None


def target(assistant: Assistant, lang: str, entry: str, place: str | None) -> Target | None:
    """The target of ``entry`` (with a city id or a country code as ``place``), or None when
    the entry, the city or the country does not exist."""
    brain = assistant.brain
    if entry not in brain.knowledge.entries:
        return None
    if not place:
        return Target(lang, entry)
    if place in brain.registry.cities:
        return Target(lang, entry, city=place)
    if place in brain.registry.countries:
        return Target(lang, entry, country=place)
    return None


def target_of(link: Link, lang: str) -> Target:
    """What a suggestion or a related entry opens."""
    return Target(lang, link.entry, city=link.city, country=link.country)


def examples(lang: str) -> list[str]:
    """The example questions offered to someone who has not asked yet, in ``lang``."""
    return t(lang, "help.example_questions").split("|")
