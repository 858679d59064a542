"""The registry views an entry may show, each declared once: what it needs, what it answers and
which registry texts it shows.

An entry (``knowledge/entries/*.yaml``) either has its own answer or names a view with
``view: city_card``; its answer is then built from the registry's records. The knowledge loader
(:mod:`bot.knowledge`) accepts no view but these, the matcher (:mod:`bot.matching`) reads here
what each answers, and the composer (:mod:`bot.answers`) has one method per view, marked with
the view it builds and checked when the module is imported. (How an answer is laid out in
Telegram, short or with its details, is another sense of "view": :mod:`bot.telegram.views`.)
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from .intent import CITY_FOCUSES, CONTACT_FOCUSES, Focus
from .languages import Bilingual
from .registry.snapshot import RegistryData

__all__ = ["STATIC_FOCUSES", "VIEWS", "View"]

Texts = Callable[[RegistryData], Iterable[Bilingual]]
# What an entry without a view (or a view of no particular focus) answers.
STATIC_FOCUSES: frozenset[Focus] = frozenset(["when", "who", "count", "areas", "unanswerable"])


def _no_texts(_registry: RegistryData) -> Iterable[Bilingual]:
    return ()


def _city_texts(registry: RegistryData) -> Iterable[Bilingual]:
    return [f.text for c in registry.cities.values() for f in c.facts]


def _visit_texts(registry: RegistryData) -> Iterable[Bilingual]:
    contacts = registry.contacts
    texts = [c.text for c in contacts] + [c.role for c in contacts if c.role]
    return texts + [Bilingual(c.person, c.person) for c in contacts if c.person]


def _mission_texts(registry: RegistryData) -> Iterable[Bilingual]:
    organisations = registry.organisations
    texts = [o.text for o in organisations] + [m.text for m in registry.missions]
    return texts + [f.text for o in organisations for f in o.facts]


def _event_texts(registry: RegistryData) -> Iterable[Bilingual]:
    return [e.text for e in registry.events]


def _office_texts(registry: RegistryData) -> Iterable[Bilingual]:
    return [o.label for o in registry.office] + [o.value for o in registry.office]


class View(enum.Enum):
    """A registry view: an answer built from the registry's records, not written in the entry.

    Each is ``(name in the entries' YAML, the entity it needs, the focuses it answers, the
    registry texts it shows)``. A question must name the entity a view needs (a city for a city
    card); a focus the view does not answer is read as a general question (:data:`FOCUSES`);
    the texts let "kongres robotów" find the view whose records mention it.
    """

    PARTNERS_BY_STATUS = (
        "partners_by_status",
        None,
        frozenset(["count", "is_partner", "when", "areas", "status"]),
    )
    # A city card asked for a phone number cannot give one: the sources name none for a
    # partner city.
    CITY_CARD = ("city_card", "city", CITY_FOCUSES | {"unanswerable"}, _city_texts)
    CITIES_BY_COUNTRY = (
        "cities_by_country",
        "country",
        frozenset(["cities_of_country", "is_partner", "count"]),
    )
    VISITS = (
        "visits",
        None,
        frozenset(["who", "when", "count", "events", "unanswerable"]),
        _visit_texts,
    )
    CONTACT = ("contact", None, CONTACT_FOCUSES | {"who"}, _office_texts)
    MISSIONS = (
        "missions",
        None,
        frozenset(["when", "who", "count", "events", "unanswerable"]),
        _mission_texts,
    )
    HISTORICAL = ("historical", None, frozenset(["when", "status", "count", "is_partner"]))
    EVENTS = (
        "events",
        None,
        frozenset(["events", "when", "who", "count", "unanswerable"]),
        _event_texts,
    )
    SOURCES = ("sources", None, STATIC_FOCUSES)
    HELP = ("help", None, STATIC_FOCUSES)

    def __init__(
        self,
        key: str,
        needs: Literal["city", "country"] | None,
        focuses: frozenset[Focus],
        texts: Texts = _no_texts,
    ) -> None:
        self.key = key
        self.needs = needs
        self.focuses = focuses
        self.texts = texts

    def __str__(self) -> str:
        return self.key


VIEWS: Mapping[str, View] = {view.key: view for view in View}
