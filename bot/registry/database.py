"""The registry database: opening it, migrating it, seeding it from YAML, reading it into memory.

The bot reads the whole registry into :class:`RegistryData` once (it is small) and answers from
memory, so a slow or failing database never delays an answer. Seeding replaces the registry's
rows in one transaction: running it twice leaves the same rows, and a failure leaves the old ones.
Every replacement is written to the audit log in that same transaction.

The schema comes from the Alembic migrations (:mod:`.schema`). An empty database is migrated
on first use, so the default SQLite database needs no set-up; a database whose schema is behind
this version of the bot is refused with the command that upgrades it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic.util import CommandError
from sqlalchemy import Connection, create_engine, delete, event, func, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import RegistryError
from . import schema
from .audit import ALL_RECORDS, AuditEntry, audit_log, record_change
from .export import registry_documents
from .kinds import FILES, Kind
from .models import SourceRow
from .snapshot import RegistryData

__all__ = ["RegistryDatabase"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Every kind the registry holds, parents first (inserted in this order, for the foreign keys).
_KINDS = tuple(kind for _, kinds in FILES for kind in kinds)
# Every table, children first: deleted in this order.
_TABLES = tuple(
    dict.fromkeys(
        table
        for kind in reversed(_KINDS)
        for table in (*(child.row for child in kind.owned.values()), kind.row)
    )
)
# Any constant will do: it only has to be the same for every copy of the bot.
_MIGRATION_LOCK = 4_810_525

# Bounds on every wait for PostgreSQL, so that a hung server or a cut network frees the threads
# and connections waiting on it (docs/faults.md). Each may be overridden in DATABASE_URL's query.
CONNECT_TIMEOUT = 5  # seconds to open a connection
POOL_TIMEOUT = 5.0  # seconds to wait for a free pooled connection
STATEMENT_TIMEOUT_MS = 10_000  # the server cancels a statement running longer
# The kernel ends a connection whose sent data stays unacknowledged this long (a partition),
# and probes an idle one with keepalives (a server that vanished without closing it).
TCP_USER_TIMEOUT_MS = 10_000
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


class RegistryDatabase:
    """One registry database; thread-safe, one session per unit of work."""

    def __init__(self, url: str, *, retries: int = 3, retry_delay: float = 0.5) -> None:
        self.url = url
        self.retries = retries
        self.retry_delay = retry_delay
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise RegistryError(
                "DATABASE_URL is not a database URL; it looks like sqlite:///path/to/file.sqlite3 "
                f"or postgresql+psycopg://user:password@host:5432/database ({exc})"
            ) from exc
        # For messages and logs: the URL without its password.
        self.where = parsed.render_as_string(hide_password=True)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            options: dict[str, Any] = {}
            if parsed.get_backend_name() == "postgresql":
                # A thread waiting for a pooled connection gives up instead of queueing forever
                # behind connections stuck on a hung server. (SQLite's pools have no timeout.)
                options = {
                    "pool_timeout": POOL_TIMEOUT,
                    "connect_args": _postgresql_timeouts(parsed),
                }
            self.engine: Engine = create_engine(url, pool_pre_ping=True, **options)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise RegistryError(f"cannot open the registry database: {exc}") from exc
        if parsed.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_foreign_keys)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def _retrying(self, work: Callable[[], T], what: str) -> T:
        """Run ``work``, retrying a dropped or refused connection before giving up loudly."""
        for attempt in range(1, self.retries + 1):
            try:
                return work()
            except OperationalError as exc:
                if attempt == self.retries:
                    raise RegistryError(
                        f"cannot {what} at {self.where} (tried {attempt} times): {exc.orig or exc}"
                    ) from exc
                log.warning(
                    "database error while trying to %s (attempt %d): %s",
                    what,
                    attempt,
                    exc.orig or exc,
                )
                time.sleep(self.retry_delay * attempt)
            except (SQLAlchemyError, CommandError) as exc:
                raise RegistryError(f"cannot {what} at {self.where}: {exc}") from exc
        raise AssertionError("unreachable")

    def schema_status(self) -> schema.SchemaStatus:
        def read() -> schema.SchemaStatus:
            with self.engine.connect() as connection:
                return schema.schema_status(connection)

        return self._retrying(read, "read the database schema's revision")

    def check_schema(self) -> str:
        """The schema's revision; unless current, raise :class:`RegistryError` with what to do."""
        status = self.schema_status()
        problem = status.problem(self.where)
        if problem:
            raise RegistryError(problem)
        return status.head

    def upgrade(self) -> tuple[str | None, str]:
        """Apply the migrations the database lacks; return its revision before and after."""

        def work() -> tuple[str | None, str]:
            with self.engine.begin() as connection:
                status = self._locked_status(connection)
                if not status.known or (status.current is None and status.tables):
                    raise RegistryError(status.problem(self.where))
                if not status.up_to_date:
                    log.info(
                        "upgrading the database schema from %s to %s",
                        status.current or "nothing",
                        status.head,
                    )
                    schema.upgrade(connection)
                return status.current, status.head

        return self._retrying(work, "upgrade the database schema")

    def _prepare(self) -> None:
        """Migrate an empty database; refuse one whose schema is not this version's."""

        def work() -> None:
            with self.engine.begin() as connection:
                status = self._locked_status(connection)
                if status.empty:
                    log.info("creating the database schema (revision %s)", status.head)
                    schema.upgrade(connection)
                elif not status.up_to_date:
                    raise RegistryError(status.problem(self.where))

        self._retrying(work, "prepare the database schema")

    def _locked_status(self, connection: Connection) -> schema.SchemaStatus:
        """The schema's status, holding (on PostgreSQL) a lock until the transaction ends.

        Two copies of the bot starting on one new database would otherwise both create it.
        """
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
            )
        elif connection.dialect.name == "sqlite":
            # Python's sqlite3 opens a transaction only before INSERT, UPDATE or DELETE: CREATE
            # TABLE ran outside any, so a kill in the middle of the first start left half a
            # schema, refused forever. An explicit transaction makes the schema appear whole or
            # not at all (SQLite's DDL is transactional); IMMEDIATE also keeps a second process
            # from creating it at the same time.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        return schema.schema_status(connection)

    def is_empty(self) -> bool:
        def count() -> int:
            with self.session() as session:
                return session.scalar(select(func.count()).select_from(SourceRow)) or 0

        return self._retrying(count, "read the registry") == 0

    def seed(
        self, data: RegistryData, *, who: str, action: str = "seed", note: str | None = None
    ) -> dict[str, int]:
        """Make the registry's rows exactly those of ``data``; returns the counts written.

        ``who``, ``action`` and ``note`` go to the audit log with the registry before and after.
        """

        def write() -> None:
            with self.session() as session:
                before = _read(session) if session.scalar(select(SourceRow.id).limit(1)) else None
                for table in _TABLES:
                    session.execute(delete(table))
                session.flush()
                for rows in _rows(data):
                    session.add_all(rows)
                    session.flush()
                record_change(
                    session,
                    who=who,
                    action=action,
                    entity="registry",
                    record_id=ALL_RECORDS,
                    before=registry_documents(before) if before else None,
                    after=registry_documents(data),
                    note=note,
                )

        self._prepare()
        self._retrying(write, "seed the registry")
        return data.size()

    def ensure_seeded(
        self, seed: Callable[[], RegistryData], *, who: str = "bot:first-run"
    ) -> bool:
        """Create and seed the registry on first run; True when it was seeded now.

        Raises :class:`RegistryError` naming the command to run when the database's schema is
        not the one this version of the bot needs.
        """
        self._prepare()
        if not self.is_empty():
            return False
        self.seed(seed(), who=who, note="the registry was empty")
        return True

    def load(self) -> RegistryData:
        """Read the whole registry into memory."""

        def read() -> RegistryData:
            with self.session() as session:
                return _read(session)

        return self._retrying(read, "read the registry")

    def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        """The latest ``limit`` changes, newest first."""

        def read() -> list[AuditEntry]:
            with self.session() as session:
                return audit_log(session, limit=limit)

        return self._retrying(read, "read the audit log")


