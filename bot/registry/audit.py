"""The audit log: who changed which record when, with the record before and after.

A change and its audit row are written in the same transaction (:func:`record_change` takes the
session doing the change), so the log never claims a change that was rolled back, and no change
goes unlogged. Whole-registry replacements (``db seed``, ``db import``) log one row whose
``before`` and ``after`` are the registry in the export format, enough to undo a mistaken import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .models import Base

__all__ = ["ALL_RECORDS", "AuditEntry", "AuditRow", "audit_log", "record_change"]

# The record id of a change that replaced every record of the entity at once.
ALL_RECORDS = "*"


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    who: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))  # "seed", "import", "create", "update", ...
    entity: Mapped[str] = mapped_column(String(50))  # a table name, or "registry" for all of it
    record_id: Mapped[str] = mapped_column(String(100))
    # none_as_null: "nothing before" is SQL NULL, not the JSON text 'null'.
    before: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    after: Mapped[Any | None] = mapped_column(JSON(none_as_null=True))
    note: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    who: str
    action: str
    entity: str
    record_id: str
    before: Any
    after: Any
    note: str | None


def record_change(
    session: Session,
    *,
    who: str,
    action: str,
    entity: str,
    record_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    note: str | None = None,
) -> None:
    """Log a change in ``session``'s transaction; ``before``/``after`` must be JSON-serialisable.

    ``who`` names the person or process: ``cli:<login>`` for the command line,
    ``telegram:<user id>`` for staff editing in Telegram, ``bot:<reason>`` for the bot itself.
    """
    session.add(
        AuditRow(
            at=datetime.now(UTC),
            who=who,
            action=action,
            entity=entity,
            record_id=record_id,
            before=dict(before) if before is not None else None,
            after=dict(after) if after is not None else None,
            note=note,
        )
    )


def audit_log(session: Session, *, limit: int = 50) -> list[AuditEntry]:
    """The latest ``limit`` changes, newest first."""
    rows = session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))
    return [
        AuditEntry(
            r.id, _utc(r.at), r.who, r.action, r.entity, r.record_id, r.before, r.after, r.note
        )
        for r in rows
    ]


def _utc(moment: datetime) -> datetime:
    # SQLite keeps no time zone; every time written here is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
