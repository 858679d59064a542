"""Each kind of registry record described once: its fields, their types and rules, and from that
its database columns, its YAML/CSV document, how the seed files are read, how a staff edit is
checked, and which steps the staff form asks.

A field's type says how it maps: a :data:`BILINGUAL` field ``text`` is the columns ``text_pl``
and ``text_en`` and the document ``text: {pl: ..., en: ...}``; a :data:`GROUP` (a city's
location) is a nested document whose parts are columns of the record's own table; every other
field is one column and one document key of its own name. The order of :attr:`Kind.fields` is
the documents' order. Records that belong to another (a city's facts) are :class:`Children`:
lists in the owner's document, rows of their own table naming the owner.

Adding a field to a kind is one :class:`Field` here, the dataclass field in :mod:`.snapshot`,
the column in :mod:`.models` and a migration; the seed loader, the export, the import, the
database reads and writes, the staff edits and their validation follow. :data:`FILES` says
which file holds which kinds, in the order their references need.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from ..errors import RegistryError
from ..languages import Bilingual
from ..provenance import CONFIDENCES, SOURCE_KINDS, Source
from ..rules import (
    LIMITS,
    country_code_problem,
    date_problem,
    id_problem,
    is_url,
    length_problem,
)
from ..validation import Checker
from .models import (
    CityRow,
    ContactRow,
    CountryRow,
    EventRow,
    FactRow,
    MissionRow,
    OfficeRow,
    OrganisationRow,
    SourceRow,
)
from .snapshot import (
    CASES,
    CONTACT_KINDS,
    FACT_KINDS,
    FACT_TOPICS,
    STATUSES,
    City,
    CityFact,
    Contact,
    Country,
    CountryNote,
    Event,
    Location,
    Mission,
    OfficeItem,
    Organisation,
    RegistryData,
)

L = TypeVar("L", bound=str)

__all__ = [
    "CITY",
    "CONTACT",
    "COUNTRY",
    "EVENT",
    "FACT",
    "FILES",
    "KINDS",
    "MISSION",
    "OFFICE",
    "ORGANISATION",
    "SOURCE",
    "Children",
    "Field",
    "Kind",
    "Type",
    "group",
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
    CODE = "code"  # the record's own id as an ISO 3166 alpha-2 country code: DE
    WORDS = "words"  # a list of texts (the forms people write a name in)
    CASES = "cases"  # Polish case forms, case -> form: {gen: Gothy, ins: Gothą}
    NUMBER = "number"  # a number within ``Field.bounds``
    GROUP = "group"  # a nested document of ``Field.parts`` (see :func:`group`)


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
    # Required of staff, but the seed files may leave it null (a title the fact base did not
    # capture: never made up).
    null_in_seed: bool = False
    step: str | None = None  # the staff form's name for it, where that is not ``name``
    # The staff form asks it only when this holds of the answers so far (keyed by step).
    asked_if: Callable[[Mapping[str, Any]], bool] | None = None
    # The document leaves the field out when it is empty (a city without case forms).
    omit_if_empty: bool = False
    column: str | None = None  # the column (a BILINGUAL field's prefix), where not ``name``
    bounds: tuple[float, float] | None = None  # for NUMBER: the least and the greatest
    parts: tuple[Field, ...] = ()  # for GROUP
    # For GROUP: the dataclass its parts make (a city's Location); None when they are
    # attributes of the record itself, ``<group>_<part>`` (a city's name_pl, name_en, ...).
    make: Callable[..., Any] | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        column = self.column or self.name
        if self.type is Type.BILINGUAL:
            return (f"{column}_pl", f"{column}_en")
        if self.type is Type.GROUP:
            return tuple(c for p in self.parts for c in p.columns)
        return (column,)

    @property
    def attributes(self) -> tuple[str, ...]:
        """The record's attributes that hold the field's value."""
        if self.type is Type.GROUP and self.make is None:
            return tuple(f"{self.name}_{p.name}" for p in self.parts)
        return (self.name,)

    def get(self, record: object) -> Any:
        """The field's value in ``record`` (a record-less group's: its parts by name)."""
        if self.type is Type.GROUP and self.make is None:
            return {
                p.name: getattr(record, a)
                for p, a in zip(self.parts, self.attributes, strict=True)
            }
        return getattr(record, self.name)

    def attribute_values(self, value: Any) -> dict[str, Any]:
        """The record's attributes for the field's ``value``: :meth:`get` undone."""
        if self.type is Type.GROUP and self.make is None:
            return {a: value[p.name] for p, a in zip(self.parts, self.attributes, strict=True)}
        return {self.name: value}

    @property
    def steps(self) -> tuple[str, ...]:
        """The staff form's steps for this field: a bilingual one asks each language."""
        name = self.step or self.name
        if self.type is Type.BILINGUAL:
            return (f"{name}_pl", f"{name}_en")
        return (name,)

    # Values <-> columns and documents ----------------------------------------------------------

    def to_columns(self, value: Any) -> dict[str, Any]:
        column = self.column or self.name
        match self.type:
            case Type.BILINGUAL:
                return {
                    f"{column}_pl": value.pl if value else None,
                    f"{column}_en": value.en if value else None,
                }
            case Type.REFERENCES | Type.WORDS:
                return {column: list(value)}
            case Type.CASES:
                return {column: dict(value) or None}
            case Type.GROUP:
                return {c: v for p in self.parts for c, v in p.to_columns(_part(value, p)).items()}
        return {column: value}

    def from_columns(self, row: object) -> Any:
        if self.type is Type.GROUP:
            # A group is absent (a city with no location) when any of its columns is.
            if any(getattr(row, c) is None for c in self.columns):
                return None
            values = {p.name: p.from_columns(row) for p in self.parts}
            return self.make(**values) if self.make else values
        column = self.column or self.name
        if self.type is Type.BILINGUAL:
            pl, en = getattr(row, f"{column}_pl"), getattr(row, f"{column}_en")
            return Bilingual(pl, en) if pl and en else None
        value = getattr(row, column)
        match self.type:
            case Type.REFERENCES | Type.WORDS:
                return tuple(value)
            case Type.CASES:
                return tuple((value or {}).items())
            case Type.CHOICE | Type.CONFIDENCE:
                if value is None and not self.required:
                    return None
                return literal(value, self._allowed)
        return value

    def to_document(self, value: Any) -> Any:
        match self.type:
            case Type.BILINGUAL:
                return {"pl": value.pl, "en": value.en} if value else None
            case Type.REFERENCES | Type.WORDS:
                return list(value)
            case Type.CASES:
                return dict(value)
            case Type.GROUP:
                if value is None:
                    return None
                return {p.name: p.to_document(_part(value, p)) for p in self.parts}
        return value

    @property
    def _allowed(self) -> tuple[str, ...]:
        return CONFIDENCES if self.type is Type.CONFIDENCE else self.choices

    # Rules -------------------------------------------------------------------------------------

    def read(self, check: Checker, node: dict[str, Any], known: Known) -> tuple[bool, Any]:
        """The field's value in a seed file's ``node``; (False, None) when it is wrong."""
        key, optional = self.name, not self.required or self.null_in_seed
        if optional and node.get(key) is None:
            return True, self.empty
        value: Any
        match self.type:
            case Type.ID:
                value = check.identifier(node, key)
            case Type.CODE:
                value = check.string(node, key)
                problem = None if value is None else country_code_problem(value)
                if problem:
                    check.problem(node, f"'{key}' {problem}")
                    value = None
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
            case Type.WORDS:
                # A missing required list is reported; the record is kept for its other fields.
                return True, tuple(check.word_list(node, key, required=self.required))
            case Type.CASES:
                return self._read_cases(check, node)
            case Type.NUMBER:
                assert self.bounds is not None
                value, (low, high) = node.get(key), self.bounds
                if not isinstance(value, (int, float)) or not low <= value <= high:
                    check.problem(node, f"'{key}' must be a number from {low:g} to {high:g}")
                    return False, None
                value = float(value)
            case Type.GROUP:
                return self._read_group(check, node, known)
        long = self._too_long(value)
        if long:
            check.problem(node, f"'{key}' {long}")
            return False, None
        return value is not None, value

    @property
    def empty(self) -> Any:
        """The value of an optional field a document leaves out."""
        return () if self.type in (Type.REFERENCES, Type.WORDS, Type.CASES) else None

    def _read_cases(self, check: Checker, node: dict[str, Any]) -> tuple[bool, Any]:
        cases = check.mapping(
            node.get(self.name), f"'{self.name}' (any of {', '.join(CASES)})", node
        )
        if cases is None:
            return False, ()
        found = []
        for case in cases:
            if case not in CASES:
                check.problem(node, f"'{self.name}' has {case!r}; known cases: {', '.join(CASES)}")
                continue
            form = check.string(cases, case)
            if form:
                found.append((str(case), form))
        return True, tuple(found)

    def _read_group(self, check: Checker, node: dict[str, Any], known: Known) -> tuple[bool, Any]:
        parts = ", ".join(p.name for p in self.parts)
        inner = check.mapping(node.get(self.name), f"'{self.name}' (with {parts})", node)
        if inner is None:
            return False, None
        read = [(p, *p.read(check, inner, known)) for p in self.parts]
        if not all(ok for _, ok, _ in read):
            return False, None
        values = {p.name: value for p, _, value in read}
        return True, self.make(**values) if self.make else values

    def _too_long(self, value: Any) -> str | None:
        if self.limit is None or value is None:
            return None
        texts = (value.pl, value.en) if isinstance(value, Bilingual) else (value,)
        return next(filter(None, (length_problem(t, self.limit) for t in texts)), None)

    def problem(self, value: Any, known: Known) -> str | None:
        """What is wrong with ``value`` (a staff edit's), in English; None when it is good."""
        if value is None:
            # A seed's null title passes; the staff form itself always asks for one.
            return f"{self.name} is needed" if self.required and not self.null_in_seed else None
        long = self._too_long(value)
        if long:
            return f"the {self.name} {long}"
        match self.type:
            case Type.ID:
                return id_problem(value)
            case Type.CODE:
                return country_code_problem(value)
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
            case Type.CASES:
                unknown = [case for case, _ in value if case not in CASES]
                if unknown:
                    return f"unknown case {unknown[0]!r}"
            case Type.NUMBER:
                assert self.bounds is not None
                low, high = self.bounds
                if not low <= value <= high:
                    return f"the {self.name} must be from {low:g} to {high:g}"
            case Type.GROUP:
                found = (p.problem(_part(value, p), known) for p in self.parts)
                return next(filter(None, found), None)
        return None


