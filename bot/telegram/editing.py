"""Staff edits as guided conversations: the steps, reading each answer, the preview.

Nothing here talks to Telegram: :mod:`.admin` sends the prompts made here and passes back what the
admin typed or which button they pressed. A :class:`Draft` is one unfinished edit; every answer
either moves it to its next step, or asks the same step again with what was wrong.

The steps of an addition::

    contact  country, kind, person, role (pl, en), date, text (pl, en), source, confidence
    mission  organiser, date, text (pl, en), source, confidence
    fact     city, kind, date (milestones only), text (pl, en), source, confidence

A correction first picks the record (for a fact: the city, then the fact), then asks the same
steps, each showing the value it has now, which "-" or the "keep" button keeps. The source is an
existing one (buttons, or words typed to search) or a new one (title, publisher, address, date).
The last step is the preview: the record as the bot will show it, with Confirm and Cancel.

Between two answers a draft is kept in the database as JSON (:func:`dump_draft`,
:func:`load_draft`), so the next answer may reach another copy of the bot.
"""

from __future__ import annotations

import enum
import json
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from html import escape
from typing import Any, Literal

from ..answers import Composer, format_date
from ..assistant import Brain
from ..languages import Bilingual
from ..provenance import CONFIDENCES, Source
from ..registry.editing import (
    ContactEdit,
    Edit,
    EditConflict,
    FactEdit,
    MissionEdit,
    apply_edit,
    free_id,
)
from ..registry.snapshot import (
    CONTACT_KINDS,
    FACT_KINDS,
    CityFact,
    Contact,
    Mission,
    RegistryData,
)
from ..render import html
from ..required import CITY_CARD, DIPLOMATIC_CONTACTS, MISSIONS
from ..rules import LIMITS, is_date, is_url
from ..sentences import t
from ..text import fold, normalise

__all__ = [
    "KINDS",
    "Action",
    "Ask",
    "Cancelled",
    "Confirmed",
    "Draft",
    "Kind",
    "Mode",
    "Option",
    "Outcome",
    "Preview",
    "begin",
    "dump_draft",
    "load_draft",
    "pressed",
    "typed",
]

Mode = Literal["add", "correct"]
Kind = Literal["contact", "mission", "fact"]
KINDS: tuple[Kind, ...] = ("contact", "mission", "fact")

# Longest answers accepted, in characters: a record's text, a name or role, a source's parts.
_LIMITS = {
    "person": LIMITS["name"],
    "role_pl": LIMITS["role"],
    "role_en": LIMITS["role"],
    "text_pl": LIMITS["text"],
    "text_en": LIMITS["text"],
    "source_title": LIMITS["title"],
    "source_publisher": LIMITS["publisher"],
    "source_url": LIMITS["url"],
}
_LABEL = 48  # characters of a record's text on its button
_SOURCES_OFFERED = 8


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


@dataclass
class Draft:
    """One unfinished edit: what it is, the step it is at, and the answers so far."""

    lang: str
    mode: Mode
    kind: Kind | None = None
    step: str = "kind"
    values: dict[str, Any] = field(default_factory=dict)
    city: str | None = None
    index: int | None = None  # a corrected fact's place among its city's facts
    original: Contact | Mission | CityFact | None = None
    options: tuple[Option, ...] = ()
    columns: int = 1
    found: tuple[str, ...] = ()  # the sources a search found, offered as buttons
    # A button names its draft and its prompt, so a button of an older prompt or of an edit
    # that has ended is recognised as stale.
    token: str = field(default_factory=lambda: secrets.token_hex(3))
    serial: int = 0


@dataclass(frozen=True)
class Ask:
    """Send ``text`` with the draft's options as buttons; ``problem`` says what was wrong."""

    text: str
    problem: str | None = None


@dataclass(frozen=True)
class Preview:
    """The edit as it will be saved, in Telegram HTML, with Confirm and Cancel."""

    text: str
    edit: Edit


@dataclass(frozen=True)
class Confirmed:
    edit: Edit


