"""Pseudonymous question log: no Telegram ids in answer_log and answer_votes; state_meta.

The log and the votes knew people by their Telegram chat and user ids; from now on they know
them only by a keyed hash (see ``bot/insights/pseudonyms.py``). The salt the bot will use is not
known here, so rows written before this revision are hashed with a random salt that is then
thrown away: they can still be counted and the votes keep their answers, but nobody can link
them to a person, not even with the bot's salt.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PSEUDONYM = sa.String(length=64)


def _votes_table() -> None:
    op.create_table(
        "answer_votes",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("voter", PSEUDONYM, nullable=False),
        sa.Column("vote", sa.SmallInteger(), nullable=False),
        sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"], ["answer_log.id"], name=op.f("fk_answer_votes_answer_id_answer_log")
        ),
        sa.PrimaryKeyConstraint("answer_id", "voter", name=op.f("pk_answer_votes")),
    )


def upgrade() -> None:
    op.create_table(
        "state_meta",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_state_meta")),
    )
    salt = secrets.token_bytes(32)

    def pseudonym(user_id: int) -> str:
        return hmac.new(salt, str(user_id).encode(), hashlib.sha256).hexdigest()

    # `alembic upgrade --sql` has no rows to read: the old votes are not carried over there.
    offline = context.is_offline_mode()
    votes = [] if offline else op.get_bind().execute(sa.text("SELECT * FROM answer_votes")).all()
    askers = (
        []
        if offline
        else op.get_bind()
        .execute(sa.text("SELECT id, user_id FROM answer_log WHERE user_id IS NOT NULL"))
        .all()
    )
    # The votes' primary key changes: the table is made anew (and first, as it refers to
    # answer_log, which SQLite's batch mode copies and replaces).
    op.drop_table("answer_votes")
    op.add_column("answer_log", sa.Column("asker", PSEUDONYM, nullable=True))
    if askers:
        op.get_bind().execute(
            sa.text("UPDATE answer_log SET asker = :asker WHERE id = :id"),
            [{"id": row.id, "asker": pseudonym(row.user_id)} for row in askers],
        )
    with op.batch_alter_table("answer_log") as batch:
        batch.drop_column("chat_id")
        batch.drop_column("user_id")
        batch.create_index(op.f("ix_answer_log_asked_at"), ["asked_at"])
    _votes_table()
    if votes:
        op.bulk_insert(
            sa.table(
                "answer_votes",
                # Untyped: the values go back as the database gave them.
                sa.column("answer_id"),
                sa.column("voter"),
                sa.column("vote"),
                sa.column("voted_at"),
            ),
            [
                {
                    "answer_id": row.answer_id,
                    "voter": pseudonym(row.user_id),
                    "vote": row.vote,
                    "voted_at": row.voted_at,
                }
                for row in votes
            ],
        )


def downgrade() -> None:
    """Back to 0001's tables. Pseudonyms cannot be turned back into ids: the questions are kept
    (with chat 0 and no user), the votes are lost."""
    op.drop_table("answer_votes")
    with op.batch_alter_table("answer_log") as batch:
        batch.drop_index(op.f("ix_answer_log_asked_at"))
        batch.add_column(sa.Column("chat_id", sa.BigInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("user_id", sa.BigInteger(), nullable=True))
        batch.drop_column("asker")
    with op.batch_alter_table("answer_log") as batch:
        batch.alter_column("chat_id", server_default=None)
    op.create_table(
        "answer_votes",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("vote", sa.SmallInteger(), nullable=False),
        sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"], ["answer_log.id"], name=op.f("fk_answer_votes_answer_id_answer_log")
        ),
        sa.PrimaryKeyConstraint("answer_id", "user_id", name=op.f("pk_answer_votes")),
    )
    op.drop_table("state_meta")
