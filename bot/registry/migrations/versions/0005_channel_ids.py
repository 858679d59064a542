"""People known by channel-qualified ids (telegram:123, web:<session>); the chat's last turn.

``user_state`` was keyed by a Telegram user id; the web chat's people have no such id, so the key
becomes ``person``, a string naming the channel and the id within it. Every existing row is kept
as ``telegram:<its user id>``. The row also keeps the chat's last answered question (``turn``),
so that a follow-up reaching another copy of the bot is read against it.

``answer_log`` gains ``channel``; rows logged before this revision came from Telegram (the only
channel that logged) and are marked so. Pseudonyms do not change: a Telegram person's pseudonym
is still the HMAC of the bare user id (see bot/state/pseudonyms.py), so their votes stay theirs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERSON = sa.String(length=80)


def upgrade() -> None:
    # A new table and a copy: the primary key changes type, which neither SQLite nor a plain
    # ALTER on PostgreSQL does in place without rewriting the table anyway.
    op.create_table(
        "user_state_new",
        sa.Column("person", PERSON, nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=True),
        sa.Column("tokens", sa.Float(), nullable=True),
        sa.Column("seen_at", sa.Float(), nullable=True),
        sa.Column("muted_until", sa.Float(), nullable=True),
        sa.Column("turn", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("person", name="pk_user_state_new"),
    )
    op.execute(
        "INSERT INTO user_state_new (person, lang, tokens, seen_at, muted_until) "
        "SELECT 'telegram:' || CAST(user_id AS VARCHAR(20)), lang, tokens, seen_at, muted_until "
        "FROM user_state"
    )
    op.drop_table("user_state")
    op.rename_table("user_state_new", "user_state")
    _rename_primary_key("pk_user_state_new", "pk_user_state")
    op.add_column("answer_log", sa.Column("channel", sa.String(length=20), nullable=True))
    op.execute("UPDATE answer_log SET channel = 'telegram'")


def downgrade() -> None:
    """Back to 0004: Telegram people keep their state; web chats' state and turns are dropped."""
    with op.batch_alter_table("answer_log") as batch:
        batch.drop_column("channel")
    op.create_table(
        "user_state_old",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=True),
        sa.Column("tokens", sa.Float(), nullable=True),
        sa.Column("seen_at", sa.Float(), nullable=True),
        sa.Column("muted_until", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", name="pk_user_state_old"),
    )
    rows = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT person, lang, tokens, seen_at, muted_until FROM user_state "
                "WHERE person LIKE 'telegram:%'"
            )
        )
        .all()
    )
    if rows:
        op.bulk_insert(
            sa.table(
                "user_state_old",
                sa.column("user_id", sa.BigInteger()),
                sa.column("lang"),
                sa.column("tokens"),
                sa.column("seen_at"),
                sa.column("muted_until"),
            ),
            [
                {
                    "user_id": int(row.person.removeprefix("telegram:")),
                    "lang": row.lang,
                    "tokens": row.tokens,
                    "seen_at": row.seen_at,
                    "muted_until": row.muted_until,
                }
                for row in rows
            ],
        )
    op.drop_table("user_state")
    op.rename_table("user_state_old", "user_state")
    _rename_primary_key("pk_user_state_old", "pk_user_state")


def _rename_primary_key(old: str, new: str) -> None:
    """PostgreSQL keeps a constraint's name through a table rename; SQLite has no such names
    outside the table's definition, and compares none."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE user_state RENAME CONSTRAINT {old} TO {new}")