@dataclass(frozen=True)
class Cancelled:
    """The edit ended without saving; ``reason`` is a key of :mod:`bot.texts`."""

    reason: str


Outcome = Ask | Preview | Confirmed | Cancelled


class _Invalid(Exception):
    """An answer a step cannot take; the key of the sentence saying why, and its values."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


# Entry points ----------------------------------------------------------------------------------


def begin(draft: Draft, brain: Brain, kind: Kind | None = None) -> Outcome:
    """The first question: what to add or correct, unless ``kind`` says it already."""
    if kind is None:
        return _enter(draft, brain, "kind")
    draft.kind = kind
    return _advance(draft, brain)


def typed(draft: Draft, brain: Brain, text: str) -> Outcome:
    """Take what the admin typed as the answer to the current step."""
    text = " ".join(text.split())
    try:
        value = _read(draft, brain.registry, text)
    except _Invalid as invalid:
        return Ask(_prompt(draft, brain.registry), t(draft.lang, invalid.key, **invalid.values))
    if draft.step == "source" and isinstance(value, tuple):
        draft.found = value
        return _enter(draft, brain, "source")
    return _accept(draft, brain, value)


def pressed(draft: Draft, brain: Brain, index: int) -> Outcome:
    """Take the button at ``index`` of the current prompt (the caller checked it exists)."""
    value = draft.options[index].value
    if value is Action.CANCEL:
        return Cancelled("admin.cancelled")
    if value is Action.CONFIRM:
        return _confirm(draft, brain)
    return _accept(draft, brain, value)


# Moving through the steps ----------------------------------------------------------------------


def _sequence(draft: Draft) -> list[str]:
    """Every step of this draft, in order; it depends on the answers so far."""
    values = draft.values
    steps = ["kind"]
    if draft.mode == "correct":
        steps += ["city", "record"] if draft.kind == "fact" else ["record"]
    elif draft.kind == "fact":
        steps.append("city")
    if draft.kind == "contact":
        steps += ["country", "contact_kind", "person", "role_pl"]
        if values.get("role_pl") is not None:
            steps.append("role_en")
        steps += ["date", "text_pl", "text_en"]
    elif draft.kind == "mission":
        steps += ["organiser", "date", "text_pl", "text_en"]
    elif draft.kind == "fact":
        steps.append("fact_kind")
        if values.get("fact_kind") == "milestone":
            steps.append("date")
        steps += ["text_pl", "text_en"]
    steps.append("source")
    if values.get("source") is Action.NEW_SOURCE:
        steps += ["source_title", "source_publisher", "source_url", "source_date"]
    return [*steps, "confidence", "preview"]


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
    draft.options, draft.columns = _options(draft, brain.registry)
    return Ask(_prompt(draft, brain.registry))


def _accept(draft: Draft, brain: Brain, value: object) -> Outcome:
    """Store ``value`` as the current step's answer and go on."""
    step, values = draft.step, draft.values
    if value is Action.KEEP:
        pass
    elif step == "kind":
        draft.kind = _kind(value)
    elif step == "city":
        draft.city = str(value)
    elif step == "record":
        _pick(draft, brain.registry, value)
    elif value is Action.NONE:
        values[step] = None
    else:
        values[step] = value
    return _advance(draft, brain)


def _kind(value: object) -> Kind:
    for kind in KINDS:
        if value == kind:
            return kind
    raise AssertionError(f"not a kind of record: {value!r}")


def _pick(draft: Draft, data: RegistryData, value: object) -> None:
    """Start correcting the record the admin picked: its values are the answers so far."""
    if isinstance(value, int) and draft.city is not None:
        draft.index = value
        value = data.cities[draft.city].facts[value]
    if not isinstance(value, Contact | Mission | CityFact):
        raise AssertionError(f"not a record: {value!r}")
    draft.original = value
    draft.values = _values_of(value)


