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


def _row_counts(database: RegistryDatabase) -> dict[str, int]:
    with database.session() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
            for table in _TABLES
        }


def test_seeding_twice_leaves_the_same_rows(
    database: RegistryDatabase, seed: RegistryData
) -> None:
    database.seed(seed, who="test")
    once = _row_counts(database)
    database.seed(seed, who="test")
    assert _row_counts(database) == once
    assert database.load() == seed
    assert once["cities"] == len(seed.cities) > 0


def test_load_returns_what_the_yaml_says(database: RegistryDatabase, seed: RegistryData) -> None:
    database.seed(seed, who="test")
    loaded = database.load()
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
    database: RegistryDatabase, seed: RegistryData, city: str, text: str
) -> None:
    database.seed(seed, who="test")
    stored = database.load().cities[city]
    assert text in (stored.name_native, *stored.forms)


def test_export_and_import_lose_nothing(
    database: RegistryDatabase, seed: RegistryData, tmp_path: Path
) -> None:
    database.seed(seed, who="test")
    export_yaml(database.load(), tmp_path / "yaml")
    assert read_export(tmp_path / "yaml") == seed

    database.seed(RegistryData(sources={}, countries={}, cities={}), who="test")
    assert database.load().cities == {}
    import_registry(database, tmp_path / "yaml", who="test")
    assert database.load() == seed
    assert list(database.load().cities) == list(seed.cities)


def test_csv_export_has_every_city(
    database: RegistryDatabase, seed: RegistryData, tmp_path: Path
) -> None:
    database.seed(seed, who="test")
    export_csv(database.load(), tmp_path)
    with (tmp_path / "cities.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == list(seed.cities)
    assert {row["name_pl"] for row in rows} == {c.name_pl for c in seed.cities.values()}


def test_an_invalid_export_changes_nothing(
    database: RegistryDatabase, seed: RegistryData, tmp_path: Path
) -> None:
    database.seed(seed, who="test")
    export_yaml(seed, tmp_path)
    cities = tmp_path / "registry" / "cities.yaml"
    cities.write_text(
        cities.read_text(encoding="utf-8").replace("country: UA", "country: XX", 1),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="XX"):
        import_registry(database, tmp_path, who="test")
    assert database.load() == seed
    assert [e.action for e in database.audit_log()] == ["seed"]


@pytest.mark.usefixtures("cli_env")
def test_cli_seed_export_import_round_trip_is_audited(
    database: RegistryDatabase,
    seed: RegistryData,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["db", "seed"]) == 0
    assert main(["db", "export", "--out", str(tmp_path / "export")]) == 0
    # The folder that `db export --out` wrote is accepted as well as its yaml/ subfolder.
    assert main(["db", "import", "--from", str(tmp_path / "export")]) == 0
    assert "Imported" in capsys.readouterr().out
    assert database.load() == seed

    imported, seeded = database.audit_log()
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
    assert imported.before == imported.after == registry_documents(database.load())
    assert imported.at >= seeded.at
    assert imported.at.utcoffset() is not None


@pytest.mark.usefixtures("cli_env")
def test_cli_import_of_an_invalid_export_says_nothing_was_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "import", "--from", str(tmp_path / "missing")]) == 1
    assert "Nothing was imported" in capsys.readouterr().err


def test_first_seeding_is_audited(database: RegistryDatabase, seed: RegistryData) -> None:
    database.ensure_seeded(lambda: seed)
    [entry] = database.audit_log()
    assert (entry.who, entry.action, entry.before) == ("bot:first-run", "seed", None)
