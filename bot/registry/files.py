"""Reading and validating the registry's YAML seed files (``knowledge/registry/*.yaml``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError, Problem
from ..provenance import Source
from ..validation import Checker
from ..yamlfile import read_yaml
from .kinds import CONTACT, EVENT, FACT, MISSION, OFFICE, ORGANISATION, Kind, Known
from .snapshot import (
    STATUSES,
    City,
    CityFact,
    Contact,
    Country,
    CountryNote,
    Event,
    FactKind,
    Location,
    Mission,
    OfficeItem,
    Organisation,
    RegistryData,
)

__all__ = ["load_registry_files"]

_FILES = ("countries", "cities", "contacts", "organisations", "events", "office")


def load_registry_files(folder: Path, sources: Mapping[str, Source]) -> RegistryData:
    """Read every registry file in ``folder``; raise :class:`KnowledgeError` listing all problems."""
    problems: list[Problem] = []
    documents: dict[str, tuple[Checker, Any]] = {}
    for name in _FILES:
        path = folder / f"{name}.yaml"
        if not path.exists():
            problems.append(Problem(path, None, "the file is missing"))
            continue
        document, problem = read_yaml(path)
        if problem:
            problems.append(problem)
            continue
        documents[name] = (Checker(path, problems), document)
    if problems:
        raise KnowledgeError(problems)

    reader = _Reader(sources)
    countries = reader.countries(*documents["countries"])
    cities = reader.cities(*documents["cities"], countries)
    contacts = reader.contacts(*documents["contacts"], countries)
    organisations, missions = reader.organisations(*documents["organisations"])
    events = reader.events(*documents["events"], cities)
    office = reader.office(*documents["office"])
    if problems:
        raise KnowledgeError(problems)
    return RegistryData(
        sources=dict(sources),
        countries=countries,
        cities=cities,
        contacts=contacts,
        organisations=organisations,
        missions=missions,
        events=events,
        office=office,
    )


class _Reader:
    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources
        self.known: Known = {"sources": sources}

    def _unique(self, check: Checker, node: dict[str, Any], ident: str, seen: set[str]) -> bool:
        if ident in seen:
            check.problem(node, f"duplicate id {ident!r}")
            return False
        seen.add(ident)
        return True

    def _sourced(self, check: Checker, node: dict[str, Any]) -> tuple[Any, Any]:
        return check.reference(node, "source", self.sources, "source"), check.confidence(node)

    def countries(self, check: Checker, document: object) -> dict[str, Country]:
        found: dict[str, Country] = {}
        for node in check.items(document, "countries"):
            code, name = check.string(node, "code"), check.bilingual(node, "name")
            if code is not None and (len(code) != 2 or not code.isupper()):
                check.problem(node, f"'code' {code!r} must be an ISO 3166 alpha-2 code like DE")
                code = None
            if code in found:
                check.problem(node, f"duplicate country {code!r}")
                continue
            note = None
            if node.get("note") is not None:
                note_node = check.mapping(node["note"], "'note'", node)
                if note_node is not None:
                    text = check.bilingual(note_node, "text")
                    source, confidence = self._sourced(check, note_node)
                    if text and source and confidence:
                        note = CountryNote(source=source, confidence=confidence, text=text)
            forms = tuple(check.word_list(node, "forms", required=True))
            if code and name:
                found[code] = Country(code=code, name=name, forms=forms, note=note)
        return found

    def cities(
        self, check: Checker, document: object, countries: Mapping[str, Country]
    ) -> dict[str, City]:
        found: dict[str, City] = {}
        for node in check.items(document, "cities"):
            ident = check.identifier(node)
            if ident is not None and not self._unique(check, node, ident, set(found)):
                ident = None
            names = check.mapping(node.get("name"), "'name' (with pl, en and native)", node)
            name_pl = name_en = name_native = None
            if names is not None:
                name_pl, name_en = check.string(names, "pl"), check.string(names, "en")
                name_native = check.string(names, "native")
            country = check.reference(node, "country", countries, "country")
            status = check.string(node, "status")
            if status is not None and status not in STATUSES:
                check.problem(node, f"'status' must be one of {', '.join(STATUSES)}")
                status = None
            status_source = check.reference(node, "status_source", self.sources, "source")
            status_confidence = check.confidence(node, "status_confidence")
            location = self._location(check, node)
            facts: list[CityFact] = []
            for kind, key in (("milestone", "milestones"), ("area", "areas"), ("fact", "facts")):
                facts.extend(self._city_facts(check, node, kind, key))  # type: ignore[arg-type]
            if (
                ident
                and name_pl
                and name_en
                and name_native
                and country
                and status
                and status_source
                and status_confidence
            ):
                found[ident] = City(
                    id=ident,
                    name_pl=name_pl,
                    name_en=name_en,
                    name_native=name_native,
                    forms=tuple(check.word_list(node, "forms")),
                    country=country,
                    status=status,
                    status_source=status_source,
                    status_confidence=status_confidence,
                    location=location,
                    facts=tuple(facts),
                )
        return found

    def _location(self, check: Checker, node: dict[str, Any]) -> Location | None:
        if node.get("location") is None:
            return None
        where = check.mapping(node["location"], "'location' (lat, lon, source)", node)
        if where is None:
            return None
        lat, lon = where.get("lat"), where.get("lon")
        source = check.reference(where, "source", self.sources, "source")
        if not isinstance(lat, (int, float)) or not -90 <= lat <= 90:
            check.problem(where, "'lat' must be a number from -90 to 90")
            return None
        if not isinstance(lon, (int, float)) or not -180 <= lon <= 180:
            check.problem(where, "'lon' must be a number from -180 to 180")
            return None
        return Location(float(lat), float(lon), source) if source else None

    def _city_facts(
        self, check: Checker, node: dict[str, Any], kind: FactKind, key: str
    ) -> list[CityFact]:
        value = node.get(key) or []
        if not isinstance(value, list):
            check.problem(node, f"'{key}' must be a list")
            return []
        found = []
        for item in value:
            fact = check.mapping(item, f"every item of '{key}'", node)
            if fact is not None:
                record = FACT.read(check, fact, self.known, kind=kind)
                if record is not None:
                    found.append(record)
        return found

    def contacts(
        self, check: Checker, document: object, countries: Mapping[str, Country]
    ) -> tuple[Contact, ...]:
        known = {**self.known, "countries": countries}
        return tuple(self._records(check, document, CONTACT, known))

    def organisations(
        self, check: Checker, document: object
    ) -> tuple[tuple[Organisation, ...], tuple[Mission, ...]]:
        organisations = []
        seen: set[str] = set()
        for node in check.items(document, ORGANISATION.entity):
            # Further statements about the organisation, resting on other sources than its text.
            facts = tuple(self._city_facts(check, node, "fact", "facts"))
            organisation = ORGANISATION.read(check, node, self.known, facts=facts)
            if organisation is not None and self._unique(check, node, organisation.id, seen):
                organisations.append(organisation)
        known = {**self.known, "organisations": seen}
        missions = self._records(check, document, MISSION, known)
        return tuple(organisations), tuple(missions)

    def events(
        self, check: Checker, document: object, cities: Mapping[str, City]
    ) -> tuple[Event, ...]:
        return tuple(self._records(check, document, EVENT, {**self.known, "cities": cities}))

    def office(self, check: Checker, document: object) -> tuple[OfficeItem, ...]:
        return tuple(self._records(check, document, OFFICE, self.known))

    def _records(self, check: Checker, document: object, kind: Kind, known: Known) -> list[Any]:
        """The records of ``kind`` listed in ``document``, each id once."""
        found = []
        seen: set[str] = set()
        for node in check.items(document, kind.entity):
            record = kind.read(check, node, known)
            if record is not None and self._unique(check, node, record.id, seen):
                found.append(record)
        return found