def group(
    name: str,
    parts: tuple[Field, ...],
    *,
    make: Callable[..., Any] | None = None,
    required: bool = True,
    omit_if_empty: bool = False,
) -> Field:
    """A nested document ``name: {part: ...}`` whose parts are columns ``<name>_<part>`` of the
    record's table (or the column a part names); see :attr:`Field.make`."""
    named = tuple(replace(p, column=p.column or f"{name}_{p.name}") for p in parts)
    return Field(
        name, Type.GROUP, required=required, omit_if_empty=omit_if_empty, parts=named, make=make
    )


def _part(value: Any, part: Field) -> Any:
    """A part's value in a group's value: a mapping or a dataclass, or None for no group."""
    if value is None:
        return None
    return value[part.name] if isinstance(value, Mapping) else getattr(value, part.name)


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

    name: str  # "contact": the staff form's and the sentences' name, a child row's owner kind
    record: type[Any]  # its dataclass in :mod:`.snapshot`
    row: type[Any]  # its table's model in :mod:`.models`
    entity: str  # "contacts": its table, its audit entity, its document list and CSV file
    fields: tuple[Field, ...]
    children: tuple[Children, ...] = ()
    # The loaded registry holds the records by their key (:attr:`RegistryData.cities`), not as
    # a tuple in their order.
    keyed: bool = False

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def key(self) -> str:
        """The field that names a record: its id (a country's code)."""
        return next(f.name for f in self.fields if f.type in (Type.ID, Type.CODE))

    @property
    def ordered(self) -> bool:
        """Whether its rows keep the documents' order; the others are read back by their key."""
        return hasattr(self.row, "position")

    @property
    def owned(self) -> dict[str, Kind]:
        """The record's attributes that hold its children, with the children's kind."""
        return {c.attribute: c.kind for c in self.children}

    def records(self, data: RegistryData) -> tuple[Any, ...]:
        """This kind's records in ``data``, in their order."""
        found = getattr(data, self.entity)
        return tuple(found.values()) if isinstance(found, Mapping) else tuple(found)

    def columns(self, record: Any) -> dict[str, Any]:
        """The record's values as its table's columns (all but ``position``)."""
        values: dict[str, Any] = {}
        for f in self.fields:
            values.update(f.to_columns(f.get(record)))
        return values

    def from_row(self, row: object, **more: Any) -> Any:
        """The record a row of its table holds; ``more`` gives what lives in other tables."""
        values: dict[str, Any] = {}
        for f in self.fields:
            values.update(f.attribute_values(f.from_columns(row)))
        return self.record(**values, **more)

    def document(self, record: Any) -> dict[str, Any]:
        """The record as the seed files and the export write it (what the audit log keeps)."""
        document = {}
        for f in self.fields:
            value = f.get(record)
            if value or not f.omit_if_empty:
                document[f.name] = f.to_document(value)
        for c in self.children:
            document[c.key] = [c.document(r) for r in c.of(record)]
        return document

    def read(self, check: Checker, node: dict[str, Any], known: Known, **more: Any) -> Any:
        """The record a seed file's ``node`` describes, or None after reporting its problems.

        Every field is read (so every problem is reported) before the record is made; ``more``
        gives the values the node does not hold (a fact's kind is the list it stands in).
        """
        values: dict[str, Any] = {}
        good = True
        for f in self.fields:
            if f.name not in more:
                ok, value = f.read(check, node, known)
                good = good and ok
                if ok:
                    values.update(f.attribute_values(value))
        children: dict[str, list[Any]] = {c.attribute: [] for c in self.children}
        for c in self.children:
            children[c.attribute] += c.read(check, node, known)
        if not good:
            return None
        return self.record(**values, **{a: tuple(r) for a, r in children.items()}, **more)

    def problems(self, record: Any, known: Known) -> list[str]:
        """What breaks this kind's rules in ``record`` (a staff edit's), in English."""
        found = (f.problem(f.get(record), known) for f in self.fields)
        return [p for p in found if p]


