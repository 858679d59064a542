"""The registry database: opening it, seeding it from YAML, reading it into memory.

The bot reads the whole registry into :class:`RegistryData` once (it is small) and answers from
memory, so a slow or failing database never delays an answer. Seeding replaces the registry's
rows in one transaction: running it twice leaves the same rows, and a failure leaves the old ones.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import RegistryError
from ..records import Bilingual, Source
from .models import (
    Base,
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
from .records import (
    City,
    CityFact,
    Contact,
    Country,
    CountryNote,
    Event,
    Location,
    Mission,
    OfficeItem,
    Organisation,
    RegistryData,
)

__all__ = ["Registry"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Rows are deleted children first and inserted parents first, for the foreign keys.
_TABLES = (FactRow, MissionRow, EventRow, OfficeRow, ContactRow, CityRow, OrganisationRow,
           CountryRow, SourceRow)


class Registry:
    """One registry database; thread-safe, one session per unit of work."""

    def __init__(self, url: str, *, retries: int = 3, retry_delay: float = 0.5) -> None:
        self.url = url
        self.retries = retries
        self.retry_delay = retry_delay
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine: Engine = create_engine(url, pool_pre_ping=True)
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
                    raise RegistryError(f"cannot {what}: {exc.orig or exc}") from exc
                log.warning("database error while trying to %s (attempt %d): %s", what, attempt,
                            exc.orig or exc)
                time.sleep(self.retry_delay * attempt)
            except SQLAlchemyError as exc:
                raise RegistryError(f"cannot {what}: {exc}") from exc
        raise AssertionError("unreachable")

    def create_schema(self) -> None:
        self._retrying(lambda: Base.metadata.create_all(self.engine), "create the schema")

    def is_empty(self) -> bool:
        def count() -> int:
            with self.session() as session:
                return session.scalar(select(func.count()).select_from(SourceRow)) or 0

        return self._retrying(count, "read the registry") == 0

    def seed(self, data: RegistryData) -> dict[str, int]:
        """Make the registry's rows exactly those of ``data``; returns the counts written."""

        def write() -> None:
            with self.session() as session:
                for table in _TABLES:
                    session.execute(delete(table))
                session.flush()
                for rows in _rows(data):
                    session.add_all(rows)
                    session.flush()

        self.create_schema()
        self._retrying(write, "seed the registry")
        return data.size()

    def ensure_seeded(self, seed: Callable[[], RegistryData]) -> bool:
        """Create and seed the registry on first run; True when it was seeded now."""
        self.create_schema()
        if not self.is_empty():
            return False
        self.seed(seed())
        return True

    def load(self) -> RegistryData:
        """Read the whole registry into memory."""
        return self._retrying(self._load, "read the registry")

    def _load(self) -> RegistryData:
        with self.session() as session:
            facts: dict[tuple[str, str], list[CityFact]] = {}
            for row in session.scalars(select(FactRow).order_by(FactRow.position)):
                facts.setdefault((row.owner_kind, row.owner_id), []).append(
                    CityFact(row.source, row.confidence, row.kind, row.date,  # type: ignore[arg-type]
                             Bilingual(row.text_pl, row.text_en))
                )
            sources = {
                r.id: Source(r.id, r.title, r.publisher, r.url, r.date, r.note)
                for r in session.scalars(select(SourceRow).order_by(SourceRow.id))
            }
            countries = {
                r.code: _country(r) for r in session.scalars(select(CountryRow).order_by(CountryRow.code))
            }
            cities = {
                r.id: _city(r, tuple(facts.get(("city", r.id), ())))
                for r in session.scalars(select(CityRow).order_by(CityRow.position))
            }
            return RegistryData(
                sources=sources,
                countries=countries,
                cities=cities,
                contacts=tuple(_contact(r) for r in _ordered(session, ContactRow)),
                organisations=tuple(
                    Organisation(r.source, r.confidence, r.id,  # type: ignore[arg-type]
                                 Bilingual(r.name_pl, r.name_en), r.abbreviation,
                                 Bilingual(r.text_pl, r.text_en),
                                 tuple(facts.get(("organisation", r.id), ())))
                    for r in _ordered(session, OrganisationRow)
                ),
                missions=tuple(
                    Mission(r.source, r.confidence, r.id, r.organiser, r.date,  # type: ignore[arg-type]
                            Bilingual(r.text_pl, r.text_en))
                    for r in _ordered(session, MissionRow)
                ),
                events=tuple(
                    Event(r.source, r.confidence, r.id, r.date, r.end_date,  # type: ignore[arg-type]
                          tuple(r.cities), Bilingual(r.text_pl, r.text_en))
                    for r in _ordered(session, EventRow)
                ),
                office=tuple(
                    OfficeItem(r.source, r.confidence, r.id,  # type: ignore[arg-type]
                               Bilingual(r.label_pl, r.label_en), Bilingual(r.value_pl, r.value_en))
                    for r in _ordered(session, OfficeRow)
                ),
            )


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _ordered(session: Session, model: Any) -> list[Any]:
    return list(session.scalars(select(model).order_by(model.position)))


