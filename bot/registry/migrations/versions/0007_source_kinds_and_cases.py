"""Sources say their kind, and may lack a title (the reason an answer gives for its confidence); cities and countries
keep the Polish case forms generated sentences need; short facts say what they answer.

Existing rows get kind "city" and no forms; ``run_bot.py db reseed`` then brings the revised
seed in without touching records staff have edited (docs/answers.md, "Re-seeding").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=30), server_default="city", nullable=False)
        )
        # A title the fact base did not capture is null, never made up.
        batch.alter_column("title", existing_type=sa.Text(), nullable=True)
    with op.batch_alter_table("cities") as batch:
        batch.add_column(sa.Column("cases", sa.JSON(none_as_null=True), nullable=True))
    with op.batch_alter_table("countries") as batch:
        batch.add_column(sa.Column("cases", sa.JSON(none_as_null=True), nullable=True))
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("topic", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("topic")
    with op.batch_alter_table("countries") as batch:
        batch.drop_column("cases")
    with op.batch_alter_table("cities") as batch:
        batch.drop_column("cases")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("kind")
        batch.alter_column("title", existing_type=sa.Text(), nullable=False)