def _values_of(record: Contact | Mission | CityFact) -> dict[str, Any]:
    """A record's values, keyed by the steps that ask them."""
    values: dict[str, Any]
    if isinstance(record, Contact):
        values = {
            "country": record.country,
            "contact_kind": record.kind,
            "person": record.person,
            "role_pl": record.role.pl if record.role else None,
            "role_en": record.role.en if record.role else None,
        }
    elif isinstance(record, Mission):
        values = {"organiser": record.organiser}
    else:
        values = {"fact_kind": record.kind}
    return values | {
        "date": record.date,
        "text_pl": record.text.pl,
        "text_en": record.text.en,
        "source": record.source,
        "confidence": record.confidence,
    }


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
    if step in _LIMITS:
        if step == "source_url" and not is_url(text):
            raise _Invalid("admin.problem.url")
        if len(text) > _LIMITS[step]:
            raise _Invalid(
                "admin.problem.too_long", length=str(len(text)), limit=str(_LIMITS[step])
            )
        if not text:
            raise _Invalid("admin.problem.empty")
        return text
    if step in ("date", "source_date"):
        if not is_date(text):
            raise _Invalid("admin.problem.date")
        return text
    if step == "country":
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
    if step == "source":
        return _search_sources(text, data)
    # Every other step is a choice: a typed label chooses as its button would.
    folded = fold(text.casefold())
    for option in draft.options:
        if fold(option.label.casefold()) == folded and option.value is not Action.CANCEL:
            return option.value
    raise _Invalid("admin.problem.buttons")


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


def _options(draft: Draft, data: RegistryData) -> tuple[tuple[Option, ...], int]:
    """The buttons of the current step and how many go in a row."""
    lang, step = draft.lang, draft.step
    options: list[Option] = []
    columns = 1
    if step == "kind":
        options = [Option(t(lang, f"admin.kind.{kind}"), kind) for kind in KINDS]
    elif step == "city":
        options = [Option(c.name(lang), c.id) for c in data.cities.values()]
        columns = 2
    elif step == "record":
        options = [Option(label, value) for label, value in _records(draft, data)]
    elif step == "country":
        options = [Option(c.name.get(lang), c.code) for c in data.countries.values()]
        options.append(Option(t(lang, "admin.option.no_country"), Action.NONE))
        columns = 3
    elif step == "contact_kind":
        options = [Option(t(lang, f"admin.contact_kind.{k}"), k) for k in CONTACT_KINDS]
    elif step == "fact_kind":
        options = [Option(t(lang, f"admin.fact_kind.{k}"), k) for k in FACT_KINDS]
    elif step == "organiser":
        options = [Option(_organisation(o.id, data, lang), o.id) for o in data.organisations]
        options.append(Option(t(lang, "admin.option.no_organiser"), Action.NONE))
    elif step == "confidence":
        options = [Option(t(lang, f"admin.confidence.{c}"), c) for c in CONFIDENCES]
        columns = 3
    elif step == "source":
        options = [Option(s, s) for s in _offered_sources(draft, data)]
        options.append(Option(t(lang, "admin.option.new_source"), Action.NEW_SOURCE))
    elif step in ("person", "role_pl", "source_url"):
        options = [Option(t(lang, f"admin.option.no_{step}"), Action.NONE)]
    elif step in ("date", "source_date"):
        options = [Option(t(lang, "admin.option.no_date"), Action.NONE)]
    if _keeps(draft):
        options.insert(0, Option(t(lang, "admin.option.keep"), Action.KEEP))
    options.append(Option(t(lang, "admin.option.cancel"), Action.CANCEL))
    return tuple(options), columns


def _keeps(draft: Draft) -> bool:
    """Whether the current step may keep the value the corrected record has."""
    if draft.mode != "correct" or draft.step in ("kind", "city", "record"):
        return False
    if draft.step.startswith("source_"):
        return False
    value = draft.values.get(draft.step)
    # A required value the record lacks (an English role for a role just added) must be given.
    return value is not None or draft.step in ("country", "person", "role_pl", "date", "organiser")