def _country(row: CountryRow) -> Country:
    note = None
    if row.note_pl and row.note_en and row.note_source and row.note_confidence:
        note = CountryNote(row.note_source, row.note_confidence,  # type: ignore[arg-type]
                           Bilingual(row.note_pl, row.note_en))
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
        status=row.status,  # type: ignore[arg-type]
        status_source=row.status_source,
        status_confidence=row.status_confidence,  # type: ignore[arg-type]
        location=location,
        facts=facts,
    )


def _contact(row: ContactRow) -> Contact:
    role = Bilingual(row.role_pl, row.role_en) if row.role_pl and row.role_en else None
    date_note = (
        Bilingual(row.date_note_pl, row.date_note_en)
        if row.date_note_pl and row.date_note_en
        else None
    )
    return Contact(row.source, row.confidence, row.id, row.country,  # type: ignore[arg-type]
                   row.kind, row.person, role, row.date, date_note,  # type: ignore[arg-type]
                   Bilingual(row.text_pl, row.text_en))


def _facts(owner_kind: str, owner_id: str, facts: tuple[CityFact, ...]) -> list[FactRow]:
    return [
        FactRow(owner_kind=owner_kind, owner_id=owner_id, kind=f.kind, position=i, date=f.date,
                text_pl=f.text.pl, text_en=f.text.en, source=f.source, confidence=f.confidence)
        for i, f in enumerate(facts)
    ]


def _rows(data: RegistryData) -> Iterator[list[Any]]:
    """The registry's rows, parents before children."""
    yield [SourceRow(id=s.id, title=s.title, publisher=s.publisher, url=s.url, date=s.date,
                     note=s.note) for s in data.sources.values()]
    yield [
        CountryRow(code=c.code, name_pl=c.name.pl, name_en=c.name.en, forms=list(c.forms),
                   note_pl=c.note.text.pl if c.note else None,
                   note_en=c.note.text.en if c.note else None,
                   note_source=c.note.source if c.note else None,
                   note_confidence=c.note.confidence if c.note else None)
        for c in data.countries.values()
    ]
    yield [
        OrganisationRow(id=o.id, position=i, name_pl=o.name.pl, name_en=o.name.en,
                        abbreviation=o.abbreviation, text_pl=o.text.pl, text_en=o.text.en,
                        source=o.source, confidence=o.confidence)
        for i, o in enumerate(data.organisations)
    ]
    yield [
        CityRow(id=c.id, position=i, name_pl=c.name_pl, name_en=c.name_en,
                name_native=c.name_native, forms=list(c.forms), country=c.country,
                status=c.status, status_source=c.status_source,
                status_confidence=c.status_confidence,
                lat=c.location.lat if c.location else None,
                lon=c.location.lon if c.location else None,
                location_source=c.location.source if c.location else None)
        for i, c in enumerate(data.cities.values())
    ]
    facts = [row for c in data.cities.values() for row in _facts("city", c.id, c.facts)]
    facts += [row for o in data.organisations for row in _facts("organisation", o.id, o.facts)]
    yield facts
    yield [
        ContactRow(id=c.id, position=i, country=c.country, kind=c.kind, person=c.person,
                   role_pl=c.role.pl if c.role else None, role_en=c.role.en if c.role else None,
                   date=c.date, date_note_pl=c.date_note.pl if c.date_note else None,
                   date_note_en=c.date_note.en if c.date_note else None, text_pl=c.text.pl,
                   text_en=c.text.en, source=c.source, confidence=c.confidence)
        for i, c in enumerate(data.contacts)
    ]
    yield [
        MissionRow(id=m.id, position=i, organiser=m.organiser, date=m.date, text_pl=m.text.pl,
                   text_en=m.text.en, source=m.source, confidence=m.confidence)
        for i, m in enumerate(data.missions)
    ]
    yield [
        EventRow(id=e.id, position=i, date=e.date, end_date=e.end_date, cities=list(e.cities),
                 text_pl=e.text.pl, text_en=e.text.en, source=e.source, confidence=e.confidence)
        for i, e in enumerate(data.events)
    ]
    yield [
        OfficeRow(id=o.id, position=i, label_pl=o.label.pl, label_en=o.label.en,
                  value_pl=o.value.pl, value_en=o.value.en, source=o.source,
                  confidence=o.confidence)
        for i, o in enumerate(data.office)
    ]
