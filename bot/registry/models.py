"""The registry's tables (SQLAlchemy 2 declarative models).

Bilingual texts are two columns (``*_pl``, ``*_en``); every fact row names its source and
confidence. Word-form lists are JSON, which both SQLite and PostgreSQL store natively.
"""

from __future__ import annotations

from sqlalchemy import JSON, Float, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "CityRow",
    "ContactRow",
    "CountryRow",
    "EventRow",
    "FactRow",
    "MissionRow",
    "OfficeRow",
    "OrganisationRow",
    "SourceRow",
]


class Base(DeclarativeBase):
    # Named constraints, so migrations can drop or alter them by the same name on SQLite and
    # PostgreSQL (otherwise each database invents its own name, and SQLite none at all).
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def _source() -> Mapped[str]:
    return mapped_column(ForeignKey("sources.id"))


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(30), server_default="city")


class CountryRow(Base):
    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_pl: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    forms: Mapped[list[str]] = mapped_column(JSON)
    note_pl: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)
    note_source: Mapped[str | None] = mapped_column(ForeignKey("sources.id"))
    note_confidence: Mapped[str | None] = mapped_column(String(10))
    cases: Mapped[dict[str, str] | None] = mapped_column(JSON(none_as_null=True))


class CityRow(Base):
    __tablename__ = "cities"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name_pl: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    name_native: Mapped[str] = mapped_column(Text)
    forms: Mapped[list[str]] = mapped_column(JSON)
    country: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    status: Mapped[str] = mapped_column(String(20))
    status_source: Mapped[str] = _source()
    status_confidence: Mapped[str] = mapped_column(String(10))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    location_source: Mapped[str | None] = mapped_column(ForeignKey("sources.id"))
    cases: Mapped[dict[str, str] | None] = mapped_column(JSON(none_as_null=True))


class FactRow(Base):
    """A dated milestone, an area of cooperation or a short fact of a city or an organisation."""

    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_kind: Mapped[str] = mapped_column(String(20))  # "city" or "organisation"
    owner_id: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "milestone", "area" or "fact"
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String(10))
    text_pl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = _source()
    confidence: Mapped[str] = mapped_column(String(10))
    topic: Mapped[str | None] = mapped_column(String(20))  # population, location, known_for


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(ForeignKey("countries.code"))
    kind: Mapped[str] = mapped_column(String(20))
    person: Mapped[str | None] = mapped_column(Text)
    role_pl: Mapped[str | None] = mapped_column(Text)
    role_en: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10))
    date_note_pl: Mapped[str | None] = mapped_column(Text)
    date_note_en: Mapped[str | None] = mapped_column(Text)
    text_pl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = _source()
    confidence: Mapped[str] = mapped_column(String(10))


class OrganisationRow(Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name_pl: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    abbreviation: Mapped[str | None] = mapped_column(String(50))
    text_pl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = _source()
    confidence: Mapped[str] = mapped_column(String(10))


class MissionRow(Base):
    __tablename__ = "missions"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    organiser: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))
    date: Mapped[str | None] = mapped_column(String(10))
    text_pl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = _source()
    confidence: Mapped[str] = mapped_column(String(10))


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    cities: Mapped[list[str]] = mapped_column(JSON)
    text_pl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = _source()
    confidence: Mapped[str] = mapped_column(String(10))


class OfficeRow(Base):
    __tablename__ = "office"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    label_pl: Mapped[str] = mapped_column(Text)
    label_en: Mapped[str] = mapped_column(Text)
    value_pl: Mapped[str] = mapped_column(Text)
    value_en: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = _source()
    confidence: Mapped[str] = mapped_column(String(10))
