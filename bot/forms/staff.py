"""Staff edits as forms: which steps to ask, reading each answer, the preview. No channel here.

A :class:`Form` says how staff add or correct one kind of record; its steps come from the
kind's description (:mod:`bot.registry.kinds`): each field the form asks is one step (a
bilingual one, a step per language), and the field's type says how an answer is read and which
buttons it offers. A :class:`Draft` is one unfinished edit; every answer either moves it to its
next step or asks the same step again saying what was wrong. What comes back is data, never
markup: :class:`Ask` (a question with its options), :class:`Preview` (the edit, a line per
field and the answer as the bot will show it), :class:`Confirmed` or :class:`Cancelled`. Each
channel renders them (Telegram: :mod:`bot.telegram.editing`).

The steps of an addition (the fields of each kind, in order)::

    contact  country, kind, person, role (pl, en), date, text (pl, en), source, confidence
    mission  organiser, date, text (pl, en), source, confidence
    fact     city, kind, date (milestones and facts, not areas), text (pl, en), source, confidence

A correction first picks the record (for a fact: the city, then the fact), then asks the same
steps, each showing the value it has now, which "-" or the "keep" button keeps. The source is an
existing one (buttons, or words typed to search) or a new one (title, publisher, kind, address,
date).
The last step is the preview, which takes Confirm or Cancel (typed or pressed).

Between two answers a draft is kept as JSON (:func:`dump_draft`, :func:`load_draft`), so the
next answer may reach another copy of the bot.
"""

from __future__ import annotations

import enum
import json
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from ..answers import Answer, Composer, format_date
from ..assistant import Brain
from ..languages import Bilingual
from ..provenance import CONFIDENCES, SOURCE_KINDS, Source
from ..registry.editing import (
    ContactEdit,
    Edit,
    EditConflict,
    FactEdit,
    MissionEdit,
    RecordEdit,
    apply_edit,
    free_id,
)
from ..registry.kinds import CONTACT, FACT, MISSION, SOURCE, Field, Kind, Type
from ..registry.snapshot import CityFact, Contact, Mission, RegistryData
from ..required import CITY_CARD, DIPLOMATIC_CONTACTS, MISSIONS
from ..rules import is_date, is_url
from ..sentences import t
from ..text import fold, normalise

__all__ = [
    "FORMS",
    "KINDS",
    "Action",
    "Ask",
    "Cancelled",
    "Confirmed",
    "Draft",
    "Form",
    "KindName",
    "Mode",
    "Option",
    "Outcome",
    "Preview",
    "Summary",
    "begin",
    "dump_draft",
    "load_draft",
    "named_kind",
    "pressed",
    "typed",
]

Mode = Literal["add", "correct"]
# The forms' names, which are their kinds' (a ``Literal`` so that callers name one that exists).
KindName = Literal["contact", "mission", "fact"]

_LABEL = 30  # characters of a record's text on its button
_SOURCES_OFFERED = 8
# Buttons go three to a row when every label is this short, else two.
_SHORT_LABEL = 12


class Action(enum.Enum):
    """What a button does other than give the step its value."""

    KEEP = "keep"
    NONE = "none"
    NEW_SOURCE = "new-source"
    CONFIRM = "confirm"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Option:
    """One button of a prompt: its label, and the step's value (or an action) it stands for."""

    label: str
    value: object


