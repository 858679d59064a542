"""Updates posted to the webhook, by update_id (webhook_update): answered once across copies.

Telegram posts an update again when it saw no answer in time, to whichever copy of the bot the
load balancer picks; the copies agree through this table on who handles it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "webhook_update",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("claimed_at", sa.Float(), nullable=False),
        sa.Column("handled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_webhook_update")),
    )
    op.create_index(
        op.f("ix_webhook_update_claimed_at"), "webhook_update", ["claimed_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_webhook_update_claimed_at"), table_name="webhook_update")
    op.drop_table("webhook_update")
