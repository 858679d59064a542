"""Reading and validating the registry's YAML seed files (``knowledge/registry/*.yaml``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError, Problem
from ..languages import Bilingual
from ..provenance import Source
from ..validation import Checker
from ..yamlfile import read_yaml
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

    def _unique(self, check: Checker, node: dict[str, Any], seen: set[str]) -> str | None:
        ident = check.identifier(node)
        if ident is not None:
            if ident in seen:
                check.problem(node, f"duplicate id {ident!r}")
                return None
            seen.add(ident)
        return ident

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
            ident = self._unique(check, node, set(found))
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
            if fact is None:
                continue
            text = check.bilingual(fact, "text")
            date = check.date(fact)
            source, confidence = self._sourced(check, fact)
            if text and source and confidence:
                found.append(CityFact(source, confidence, kind, date, text))
        return found

    def contacts(
        self, check: Checker, document: object, countries: Mapping[str, Country]
    ) -> tuple[Contact, ...]:
        found: list[Contact] = []
        seen: set[str] = set()
        for node in check.items(document, "contacts"):
            ident = self._unique(check, node, seen)
            country = None
            if node.get("country") is not None:
                country = check.reference(node, "country", countries, "country")
            kind = check.string(node, "kind")
            if kind not in ("foreign-visit", "polish-mission"):
                check.problem(node, "'kind' must be foreign-visit or polish-mission")
            text = check.bilingual(node, "text")
            role = check.bilingual(node, "role", required=False)
            date_note = check.bilingual(node, "date_note", required=False)
            source, confidence = self._sourced(check, node)
            if ident and text and source and confidence and kind:
                found.append(
                    Contact(
                        source=source,
                        confidence=confidence,
                        id=ident,
                        country=country,
                        kind=kind,  # type: ignore[arg-type]
                        person=check.string(node, "person", required=False),
                        role=role,
                        date=check.date(node),
                        date_note=date_note,
                        text=text,
                    )
                )
        return tuple(found)

    def organisations(
        self, check: Checker, document: object
    ) -> tuple[tuple[Organisation, ...], tuple[Mission, ...]]:
        organisations: list[Organisation] = []
        seen: set[str] = set()
        for node in check.items(document, "organisations"):
            ident = self._unique(check, node, seen)
            name, text = check.bilingual(node, "name"), check.bilingual(node, "text")
            source, confidence = self._sourced(check, node)
            if ident and name and text and source and confidence:
                abbreviation = check.string(node, "abbreviation", required=False)
                facts = tuple(self._city_facts(check, node, "fact", "facts"))
                organisations.append(
                    Organisation(source, confidence, ident, name, abbreviation, text, facts)
                )
        missions: list[Mission] = []
        for node in check.items(document, "missions"):
            ident = self._unique(check, node, seen)
            organiser = None
            if node.get("organiser") is not None:
                organiser = check.reference(node, "organiser", seen, "organisation")
            text = check.bilingual(node, "text")
            source, confidence = self._sourced(check, node)
            if ident and text and source and confidence:
                missions.append(
                    Mission(source, confidence, ident, organiser, check.date(node), text)
                )
        return tuple(organisations), tuple(missions)

    def events(
        self, check: Checker, document: object, cities: Mapping[str, City]
    ) -> tuple[Event, ...]:
        found: list[Event] = []
        seen: set[str] = set()
        for node in check.items(document, "events"):
            ident = self._unique(check, node, seen)
            city_ids = check.word_list(node, "cities")
            for city in city_ids:
                if city not in cities:
                    check.problem(node, f"'cities' names an unknown city {city!r}")
            text = check.bilingual(node, "text")
            source, confidence = self._sourced(check, node)
            if ident and text and source and confidence:
                found.append(
                    Event(
                        source,
                        confidence,
                        ident,
                        check.date(node),
                        check.date(node, "end_date"),
                        tuple(c for c in city_ids if c in cities),
                        text,
                    )
                )
        return tuple(found)

    def office(self, check: Checker, document: object) -> tuple[OfficeItem, ...]:
        found: list[OfficeItem] = []
        seen: set[str] = set()
        for node in check.items(document, "office"):
            ident = self._unique(check, node, seen)
            label, value = check.bilingual(node, "label"), self._value(check, node)
            source, confidence = self._sourced(check, node)
            if ident and label and value and source and confidence:
                found.append(OfficeItem(source, confidence, ident, label, value))
        return tuple(found)

    def _value(self, check: Checker, node: dict[str, Any]) -> Bilingual | None:
        """An office value is the same in both languages (a phone number) or bilingual."""
        if isinstance(node.get("value"), (str, int)):
            text = check.string(node, "value")
            return Bilingual(text, text) if text else None
        return check.bilingual(node, "value")