def _records(draft: Draft, data: RegistryData) -> list[tuple[str, object]]:
    lang = draft.lang
    if draft.kind == "contact":
        return [(_cut(_contact_label(c, lang)), c) for c in data.contacts]
    if draft.kind == "mission":
        return [(_cut(m.text.get(lang)), m) for m in data.missions]
    assert draft.city is not None
    facts = data.cities[draft.city].facts
    return [(_cut(_fact_label(f, lang)), i) for i, f in enumerate(facts)]


def _contact_label(contact: Contact, lang: str) -> str:
    who = contact.person or (contact.role.get(lang) if contact.role else contact.text.get(lang))
    return f"{contact.country or '—'} · {who}"


def _fact_label(fact: CityFact, lang: str) -> str:
    when = f" {fact.date}" if fact.date else ""
    return f"{t(lang, f'admin.fact_kind.{fact.kind}')}{when}: {fact.text.get(lang)}"


def _cut(text: str, limit: int = _LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _offered_sources(draft: Draft, data: RegistryData) -> list[str]:
    """A search's results, or the sources records of this kind cite most."""
    if draft.found:
        return list(draft.found)
    cited: Counter[str] = Counter()
    if draft.kind == "contact":
        cited.update(c.source for c in data.contacts)
    elif draft.kind == "mission":
        cited.update(m.source for m in data.missions)
    elif draft.city is not None:
        cited.update(f.source for f in data.cities[draft.city].facts)
    offered = [source for source, _ in cited.most_common() if source in data.sources]
    current = draft.values.get("source")
    if isinstance(current, str) and current in offered:
        offered.remove(current)
    return offered[: _SOURCES_OFFERED - 1]


def _prompt(draft: Draft, data: RegistryData) -> str:
    """The current step's question, in Telegram HTML, with the value it has now if correcting."""
    lang, step = draft.lang, draft.step
    lines = [f"<b>{escape(_title(draft))}</b>", escape(t(lang, f"admin.ask.{step}"))]
    if step == "source":
        lines += [
            f"• <code>{escape(o.value)}</code> — {escape(data.sources[o.value].title)}"
            for o in draft.options
            if isinstance(o.value, str)
        ]
    if _keeps(draft):
        now = _shown(draft, data, step, draft.values.get(step))
        lines.append(escape(t(lang, "admin.now", value=now)))
        lines.append(f"<i>{escape(t(lang, 'admin.hint.keep'))}</i>")
    elif any(o.value is Action.NONE for o in draft.options):
        lines.append(f"<i>{escape(t(lang, 'admin.hint.none'))}</i>")
    return "\n".join(lines)


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
    if value is None:
        return (
            t(lang, "date.unknown") if step in ("date", "source_date") else t(lang, "admin.none")
        )
    if value is Action.NEW_SOURCE:
        return t(lang, "admin.option.new_source")
    text = str(value)
    if step == "country":
        country = data.countries.get(text)
        return f"{country.name.get(lang)} ({text})" if country else text
    if step == "organiser":
        return _organisation(text, data, lang)
    if step in ("contact_kind", "fact_kind", "confidence"):
        return t(lang, f"admin.{step}.{text}")
    if step in ("date", "source_date"):
        return f"{format_date(text, lang)} ({text})"
    if step == "source":
        source = data.sources.get(text)
        return f"{text} — {source.title}" if source else text
    return text


# The preview and the edit ----------------------------------------------------------------------


def _edit(draft: Draft, data: RegistryData) -> Edit:
    """The edit the answers describe."""
    values = draft.values
    new_source = None
    source = values["source"]
    if source is Action.NEW_SOURCE:
        new_source = Source(
            id=free_id(values["source_title"], data.sources, fallback="source"),
            title=values["source_title"],
            publisher=values["source_publisher"],
            url=values.get("source_url"),
            date=values.get("source_date"),
        )
        source = new_source.id
    text = Bilingual(values["text_pl"], values["text_en"])
    confidence = values["confidence"]
    if draft.kind == "contact":
        before = draft.original if isinstance(draft.original, Contact) else None
        role = None
        if values.get("role_pl") is not None:
            role = Bilingual(values["role_pl"], values["role_en"])
        date = values.get("date")
        # The note explains a missing date; it stays only while the date does.
        date_note = before.date_note if before and before.date == date else None
        person = values.get("person")
        # A new contact's id: its country and who it was, as "fr-jean-dupont".
        who = person or values.get("role_en") or values["contact_kind"]
        ident = (
            before.id
            if before
            else free_id(
                f"{values.get('country') or 'pl'} {who}",
                [c.id for c in data.contacts],
                fallback="contact",
            )
        )
        contact = Contact(
            source,
            confidence,
            ident,
            values.get("country"),
            values["contact_kind"],
            person,
            role,
            date,
            date_note,
            text,
        )
        return ContactEdit(contact, before, new_source)
    if draft.kind == "mission":
        before_mission = draft.original if isinstance(draft.original, Mission) else None
        ident = (
            before_mission.id
            if before_mission
            else free_id(
                f"mission {values.get('date') or ''} {values['text_en']}",
                [m.id for m in data.missions],
                fallback="mission",
            )
        )
        mission = Mission(
            source, confidence, ident, values.get("organiser"), values.get("date"), text
        )
        return MissionEdit(mission, before_mission, new_source)
    assert draft.city is not None
    kind = values["fact_kind"]
    fact = CityFact(
        source, confidence, kind, values.get("date") if kind == "milestone" else None, text
    )
    before_fact = draft.original if isinstance(draft.original, CityFact) else None
    return FactEdit(draft.city, fact, before_fact, draft.index, new_source)


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
    lines = [f"<b>{escape(t(lang, 'admin.preview.title', what=_title(draft)))}</b>"]
    lines += _summary(draft, data, edit)
    rendered = _rendered(edit, changed, brain, lang)
    text = "\n".join(lines) + "\n\n" + escape(t(lang, "admin.preview.shown")) + "\n\n" + rendered
    text += "\n\n" + f"<i>{escape(t(lang, 'admin.preview.confirm'))}</i>"
    return Preview(text, edit)


def _summary(draft: Draft, data: RegistryData, edit: Edit) -> list[str]:
    """One line per field: its value, and for a correction what it was."""
    lang = draft.lang
    before = _values_of(draft.original) if draft.original is not None else {}
    lines = []
    if isinstance(edit, FactEdit):
        lines.append(
            f"{escape(t(lang, 'admin.field.city'))}: {escape(data.cities[edit.city].name(lang))}"
        )
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
                title=new.title,
                publisher=new.publisher,
                url=new.url or t(lang, "admin.none"),
                date=_shown(draft, data, "date", new.date),
            )
        else:
            text = _shown(draft, data, step, value)
        line = f"{escape(t(lang, f'admin.field.{step}'))}: {escape(text)}"
        if before and before.get(step) != value:
            was = _shown(draft, data, step, before.get(step))
            line = f"✏️ {line} <i>({escape(t(lang, 'admin.was', value=was))})</i>"
        lines.append(line)
    return lines


def _rendered(edit: Edit, changed: RegistryData, brain: Brain, lang: str) -> str:
    """The edited record as the bot will show it: alone in its view, or on its city's card."""
    if isinstance(edit, ContactEdit):
        entry, data, city = DIPLOMATIC_CONTACTS, replace(changed, contacts=(edit.after,)), None
    elif isinstance(edit, MissionEdit):
        entry, data, city = (
            MISSIONS,
            replace(changed, organisations=(), missions=(edit.after,)),
            None,
        )
    else:
        entry, data, city = CITY_CARD, changed, edit.city
    answer = Composer(brain.knowledge, data).open(entry, lang, city=city)
    return html(replace(answer, related=()))


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

# The records a draft holds (the corrected one, and a correction's choices), tagged in JSON.
_RECORDS: dict[str, type[Contact] | type[Mission] | type[CityFact]] = {
    "contact": Contact,
    "mission": Mission,
    "fact": CityFact,
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
