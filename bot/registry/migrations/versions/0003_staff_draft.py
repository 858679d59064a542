"""Staff edits in progress in the database (staff_draft), not in one copy's memory.

An edit's steps may reach different copies of the bot behind one webhook address, so the draft
is read and written on every answer. Edits open in a copy's memory during the upgrade are lost;
their admins start again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_draft",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("step", sa.String(length=30), nullable=False),
        sa.Column("draft", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_staff_draft")),
    )


def downgrade() -> None:
    op.drop_table("staff_draft")
