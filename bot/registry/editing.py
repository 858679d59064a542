"""Staff edits of single registry records: a diplomatic contact, an economic mission, a city's fact.

An edit adds a record or corrects one, and may bring a new source for it to cite.
:func:`apply_edit` applies it to an in-memory registry (what a preview shows);
:func:`write_edit` writes it in a session's transaction together with its audit rows, so that the
change and its entry in the audit log commit or roll back together; :func:`save_edit` does that
in a transaction of its own.

A correction carries the record as the editor saw it (``before``). When the database holds
something else by then (another edit, a seed or an import in between), the edit is refused with
:class:`EditConflict` and nothing is written: it would overwrite a change its author never saw.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import RegistryError
from ..provenance import Source
from ..text import fold, normalise
from .audit import record_change
from .database import RegistryDatabase
from .export import fact_document
from .kinds import CITY, CONTACT, FACT, MISSION, SOURCE, Kind
from .models import CityRow, FactRow, SourceRow
from .snapshot import FACT_KINDS, CityFact, RegistryData

__all__ = [
    "ContactEdit",
    "Edit",
    "EditConflict",
    "FactEdit",
    "MissionEdit",
    "RecordEdit",
    "apply_edit",
    "free_id",
    "save_edit",
    "write_edit",
]

T = TypeVar("T")
# Room for a "-2" suffix within the id columns' 100 characters, and ids people can read.
_ID_LENGTH = 60


@dataclass(frozen=True)
class RecordEdit:
    """Add ``after`` (``before`` is None) or correct ``before`` to ``after`` (the same id).

    For a kind of record with an id of its own, named by the subclass's :attr:`kind`.
    """

    kind: ClassVar[Kind]
    after: Any
    before: Any | None = None
    new_source: Source | None = None


@dataclass(frozen=True)
class ContactEdit(RecordEdit):
    kind: ClassVar[Kind] = CONTACT


@dataclass(frozen=True)
class MissionEdit(RecordEdit):
    kind: ClassVar[Kind] = MISSION


@dataclass(frozen=True)
class FactEdit:
    """Add a milestone, area or fact to a city, or correct the one at ``index`` of its facts."""

    city: str
    after: CityFact
    before: CityFact | None = None
    index: int | None = None  # the corrected fact's place in ``City.facts``
    new_source: Source | None = None


Edit = RecordEdit | FactEdit


class EditConflict(RegistryError):
    """The registry changed since the editor saw it; nothing was written."""


def free_id(words: str, taken: Collection[str], *, fallback: str = "record") -> str:
    """An id made of ``words`` (``a-z``, ``0-9``, ``-``) that is not in ``taken``."""
    folded = fold(normalise(words))
    parts = ["".join(c for c in word if c.isascii() and c.isalnum()) for word in folded.split()]
    base = ""
    for part in filter(None, parts):
        if len(base) + len(part) + 1 > _ID_LENGTH:
            break
        base = f"{base}-{part}" if base else part
    base = base or fallback
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident


# Applying in memory ----------------------------------------------------------------------------


def apply_edit(data: RegistryData, edit: Edit) -> RegistryData:
    """``data`` with ``edit`` made; raises :class:`EditConflict` when ``data`` no longer fits it.

    Raises ValueError for an edit no registry may hold (an unknown source, country, organiser or
    city, an empty text, a malformed date).
    """
    _check(data, edit)
    sources = dict(data.sources)
    if edit.new_source is not None:
        sources[edit.new_source.id] = edit.new_source
    match edit:
        case RecordEdit(after, before):
            kind = edit.kind
            records = _replaced(getattr(data, kind.entity), after, before, kind.name)
            changed: dict[str, Any] = {kind.entity: records}
            return replace(data, sources=sources, **changed)
        case FactEdit(city_id, after, before, index):
            city = data.cities[city_id]
            facts = list(city.facts)
            if before is None:
                facts.append(after)
            elif index is not None and index < len(facts) and facts[index] == before:
                facts[index] = after
            else:
                raise EditConflict(f"the fact of {city_id} being corrected has changed meanwhile")
            grouped = tuple(_grouped(facts, lambda f: f.kind))
            cities = {**data.cities, city_id: replace(city, facts=grouped)}
            return replace(data, sources=sources, cities=cities)
    raise AssertionError(f"unknown edit {edit!r}")


def _grouped(facts: Iterable[T], kind: Callable[[T], str]) -> list[T]:
    """Milestones, then areas, then facts, each in its own order: the seed files' order, which
    the export writes and an import reads back."""
    return sorted(facts, key=lambda fact: FACT_KINDS.index(kind(fact)))


def _replaced(
    records: tuple[Any, ...], after: Any, before: Any | None, what: str
) -> tuple[Any, ...]:
    if before is None:
        if any(r.id == after.id for r in records):
            raise EditConflict(f"a {what} with the id {after.id!r} exists already")
        return (*records, after)
    if before not in records:
        raise EditConflict(f"the {what} {before.id!r} has changed meanwhile")
    return tuple(after if r == before else r for r in records)


def _check(data: RegistryData, edit: Edit) -> None:
    """Raise ValueError when ``edit`` breaks a rule every registry record follows."""
    known: dict[str, Collection[str]] = {
        "sources": data.sources,
        "countries": data.countries,
        "organisations": {o.id for o in data.organisations},
        "cities": data.cities,
    }
    source = edit.new_source
    if source is not None:
        if source.id in data.sources:
            raise EditConflict(f"a source with the id {source.id!r} exists already")
        _refuse(SOURCE.problems(source, known), "the new source: ")
        known["sources"] = {*data.sources, source.id}
    match edit:
        case RecordEdit(after, before):
            _refuse(edit.kind.problems(after, known))
            if before is not None and before.id != after.id:
                raise ValueError(f"a correction keeps the id {before.id!r}")
        case FactEdit(city, after, before, index):
            if city not in data.cities:
                raise ValueError(f"unknown city {city!r}")
            _refuse(FACT.problems(after, known))
            # The seed files give areas no date: a dated area would lose it. A milestone's date
            # says when, a fact's (a population figure's) as of when.
            if after.kind == "area" and after.date is not None:
                raise ValueError("an area has no date")
            if (before is None) != (index is None):
                raise ValueError("a correction names the fact's index, an addition does not")


def _refuse(problems: list[str], prefix: str = "") -> None:
    if problems:
        raise ValueError(prefix + "; ".join(problems))


# Writing to the database -----------------------------------------------------------------------


def save_edit(
    database: RegistryDatabase,
    edit: Edit,
    *,
    who: str,
    also: Callable[[Session], None] | None = None,
) -> None:
    """Write ``edit`` and its audit rows in one transaction of its own.

    ``also`` runs in that transaction after the edit is written (the bot deletes the editor's
    draft there); whatever it raises rolls the edit back and is raised. Raises
    :class:`EditConflict` when the database no longer holds what the editor saw, and
    :class:`RegistryError` when the database refuses or cannot be reached; either way nothing
    is written. There is no retry: the person who asked is told, and can try again.
    """
    try:
        with database.session() as session:
            write_edit(session, edit, who=who)
            if also is not None:
                also(session)
    except SQLAlchemyError as exc:
        raise RegistryError(
            f"cannot save the change at {database.where}: {getattr(exc, 'orig', None) or exc}"
        ) from exc


def write_edit(session: Session, edit: Edit, *, who: str) -> None:
    """Write ``edit`` in ``session``'s transaction, with one audit row per record it touches.

    ``who`` names the editor in the audit log (``telegram:<user id>``).
    """
    if edit.new_source is not None:
        source = edit.new_source
        if session.get(SourceRow, source.id) is not None:
            raise EditConflict(f"a source with the id {source.id!r} exists already")
        session.add(SourceRow(**SOURCE.columns(source)))
        session.flush()
        record_change(
            session,
            who=who,
            action="create",
            entity="sources",
            record_id=source.id,
            before=None,
            after=SOURCE.document(source),
        )
    match edit:
        case RecordEdit(after, before):
            _write_record(session, edit.kind, after, before, who)
        case FactEdit():
            _write_fact(session, edit, who)


def _write_record(session: Session, kind: Kind, after: Any, before: Any | None, who: str) -> None:
    model = kind.row
    row = session.get(model, after.id)
    if before is None:
        if row is not None:
            raise EditConflict(f"a record with the id {after.id!r} exists already")
        last = session.scalar(select(func.max(model.position)))
        position = 0 if last is None else last + 1
        session.add(model(position=position, **kind.columns(after)))
    else:
        expected = kind.columns(before)
        if row is None or _values(row, expected) != expected:
            raise EditConflict(f"the record {before.id!r} has changed meanwhile")
        for name, value in kind.columns(after).items():
            setattr(row, name, value)
    session.flush()
    record_change(
        session,
        who=who,
        action="create" if before is None else "update",
        entity=kind.entity,
        record_id=after.id,
        before=kind.document(before) if before is not None else None,
        after=kind.document(after),
    )


def _write_fact(session: Session, edit: FactEdit, who: str) -> None:
    if session.get(CityRow, edit.city) is None:
        raise EditConflict(f"the city {edit.city!r} is no longer in the registry")
    rows = list(
        session.scalars(
            select(FactRow)
            .where(FactRow.owner_kind == CITY.name, FactRow.owner_id == edit.city)
            .order_by(FactRow.position, FactRow.id)
        )
    )
    if edit.before is None:
        row = FactRow(
            owner_kind=CITY.name, owner_id=edit.city, position=0, **FACT.columns(edit.after)
        )
        session.add(row)
        rows.append(row)
    else:
        expected = FACT.columns(edit.before)
        index = edit.index if edit.index is not None else len(rows)
        if index >= len(rows) or _values(rows[index], expected) != expected:
            raise EditConflict(f"the fact of {edit.city!r} has changed meanwhile")
        row = rows[index]
        for name, value in FACT.columns(edit.after).items():
            setattr(row, name, value)
    for position, fact_row in enumerate(_grouped(rows, lambda r: r.kind)):
        fact_row.position = position
    session.flush()
    record_change(
        session,
        who=who,
        action="create" if edit.before is None else "update",
        entity="facts",
        record_id=str(row.id),
        before=fact_document(edit.city, edit.before) if edit.before else None,
        after=fact_document(edit.city, edit.after),
    )


def _values(row: object, expected: Mapping[str, Any]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in expected}