# The forms ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """How staff add or correct one kind of record."""

    kind: Kind
    entry: str  # the entry whose answer shows such a record (the preview)
    asked: tuple[str, ...]  # the fields the form asks, in the kind's order
    # Words a new record's id is made of, from the answers so far (None: it has no id).
    new_id: Callable[[Mapping[str, Any]], str] | None
    # The edit the answers make; the corrected record (or None) and the new source given.
    edit: Callable[..., Edit]
    # A record's label on its button when correcting.
    label: Callable[[Any, str], str]
    # Words that name it after /add or /correct (in either language).
    words: tuple[str, ...] = ()
    # A city's facts: the city is asked first.
    of_city: bool = False

    @property
    def name(self) -> str:
        return self.kind.name

    def fields(self, values: Mapping[str, Any]) -> list[Field]:
        """The fields asked, given the answers so far."""
        return [
            f
            for f in self.kind.fields
            if f.name in self.asked and (f.asked_if is None or f.asked_if(values))
        ]

    def records(self, data: RegistryData, city: str | None) -> tuple[Any, ...]:
        if self.of_city:
            assert city is not None
            return data.cities[city].facts
        records: tuple[Any, ...] = getattr(data, self.kind.entity)
        return records


def _contact_label(contact: Contact, lang: str) -> str:
    who = contact.person or (contact.role.get(lang) if contact.role else contact.text.get(lang))
    return f"{contact.country or '—'} · {who}"


def _fact_label(fact: CityFact, lang: str) -> str:
    when = f" {fact.date}" if fact.date else ""
    return f"{t(lang, f'admin.fact_kind.{fact.kind}')}{when}: {fact.text.get(lang)}"


def _contact_id(values: Mapping[str, Any]) -> str:
    """A new contact's id: its country and who it was, as "fr-jean-dupont"."""
    who = values.get("person") or values.get("role_en") or values["contact_kind"]
    return f"{values.get('country') or 'pl'} {who}"


def _mission_id(values: Mapping[str, Any]) -> str:
    return f"mission {values.get('date') or ''} {values['text_en']}"


FORMS: Mapping[str, Form] = {
    "contact": Form(
        CONTACT,
        DIPLOMATIC_CONTACTS,
        ("country", "kind", "person", "role", "date", "text", "source", "confidence"),
        _contact_id,
        ContactEdit,
        _contact_label,
        words=("contact", "kontakt", "visit", "wizyta"),
    ),
    "mission": Form(
        MISSION,
        MISSIONS,
        ("organiser", "date", "text", "source", "confidence"),
        _mission_id,
        MissionEdit,
        lambda mission, lang: mission.text.get(lang),
        words=("mission", "misja"),
    ),
    "fact": Form(
        FACT,
        CITY_CARD,
        ("kind", "date", "text", "source", "confidence"),
        None,
        lambda after, before, new_source, *, city, index: FactEdit(
            city, after, before, index, new_source
        ),
        _fact_label,
        words=("fact", "fakt", "city", "miasto"),
        of_city=True,
    ),
}
KINDS: tuple[KindName, ...] = ("contact", "mission", "fact")


def named_kind(words: Iterable[str]) -> KindName | None:
    """The form the first of ``words`` that names one names (``/add kontakt``)."""
    for word in words:
        for kind in KINDS:
            if word.lower() in FORMS[kind].words:
                return kind
    return None


_NEW_SOURCE_STEPS = (
    "source_title",
    "source_publisher",
    "source_kind",
    "source_url",
    "source_date",
)
# What kind of source a new one is, as every answer names it ("strona miasta partnerskiego");
# a finding ("public sources show nothing") is not a source anyone adds.
_NEW_SOURCE_KINDS = tuple(k for k in SOURCE_KINDS if k != "finding")


# What comes back ---------------------------------------------------------------------------------


@dataclass
class Draft:
    """One unfinished edit: what it is, the step it is at, and the answers so far."""

    lang: str
    mode: Mode
    kind: KindName | None = None
    step: str = "kind"
    values: dict[str, Any] = field(default_factory=dict)
    city: str | None = None
    index: int | None = None  # a corrected fact's place among its city's facts
    original: Contact | Mission | CityFact | None = None
    options: tuple[Option, ...] = ()
    columns: int = 2
    found: tuple[str, ...] = ()  # the sources a search found, offered as buttons
    # A button names its draft and its prompt, so a button of an older prompt or of an edit
    # that has ended is recognised as stale.
    token: str = field(default_factory=lambda: secrets.token_hex(3))
    serial: int = 0
    # Where the channel shows the prompt (Telegram: the message it edits as the form goes on).
    shown_in: int | None = None

    @property
    def form(self) -> Form:
        assert self.kind is not None, "the kind is chosen first"
        return FORMS[self.kind]