@dataclass(frozen=True)
class Children:
    """One list of records that belong to another (a city's milestones).

    The owner's document lists them under ``key``; its record holds them in ``attribute``
    together with its other lists' (a city's milestones, areas and facts are its ``facts``);
    the database keeps them in the child kind's table, each row naming its owner's kind and
    key and its place among the owner's children.
    """

    key: str  # "milestones"
    kind: Kind  # FACT
    attribute: str  # "facts"
    # The field the list gives its records, and its value: a milestone is a fact in
    # "milestones". The documents in the list leave it out.
    given: tuple[str, str]
    # In the list an optional field is written only where it has a value, but these (a
    # milestone's unknown date stays in sight as null).
    nulls: tuple[str, ...] = ()

    def of(self, owner: Any) -> tuple[Any, ...]:
        """The owner's records in this list."""
        name, value = self.given
        return tuple(r for r in getattr(owner, self.attribute) if getattr(r, name) == value)

    def document(self, record: Any) -> dict[str, Any]:
        document = {}
        for f in self.kind.fields:
            value = f.to_document(f.get(record))
            if f.name != self.given[0] and (
                value is not None or f.required or f.name in self.nulls
            ):
                document[f.name] = value
        return document

    def read(self, check: Checker, node: dict[str, Any], known: Known) -> list[Any]:
        items = node.get(self.key) or []
        if not isinstance(items, list):
            check.problem(node, f"'{self.key}' must be a list")
            return []
        found = []
        name, value = self.given
        for item in items:
            child = check.mapping(item, f"every item of '{self.key}'", node)
            if child is not None:
                record = self.kind.read(check, child, known, **{name: value})
                if record is not None:
                    found.append(record)
        return found


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

