"""Each kind of registry record described once: its fields, their types and rules, and from that
its database columns, its YAML/CSV document, how the seed files are read, how a staff edit is
checked, and which steps the staff form asks.

A field's type says how it maps: a :data:`BILINGUAL` field ``text`` is the columns ``text_pl``
and ``text_en`` and the document ``text: {pl: ..., en: ...}``; every other field is one column
and one document key of its own name. The order of :attr:`Kind.fields` is the documents' order.
Adding a field to a kind is one :class:`Field` here, the dataclass field in :mod:`.snapshot`,
the column in :mod:`.models` and a migration; the seed loader, the export, the import, the
staff edits and their validation follow.

Cities and countries, whose documents nest (a city's names, location and grouped facts), are
still read and written by hand in :mod:`.files`, :mod:`.database` and :mod:`.export`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import RegistryError
from ..languages import Bilingual
from ..provenance import CONFIDENCES, Source
from ..rules import LIMITS, date_problem, id_problem, is_url, length_problem
from ..validation import Checker
from .models import (
    ContactRow,
    EventRow,
    FactRow,
    MissionRow,
    OfficeRow,
    OrganisationRow,
    SourceRow,
)
from .snapshot import (
    CONTACT_KINDS,
    FACT_KINDS,
    CityFact,
    Contact,
    Event,
    Mission,
    OfficeItem,
    Organisation,
)

L = TypeVar("L", bound=str)

__all__ = [
    "CONTACT",
    "EVENT",
    "FACT",
    "KINDS",
    "MISSION",
    "OFFICE",
    "ORGANISATION",
    "SOURCE",
    "Field",
    "Kind",
    "Type",
    "literal",
]


class Type(enum.Enum):
    """What a field holds, which decides its columns, its document and its rules."""

    ID = "id"  # the record's own id: a-z, 0-9, '-'
    TEXT = "text"  # one text, the same in both languages (a person's name, a title)
    URL = "url"  # a web address
    BILINGUAL = "bilingual"  # a text in Polish and in English
    DATE = "date"  # YYYY, YYYY-MM or YYYY-MM-DD
    CHOICE = "choice"  # one of ``Field.choices``
    REFERENCE = "reference"  # the id of a record of ``Field.refers``
    REFERENCES = "references"  # a list of such ids
    CONFIDENCE = "confidence"  # how sure the source is


@dataclass(frozen=True)
class Field:
    """One field of a record kind."""

    name: str
    type: Type
    required: bool = True
    choices: tuple[str, ...] = ()  # for CHOICE
    refers: str | None = None  # for REFERENCE(S): "sources", "countries", "organisations", ...
    limit: int | None = None  # the longest text accepted (staff edits)
    # A BILINGUAL field the seed files may give as one text for both languages (a phone number).
    same_in_both: bool = False
    step: str | None = None  # the staff form's name for it, where that is not ``name``
    # The staff form asks it only when this holds of the answers so far (keyed by step).
    asked_if: Callable[[Mapping[str, Any]], bool] | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        if self.type is Type.BILINGUAL:
            return (f"{self.name}_pl", f"{self.name}_en")
        return (self.name,)

    @property
    def steps(self) -> tuple[str, ...]:
        """The staff form's steps for this field: a bilingual one asks each language."""
        name = self.step or self.name
        if self.type is Type.BILINGUAL:
            return (f"{name}_pl", f"{name}_en")
        return (name,)

    # Values <-> columns and documents ----------------------------------------------------------

    def to_columns(self, value: Any) -> dict[str, Any]:
        if self.type is Type.BILINGUAL:
            return {
                f"{self.name}_pl": value.pl if value else None,
                f"{self.name}_en": value.en if value else None,
            }
        if self.type is Type.REFERENCES:
            return {self.name: list(value)}
        return {self.name: value}

    def from_columns(self, row: object) -> Any:
        if self.type is Type.BILINGUAL:
            pl, en = getattr(row, f"{self.name}_pl"), getattr(row, f"{self.name}_en")
            return Bilingual(pl, en) if pl and en else None
        value = getattr(row, self.name)
        if self.type is Type.REFERENCES:
            return tuple(value)
        if self.type in (Type.CHOICE, Type.CONFIDENCE):
            return literal(value, self._allowed)
        return value

    def to_document(self, value: Any) -> Any:
        if self.type is Type.BILINGUAL:
            return {"pl": value.pl, "en": value.en} if value else None
        if self.type is Type.REFERENCES:
            return list(value)
        return value

    @property
    def _allowed(self) -> tuple[str, ...]:
        return CONFIDENCES if self.type is Type.CONFIDENCE else self.choices

    # Rules -------------------------------------------------------------------------------------

    def read(self, check: Checker, node: dict[str, Any], known: Known) -> tuple[bool, Any]:
        """The field's value in a seed file's ``node``; (False, None) when it is wrong."""
        key, optional = self.name, not self.required
        if optional and node.get(key) is None and self.type is not Type.REFERENCES:
            return True, None
        value: Any
        match self.type:
            case Type.ID:
                value = check.identifier(node, key)
            case Type.TEXT:
                value = check.string(node, key)
            case Type.URL:
                value = check.string(node, key)
                if value is not None and not is_url(value):
                    check.problem(node, f"'{key}' must be a web address (http or https)")
                    value = None
            case Type.BILINGUAL:
                if self.same_in_both and isinstance(node.get(key), (str, int)):
                    text = check.string(node, key)
                    value = Bilingual(text, text) if text else None
                else:
                    value = check.bilingual(node, key)
            case Type.DATE:
                value = check.date(node, key)
                return value is not None or node.get(key) is None, value
            case Type.CHOICE:
                value = check.string(node, key)
                if value is not None and value not in self.choices:
                    check.problem(node, f"'{key}' must be one of {', '.join(self.choices)}")
                    value = None
            case Type.REFERENCE:
                assert self.refers is not None
                value = check.reference(node, key, known[self.refers], _ONE[self.refers])
            case Type.REFERENCES:
                assert self.refers is not None
                ids = check.word_list(node, key)
                for ident in ids:
                    if ident not in known[self.refers]:
                        check.problem(
                            node, f"'{key}' names an unknown {_ONE[self.refers]} {ident!r}"
                        )
                # An unknown id is reported, and the record kept without it.
                return True, tuple(i for i in ids if i in known[self.refers])
            case Type.CONFIDENCE:
                value = check.confidence(node, key)
        long = self._too_long(value)
        if long:
            check.problem(node, f"'{key}' {long}")
            return False, None
        return value is not None, value

    def _too_long(self, value: Any) -> str | None:
        if self.limit is None or value is None:
            return None
        texts = (value.pl, value.en) if isinstance(value, Bilingual) else (value,)
        return next(filter(None, (length_problem(t, self.limit) for t in texts)), None)

    def problem(self, value: Any, known: Known) -> str | None:
        """What is wrong with ``value`` (a staff edit's), in English; None when it is good."""
        if value is None:
            return f"{self.name} is needed" if self.required else None
        long = self._too_long(value)
        if long:
            return f"the {self.name} {long}"
        match self.type:
            case Type.ID:
                return id_problem(value)
            case Type.TEXT | Type.URL:
                if not value.strip():
                    return f"{self.name} is empty"
                if self.type is Type.URL and not is_url(value):
                    return f"{self.name} {value!r} is not a web address"
            case Type.BILINGUAL:
                if not value.pl.strip() or not value.en.strip():
                    return f"{self.name} is needed in Polish and in English"
            case Type.DATE:
                problem = date_problem(value)
                return f"the {self.name} {problem}" if problem else None
            case Type.CHOICE | Type.CONFIDENCE:
                if value not in self._allowed:
                    return f"unknown {self.name} {value!r}"
            case Type.REFERENCE:
                assert self.refers is not None
                if value not in known[self.refers]:
                    return f"unknown {_ONE[self.refers]} {value!r}"
            case Type.REFERENCES:
                assert self.refers is not None
                unknown = [v for v in value if v not in known[self.refers]]
                if unknown:
                    return f"unknown {_ONE[self.refers]} {unknown[0]!r}"
        return None