@dataclass(frozen=True)
class Ask:
    """Ask ``question`` with the draft's options as buttons; ``problem`` says what was wrong."""

    title: str
    question: str
    options: tuple[Option, ...]
    columns: int
    listed: tuple[str, ...] = ()  # further lines under the question (the sources offered)
    now: str | None = None  # a correction's current value
    hint: str | None = None  # how to keep it, or to say there is none
    problem: str | None = None


@dataclass(frozen=True)
class Summary:
    """One field of the preview: its value, and what it was (for a changed field of a
    correction)."""

    label: str
    value: str
    was: str | None = None


@dataclass(frozen=True)
class Preview:
    """The edit as it will be saved, to confirm or cancel."""

    title: str
    fields: tuple[Summary, ...]
    shown: Answer  # the record as the bot will show it
    options: tuple[Option, ...]
    edit: Edit
    problem: str | None = None


@dataclass(frozen=True)
class Confirmed:
    edit: Edit


@dataclass(frozen=True)
class Cancelled:
    """The edit ended without saving; ``reason`` is a key of :mod:`bot.sentences`."""

    reason: str


Outcome = Ask | Preview | Confirmed | Cancelled


class _Invalid(Exception):
    """An answer a step cannot take; the key of the sentence saying why, and its values."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


# Entry points ----------------------------------------------------------------------------------


def begin(draft: Draft, brain: Brain, kind: KindName | None = None) -> Outcome:
    """The first question: what to add or correct, unless ``kind`` says it already."""
    if kind is None:
        return _enter(draft, brain, "kind")
    draft.kind = kind
    return _advance(draft, brain)


def typed(draft: Draft, brain: Brain, text: str) -> Outcome:
    """Take what the admin typed as the answer to the current step; whatever it is, the step
    handles it (a wrong answer asks the step again, saying what is expected)."""
    text = " ".join(text.split())
    try:
        value = _read(draft, brain.registry, text)
    except _Invalid as invalid:
        problem = t(draft.lang, invalid.key, **invalid.values)
        if draft.step == "preview":
            shown = _preview(draft, brain)
            return replace(shown, problem=problem) if isinstance(shown, Preview) else shown
        return replace(_ask(draft, brain.registry), problem=problem)
    if isinstance(value, tuple):  # the sources a search found
        draft.found = value
        return _enter(draft, brain, "source")
    return _take(draft, brain, value)


def pressed(draft: Draft, brain: Brain, index: int) -> Outcome:
    """Take the button at ``index`` of the current prompt (the caller checked it exists)."""
    return _take(draft, brain, draft.options[index].value)


def _take(draft: Draft, brain: Brain, value: object) -> Outcome:
    if value is Action.CANCEL:
        return Cancelled("admin.cancelled")
    if value is Action.CONFIRM:
        return _confirm(draft, brain)
    return _accept(draft, brain, value)


# Moving through the steps ----------------------------------------------------------------------


def _sequence(draft: Draft) -> list[str]:
    """Every step of this draft, in order; it depends on the answers so far."""
    steps = ["kind"]
    if draft.kind is None:
        return [*steps, "preview"]
    form, values = draft.form, draft.values
    if form.of_city:
        steps.append("city")
    if draft.mode == "correct":
        steps.append("record")
    for f in form.fields(values):
        if f.type is Type.BILINGUAL and not f.required:
            # An optional text in one language only is none: English is asked after Polish.
            pl, en = f.steps
            steps += [pl, en] if values.get(pl) is not None else [pl]
        else:
            steps += f.steps
        if f.refers == "sources" and values.get("source") is Action.NEW_SOURCE:
            steps += _NEW_SOURCE_STEPS
    return [*steps, "preview"]


def _field(draft: Draft, step: str) -> tuple[Field | None, str | None]:
    """The field a step asks, and for a bilingual field's step its language."""
    if draft.kind is None:
        return None, None
    if step.startswith("source_"):
        return SOURCE.field(step.removeprefix("source_")), None
    for f in draft.form.kind.fields:
        if step in f.steps:
            return f, step[-2:] if f.type is Type.BILINGUAL else None
    return None, None


