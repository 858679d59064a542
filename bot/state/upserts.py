"""Inserting rows unless they exist, or over them, in statements two copies cannot race.

"Read it, add it if missing" lets two copies both find nothing and both insert, and one fails
on the primary key (a new user's first message reaching two copies at once answered "Sorry").
``INSERT ... ON CONFLICT DO NOTHING`` (PostgreSQL and SQLite alike) lets the database decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session

__all__ = ["insert_if_absent", "upsert_all"]


def insert_if_absent(session: Session, model: type[DeclarativeBase], **values: Any) -> bool:
    """Insert a ``model`` row with ``values`` unless its primary key exists; whether it did."""
    keys = list(inspect(model).primary_key)
    statement = (
        _insert(session, model).values(**values).on_conflict_do_nothing(index_elements=keys)
    )
    # RETURNING says whether a row was inserted on every driver (rowcount does not on all).
    return session.execute(statement.returning(*keys)).first() is not None


def upsert_all(
    session: Session, model: type[DeclarativeBase], rows: Sequence[Mapping[str, Any]]
) -> None:
    """Insert ``rows`` (each with every column), replacing those whose primary key exists."""
    if not rows:
        return
    keys = [column.name for column in inspect(model).primary_key]
    statement = _insert(session, model)
    replaced = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    session.execute(
        statement.on_conflict_do_update(index_elements=keys, set_=replaced), list(rows)
    )


def _insert(session: Session, model: type[DeclarativeBase]) -> Any:
    dialect = session.get_bind().dialect.name
    # On the table, not the class: the ORM's bulk insert reports no row count.
    table = cast(Table, inspect(model).local_table)
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise ValueError(f"the bot's state needs PostgreSQL or SQLite, not {dialect}")
