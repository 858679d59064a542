"""Seeding, loading, exporting and importing the registry, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import getpass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.cli import main
from bot.errors import KnowledgeError
from bot.registry import RegistryData, RegistryDatabase
from bot.registry.database import _TABLES
from bot.registry.export import export_csv, export_yaml, registry_documents
from bot.registry.importing import import_registry, read_export


def _row_counts(registry: RegistryDatabase) -> dict[str, int]:
    with registry.session() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
            for table in _TABLES
        }


def test_seeding_twice_leaves_the_same_rows(
    registry: RegistryDatabase, seed: RegistryData
) -> None:
    registry.seed(seed, who="test")
    once = _row_counts(registry)
    registry.seed(seed, who="test")
    assert _row_counts(registry) == once
    assert registry.load() == seed
    assert once["cities"] == len(seed.cities) > 0


def test_load_returns_what_the_yaml_says(registry: RegistryDatabase, seed: RegistryData) -> None:
    registry.seed(seed, who="test")
    loaded = registry.load()
    assert loaded == seed
    # Dict equality ignores order; the partner list and the answers rely on the cities' order.
    assert list(loaded.cities) == list(seed.cities)


@pytest.mark.parametrize(
    ("city", "text"),
    [
        pytest.param("vinnytsia", "Вінниця", id="cyrillic"),
        pytest.param("vinnytsia", "winnicę", id="polish-diacritics"),
    ],
)
def test_texts_keep_every_letter(
    registry: RegistryDatabase, seed: RegistryData, city: str, text: str
) -> None:
    registry.seed(seed, who="test")
    stored = registry.load().cities[city]
    assert text in (stored.name_native, *stored.forms)


def test_export_and_import_lose_nothing(
    registry: RegistryDatabase, seed: RegistryData, tmp_path: Path
) -> None:
    registry.seed(seed, who="test")
    export_yaml(registry.load(), tmp_path / "yaml")
    assert read_export(tmp_path / "yaml") == seed

    registry.seed(RegistryData(sources={}, countries={}, cities={}), who="test")
    assert registry.load().cities == {}
    import_registry(registry, tmp_path / "yaml", who="test")
    assert registry.load() == seed
    assert list(registry.load().cities) == list(seed.cities)


def test_csv_export_has_every_city(
    registry: RegistryDatabase, seed: RegistryData, tmp_path: Path
) -> None:
    registry.seed(seed, who="test")
    export_csv(registry.load(), tmp_path)
    with (tmp_path / "cities.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == list(seed.cities)
    assert {row["name_pl"] for row in rows} == {c.name_pl for c in seed.cities.values()}


def test_an_invalid_export_changes_nothing(
    registry: RegistryDatabase, seed: RegistryData, tmp_path: Path
) -> None:
    registry.seed(seed, who="test")
    export_yaml(seed, tmp_path)
    cities = tmp_path / "registry" / "cities.yaml"
    cities.write_text(
        cities.read_text(encoding="utf-8").replace("country: UA", "country: XX", 1),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="XX"):
        import_registry(registry, tmp_path, who="test")
    assert registry.load() == seed
    assert [e.action for e in registry.audit_log()] == ["seed"]


@pytest.mark.usefixtures("cli_env")
def test_cli_seed_export_import_round_trip_is_audited(
    registry: RegistryDatabase,
    seed: RegistryData,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["db", "seed"]) == 0
    assert main(["db", "export", "--out", str(tmp_path / "export")]) == 0
    # The folder that `db export --out` wrote is accepted as well as its yaml/ subfolder.
    assert main(["db", "import", "--from", str(tmp_path / "export")]) == 0
    assert "Imported" in capsys.readouterr().out
    assert registry.load() == seed

    imported, seeded = registry.audit_log()
    who = f"cli:{getpass.getuser()}"
    assert (seeded.who, seeded.action, seeded.entity, seeded.record_id) == (
        who,
        "seed",
        "registry",
        "*",
    )
    assert seeded.before is None
    assert seeded.after == registry_documents(seed)
    assert (imported.who, imported.action) == (who, "import")
    # Both are the registry as the database holds it (countries and sources sorted by id).
    assert imported.before == imported.after == registry_documents(registry.load())
    assert imported.at >= seeded.at
    assert imported.at.utcoffset() is not None


@pytest.mark.usefixtures("cli_env")
def test_cli_import_of_an_invalid_export_says_nothing_was_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "import", "--from", str(tmp_path / "missing")]) == 1
    assert "Nothing was imported" in capsys.readouterr().err


def test_first_seeding_is_audited(registry: RegistryDatabase, seed: RegistryData) -> None:
    registry.ensure_seeded(lambda: seed)
    [entry] = registry.audit_log()
    assert (entry.who, entry.action, entry.before) == ("bot:first-run", "seed", None)