def _advance(draft: Draft, brain: Brain) -> Outcome:
    steps = _sequence(draft)
    return _enter(draft, brain, steps[steps.index(draft.step) + 1])


def _enter(draft: Draft, brain: Brain, step: str) -> Outcome:
    """Make ``step`` the current one and ask it (or, for the preview, show the edit)."""
    if step != draft.step:
        draft.found = ()
    draft.step = step
    draft.serial += 1
    if step == "preview":
        return _preview(draft, brain)
    draft.options = _options(draft, brain.registry)
    draft.columns = _columns(draft.options)
    return _ask(draft, brain.registry)


def _accept(draft: Draft, brain: Brain, value: object) -> Outcome:
    """Store ``value`` as the current step's answer and go on."""
    step, values = draft.step, draft.values
    if value is Action.KEEP:
        pass
    elif step == "kind":
        draft.kind = next(k for k in KINDS if k == value)
    elif step == "city":
        draft.city = str(value)
    elif step == "record":
        _pick(draft, brain.registry, value)
    elif value is Action.NONE:
        values[step] = None
    else:
        values[step] = value
    return _advance(draft, brain)


def _pick(draft: Draft, data: RegistryData, value: object) -> None:
    """Start correcting the record the admin picked: its values are the answers so far."""
    if isinstance(value, int) and draft.city is not None:
        draft.index = value
        value = data.cities[draft.city].facts[value]
    if not isinstance(value, Contact | Mission | CityFact):
        raise AssertionError(f"not a record: {value!r}")
    draft.original = value
    draft.values = _values_of(draft.form, value)


def _values_of(form: Form, record: Any) -> dict[str, Any]:
    """A record's values, keyed by the steps that ask them."""
    values: dict[str, Any] = {}
    for f in form.kind.fields:
        if f.name not in form.asked:
            continue
        value = getattr(record, f.name)
        if f.type is Type.BILINGUAL:
            pl, en = f.steps
            values[pl], values[en] = (value.pl, value.en) if value else (None, None)
        else:
            values[f.steps[0]] = value
    return values


# Reading typed answers -------------------------------------------------------------------------


def _read(draft: Draft, data: RegistryData, text: str) -> object:
    """The value ``text`` gives the current step; raises _Invalid saying what is wrong."""
    step = draft.step
    if text == "-":
        offered = {o.value for o in draft.options if isinstance(o.value, Action)}
        if Action.KEEP in offered:
            return Action.KEEP
        if Action.NONE in offered:
            return Action.NONE
        raise _Invalid("admin.problem.dash")
    found, _ = _field(draft, step)
    if found is not None and found.type in (Type.TEXT, Type.URL, Type.BILINGUAL):
        if found.type is Type.URL and not is_url(text):
            raise _Invalid("admin.problem.url")
        if found.limit is not None and len(text) > found.limit:
            raise _Invalid("admin.problem.too_long", length=str(len(text)), limit=str(found.limit))
        if not text:
            raise _Invalid("admin.problem.empty")
        return text
    if found is not None and found.type is Type.DATE:
        if not is_date(text):
            raise _Invalid("admin.problem.date")
        return text
    if found is not None and found.refers == "countries":
        return _find(
            text,
            data.countries.values(),
            lambda c: (c.code, c.name.pl, c.name.en, *c.forms),
            "admin.problem.country",
            key=lambda c: c.code,
        )
    if step == "city":
        return _find(
            text,
            data.cities.values(),
            lambda c: (c.id, c.name_pl, c.name_en, c.name_native, *c.forms),
            "admin.problem.city",
            key=lambda c: c.id,
        )
    if found is not None and found.refers == "sources":
        return _search_sources(text, data)
    # Every other step is a choice: a typed label chooses as its button would (its emoji aside).
    words = fold(normalise(text))
    for option in draft.options:
        if words and fold(normalise(option.label)) == words:
            return option.value
    raise _Invalid("admin.problem.preview" if step == "preview" else "admin.problem.buttons")


