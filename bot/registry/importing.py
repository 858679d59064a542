"""Importing a registry export (the YAML that ``db export`` writes) back into the database.

The folder holds ``sources.yaml`` and ``registry/*.yaml``, the seed files' own format. It is
validated as strictly as the seed files, then replaces the registry in one transaction, so an
invalid export changes nothing and a valid one comes back without loss.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import KnowledgeError, Problem
from ..knowledge import load_sources
from .database import RegistryDatabase
from .files import load_registry_files
from .snapshot import RegistryData

__all__ = ["import_registry", "read_export"]


def read_export(folder: Path) -> RegistryData:
    """Read and validate an export; raise :class:`KnowledgeError` listing every problem.

    ``folder`` is the YAML folder, or the folder ``db export --out`` wrote (with ``yaml/``).
    """
    if not (folder / "sources.yaml").exists() and (folder / "yaml" / "sources.yaml").exists():
        folder = folder / "yaml"
    if not folder.is_dir():
        raise KnowledgeError([Problem(folder, None, "the export folder does not exist")])
    problems: list[Problem] = []
    sources = load_sources(folder / "sources.yaml", problems)
    if problems:
        raise KnowledgeError(problems)
    return load_registry_files(folder / "registry", sources)


def import_registry(database: RegistryDatabase, folder: Path, *, who: str) -> dict[str, int]:
    """Replace the registry with the export in ``folder``; return the counts written."""
    data = read_export(folder)
    return database.seed(data, who=who, action="import", note=f"imported from {folder}")