# A milestone, area or fact of a city or an organisation; it has no id of its own.
FACT = Kind(
    "fact",
    CityFact,
    FactRow,
    "facts",
    (
        Field("kind", Type.CHOICE, choices=FACT_KINDS, step="fact_kind"),
        # A milestone's date says when, a fact's (a population figure's) as of when; an area
        # has none (the seed files give areas no date: a dated area would lose it).
        Field(
            "date",
            Type.DATE,
            required=False,
            asked_if=lambda values: values.get("fact_kind") in ("milestone", "fact"),
        ),
        _TEXT,
        *_SOURCED,
        # Which question a short fact answers (population, location, known_for); the staff
        # form keeps it as it was.
        Field("topic", Type.CHOICE, required=False, choices=FACT_TOPICS),
    ),
)

# The lists of a city's or an organisation's facts, by kind.
_MILESTONES = Children("milestones", FACT, "facts", ("kind", "milestone"), nulls=("date",))
_AREAS = Children("areas", FACT, "facts", ("kind", "area"))
_FACTS = Children("facts", FACT, "facts", ("kind", "fact"))

SOURCE = Kind(
    "source",
    Source,
    SourceRow,
    "sources",
    (
        Field("id", Type.ID),
        Field("title", Type.TEXT, limit=LIMITS["title"], null_in_seed=True),
        Field("publisher", Type.TEXT, limit=LIMITS["publisher"]),
        Field("url", Type.URL, required=False, limit=LIMITS["url"]),
        Field("date", Type.DATE, required=False),
        Field("note", Type.TEXT, required=False),
        # The reason an answer gives for its confidence (docs/answers.md); the staff form asks
        # it of a new source.
        Field("kind", Type.CHOICE, choices=SOURCE_KINDS),
    ),
    keyed=True,
)

