"""Initial schema: the registry, the audit log and the per-user state.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "answer_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("entry", sa.String(length=100), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_log")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.String(length=100), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_table(
        "sources",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
    )
    op.create_table(
        "user_state",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=True),
        sa.Column("tokens", sa.Float(), nullable=True),
        sa.Column("seen_at", sa.Float(), nullable=True),
        sa.Column("muted_until", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_state")),
    )
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
    op.create_table(
        "countries",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name_pl", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("forms", sa.JSON(), nullable=False),
        sa.Column("note_pl", sa.Text(), nullable=True),
        sa.Column("note_en", sa.Text(), nullable=True),
        sa.Column("note_source", sa.String(length=100), nullable=True),
        sa.Column("note_confidence", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["note_source"], ["sources.id"], name=op.f("fk_countries_note_source_sources")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_countries")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("end_date", sa.String(length=10), nullable=True),
        sa.Column("cities", sa.JSON(), nullable=False),
        sa.Column("text_pl", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("confidence", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["source"], ["sources.id"], name=op.f("fk_events_source_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner_kind", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("text_pl", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("confidence", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["source"], ["sources.id"], name=op.f("fk_facts_source_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facts")),
    )
    op.create_index(op.f("ix_facts_owner_id"), "facts", ["owner_id"])
    op.create_table(
        "office",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label_pl", sa.Text(), nullable=False),
        sa.Column("label_en", sa.Text(), nullable=False),
        sa.Column("value_pl", sa.Text(), nullable=False),
        sa.Column("value_en", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("confidence", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["source"], ["sources.id"], name=op.f("fk_office_source_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_pl", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("abbreviation", sa.String(length=50), nullable=True),
        sa.Column("text_pl", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("confidence", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["source"], ["sources.id"], name=op.f("fk_organisations_source_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    op.create_table(
        "cities",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_pl", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_native", sa.Text(), nullable=False),
        sa.Column("forms", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_source", sa.String(length=100), nullable=False),
        sa.Column("status_confidence", sa.String(length=10), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("location_source", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.code"], name=op.f("fk_cities_country_countries")
        ),
        sa.ForeignKeyConstraint(
            ["location_source"], ["sources.id"], name=op.f("fk_cities_location_source_sources")
        ),
        sa.ForeignKeyConstraint(
            ["status_source"], ["sources.id"], name=op.f("fk_cities_status_source_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cities")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("person", sa.Text(), nullable=True),
        sa.Column("role_pl", sa.Text(), nullable=True),
        sa.Column("role_en", sa.Text(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_note_pl", sa.Text(), nullable=True),
        sa.Column("date_note_en", sa.Text(), nullable=True),
        sa.Column("text_pl", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("confidence", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["country"], ["countries.code"], name=op.f("fk_contacts_country_countries")
        ),
        sa.ForeignKeyConstraint(
            ["source"], ["sources.id"], name=op.f("fk_contacts_source_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    op.create_table(
        "missions",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("organiser", sa.String(length=100), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("text_pl", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("confidence", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["organiser"], ["organisations.id"], name=op.f("fk_missions_organiser_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["source"], ["sources.id"], name=op.f("fk_missions_source_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missions")),
    )


def downgrade() -> None:
    op.drop_table("missions")
    op.drop_table("contacts")
    op.drop_table("cities")
    op.drop_table("organisations")
    op.drop_table("office")
    op.drop_index(op.f("ix_facts_owner_id"), "facts")
    op.drop_table("facts")
    op.drop_table("events")
    op.drop_table("countries")
    op.drop_table("answer_votes")
    op.drop_table("user_state")
    op.drop_table("sources")
    op.drop_index(op.f("ix_audit_log_at"), "audit_log")
    op.drop_table("audit_log")
    op.drop_table("answer_log")
