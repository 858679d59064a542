"""Bringing a revised seed into a registry that staff have edited, without losing their edits.

``db seed`` replaces every record. ``db reseed`` merges instead, record by record, three ways:

- the *base*: what the seed said when it was last applied (the audit log keeps it: the registry
  written by the last ``db seed``/``db import``, or the baseline the last ``db reseed`` logged);
- the *current* registry, with whatever staff changed since;
- the *new* seed (``knowledge/``).

A record staff have not touched since the base (current equals base) takes the new seed's
version, or goes if the new seed dropped it. A record staff changed, added or deleted stays as
they left it; where the seed changed it too, the report lists it for a person to look at. A
record new in the seed is added. A city's facts belong to its city record: an edit of one of
Gotha's facts keeps the whole Gotha record, and the report says so.

Fields that did not exist when the base was written (a source's ``kind``, a city's ``cases``)
are compared as absent, so a migration that adds them does not make every record look edited.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from ..errors import RegistryError
from .audit import ALL_RECORDS, AuditRow, record_change
from .database import RegistryDatabase
from .export import registry_documents
from .importing import read_export
from .kinds import FILES, SOURCE
from .snapshot import RegistryData

__all__ = ["BASELINE_ENTITY", "ReseedReport", "merge_documents", "reseed", "seed_baseline"]

# The audit log's entity for "what the seed said", logged by every reseed.
BASELINE_ENTITY = "seed"
# Whole-registry writes whose ``after`` is what a seed (or an import) said.
_BASE_ACTIONS = ("seed", "import")

Documents = dict[str, dict[str, Any]]


@dataclass
class ReseedReport:
    """What a reseed did, record by record (``file/id``)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)  # staff edits kept; the seed changed too
    unchanged: int = 0

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.removed)} removed",
            f"{len(self.kept_edits)} staff edits kept although the seed changed them",
            f"{self.unchanged} unchanged",
        ]
        return ", ".join(parts)


# The field that names a record of each document list ("sources": its id, "countries": its
# code), as each kind's description says.
_KEYS: Mapping[str, str] = {kind.entity: kind.key for _, kinds in FILES for kind in kinds}


def _key(record: Mapping[str, Any], entity: str) -> str:
    return str(record[_KEYS[entity]])


def _covers(current: Any, base: Any) -> bool:
    """``current`` equals ``base`` on every field the base knew, at any depth."""
    if isinstance(base, Mapping):
        return isinstance(current, Mapping) and all(
            _covers(current.get(k), v) for k, v in base.items()
        )
    if isinstance(base, list):
        return (
            isinstance(current, list)
            and len(current) == len(base)
            and all(_covers(c, b) for c, b in zip(current, base, strict=True))
        )
    return bool(current == base)


def _same(current: Mapping[str, Any] | None, base: Mapping[str, Any] | None) -> bool:
    """Current equals base on every field the base knew (newer fields compare as absent)."""
    if current is None or base is None:
        return current is base
    return _covers(current, base)


def _merge_list(
    where: str,
    entity: str,
    base: Iterable[Mapping[str, Any]],
    current: Iterable[Mapping[str, Any]],
    new: Iterable[Mapping[str, Any]],
    report: ReseedReport,
) -> list[Mapping[str, Any]]:
    bases = {_key(r, entity): r for r in base}
    currents = {_key(r, entity): r for r in current}
    news = {_key(r, entity): r for r in new}
    merged: list[Mapping[str, Any]] = []
    # The new seed's order first, then what only the current registry holds (staff additions).
    for ident in [*news, *(i for i in currents if i not in news)]:
        b, c, n = bases.get(ident), currents.get(ident), news.get(ident)
        name = f"{where}/{ident}"
        if _same(c, b):
            if n is None:
                if c is not None:
                    report.removed.append(name)
                continue
            if c is None:
                report.added.append(name)
            elif _same(n, c) and _same(c, n):
                report.unchanged += 1
            else:
                report.updated.append(name)
            merged.append(n)
        else:
            # Staff changed, added or deleted it since the seed was applied: theirs stands.
            if not (_same(n, b) and _same(b, n)):
                report.kept_edits.append(name)
            else:
                report.unchanged += 1
            if c is not None:
                merged.append(c)
    return merged


