"""Exporting the registry as YAML (the seed files' own format) and CSV (one file per record kind).

The YAML export can be read back by :func:`bot.registry.files.load_registry_files`, so an export
is also a backup that staff can edit and seed again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from ..languages import Bilingual
from ..provenance import Source
from .snapshot import CityFact, Contact, Mission, RegistryData

__all__ = [
    "contact_document",
    "export_csv",
    "export_yaml",
    "fact_document",
    "mission_document",
    "registry_documents",
    "source_document",
]


def _text(value: Bilingual | None) -> dict[str, str] | None:
    return {"pl": value.pl, "en": value.en} if value else None


def _facts(facts: Iterable[CityFact]) -> list[dict[str, Any]]:
    return [
        {"date": f.date, "text": _text(f.text), "source": f.source, "confidence": f.confidence}
        for f in facts
    ]


def source_document(source: Source) -> dict[str, Any]:
    """One source as ``sources.yaml`` writes it (also what the audit log keeps)."""
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": source.date,
        "note": source.note,
    }


def contact_document(contact: Contact) -> dict[str, Any]:
    """One diplomatic contact as ``registry/contacts.yaml`` writes it."""
    return {
        "id": contact.id,
        "country": contact.country,
        "kind": contact.kind,
        "person": contact.person,
        "role": _text(contact.role),
        "date": contact.date,
        "date_note": _text(contact.date_note),
        "text": _text(contact.text),
        "source": contact.source,
        "confidence": contact.confidence,
    }


def mission_document(mission: Mission) -> dict[str, Any]:
    """One economic mission as ``registry/organisations.yaml`` writes it."""
    return {
        "id": mission.id,
        "organiser": mission.organiser,
        "date": mission.date,
        "text": _text(mission.text),
        "source": mission.source,
        "confidence": mission.confidence,
    }


def fact_document(city: str, fact: CityFact) -> dict[str, Any]:
    """One fact of a city, named by its city and kind (for the audit log)."""
    return {
        "city": city,
        "kind": fact.kind,
        "date": fact.date,
        "text": _text(fact.text),
        "source": fact.source,
        "confidence": fact.confidence,
    }


def registry_documents(data: RegistryData) -> dict[str, dict[str, Any]]:
    """File name -> document, in the format of ``knowledge/registry/`` and ``sources.yaml``."""
    cities = []
    for c in data.cities.values():
        city: dict[str, Any] = {
            "id": c.id,
            "name": {"pl": c.name_pl, "en": c.name_en, "native": c.name_native},
            "forms": list(c.forms),
            "country": c.country,
            "status": c.status,
            "status_source": c.status_source,
            "status_confidence": c.status_confidence,
        }
        if c.location:
            city["location"] = {
                "lat": c.location.lat,
                "lon": c.location.lon,
                "source": c.location.source,
            }
        city["milestones"] = _facts(c.of_kind("milestone"))
        city["areas"] = [
            {k: v for k, v in f.items() if k != "date"} for f in _facts(c.of_kind("area"))
        ]
        city["facts"] = [
            {k: v for k, v in f.items() if k != "date"} for f in _facts(c.of_kind("fact"))
        ]
        cities.append(city)
    return {
        "sources": {"sources": [source_document(s) for s in data.sources.values()]},
        "countries": {
            "countries": [
                {
                    "code": c.code,
                    "name": _text(c.name),
                    "forms": list(c.forms),
                    **(
                        {
                            "note": {
                                "text": _text(c.note.text),
                                "source": c.note.source,
                                "confidence": c.note.confidence,
                            }
                        }
                        if c.note
                        else {}
                    ),
                }
                for c in data.countries.values()
            ]
        },
        "cities": {"cities": cities},
        "contacts": {"contacts": [contact_document(c) for c in data.contacts]},
        "organisations": {
            "organisations": [
                {
                    "id": o.id,
                    "name": _text(o.name),
                    "abbreviation": o.abbreviation,
                    "text": _text(o.text),
                    "source": o.source,
                    "confidence": o.confidence,
                    "facts": [
                        {k: v for k, v in f.items() if k != "date"} for f in _facts(o.facts)
                    ],
                }
                for o in data.organisations
            ],
            "missions": [mission_document(m) for m in data.missions],
        },
        "events": {
            "events": [
                {
                    "id": e.id,
                    "date": e.date,
                    "end_date": e.end_date,
                    "cities": list(e.cities),
                    "text": _text(e.text),
                    "source": e.source,
                    "confidence": e.confidence,
                }
                for e in data.events
            ]
        },
        "office": {
            "office": [
                {
                    "id": o.id,
                    "label": _text(o.label),
                    "value": _text(o.value),
                    "source": o.source,
                    "confidence": o.confidence,
                }
                for o in data.office
            ]
        },
    }


def export_yaml(data: RegistryData, folder: Path) -> list[Path]:
    """Write ``sources.yaml`` and ``registry/*.yaml`` under ``folder``; return the paths."""
    written = []
    for name, document in registry_documents(data).items():
        path = (
            folder / f"{name}.yaml" if name == "sources" else folder / "registry" / f"{name}.yaml"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8",
        )
        written.append(path)
    return written


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """{"name": {"pl": "A"}} -> {"name_pl": "A"}; lists become "; "-joined text."""
    flat: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, dict):
            flat.update(_flatten(item, f"{name}_"))
        elif isinstance(item, list) and not any(isinstance(i, dict) for i in item):
            flat[name] = "; ".join(str(i) for i in item)
        elif not isinstance(item, list):
            flat[name] = item
    return flat


def export_csv(data: RegistryData, folder: Path) -> list[Path]:
    """One CSV per record kind (UTF-8 with BOM, so spreadsheets show Polish letters)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for document in registry_documents(data).values():
        for key, records in document.items():
            tables[key] = [_flatten(r) for r in records]
    facts = []
    for city in registry_documents(data)["cities"]["cities"]:
        for kind in ("milestones", "areas", "facts"):
            facts += [{"city": city["id"], "kind": kind, **_flatten(f)} for f in city[kind]]
    tables["city_facts"] = facts
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = folder / f"{name}.csv"
        columns = list(dict.fromkeys(k for row in rows for k in row))
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written
