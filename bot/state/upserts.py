"""Inserting a row unless it exists, in one statement that two copies of the bot cannot race.

"Read it, add it if missing" lets two copies both find nothing and both insert, and one fails
on the primary key (a new user's first message reaching two copies at once answered "Sorry").
``INSERT ... ON CONFLICT DO NOTHING`` (PostgreSQL and SQLite alike) lets the database decide.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session

__all__ = ["insert_if_absent"]


def insert_if_absent(session: Session, model: type[DeclarativeBase], **values: Any) -> bool:
    """Insert a ``model`` row with ``values`` unless its primary key exists; whether it did."""
    keys = list(inspect(model).primary_key)
    dialect = session.get_bind().dialect.name
    # On the table, not the class: the ORM's bulk insert reports no row count.
    table = cast(Table, inspect(model).local_table)
    if dialect == "postgresql":
        statement: Any = postgresql.insert(table)
    elif dialect == "sqlite":
        statement = sqlite.insert(table)
    else:
        raise ValueError(f"the bot's state needs PostgreSQL or SQLite, not {dialect}")
    statement = statement.values(**values).on_conflict_do_nothing(index_elements=keys)
    # RETURNING says whether a row was inserted on every driver (rowcount does not on all).
    return session.execute(statement.returning(*keys)).first() is not None
