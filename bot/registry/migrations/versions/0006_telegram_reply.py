"""Which messages of the bot answered which message (telegram_reply), so that an edited
question edits its answer in place; rows are kept 48 hours (bot/state/replies.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "telegram_reply",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("messages", sa.String(length=200), nullable=False),
        sa.Column("pin", sa.BigInteger(), nullable=True),
        sa.Column("answered_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_telegram_reply")),
    )
    op.create_index(
        op.f("ix_telegram_reply_answered_at"), "telegram_reply", ["answered_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_telegram_reply_answered_at"), table_name="telegram_reply")
    op.drop_table("telegram_reply")
