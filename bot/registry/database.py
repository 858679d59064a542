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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic.util import CommandError
from sqlalchemy import Connection, create_engine, delete, event, func, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import RegistryError
from ..languages import Bilingual
from ..provenance import CONFIDENCES
from . import schema
from .audit import ALL_RECORDS, AuditEntry, audit_log, record_change
from .export import registry_documents
from .kinds import CONTACT, EVENT, FACT, MISSION, OFFICE, ORGANISATION, SOURCE, Kind, literal
from .models import (
    CityRow,
    ContactRow,
    CountryRow,
    EventRow,
    FactRow,
    MissionRow,
    OfficeRow,
    OrganisationRow,
    SourceRow,
)
from .snapshot import STATUSES, City, CityFact, Country, CountryNote, Location, RegistryData

__all__ = ["RegistryDatabase"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Rows are deleted children first and inserted parents first, for the foreign keys.
_TABLES = (
    FactRow,
    MissionRow,
    EventRow,
    OfficeRow,
    ContactRow,
    CityRow,
    OrganisationRow,
    CountryRow,
    SourceRow,
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
    facts: dict[tuple[str, str], list[CityFact]] = {}
    for row in session.scalars(select(FactRow).order_by(FactRow.position)):
        facts.setdefault((row.owner_kind, row.owner_id), []).append(FACT.from_row(row))
    sources = {
        r.id: SOURCE.from_row(r) for r in session.scalars(select(SourceRow).order_by(SourceRow.id))
    }
    countries = {
        r.code: _country(r) for r in session.scalars(select(CountryRow).order_by(CountryRow.code))
    }
    cities = {
        r.id: _city(r, tuple(facts.get(("city", r.id), ())))
        for r in session.scalars(select(CityRow).order_by(CityRow.position))
    }
    organisations = tuple(
        ORGANISATION.from_row(r, facts=tuple(facts.get(("organisation", r.id), ())))
        for r in _ordered(session, OrganisationRow)
    )
    return RegistryData(
        sources=sources,
        countries=countries,
        cities=cities,
        contacts=_records(session, CONTACT),
        organisations=organisations,
        missions=_records(session, MISSION),
        events=_records(session, EVENT),
        office=_records(session, OFFICE),
    )


def _records(session: Session, kind: Kind) -> tuple[Any, ...]:
    """Every record of ``kind``, in its order."""
    return tuple(kind.from_row(r) for r in _ordered(session, kind.row))


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    """SQLite checks foreign keys only when asked; WAL lets the bot answer while a CLI writes."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _ordered(session: Session, model: Any) -> list[Any]:
    return list(session.scalars(select(model).order_by(model.position)))


def _country(row: CountryRow) -> Country:
    note = None
    if row.note_pl and row.note_en and row.note_source and row.note_confidence:
        note = CountryNote(
            row.note_source,
            literal(row.note_confidence, CONFIDENCES),
            Bilingual(row.note_pl, row.note_en),
        )
    return Country(row.code, Bilingual(row.name_pl, row.name_en), tuple(row.forms), note)


def _city(row: CityRow, facts: tuple[CityFact, ...]) -> City:
    location = None
    if row.lat is not None and row.lon is not None and row.location_source:
        location = Location(row.lat, row.lon, row.location_source)
    return City(
        id=row.id,
        name_pl=row.name_pl,
        name_en=row.name_en,
        name_native=row.name_native,
        forms=tuple(row.forms),
        country=row.country,
        status=literal(row.status, STATUSES),
        status_source=row.status_source,
        status_confidence=literal(row.status_confidence, CONFIDENCES),
        location=location,
        facts=facts,
    )


def _facts(owner_kind: str, owner_id: str, facts: tuple[CityFact, ...]) -> list[FactRow]:
    return [
        FactRow(owner_kind=owner_kind, owner_id=owner_id, position=i, **FACT.columns(f))
        for i, f in enumerate(facts)
    ]


def _rows(data: RegistryData) -> Iterator[list[Any]]:
    """The registry's rows, parents before children."""
    yield [SourceRow(**SOURCE.columns(s)) for s in data.sources.values()]
    yield [
        CountryRow(
            code=c.code,
            name_pl=c.name.pl,
            name_en=c.name.en,
            forms=list(c.forms),
            note_pl=c.note.text.pl if c.note else None,
            note_en=c.note.text.en if c.note else None,
            note_source=c.note.source if c.note else None,
            note_confidence=c.note.confidence if c.note else None,
        )
        for c in data.countries.values()
    ]
    yield _positioned(ORGANISATION, data.organisations)
    yield [
        CityRow(
            id=c.id,
            position=i,
            name_pl=c.name_pl,
            name_en=c.name_en,
            name_native=c.name_native,
            forms=list(c.forms),
            country=c.country,
            status=c.status,
            status_source=c.status_source,
            status_confidence=c.status_confidence,
            lat=c.location.lat if c.location else None,
            lon=c.location.lon if c.location else None,
            location_source=c.location.source if c.location else None,
        )
        for i, c in enumerate(data.cities.values())
    ]
    facts = [row for c in data.cities.values() for row in _facts("city", c.id, c.facts)]
    facts += [row for o in data.organisations for row in _facts("organisation", o.id, o.facts)]
    yield facts
    for kind, records in (
        (CONTACT, data.contacts),
        (MISSION, data.missions),
        (EVENT, data.events),
        (OFFICE, data.office),
    ):
        yield _positioned(kind, records)


def _positioned(kind: Kind, records: Iterable[Any]) -> list[Any]:
    """The rows of ``records``, numbered in their order."""
    return [kind.row(position=i, **kind.columns(r)) for i, r in enumerate(records)]
