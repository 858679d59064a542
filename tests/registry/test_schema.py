"""Migrations: creating, checking and upgrading the database schema on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.cli import main
from bot.errors import RegistryError
from bot.registry import RegistryData, RegistryDatabase, schema
from bot.registry.models import Base

UPGRADE = "python run_bot.py db upgrade"

NEW_REVISION = '''"""A table added after the first release."""

import sqlalchemy as sa
from alembic import op

revision = "0999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("later", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("later")
'''


@pytest.fixture
def newer_bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Give this bot one migration more than it has; returns the old and the new head."""
    old = _head()
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations)
    (migrations / "versions" / "0999_later.py").write_text(NEW_REVISION.format(head=old))
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    return old, "0999"


def _head() -> str:
    database = RegistryDatabase("sqlite://")
    try:
        return database.schema_status().head
    finally:
        database.close()


@pytest.mark.usefixtures("cli_env")
def test_upgrade_creates_every_table_on_an_empty_database(
    database: RegistryDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert f"from nothing to {_head()}" in capsys.readouterr().out
    status = database.schema_status()
    assert status.up_to_date
    assert status.tables == frozenset(schema.metadata().tables)

    assert main(["db", "upgrade"]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_migrated_schema_matches_the_models(database: RegistryDatabase) -> None:
    """What ``alembic check`` does: the migrations create exactly the tables of the models."""
    if importlib.util.find_spec("bot.state.models"):
        importlib.import_module("bot.state.models")
    database.upgrade()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    assert set(Base.metadata.tables) == set(schema.metadata().tables)


def test_alembic_command_line_environment_finds_no_differences(database: RegistryDatabase) -> None:
    """env.py's own connection (the ``alembic`` command) sees the migrated database as current."""
    database.upgrade()
    config = schema.alembic_config()
    config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    command.check(config)


def test_first_run_migrates_and_seeds_an_empty_database(
    database: RegistryDatabase, seed: RegistryData
) -> None:
    assert database.ensure_seeded(lambda: seed)
    assert database.schema_status().up_to_date
    assert database.load() == seed
    assert not database.ensure_seeded(lambda: seed)


@pytest.mark.usefixtures("cli_env")
def test_check_fails_until_the_database_is_upgraded(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "check"]) == 1
    assert UPGRADE in capsys.readouterr().err
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "check"]) == 0
    assert "OK" in capsys.readouterr().out


@pytest.mark.usefixtures("cli_env")
def test_outdated_schema_stops_start_up_with_the_command_to_run(
    database: RegistryDatabase,
    seed: RegistryData,
    newer_bot: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = newer_bot
    with database.engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), old)
    with pytest.raises(RegistryError, match=f"at schema revision {old}, but .* needs {new}"):
        database.ensure_seeded(lambda: seed)
    with pytest.raises(RegistryError, match=UPGRADE):
        database.seed(seed, who="test")

    assert main(["ask", "Jakie miasta partnerskie mają Kielce?"]) == 1
    assert UPGRADE in capsys.readouterr().err

    assert main(["db", "upgrade"]) == 0
    assert f"from {old} to {new}" in capsys.readouterr().out
    assert database.ensure_seeded(lambda: seed)
    assert "later" in _tables(database)


def test_a_newer_schema_is_refused(database: RegistryDatabase, seed: RegistryData) -> None:
    database.upgrade()
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    with pytest.raises(RegistryError, match="does not know"):
        database.ensure_seeded(lambda: seed)
    with pytest.raises(RegistryError, match="does not know"):
        database.upgrade()


def test_a_database_made_before_migrations_is_refused(
    database: RegistryDatabase, seed: RegistryData
) -> None:
    schema.metadata().create_all(database.engine)
    with pytest.raises(RegistryError, match="no migration history") as info:
        database.ensure_seeded(lambda: seed)
    assert UPGRADE in str(info.value)
    with pytest.raises(RegistryError, match="no migration history"):
        database.upgrade()


def test_an_unreachable_server_fails_clearly_after_retries() -> None:
    database = RegistryDatabase(
        "postgresql+psycopg://bot:secret@127.0.0.1:1/x", retries=2, retry_delay=0
    )
    with pytest.raises(
        RegistryError,
        match=r"cannot read the registry at .*127\.0\.0\.1:1/x "
        r"\(tried 2 times\)",
    ) as info:
        database.load()
    assert "secret" not in str(info.value)
    with pytest.raises(RegistryError, match="tried 2 times"):
        database.ensure_seeded(lambda: pytest.fail("must not seed"))
    database.close()


def _tables(database: RegistryDatabase) -> set[str]:
    with database.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_copies_upgrading_together_migrate_once(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("a SQLite database belongs to one copy of the bot")
    registries = [RegistryDatabase(database_url) for _ in range(3)]
    try:
        with ThreadPoolExecutor(len(registries)) as pool:
            results = list(pool.map(RegistryDatabase.upgrade, registries))
    finally:
        for database in registries:
            database.close()
    assert sorted(before or "" for before, _ in results) == ["", _head(), _head()]