def _find(
    text: str,
    records: Iterable[Any],
    names: Callable[[Any], Iterable[str]],
    problem: str,
    *,
    key: Callable[[Any], str],
) -> str:
    """The key of the one record one of whose names is ``text`` (case and diacritics aside)."""
    wanted = fold(text.casefold())
    for record in records:
        if any(fold(str(name).casefold()) == wanted for name in names(record)):
            return key(record)
    raise _Invalid(problem)


def _search_sources(text: str, data: RegistryData) -> object:
    """A source's exact id chooses it; other words search every source's id, title, publisher."""
    if text in data.sources:
        return text
    words = fold(normalise(text)).split()
    if not words:
        raise _Invalid("admin.problem.no_source", query=text)
    found = tuple(
        s.id
        for s in data.sources.values()
        if all(
            word in fold(normalise(f"{s.id} {s.title} {s.publisher} {s.url or ''} {s.note or ''}"))
            for word in words
        )
    )
    if not found:
        raise _Invalid("admin.problem.no_source", query=text)
    return found[:_SOURCES_OFFERED]


# Prompts ---------------------------------------------------------------------------------------


def _options(draft: Draft, data: RegistryData) -> tuple[Option, ...]:
    """The buttons of the current step: its choices, then keep, none and the like, then cancel."""
    lang, step = draft.lang, draft.step
    choices: list[Option] = []
    actions: list[Option] = []
    found, _ = _field(draft, step)
    if step == "kind":
        choices = [Option(t(lang, f"admin.kind.{kind}"), kind) for kind in KINDS]
    elif step == "city":
        choices = [Option(c.name(lang), c.id) for c in data.cities.values()]
    elif step == "record":
        choices = _records(draft, data)
    elif found is not None:
        choices = _choices(draft, data, found)
        if found.refers == "sources":
            actions.append(Option(t(lang, "admin.option.new_source"), Action.NEW_SOURCE))
        elif not found.required and not (found.type is Type.BILINGUAL and step.endswith("_en")):
            actions.append(Option(t(lang, _none_key(step, found)), Action.NONE))
    if _keeps(draft):
        actions.insert(0, Option(t(lang, "admin.option.keep"), Action.KEEP))
    actions.append(Option(t(lang, "admin.option.cancel"), Action.CANCEL))
    return (*choices, *actions)


def _choice_text(lang: str, step: str, choice: str) -> str:
    """A choice as its button says it; a source's kind as answers name it."""
    return t(lang, f"kind.{choice}" if step == "source_kind" else f"admin.{step}.{choice}")


def _none_key(step: str, found: Field) -> str:
    return "admin.option.no_date" if found.type is Type.DATE else f"admin.option.no_{step}"


def _choices(draft: Draft, data: RegistryData, found: Field) -> list[Option]:
    """A field's own choices: its kinds, or the records it may name."""
    lang, step = draft.lang, draft.step
    if step == "source_kind":
        return [Option(_choice_text(lang, step, c), c) for c in _NEW_SOURCE_KINDS]
    if found.type is Type.CHOICE:
        return [Option(_choice_text(lang, step, c), c) for c in found.choices]
    if found.type is Type.CONFIDENCE:
        return [Option(t(lang, f"admin.confidence.{c}"), c) for c in CONFIDENCES]
    if found.refers == "countries":
        return [Option(c.name.get(lang), c.code) for c in data.countries.values()]
    if found.refers == "organisations":
        return [Option(_organisation(o.id, data, lang), o.id) for o in data.organisations]
    if found.refers == "sources":
        return [Option(_cut(data.sources[s].label), s) for s in _offered_sources(draft, data)]
    return []