def _postgresql_timeouts(url: URL) -> dict[str, Any]:
    """libpq's connection parameters bounding every wait, where the URL does not set them."""
    given = url.query
    timeouts: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT,
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
        **KEEPALIVES,
    }
    args = {name: value for name, value in timeouts.items() if name not in given}
    # statement_timeout is a server setting, passed in "options" beside any the URL has.
    options = given.get("options", "")
    options = " ".join(options) if isinstance(options, tuple) else options
    if "statement_timeout" not in options:
        args["options"] = f"{options} -c statement_timeout={STATEMENT_TIMEOUT_MS}".strip()
    return args


def _read(session: Session) -> RegistryData:
    """The whole registry, as one session sees it."""
    read: dict[str, Any] = {}
    for kind in _KINDS:
        owned = {a: _children(session, child, kind) for a, child in kind.owned.items()}
        key = getattr(kind.row, kind.key)
        order = kind.row.position if kind.ordered else key
        records = [
            kind.from_row(
                r, **{a: tuple(c.get(getattr(r, kind.key), ())) for a, c in owned.items()}
            )
            for r in session.scalars(select(kind.row).order_by(order))
        ]
        read[kind.entity] = (
            {getattr(r, kind.key): r for r in records} if kind.keyed else tuple(records)
        )
    return RegistryData(**read)


def _children(session: Session, child: Kind, owner: Kind) -> dict[str, list[Any]]:
    """The ``child`` records of every ``owner`` record, by the owner's key, in their order."""
    found: dict[str, list[Any]] = {}
    table = child.row
    rows = select(table).where(table.owner_kind == owner.name).order_by(table.position)
    for row in session.scalars(rows):
        found.setdefault(row.owner_id, []).append(child.from_row(row))
    return found


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    """SQLite checks foreign keys only when asked; WAL lets the bot answer while a CLI writes."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _rows(data: RegistryData) -> Iterator[list[Any]]:
    """The registry's rows, parents before children."""
    for kind in _KINDS:
        records = kind.records(data)
        yield [
            kind.row(**kind.columns(r), **({"position": i} if kind.ordered else {}))
            for i, r in enumerate(records)
        ]
        for attribute, child in kind.owned.items():
            yield [
                child.row(
                    owner_kind=kind.name,
                    owner_id=getattr(r, kind.key),
                    position=i,
                    **child.columns(c),
                )
                for r in records
                for i, c in enumerate(getattr(r, attribute))
            ]
