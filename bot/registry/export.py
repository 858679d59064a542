"""Exporting the registry as YAML (the seed files' own format) and CSV (one file per record kind).

The YAML export can be read back by :func:`bot.registry.files.load_registry_files`, so an export
is also a backup that staff can edit and seed again.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from .kinds import CITY, FACT, FILES
from .snapshot import CityFact, RegistryData

__all__ = ["export_csv", "export_yaml", "fact_document", "registry_documents"]


def fact_document(city: str, fact: CityFact) -> dict[str, Any]:
    """One fact of a city, named by its city and kind (for the audit log)."""
    return {"city": city, **FACT.document(fact)}


def registry_documents(data: RegistryData) -> dict[str, dict[str, Any]]:
    """File name -> document, in the format of ``knowledge/registry/`` and ``sources.yaml``."""
    return {
        name: {kind.entity: [kind.document(r) for r in kind.records(data)] for kind in kinds}
        for name, kinds in FILES
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
        for children in CITY.children:
            key = children.key
            facts += [{"city": city["id"], "kind": key, **_flatten(f)} for f in city[key]]
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