# The ids a record may refer to, by what they are ("sources", "countries", ...).
Known = Mapping[str, Collection[str]]
_ONE = {
    "sources": "source",
    "countries": "country",
    "organisations": "organisation",
    "cities": "city",
}


@dataclass(frozen=True)
class Kind:
    """One kind of registry record."""

    name: str  # "contact": the staff form's and the sentences' name
    record: type[Any]  # its dataclass in :mod:`.snapshot`
    row: type[Any]  # its table's model in :mod:`.models`
    entity: str  # "contacts": its table, its audit entity, its document list and CSV file
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def columns(self, record: Any) -> dict[str, Any]:
        """The record's values as its table's columns (all but ``position``)."""
        values: dict[str, Any] = {}
        for f in self.fields:
            values.update(f.to_columns(getattr(record, f.name)))
        return values

    def from_row(self, row: object, **more: Any) -> Any:
        """The record a row of its table holds; ``more`` gives what lives in other tables."""
        return self.record(**{f.name: f.from_columns(row) for f in self.fields}, **more)

    def document(self, record: Any) -> dict[str, Any]:
        """The record as the seed files and the export write it (what the audit log keeps)."""
        return {f.name: f.to_document(getattr(record, f.name)) for f in self.fields}

    def read(self, check: Checker, node: dict[str, Any], known: Known, **more: Any) -> Any:
        """The record a seed file's ``node`` describes, or None after reporting its problems.

        Every field is read (so every problem is reported) before the record is made; ``more``
        gives the values the node does not hold (a fact's kind is the list it stands in).
        """
        values: dict[str, Any] = {}
        good = True
        for f in self.fields:
            if f.name not in more:
                ok, values[f.name] = f.read(check, node, known)
                good = good and ok
        return self.record(**values, **more) if good else None

    def problems(self, record: Any, known: Known) -> list[str]:
        """What breaks this kind's rules in ``record`` (a staff edit's), in English."""
        found = (f.problem(getattr(record, f.name), known) for f in self.fields)
        return [p for p in found if p]