def merge_documents(
    base: Documents, current: Documents, new: Documents
) -> tuple[Documents, ReseedReport]:
    """The three-way merge of registry documents (the export format), and what it did."""
    report = ReseedReport()
    merged: Documents = {}
    for name, document in new.items():
        merged[name] = {}
        for key, records in document.items():
            merged[name][key] = _merge_list(
                f"{name}.{key}",
                key,
                base.get(name, {}).get(key, []),
                current.get(name, {}).get(key, []),
                records,
                report,
            )
    _keep_cited_sources(merged, current, report)
    return merged, report


def _cited(value: Any) -> Iterable[str]:
    """Every source id a document cites (``source``, ``status_source``, ``note.source``...)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in ("source", "status_source") and isinstance(item, str):
                yield item
            else:
                yield from _cited(item)
    elif isinstance(value, list):
        for item in value:
            yield from _cited(item)


def _keep_cited_sources(merged: Documents, current: Documents, report: ReseedReport) -> None:
    """A kept staff edit may cite a source the new seed dropped: that source stays too."""
    sources = merged["sources"]["sources"]
    known = {_key(s, SOURCE.entity) for s in sources}
    cited = set(_cited({k: v for k, v in merged.items() if k != "sources"}))
    for source in current.get("sources", {}).get("sources", []):
        ident = _key(source, SOURCE.entity)
        if ident in cited and ident not in known:
            sources.append(source)
            report.kept_edits.append(f"sources.sources/{ident}")
            if f"sources.sources/{ident}" in report.removed:
                report.removed.remove(f"sources.sources/{ident}")


def seed_baseline(database: RegistryDatabase) -> Documents:
    """What the seed said when it was last applied, from the audit log."""
    with database.session() as session:
        row = session.scalar(
            select(AuditRow)
            .where(
                (
                    (AuditRow.entity == "registry")
                    & AuditRow.action.in_(_BASE_ACTIONS)
                    & (AuditRow.record_id == ALL_RECORDS)
                )
                | (AuditRow.entity == BASELINE_ENTITY)
            )
            .order_by(AuditRow.id.desc())
            .limit(1)
        )
        if row is None or row.after is None:
            raise RegistryError(
                "the audit log holds no seed to compare with, so staff edits cannot be told "
                "from the seed: run `run_bot.py db seed` (which replaces every record) instead"
            )
        return dict(row.after)


def _as_registry(documents: Documents) -> RegistryData:
    """Merged documents read back and validated exactly as seed files are."""
    with tempfile.TemporaryDirectory(prefix="reseed-") as folder:
        root = Path(folder)
        (root / "registry").mkdir()
        for name, document in documents.items():
            path = (
                root / f"{name}.yaml" if name == "sources" else root / "registry" / f"{name}.yaml"
            )
            text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
            path.write_text(text, encoding="utf-8")
        return read_export(root)


def reseed(
    database: RegistryDatabase, seed: RegistryData, *, who: str, dry_run: bool = False
) -> ReseedReport:
    """Merge ``seed`` into the registry, keeping staff edits (see the module's docstring)."""
    database.check_schema()
    base = seed_baseline(database)
    new = registry_documents(seed)
    merged, report = merge_documents(base, registry_documents(database.load()), new)
    data = _as_registry(merged)
    if dry_run:
        return report
    database.seed(data, who=who, action="reseed", note=report.summary())
    with database.session() as session:
        # What the seed said, for the next reseed: not the merged registry, whose staff edits
        # would otherwise look like the seed's.
        record_change(
            session,
            who=who,
            action="baseline",
            entity=BASELINE_ENTITY,
            record_id=ALL_RECORDS,
            before=None,
            after=new,
            note="the seed applied by db reseed",
        )
    return report