# Case forms are written only where a name declines (Orange and Yuyao do not).
_CASES = Field("cases", Type.CASES, required=False, omit_if_empty=True)

COUNTRY = Kind(
    "country",
    Country,
    CountryRow,
    "countries",
    (
        Field("code", Type.CODE),
        Field("name", Type.BILINGUAL),
        Field("forms", Type.WORDS),
        _CASES,
        # A finding about the country's cities ("no current source confirms a partner city").
        group(
            "note",
            (Field("text", Type.BILINGUAL, column="note"), *_SOURCED),
            make=CountryNote,
            required=False,
            omit_if_empty=True,
        ),
    ),
    keyed=True,
)

CITY = Kind(
    "city",
    City,
    CityRow,
    "cities",
    (
        Field("id", Type.ID),
        group(
            "name", (Field("pl", Type.TEXT), Field("en", Type.TEXT), Field("native", Type.TEXT))
        ),
        Field("forms", Type.WORDS, required=False),
        Field("country", Type.REFERENCE, refers="countries"),
        Field("status", Type.CHOICE, choices=STATUSES),
        Field("status_source", Type.REFERENCE, refers="sources"),
        Field("status_confidence", Type.CONFIDENCE),
        _CASES,
        group(
            "location",
            (
                Field("lat", Type.NUMBER, bounds=(-90, 90), column="lat"),
                Field("lon", Type.NUMBER, bounds=(-180, 180), column="lon"),
                Field("source", Type.REFERENCE, refers="sources"),
            ),
            make=Location,
            required=False,
            omit_if_empty=True,
        ),
    ),
    children=(_MILESTONES, _AREAS, _FACTS),
    keyed=True,
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
    # Further statements about the organisation, resting on other sources than its text.
    children=(_FACTS,),
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

# The files the registry's records are in, each with its kinds, in an order where every record
# refers only to records before it (the seed loader reads, the database inserts in this order).
# "sources" is knowledge/sources.yaml, the others knowledge/registry/<name>.yaml.
FILES: tuple[tuple[str, tuple[Kind, ...]], ...] = (
    ("sources", (SOURCE,)),
    ("countries", (COUNTRY,)),
    ("cities", (CITY,)),
    ("contacts", (CONTACT,)),
    ("organisations", (ORGANISATION, MISSION)),
    ("events", (EVENT,)),
    ("office", (OFFICE,)),
)

KINDS: Mapping[str, Kind] = {
    kind.name: kind
    for kind in (SOURCE, COUNTRY, CITY, CONTACT, ORGANISATION, MISSION, EVENT, OFFICE, FACT)
}