def literal(value: str, allowed: tuple[L, ...]) -> L:
    """A text column read back as the literal type it stores; anything else is corruption."""
    for option in allowed:
        if value == option:
            return option
    raise RegistryError(f"unexpected value {value!r} in the registry (expected one of {allowed})")


_SOURCED = (
    Field("source", Type.REFERENCE, refers="sources"),
    Field("confidence", Type.CONFIDENCE),
)
_TEXT = Field("text", Type.BILINGUAL, limit=LIMITS["text"])

SOURCE = Kind(
    "source",
    Source,
    SourceRow,
    "sources",
    (
        Field("id", Type.ID),
        Field("title", Type.TEXT, limit=LIMITS["title"]),
        Field("publisher", Type.TEXT, limit=LIMITS["publisher"]),
        Field("url", Type.URL, required=False, limit=LIMITS["url"]),
        Field("date", Type.DATE, required=False),
        Field("note", Type.TEXT, required=False),
    ),
)

CONTACT = Kind(
    "contact",
    Contact,
    ContactRow,
    "contacts",
    (
        Field("id", Type.ID),
        Field("country", Type.REFERENCE, required=False, refers="countries"),
        Field("kind", Type.CHOICE, choices=CONTACT_KINDS, step="contact_kind"),
        Field("person", Type.TEXT, required=False, limit=LIMITS["name"]),
        Field("role", Type.BILINGUAL, required=False, limit=LIMITS["role"]),
        Field("date", Type.DATE, required=False),
        Field("date_note", Type.BILINGUAL, required=False),
        _TEXT,
        *_SOURCED,
    ),
)

ORGANISATION = Kind(
    "organisation",
    Organisation,
    OrganisationRow,
    "organisations",
    (
        Field("id", Type.ID),
        Field("name", Type.BILINGUAL),
        Field("abbreviation", Type.TEXT, required=False),
        _TEXT,
        *_SOURCED,
    ),
)

MISSION = Kind(
    "mission",
    Mission,
    MissionRow,
    "missions",
    (
        Field("id", Type.ID),
        Field("organiser", Type.REFERENCE, required=False, refers="organisations"),
        Field("date", Type.DATE, required=False),
        _TEXT,
        *_SOURCED,
    ),
)

EVENT = Kind(
    "event",
    Event,
    EventRow,
    "events",
    (
        Field("id", Type.ID),
        Field("date", Type.DATE, required=False),
        Field("end_date", Type.DATE, required=False),
        Field("cities", Type.REFERENCES, refers="cities"),
        _TEXT,
        *_SOURCED,
    ),
)

OFFICE = Kind(
    "office",
    OfficeItem,
    OfficeRow,
    "office",
    (
        Field("id", Type.ID),
        Field("label", Type.BILINGUAL),
        Field("value", Type.BILINGUAL, same_in_both=True),
        *_SOURCED,
    ),
)

# A milestone, area or fact of a city or an organisation; it has no id of its own.
FACT = Kind(
    "fact",
    CityFact,
    FactRow,
    "facts",
    (
        Field("kind", Type.CHOICE, choices=FACT_KINDS, step="fact_kind"),
        # The seed files give dates to milestones only: a dated area would lose its date.
        Field(
            "date",
            Type.DATE,
            required=False,
            asked_if=lambda values: values.get("fact_kind") == "milestone",
        ),
        _TEXT,
        *_SOURCED,
    ),
)

KINDS: Mapping[str, Kind] = {
    kind.name: kind for kind in (SOURCE, CONTACT, ORGANISATION, MISSION, EVENT, OFFICE, FACT)
}
