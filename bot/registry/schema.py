"""The database schema's version: Alembic migrations, run from code.

The migrations live inside the package (``bot/registry/migrations``) and the Alembic
configuration is built here, so an installed bot upgrades its database without ``alembic.ini``
(which exists only for developers writing new migrations). One migration history covers every
table on the declarative base: the registry, the audit log and the per-user state.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, inspect

__all__ = [
    "MIGRATIONS",
    "UPGRADE_COMMAND",
    "SchemaStatus",
    "alembic_config",
    "metadata",
    "schema_status",
    "upgrade",
]

MIGRATIONS = Path(__file__).with_name("migrations")
UPGRADE_COMMAND = "python run_bot.py db upgrade"

# Every module that defines tables on the declarative base; a new one must be added here, or
# migrations and the schema check would not see its tables.
_MODEL_MODULES = ("bot.registry.models", "bot.registry.audit", "bot.state.models")


def metadata() -> MetaData:
    """The declarative base's metadata with every table of the bot's database registered."""
    # Imported here, not at the top: bot.state.models imports this package.
    for module in _MODEL_MODULES:
        importlib.import_module(module)
    from .models import Base

    return Base.metadata


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration; with ``connection``, migrations run on it (in its transaction)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database's schema stands against this version of the bot's migrations."""

    current: str | None  # the database's revision; None when it has never been migrated
    head: str  # the newest revision this version of the bot knows
    known: bool  # ``current`` is one of this version's revisions (or None)
    tables: frozenset[str]  # the bot's tables that exist in the database

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def empty(self) -> bool:
        """Never migrated and without any of the bot's tables: safe to create from scratch."""
        return self.current is None and not self.tables

    def problem(self, where: str) -> str | None:
        """What is wrong and which command fixes it; None when the schema is current."""
        if self.up_to_date:
            return None
        if self.current is None and self.tables:
            return (
                f"the database {where} has the bot's tables but no migration history: it was "
                "created before migrations existed. Its registry comes from the YAML seed files, "
                "so delete the database (for SQLite, its file) or drop its tables, then run: "
                f"{UPGRADE_COMMAND}"
            )
        if self.current is None:
            return f"the database {where} has no tables yet. Run: {UPGRADE_COMMAND}"
        if not self.known:
            return (
                f"the database {where} is at schema revision {self.current}, which this version "
                f"of the bot does not know (its newest is {self.head}): a newer version has "
                "upgraded it. Run the newer version of the bot."
            )
        return (
            f"the database {where} is at schema revision {self.current}, but this version of "
            f"the bot needs {self.head}. Back it up, then run: {UPGRADE_COMMAND}"
        )


def schema_status(connection: Connection) -> SchemaStatus:
    scripts = ScriptDirectory.from_config(alembic_config())
    head = scripts.get_current_head()
    if head is None:
        raise AssertionError(f"no migrations in {MIGRATIONS}")
    current = MigrationContext.configure(connection).get_current_revision()
    known = current is None or current in {s.revision for s in scripts.walk_revisions()}
    tables = frozenset(inspect(connection).get_table_names()) & frozenset(metadata().tables)
    return SchemaStatus(current, head, known, tables)


def upgrade(connection: Connection) -> None:
    """Apply every migration ``connection``'s database lacks, in its transaction."""
    command.upgrade(alembic_config(connection), "head")
