"""Each record kind's one description agrees with its dataclass and its table, and what it
writes (columns, documents) reads back as the same record."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest

from bot.errors import Problem
from bot.languages import Bilingual
from bot.registry import RegistryData
from bot.registry.kinds import CITY, CONTACT, COUNTRY, KINDS, Kind, Known
from bot.validation import Checker

# Columns a table has besides its records' own values: their order, a fact's owner and row id.
_BOOKKEEPING = {"position", "owner_kind", "owner_id"}


def _records(kind: Kind, seed: RegistryData) -> list[Any]:
    if kind.name == "fact":
        return [f for c in seed.cities.values() for f in c.facts]
    return list(kind.records(seed))


def _known(seed: RegistryData) -> Known:
    return {
        "sources": seed.sources,
        "countries": seed.countries,
        "organisations": {o.id for o in seed.organisations},
        "cities": seed.cities,
    }


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_a_kind_describes_every_field_of_its_record_and_every_column_of_its_table(
    kind: Kind,
) -> None:
    described = {a for f in kind.fields for a in f.attributes} | set(kind.owned)
    assert described == {f.name for f in fields(kind.record)}
    table = {c.name for c in kind.row.__table__.columns} - _BOOKKEEPING
    if kind.name == "fact":
        table -= {"id"}  # a fact's row id is the database's, not the record's
    assert {c for f in kind.fields for c in f.columns} == table


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_columns_and_documents_read_back_as_the_same_record(
    kind: Kind, seed: RegistryData
) -> None:
    records = _records(kind, seed)
    assert records, f"the seed has no {kind.entity}"
    for record in records:
        # Children (a city's facts) live in their own table: given, as the database does.
        children = {a: getattr(record, a) for a in kind.owned}
        row = kind.row(**kind.columns(record))
        assert kind.from_row(row, **children) == record
        problems: list[Problem] = []
        read = kind.read(Checker(Path("x.yaml"), problems), kind.document(record), _known(seed))
        assert problems == []
        assert read == record
        assert kind.problems(record, _known(seed)) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param({"date": "2023-13-40"}, "real date", id="impossible-date"),
        pytest.param({"country": "XX"}, "unknown country 'XX'", id="unknown-country"),
        pytest.param({"kind": "visit"}, "unknown kind 'visit'", id="unknown-kind"),
        pytest.param({"source": "nowhere"}, "unknown source 'nowhere'", id="unknown-source"),
        pytest.param({"person": "x" * 201}, "more than 200", id="long-name"),
        pytest.param({"text": Bilingual("", "x")}, "Polish and in English", id="no-polish"),
        pytest.param({"id": "Jan Kowalski"}, "a-z, 0-9", id="bad-id"),
    ],
)
def test_the_same_rules_refuse_a_bad_record_from_a_file_and_from_an_edit(
    seed: RegistryData, change: dict[str, Any], problem: str
) -> None:
    bad = replace(seed.contacts[0], **change)
    found = CONTACT.problems(bad, _known(seed))
    assert len(found) == 1
    assert problem in found[0]
    problems: list[Problem] = []
    document = CONTACT.document(bad)
    assert CONTACT.read(Checker(Path("x.yaml"), problems), document, _known(seed)) is None
    assert len(problems) == 1


@pytest.mark.parametrize(
    ("kind", "change", "problem"),
    [
        pytest.param(COUNTRY, {"code": "de"}, "ISO 3166 alpha-2", id="lower-case-code"),
        pytest.param(COUNTRY, {"forms": None}, "'forms' is missing", id="no-forms"),
        pytest.param(
            COUNTRY, {"note": {"text": {"pl": "x", "en": "y"}}}, "'source'", id="note-unsourced"
        ),
        pytest.param(
            CITY,
            {"location": {"lat": 91, "lon": 0, "source": "um-kielce-en"}},
            "'lat' must be a number from -90 to 90",
            id="lat-beyond-the-pole",
        ),
        pytest.param(CITY, {"cases": {"dat": "Gocie"}}, "known cases", id="unknown-case"),
        pytest.param(
            CITY, {"name": {"pl": "Gotha", "en": "Gotha"}}, "'native' is missing", id="no-native"
        ),
        pytest.param(CITY, {"milestones": "1988"}, "must be a list", id="milestones-not-a-list"),
        pytest.param(
            CITY,
            {"areas": [{"text": {"pl": "x", "en": "y"}, "confidence": "high"}]},
            "'source' is missing",
            id="area-unsourced",
        ),
    ],
)
def test_a_nested_document_is_checked_part_by_part(
    seed: RegistryData, kind: Kind, change: dict[str, Any], problem: str
) -> None:
    document = {**kind.document(kind.records(seed)[0]), **change}
    problems: list[Problem] = []
    kind.read(Checker(Path("x.yaml"), problems), document, _known(seed))
    assert [p.message for p in problems if problem in p.message], problems
