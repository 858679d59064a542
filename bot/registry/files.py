"""Reading and validating the registry's YAML seed files (``knowledge/registry/*.yaml``).

What each file holds and how a record is read is :data:`.kinds.FILES`; this module only finds
the files and keeps each record's key unique.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError, Problem
from ..provenance import Source
from ..required import required_mission_problems, required_office_problems
from ..validation import Checker
from ..yamlfile import read_yaml
from .kinds import FILES, MISSION, OFFICE, SOURCE, Kind, Known
from .snapshot import RegistryData

__all__ = ["load_registry_files"]


def load_registry_files(folder: Path, sources: Mapping[str, Source]) -> RegistryData:
    """Read every registry file in ``folder``; raise :class:`KnowledgeError` listing all problems."""
    problems: list[Problem] = []
    documents: dict[str, tuple[Checker, Any]] = {}
    files = [(name, kinds) for name, kinds in FILES if kinds != (SOURCE,)]
    for name, _ in files:
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

    read: dict[str, Any] = {SOURCE.entity: dict(sources)}
    # The ids a record may refer to grow as the files are read, each after those it refers to.
    known: dict[str, set[str]] = {SOURCE.entity: set(sources)}
    for name, kinds in files:
        for kind in kinds:
            records = _records(*documents[name], kind, known)
            keys = [getattr(r, kind.key) for r in records]
            read[kind.entity] = (
                dict(zip(keys, records, strict=True)) if kind.keyed else tuple(records)
            )
            known[kind.entity] = set(keys)
    problems += required_office_problems(known[OFFICE.entity], folder / "office.yaml")
    problems += required_mission_problems(known[MISSION.entity], folder / "organisations.yaml")
    if problems:
        raise KnowledgeError(problems)
    return RegistryData(**read)


def _records(check: Checker, document: object, kind: Kind, known: Known) -> list[Any]:
    """The records of ``kind`` listed in ``document``, each key once."""
    found = []
    seen: set[str] = set()
    for node in check.items(document, kind.entity):
        record = kind.read(check, node, known)
        if record is None:
            continue
        ident = getattr(record, kind.key)
        if ident in seen:
            check.problem(node, f"duplicate {kind.key} {ident!r}")
            continue
        seen.add(ident)
        found.append(record)
    return found
