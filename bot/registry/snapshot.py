"""The registry as read into memory: its records as plain immutable dataclasses.

"The registry" is the city's body of records (partner cities, contacts, missions, ...); this
module holds them as loaded, :mod:`.database` keeps them (:class:`~.database.RegistryDatabase`).
The same types come out of the YAML seed files and out of the database, so the engine and the
answers never hold a database session and nothing loads lazily inside a handler.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..languages import Bilingual
from ..provenance import Confidence, Source

__all__ = [
    "CONTACT_KINDS",
    "FACT_KINDS",
    "STATUSES",
    "City",
    "CityFact",
    "Contact",
    "Country",
    "Event",
    "FactKind",
    "Mission",
    "OfficeItem",
    "Organisation",
    "RegistryData",
    "Status",
]

Status = Literal["partnership", "friendly", "cooperation", "unconfirmed", "historical"]
# Order matters: the partner list is grouped in this order, strongest tie first.
STATUSES: tuple[Status, ...] = (
    "partnership",
    "friendly",
    "cooperation",
    "unconfirmed",
    "historical",
)
FactKind = Literal["milestone", "area", "fact"]
FACT_KINDS: tuple[FactKind, ...] = ("milestone", "area", "fact")
ContactKind = Literal["foreign-visit", "polish-mission"]
CONTACT_KINDS: tuple[ContactKind, ...] = ("foreign-visit", "polish-mission")


@dataclass(frozen=True)
class Sourced:
    """What every fact carries: where it comes from and how sure that source is."""

    source: str
    confidence: Confidence


@dataclass(frozen=True)
class CountryNote(Sourced):
    text: Bilingual


@dataclass(frozen=True)
class Country:
    code: str
    name: Bilingual
    forms: tuple[str, ...]
    note: CountryNote | None = None


@dataclass(frozen=True)
class CityFact(Sourced):
    kind: FactKind
    date: str | None
    text: Bilingual


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    source: str


@dataclass(frozen=True)
class City:
    id: str
    name_pl: str
    name_en: str
    name_native: str
    forms: tuple[str, ...]
    country: str
    status: Status
    status_source: str
    status_confidence: Confidence
    location: Location | None
    facts: tuple[CityFact, ...] = ()

    def name(self, lang: str) -> str:
        return Bilingual(self.name_pl, self.name_en).get(lang)

    def of_kind(self, kind: FactKind) -> tuple[CityFact, ...]:
        return tuple(f for f in self.facts if f.kind == kind)


@dataclass(frozen=True)
class Contact(Sourced):
    id: str
    country: str | None
    kind: ContactKind
    person: str | None
    role: Bilingual | None
    date: str | None
    date_note: Bilingual | None
    text: Bilingual


@dataclass(frozen=True)
class Organisation(Sourced):
    id: str
    name: Bilingual
    abbreviation: str | None
    text: Bilingual
    # Further statements about the organisation that rest on other sources than ``text``.
    facts: tuple[CityFact, ...] = ()


@dataclass(frozen=True)
class Mission(Sourced):
    id: str
    organiser: str | None
    date: str | None
    text: Bilingual


@dataclass(frozen=True)
class Event(Sourced):
    id: str
    date: str | None
    end_date: str | None
    cities: tuple[str, ...]
    text: Bilingual


@dataclass(frozen=True)
class OfficeItem(Sourced):
    id: str
    label: Bilingual
    value: Bilingual


@dataclass(frozen=True)
class RegistryData:
    """Everything the registry holds, keyed for lookups."""

    sources: Mapping[str, Source]
    countries: Mapping[str, Country]
    cities: Mapping[str, City]
    contacts: tuple[Contact, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    missions: tuple[Mission, ...] = ()
    events: tuple[Event, ...] = ()
    office: tuple[OfficeItem, ...] = ()

    def size(self) -> dict[str, int]:
        return {
            "sources": len(self.sources),
            "countries": len(self.countries),
            "cities": len(self.cities),
            "city facts": sum(len(c.facts) for c in self.cities.values()),
            "contacts": len(self.contacts),
            "organisations": len(self.organisations),
            "missions": len(self.missions),
            "events": len(self.events),
            "office items": len(self.office),
        }