def _columns(options: tuple[Option, ...]) -> int:
    """Buttons per row: three short labels, or two."""
    labels = [o.label for o in options if not isinstance(o.value, Action)]
    return 3 if all(len(label) <= _SHORT_LABEL for label in labels) else 2


def _keeps(draft: Draft) -> bool:
    """Whether the current step may keep the value the corrected record has."""
    if draft.mode != "correct" or draft.step in ("kind", "city", "record"):
        return False
    if draft.step.startswith("source_"):
        return False
    found, _ = _field(draft, draft.step)
    value = draft.values.get(draft.step)
    # A required value the record lacks (an English role for a role just added) must be given;
    # an optional one it lacks may stay lacking.
    english = found is not None and found.type is Type.BILINGUAL and draft.step.endswith("_en")
    return value is not None or (found is not None and not found.required and not english)


def _records(draft: Draft, data: RegistryData) -> list[Option]:
    form, lang = draft.form, draft.lang
    records = form.records(data, draft.city)
    if form.of_city:
        return [Option(_cut(form.label(r, lang)), i) for i, r in enumerate(records)]
    return [Option(_cut(form.label(r, lang)), r) for r in records]


def _cut(text: str, limit: int = _LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _offered_sources(draft: Draft, data: RegistryData) -> list[str]:
    """A search's results, or the sources records of this kind cite most."""
    if draft.found:
        return list(draft.found)
    cited = Counter(r.source for r in _cited(draft, data))
    offered = [source for source, _ in cited.most_common() if source in data.sources]
    current = draft.values.get("source")
    if isinstance(current, str) and current in offered:
        offered.remove(current)
    return offered[: _SOURCES_OFFERED - 1]


def _cited(draft: Draft, data: RegistryData) -> tuple[Any, ...]:
    if draft.form.of_city and draft.city is None:
        return ()
    return draft.form.records(data, draft.city)


def _ask(draft: Draft, data: RegistryData) -> Ask:
    """The current step's question, with the value it has now if correcting."""
    lang, step = draft.lang, draft.step
    listed: tuple[str, ...] = ()
    if step == "source":
        listed = tuple(
            f"{data.sources[o.value].label} — {data.sources[o.value].publisher}"
            for o in draft.options
            if isinstance(o.value, str)
        )
    now = hint = None
    if _keeps(draft):
        now = _shown(draft, data, step, draft.values.get(step))
        hint = t(lang, "admin.hint.keep")
    elif any(o.value is Action.NONE for o in draft.options):
        hint = t(lang, "admin.hint.none")
    return Ask(
        _title(draft),
        t(lang, f"admin.ask.{step}"),
        draft.options,
        draft.columns,
        listed=listed,
        now=now,
        hint=hint,
    )


def _title(draft: Draft) -> str:
    if draft.kind is None:
        return t(draft.lang, f"admin.title.{draft.mode}")
    return t(draft.lang, f"admin.title.{draft.mode}.{draft.kind}")


def _organisation(ident: str, data: RegistryData, lang: str) -> str:
    for organisation in data.organisations:
        if organisation.id == ident:
            return organisation.abbreviation or organisation.name.get(lang)
    return ident


def _shown(draft: Draft, data: RegistryData, step: str, value: object) -> str:
    """A value as the admin reads it: names for codes, words for kinds, dates written out."""
    lang = draft.lang
    found, _ = _field(draft, step)
    kind = found.type if found is not None else None
    if value is None:
        return t(lang, "date.unknown") if kind is Type.DATE else t(lang, "admin.none")
    if value is Action.NEW_SOURCE:
        return t(lang, "admin.option.new_source")
    text = str(value)
    if found is not None and found.refers == "countries":
        country = data.countries.get(text)
        return f"{country.name.get(lang)} ({text})" if country else text
    if found is not None and found.refers == "organisations":
        return _organisation(text, data, lang)
    if found is not None and found.refers == "sources":
        source = data.sources.get(text)
        return source.label if source else text
    if kind is Type.CHOICE:
        return _choice_text(lang, step, text)
    if kind is Type.CONFIDENCE:
        return t(lang, f"admin.confidence.{text}")
    if kind is Type.DATE:
        return f"{format_date(text, lang)} ({text})"
    return text


# The preview and the edit ----------------------------------------------------------------------


def _edit(draft: Draft, data: RegistryData) -> Edit:
    """The edit the answers describe."""
    form, values = draft.form, draft.values
    new_source = None
    source = values["source"]
    if source is Action.NEW_SOURCE:
        new_source = Source(
            id=free_id(values["source_title"], data.sources, fallback="source"),
            title=values["source_title"],
            publisher=values["source_publisher"],
            url=values.get("source_url"),
            date=values.get("source_date"),
            kind=values.get("source_kind") or "city",
        )
        source = new_source.id
    before = draft.original
    record: dict[str, Any] = {}
    for f in form.kind.fields:
        if f.name == "id":
            assert form.new_id is not None
            taken = [r.id for r in form.records(data, draft.city)]
            record["id"] = (
                before.id
                if isinstance(before, Contact | Mission)
                else free_id(form.new_id(values), taken, fallback=form.name)
            )
        elif f.name not in form.asked:
            record[f.name] = getattr(before, f.name) if before is not None else None
        elif f.asked_if is not None and not f.asked_if(values):
            record[f.name] = None
        elif f.type is Type.BILINGUAL:
            pl, en = (values.get(s) for s in f.steps)
            record[f.name] = Bilingual(pl, en) if pl is not None and en is not None else None
        else:
            record[f.name] = values.get(f.steps[0])
    record["source"] = source
    if isinstance(before, Contact) and before.date != record["date"]:
        # The note explains a missing date; it stays only while the date does.
        record["date_note"] = None
    after = form.kind.record(**record)
    if form.of_city:
        assert draft.city is not None
        return form.edit(after, before, new_source, city=draft.city, index=draft.index)
    return form.edit(after, before, new_source)


def _preview(draft: Draft, brain: Brain) -> Outcome:
    data = brain.registry
    edit = _edit(draft, data)
    if edit.before is not None and edit.after == edit.before and edit.new_source is None:
        return Cancelled("admin.unchanged")
    try:
        changed = apply_edit(data, edit)
    except EditConflict:
        return Cancelled("admin.save.conflict")
    lang = draft.lang
    draft.options = (
        Option(t(lang, "admin.option.confirm"), Action.CONFIRM),
        Option(t(lang, "admin.option.cancel"), Action.CANCEL),
    )
    draft.columns = 2
    return Preview(
        t(lang, "admin.preview.title", what=_title(draft)),
        _summary(draft, data, edit),
        _rendered(draft.form, edit, changed, brain, lang),
        draft.options,
        edit,
    )


def _summary(draft: Draft, data: RegistryData, edit: Edit) -> tuple[Summary, ...]:
    """One line per field: its value, and for a correction what it was."""
    lang = draft.lang
    before = _values_of(draft.form, draft.original) if draft.original is not None else {}
    lines = []
    if isinstance(edit, FactEdit):
        lines.append(Summary(t(lang, "admin.field.city"), data.cities[edit.city].name(lang)))
    shown = [s for s in _sequence(draft) if s not in ("kind", "city", "record", "preview")]
    for step in shown:
        if step.startswith("source_"):
            continue
        value = draft.values.get(step)
        if step == "source" and edit.new_source is not None:
            new = edit.new_source
            text = t(
                lang,
                "admin.preview.new_source",
                id=new.id,
                title=new.label,
                publisher=new.publisher,
                kind=t(lang, f"kind.{new.kind}"),
                url=new.url or t(lang, "admin.none"),
                date=_shown(draft, data, "source_date", new.date),
            )
        else:
            text = _shown(draft, data, step, value)
        was = None
        if before and before.get(step) != value:
            was = _shown(draft, data, step, before.get(step))
        lines.append(Summary(t(lang, f"admin.field.{step}"), text, was))
    return tuple(lines)


def _rendered(form: Form, edit: Edit, changed: RegistryData, brain: Brain, lang: str) -> Answer:
    """The edited record as the bot will show it: alone in its view, or on its city's card."""
    data, city = changed, None
    if isinstance(edit, FactEdit):
        city = edit.city
    elif isinstance(edit, RecordEdit):
        alone: dict[str, Any] = {edit.kind.entity: (edit.after,)}
        if edit.kind is MISSION:
            alone["organisations"] = ()
        data = replace(changed, **alone)
    answer = Composer(brain.knowledge, data).open(form.entry, lang, city=city)
    return replace(answer, related=())


def _confirm(draft: Draft, brain: Brain) -> Outcome:
    """The edit to save, made again from the answers against the registry as it is now."""
    data = brain.registry
    edit = _edit(draft, data)
    try:
        apply_edit(data, edit)
    except EditConflict:
        return Cancelled("admin.save.conflict")
    return Confirmed(edit)


# Kept between answers ---------------------------------------------------------------------------

# The records a draft holds (the corrected one, and a correction's choices), tagged in JSON by
# their forms' names.
_RECORDS: dict[str, type[Contact] | type[Mission] | type[CityFact]] = {
    name: form.kind.record for name, form in FORMS.items()
}


def dump_draft(draft: Draft) -> str:
    """The draft as JSON, which :func:`load_draft` turns back into an equal draft."""
    document = {
        "lang": draft.lang,
        "mode": draft.mode,
        "kind": draft.kind,
        "step": draft.step,
        "values": {step: _dumped(value) for step, value in draft.values.items()},
        "city": draft.city,
        "index": draft.index,
        "original": _dumped(draft.original),
        "options": [[o.label, _dumped(o.value)] for o in draft.options],
        "columns": draft.columns,
        "found": list(draft.found),
        "token": draft.token,
        "serial": draft.serial,
        "shown_in": draft.shown_in,
    }
    return json.dumps(document, ensure_ascii=False)


def load_draft(text: str) -> Draft:
    """The draft :func:`dump_draft` made ``text`` of."""
    document = json.loads(text)
    return Draft(
        lang=document["lang"],
        mode=document["mode"],
        kind=document["kind"],
        step=document["step"],
        values={step: _loaded(value) for step, value in document["values"].items()},
        city=document["city"],
        index=document["index"],
        original=_record(_loaded(document["original"])),
        options=tuple(Option(label, _loaded(value)) for label, value in document["options"]),
        columns=document["columns"],
        found=tuple(document["found"]),
        token=document["token"],
        serial=document["serial"],
        # Drafts stored before prompts were edited in place have none.
        shown_in=document.get("shown_in"),
    )


def _dumped(value: object) -> object:
    """A value of a draft as JSON: plain values as they are, actions and records tagged."""
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Action):
        return {"action": value.value}
    for tag, record in _RECORDS.items():
        if type(value) is record:
            return {tag: asdict(value)}
    raise TypeError(f"a draft cannot keep {value!r}")


def _loaded(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    [(tag, content)] = value.items()
    if tag == "action":
        return Action(content)
    # A record's dictionaries are its bilingual texts (text, role, date note).
    fields: dict[str, Any] = {
        k: Bilingual(**v) if isinstance(v, dict) else v for k, v in content.items()
    }
    return _RECORDS[tag](**fields)


def _record(value: object) -> Contact | Mission | CityFact | None:
    if value is None or isinstance(value, Contact | Mission | CityFact):
        return value
    raise ValueError(f"not a record: {value!r}")
