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
from .kinds import CONTACT, EVENT, FACT, MISSION, OFFICE, ORGANISATION, SOURCE
from .snapshot import CityFact, RegistryData

__all__ = ["export_csv", "export_yaml", "fact_document", "registry_documents"]


def _text(value: Bilingual | None) -> dict[str, str] | None:
    return {"pl": value.pl, "en": value.en} if value else None


def _facts(facts: Iterable[CityFact], *, dated: bool = True) -> list[dict[str, Any]]:
    """Facts in a list of their kind (which is why a fact's own document has no kind); only
    milestones carry a date."""
    documents = [{k: v for k, v in FACT.document(f).items() if k != "kind"} for f in facts]
    return documents if dated else [{k: v for k, v in d.items() if k != "date"} for d in documents]


def fact_document(city: str, fact: CityFact) -> dict[str, Any]:
    """One fact of a city, named by its city and kind (for the audit log)."""
    return {"city": city, **FACT.document(fact)}


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
        city["areas"] = _facts(c.of_kind("area"), dated=False)
        city["facts"] = _facts(c.of_kind("fact"), dated=False)
        cities.append(city)
    return {
        "sources": {"sources": [SOURCE.document(s) for s in data.sources.values()]},
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
        "contacts": {"contacts": [CONTACT.document(c) for c in data.contacts]},
        "organisations": {
            "organisations": [
                {**ORGANISATION.document(o), "facts": _facts(o.facts, dated=False)}
                for o in data.organisations
            ],
            "missions": [MISSION.document(m) for m in data.missions],
        },
        "events": {"events": [EVENT.document(e) for e in data.events]},
        "office": {"office": [OFFICE.document(o) for o in data.office]},
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
