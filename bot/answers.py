"""Composing answers: a :class:`~bot.matching.Match` becomes a channel-neutral :class:`Answer`.

An answer is structured data to the end, rendered per channel by :mod:`bot.render`:

- ``direct``: one to three sentences stating exactly the fact asked for, each :class:`Span`
  carrying the numbers of its sources (rendered as a short mark, "kielce.eu, 2022");
- ``blocks``: a short "more" part shown with it (paragraphs or lists of items);
- ``details``: the full card, list or contact sheet, offered and shown only on request;
- ``note``: the confidence note, said once, with the reason taken from the source's kind;
- ``sources``: the public sources cited, numbered in order of first use (a span's ``cites``);
- ``claims``: every fact stated, with its source, confidence, date and, for people, "as of".

A finding of the fact base's search ("public sources show no Russian partner city") is said as
such: its source is of kind ``finding`` and is never cited.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .grammar import capitalise, counted, format_date, format_range, join
from .intent import CONTACT_FOCUSES, Focus
from .knowledge import Entry, KnowledgeBase
from .matching import Match, Outcome
from .provenance import Confidence, Source
from .registry.snapshot import (
    CONTACT_KINDS,
    STATUSES,
    City,
    CityFact,
    ContactKind,
    Event,
    RegistryData,
    Sourced,
    Status,
)
from .required import (
    ABOUT_BOT,
    CITIES_BY_COUNTRY,
    CITY_CARD,
    CITY_PAGE,
    CONTACT_ITEMS,
    MISSIONS_SUMMARY,
    OFFICE_CONTACT,
    OFFICE_PAGE,
    PARTNER_CITIES,
    PARTNERSHIP_EVENTS,
)
from .sentences import t
from .views import View

__all__ = [
    "Answer",
    "Block",
    "Claim",
    "Composer",
    "Link",
    "Pin",
    "Span",
    "format_date",
    "format_range",
]

# Statuses of the cities Kielce cooperates with; the others are never listed as such.
CURRENT: tuple[Status, ...] = ("partnership", "friendly", "cooperation")
# How many event lines a short card shows; the rest are in its details.
CARD_EVENTS = 3
# About what a phone shows at once: the first message's text beyond it goes to the details.
FIRST_MESSAGE = 560


@dataclass(frozen=True)
class Link:
    """A suggestion or a related entry: what a button or a "did you mean" line opens."""

    entry: str
    title: str
    city: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Pin:
    lat: float
    lon: float
    name: str


@dataclass(frozen=True)
class Span:
    """A piece of text, the numbers (1-based, into ``Answer.sources``) of its sources, a link."""

    text: str
    cites: tuple[int, ...] = ()
    link: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph (its spans read as one text) or a list (one item per span)."""

    kind: Literal["paragraph", "list"]
    items: tuple[Span, ...]
    heading: str | None = None


@dataclass(frozen=True)
class Claim:
    """One fact an answer states, for tools that use facts without parsing text."""

    text: str
    source: str | None  # a source id; None for a finding (what public sources do not show)
    confidence: Confidence
    date: str | None = None  # the date of the fact
    as_of: str | None = None  # for a person: the date (or period) the source describes


@dataclass(frozen=True)
class Answer:
    """What the bot says, before it is rendered for a channel."""

    outcome: Outcome
    lang: str
    score: int
    entry: str | None = None
    title: str | None = None
    focus: Focus = "overview"
    direct: tuple[Span, ...] = ()
    blocks: tuple[Block, ...] = ()
    details: tuple[Block, ...] = ()
    note: str | None = None
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    suggestions: tuple[Link, ...] = ()
    related: tuple[Link, ...] = ()
    pin: Pin | None = None
    city: str | None = None
    country: str | None = None
    reason: str = ""

    @property
    def summary(self) -> str:
        """The direct answer as plain text, without source marks (previews, inline results)."""
        return " ".join(s.text for s in self.direct)


@dataclass
class _Draft:
    """One answer being written: numbers its sources, keeps its claims and what needs a note."""

    registry: RegistryData
    lang: str
    order: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # Facts that need a word on confidence: their span -> (source, the fact's date). Which of
    # them the first message shows is known only once the answer is laid out (_done).
    doubts: dict[Span, tuple[Source, str | None]] = field(default_factory=dict)
    in_details: bool = False  # the facts being written are the details' (for readers of code)

    def cite(self, source_id: str | None) -> tuple[int, ...]:
        source = self.registry.sources.get(source_id or "")
        if source is None or not source.cited:
            return ()
        if source_id not in self.order:
            self.order.append(source.id)
        return (self.order.index(source.id) + 1,)

    def fact(
        self,
        text: str,
        source_id: str,
        confidence: Confidence,
        *,
        date: str | None = None,
        as_of: str | None = None,
        claim: str | None = None,
    ) -> Span:
        """A sourced statement: cited, claimed and, when not certain, remembered for the note."""
        source = self.registry.sources.get(source_id)
        cited = source is not None and source.cited
        self.claims.append(
            Claim(claim or text, source_id if cited else None, confidence, date, as_of)
        )
        span = Span(text, self.cite(source_id))
        if source is not None and cited and confidence != "high":
            self.doubts.setdefault(span, (source, date))
        return span

    def of(self, record: Sourced, text: str, **extra: str | None) -> Span:
        return self.fact(text, record.source, record.confidence, **extra)

    def sources(self) -> tuple[Source, ...]:
        return tuple(self.registry.sources[s] for s in self.order)

    def note(self, doubts: Sequence[tuple[Source, str | None]], said: str = "") -> str | None:
        """One sentence per kind of source that needs it, e.g. "Rok 2006 podaje tylko kopia
        encyklopedii (pt.wikipedia.org); miasto go nie potwierdza." City, partner-city and
        government sources need none."""
        sentences: list[str] = []
        kinds = dict.fromkeys(s.kind for s, _ in doubts if s.kind in _NOTED_KINDS)
        for kind in kinds:
            shorts = join(
                list(dict.fromkeys(s.short for s, _ in doubts if s.kind == kind)), self.lang
            )
            years = [d[:4] for s, d in doubts if s.kind == kind and d and len(d) == 4]
            if len(years) == 1 and len(doubts) == 1:
                sentence = t(self.lang, f"note.{kind}.year", year=years[0], sources=shorts)
            else:
                sentence = t(self.lang, f"note.{kind}", sources=shorts)
            if sentence not in said:
                sentences.append(sentence)
        return " ".join(sentences) or None


_NOTED_KINDS = ("encyclopedia-mirror", "news", "company", "other-city", "encyclopedia")


def _paragraph(*spans: Span, heading: str | None = None) -> Block:
    return Block("paragraph", tuple(spans), heading)


def _list(spans: Iterable[Span], heading: str | None = None) -> Block | None:
    items = tuple(spans)
    return Block("list", items, heading) if items else None


def _blocks(*blocks: Block | None) -> tuple[Block, ...]:
    return tuple(b for b in blocks if b is not None)


# What a milestone about an agreement says of it, in its English text (every milestone has one).
_AGREEMENT_WORDS = re.compile(
    r"\b(agreement|signed|letter of intent|declaration|memorandum|treaty)\b", re.I
)


def _agreements(milestones: Sequence[CityFact]) -> list[CityFact]:
    """The first year's milestones that record an agreement being made or signed (Gotha's
    two signatures of 1997); later agreements follow in the list below them."""
    found = [f for f in milestones if f.date and _AGREEMENT_WORDS.search(f.text.get("en"))]
    first = (found[0].date or "")[:4] if found else None
    return [f for f in found if (f.date or "")[:4] == first]


def _dated(text: str, date: str | None, lang: str) -> str:
    """A milestone in a list of dates: its text names its date; where it does not (or names
    another, after an edit of the date alone), the date goes first."""
    when = format_date(date, lang) if date else ""
    if not when or when in text or (len(date or "") == 4 and (date or "") in text):
        return text
    return f"{when}: {text}"


def _span_length(span: Span) -> int:
    # A source mark or "[n]" adds about this much to a span when rendered.
    return len(span.text) + (16 if span.cites else 0) + 3


def _fit(
    budget: int, blocks: Sequence[Block], details: Sequence[Block]
) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """The short part that fits ``budget`` characters; what does not goes first into details."""
    shown: list[Block] = []
    moved: list[Block] = []
    for block in blocks:
        if moved:
            moved.append(block)
            continue
        cost = len(block.heading or "") + 2
        items: list[Span] = []
        for item in block.items:
            if cost + _span_length(item) > budget:
                break
            cost += _span_length(item)
            items.append(item)
        if len(items) == len(block.items):
            shown.append(block)
            budget -= cost
        else:
            if items and block.kind == "list":
                shown.append(replace(block, items=tuple(items)))
                moved.append(replace(block, items=block.items[len(items) :]))
            else:
                moved.append(block)
    return tuple(shown), (*moved, *details)


def _headline(text: str) -> str:
    """The first clause of an event's text: a short card shows one line per event."""
    cut = len(text)
    for mark in (": ", "; ", " (", ". "):
        at = text.find(mark, 15)
        if at != -1:
            cut = min(cut, at)
    return text[:cut].rstrip(".")


# The heading of each kind of diplomatic contact in the visits answer.
_VISIT_HEADINGS: dict[ContactKind, str] = {
    "foreign-visit": "visits.foreign",
    "polish-mission": "visits.polish",
}

# How many composed answers each composer remembers (see Composer.__init__).
ANSWER_CACHE = 512

ViewComposer = Callable[["Composer", "_Request"], Answer]
# Each registry view's method of the composer, filled by :func:`_composes`.
_COMPOSERS: dict[View, ViewComposer] = {}


def _composes(view: View) -> Callable[[ViewComposer], ViewComposer]:
    """Marks the composer's method that builds ``view``'s answers."""

    def mark(method: ViewComposer) -> ViewComposer:
        if view in _COMPOSERS:
            raise TypeError(f"two methods compose the view {view}")
        _COMPOSERS[view] = method
        return method

    return mark


@dataclass(frozen=True)
class _Request:
    entry: Entry
    lang: str
    focus: Focus
    city: str | None = None
    country: str | None = None
    year: int | None = None
    agreement: bool = False  # a "when" about the agreements (Match.agreement)


class Composer:
    """Builds answers from the knowledge base and an in-memory copy of the registry."""

    def __init__(self, knowledge: KnowledgeBase, registry: RegistryData) -> None:
        self.knowledge = knowledge
        self.registry = registry
        # An entry's answer depends on open()'s arguments alone, given the knowledge and the
        # registry, which a composer never sees change (a reload builds a new one); answers are
        # immutable. Questions ask for the same few hundred answers (an entry, a city, a focus)
        # again and again: the last ANSWER_CACHE are remembered.
        self._opened = functools.lru_cache(maxsize=ANSWER_CACHE)(self._open)

    # Entry points ----------------------------------------------------------------------------

    def compose(self, match: Match) -> Answer:
        """The answer to a matched question, opening with exactly what it asks."""
        lang = match.lang
        if match.focus == "small_talk" and match.small_talk:
            return self.small_talk(match.small_talk, lang, match.score)
        if match.outcome == "decline":
            return self.decline(lang, match.reason, match.score)
        city = match.entities.cities[0] if match.entities.cities else None
        country = match.entities.countries[0] if match.entities.countries else None
        if match.focus == "is_partner" and match.place and not city and not country:
            return replace(self.unknown_place(match.place, lang), score=match.score)
        if match.outcome == "suggest":
            links = [self._link(c.entry, lang, match) for c in match.candidates]
            return Answer(
                "suggest",
                lang,
                match.score,
                direct=(Span(t(lang, "suggest.intro")),),
                suggestions=tuple(dict.fromkeys(links)),
                reason=match.reason,
            )
        entry = match.entry
        if entry is None:
            return replace(self.open(ABOUT_BOT, lang), score=match.score)
        focus = match.focus
        if focus == "count" and city:
            # "ile termometrów wysłano do Yuyao?": a count about one city is in its events.
            entry, focus = self.knowledge.entries[CITY_CARD], "events"
        answer = self.open(
            self._entry_for(entry, focus, city).id,
            lang,
            city=city,
            country=country,
            focus=focus,
            year=match.year,
            agreement=match.agreement,
        )
        return replace(answer, score=match.score)

    def open(
        self,
        entry_id: str,
        lang: str,
        *,
        city: str | None = None,
        country: str | None = None,
        focus: Focus = "overview",
        year: int | None = None,
        agreement: bool = False,
    ) -> Answer:
        """The answer of one entry, as a button, a deep link or a command asks for it."""
        return self._opened(entry_id, lang, city, country, focus, year, agreement)

    def _open(
        self,
        entry_id: str,
        lang: str,
        city: str | None,
        country: str | None,
        focus: Focus,
        year: int | None,
        agreement: bool,
    ) -> Answer:
        entry = self.knowledge.entries[entry_id]
        unanswerable = focus == "unanswerable"
        request = _Request(
            entry, lang, "overview" if unanswerable else focus, city, country, year, agreement
        )
        if entry.view is not None:
            answer = _COMPOSERS[entry.view](self, request)
        else:
            answer = self._static(request)
        if unanswerable and answer.outcome == "answer":
            answer = replace(
                answer,
                focus="unanswerable",
                direct=(Span(t(lang, "unanswerable.intro")), *answer.direct),
            )
        if answer.outcome == "answer":
            related = tuple(self._link(self.knowledge.entries[r], lang) for r in entry.related)
            answer = replace(answer, related=related)
        return answer

    def decline(self, lang: str, reason: str, score: int = 0) -> Answer:
        """A polite refusal that says what the bot can answer and whom to contact instead."""
        office = "; ".join(
            f"{item.label.get(lang)}: {item.value.get(lang)}"
            for item in self.registry.office
            if item.id in ("address", "phone")
        )
        blocks = [_paragraph(Span(t(lang, "decline.scope")))]
        if office:
            blocks.append(_paragraph(Span(t(lang, "decline.contact", office=office))))
        return Answer(
            "decline",
            lang,
            score,
            direct=(Span(t(lang, f"decline.{reason}")),),
            blocks=tuple(blocks),
            reason=reason,
        )

    def small_talk(self, kind: str, lang: str, score: int = 100) -> Answer:
        """A short friendly reply: greetings, thanks, "who are you", even rudeness (calmly)."""
        return Answer(
            "answer",
            lang,
            score,
            focus="small_talk",
            direct=(Span(t(lang, f"smalltalk.{kind}")),),
            reason=f"small-talk:{kind}",
        )

    def unknown_place(self, place: str, lang: str) -> Answer:
        """ "Czy Lwów jest miastem partnerskim?": no, with what the city's list does say."""
        draft = _Draft(self.registry, lang)
        direct = draft.fact(t(lang, "place.not_partner", place=place), CITY_PAGE, "high")
        entry = self.knowledge.entries[PARTNER_CITIES]
        return self._done(
            draft,
            entry,
            lang,
            title=t(lang, "partners.title"),
            focus="is_partner",
            direct=(direct,),
            blocks=(_paragraph(*self._count_sentences(draft, lang)),),
        )

    # Helpers ---------------------------------------------------------------------------------

    def _entry_for(self, entry: Entry, focus: Focus, city: str | None) -> Entry:
        """A focus some entry answers better than the matched one ("coi mail" -> contact)."""
        entries = self.knowledge.entries
        wanted = None
        if focus in CONTACT_FOCUSES and entry.view is not View.CONTACT:
            wanted = OFFICE_CONTACT
        elif focus == "count" and entry.view not in (
            View.PARTNERS_BY_STATUS,
            View.CITIES_BY_COUNTRY,
        ):
            wanted = PARTNER_CITIES
        elif focus == "events" and city is None and entry.view is View.CITY_CARD:
            wanted = PARTNERSHIP_EVENTS
        elif focus == "cities_of_country" and entry.view is View.PARTNERS_BY_STATUS:
            wanted = CITIES_BY_COUNTRY
        return entries.get(wanted or "", entry)

    def _link(self, entry: Entry, lang: str, match: Match | None = None) -> Link:
        city = match.entities.cities[0] if match and match.entities.cities else None
        country = match.entities.countries[0] if match and match.entities.countries else None
        if entry.needs == "city" and city:
            name = self.registry.cities[city].name(lang)
            return Link(entry.id, f"{entry.title.get(lang)}: {name}", city=city)
        if entry.needs == "country" and country:
            name = self.registry.countries[country].name.get(lang)
            return Link(entry.id, f"{entry.title.get(lang)}: {name}", country=country)
        return Link(entry.id, entry.title.get(lang))

    def _country_name(self, code: str, lang: str) -> str:
        country = self.registry.countries.get(code)
        return country.name.get(lang) if country else code

    def _country_form(self, code: str, case: str, lang: str) -> str:
        country = self.registry.countries.get(code)
        return country.form(case, lang) if country else code

    def _done(
        self,
        draft: _Draft,
        entry: Entry,
        lang: str,
        *,
        title: str,
        focus: Focus,
        direct: Sequence[Span],
        blocks: Sequence[Block] = (),
        details: Sequence[Block] = (),
        **extra: object,
    ) -> Answer:
        def doubts(spans: Iterable[Span]) -> list[tuple[Source, str | None]]:
            return list(dict.fromkeys(draft.doubts[s] for s in spans if s in draft.doubts))

        def spans(of: Iterable[Block]) -> list[Span]:
            return [s for b in of for s in b.items]

        # The note's length is known only once the short part is laid out: reserve room for it.
        note = draft.note(doubts([*direct, *spans(blocks)]))
        used = len(title) + len(note or "") + sum(_span_length(s) for s in direct)
        blocks, details = _fit(FIRST_MESSAGE - used, blocks, details)
        note = draft.note(doubts([*direct, *spans(blocks)]))
        details = list(details)
        detail_note = draft.note(doubts(spans(details)), said=note or "")
        if detail_note and details:
            details.append(_paragraph(Span(detail_note)))
        return Answer(
            "answer",
            lang,
            100,
            entry=entry.id,
            title=title,
            focus=focus,
            direct=tuple(direct),
            blocks=tuple(blocks),
            details=tuple(details),
            note=note,
            sources=draft.sources(),
            claims=tuple(draft.claims),
            **extra,  # type: ignore[arg-type]
        )

    def _pick(self, lang: str, kind: str, links: Sequence[Link]) -> Answer:
        """Ask which city or country is meant, with one suggestion per choice."""
        return Answer(
            "suggest",
            lang,
            100,
            direct=(Span(t(lang, f"suggest.pick_{kind}")),),
            suggestions=tuple(links),
            reason=f"needs-{kind}",
        )

    def _people_note(self, draft: _Draft, lang: str) -> Block:
        draft.cite(CITY_PAGE)
        return _paragraph(Span(t(lang, "people.as_of")))

    # Cities ----------------------------------------------------------------------------------

    def _milestones(self, record: City) -> list[CityFact]:
        return sorted(
            (f for f in record.of_kind("milestone")), key=lambda f: (f.date is None, f.date or "")
        )

    def _key_milestones(self, record: City) -> list[CityFact]:
        """What "since when?" is answered with: the first year's milestones, and any source
        giving another year for the same start (1958 vs 1959 for Vinnytsia)."""
        dated = [f for f in self._milestones(record) if f.date]
        if not dated:
            return self._milestones(record)[:1]
        first = (dated[0].date or "")[:4]
        key = [f for f in dated if (f.date or "")[:4] == first]
        key += [
            f
            for f in dated
            if (f.date or "")[:4] == str(int(first) + 1) and f.confidence != "high"
        ]
        return key

    def _status_sentence(self, draft: _Draft, record: City, lang: str, *, asked: bool) -> Span:
        """ "Tak. Gotha (Niemcy) to miasto partnerskie Kielc." and the like, per status."""
        key = f"city.{'is' if asked else 'about'}.{record.status}"
        # "Not on the city's list" rests on the city's list, whoever calls the city a partner.
        listed = record.status in CURRENT
        source = record.status_source if listed else CITY_PAGE
        confidence = record.status_confidence if listed else "high"
        text = t(
            lang,
            key,
            name=record.name(lang),
            ins=record.form("ins", lang),
            gen=record.form("gen", lang),
            country=self._country_name(record.country, lang),
        )
        return draft.fact(text, source, confidence)

    def _event_lines(
        self, draft: _Draft, events: Iterable[Event], lang: str, *, short: bool
    ) -> list[Span]:
        lines = []
        for event in events:
            when = format_range(event.date, event.end_date, lang)
            text = event.text.get(lang)
            shown = _headline(text) if short else text
            # "2020 r.: W 2020 r., ..." says the date twice: a text naming its year needs none.
            dated = shown if event.date and len(event.date) == 4 and event.date in shown else None
            line = dated or f"{when}: {shown}"
            lines.append(draft.of(event, line, date=event.date, claim=text))
        return lines

    def _city_events(self, city: str, year: int | None = None) -> list[Event]:
        events = [e for e in self.registry.events if city in e.cities]
        if year is not None:
            events = [e for e in events if (e.date or "").startswith(str(year))]
        return sorted(events, key=lambda e: e.date or "")

    def _full_card(self, draft: _Draft, record: City, lang: str) -> list[Block]:
        """Everything the registry holds on a city: offered as details, not sent unasked."""
        draft.in_details = True
        names = dict.fromkeys([record.name_pl, record.name_native, record.name_en])
        blocks: list[Block | None] = [
            _paragraph(Span(t(lang, "card.names", names=" / ".join(names))))
        ]
        milestones = [
            draft.of(f, _dated(f.text.get(lang), f.date, lang), date=f.date)
            for f in self._milestones(record)
        ]
        blocks.append(_list(milestones, t(lang, "card.milestones")))
        for kind, key in (("area", "card.areas"), ("fact", "card.facts")):
            facts = record.of_kind(kind)  # type: ignore[arg-type]
            blocks.append(
                _list((draft.of(f, f.text.get(lang), date=f.date) for f in facts), t(lang, key))
            )
        events = self._event_lines(draft, self._city_events(record.id), lang, short=False)
        blocks.append(_list(events, t(lang, "card.events")))
        if any(self._names_people(f.text.get(lang)) for f in record.facts):
            blocks.append(self._people_note(draft, lang))
        draft.in_details = False
        return list(_blocks(*blocks))

    def _names_people(self, text: str) -> bool:
        return any(p in text for p in _people(self.registry))

    @_composes(View.CITY_CARD)
    def _city_card(self, request: _Request) -> Answer:
        lang, city, focus = request.lang, request.city, request.focus
        if city is None or city not in self.registry.cities:
            if request.country:
                return self._cities_by_country(replace(request, city=None))
            choices = [
                Link(request.entry.id, c.name(lang), city=c.id)
                for c in self.registry.cities.values()
                if c.status != "historical"
            ]
            return self._pick(lang, "city", choices)
        record = self.registry.cities[city]
        draft = _Draft(self.registry, lang)
        direct: list[Span] = []
        blocks: list[Block | None] = []
        if focus in ("status", "is_partner"):
            direct.append(self._status_sentence(draft, record, lang, asked=True))
            direct += self._status_facts(draft, record, lang)
        elif focus == "when":
            key = (request.agreement and _agreements(self._milestones(record))) or (
                self._key_milestones(record)
            )
            direct += [draft.of(f, f.text.get(lang), date=f.date) for f in key]
            if not key:
                direct.append(Span(t(lang, "city.no_dates", ins=record.form("ins", lang))))
            rest = [f for f in self._milestones(record) if f not in key]
            blocks.append(_list(draft.of(f, f.text.get(lang), date=f.date) for f in rest))
        elif focus == "areas":
            areas = record.of_kind("area")
            direct += [draft.of(f, f.text.get(lang)) for f in areas[:2]]
            blocks.append(_list(draft.of(f, f.text.get(lang)) for f in areas[2:]))
            if not areas:
                direct.append(Span(t(lang, "city.no_areas", ins=record.form("ins", lang))))
                direct.append(self._status_sentence(draft, record, lang, asked=False))
        elif focus in ("population", "location", "known_for"):
            facts = record.about(focus)
            direct += [draft.of(f, f.text.get(lang), date=f.date) for f in facts]
            if not facts:
                direct.append(Span(t(lang, f"city.no_{focus}", gen=record.form("gen", lang))))
                direct.append(self._status_sentence(draft, record, lang, asked=False))
        elif focus == "events":
            # The newest first: "what happened with Yuyao?" is most often about the latest.
            events = sorted(
                self._city_events(city, request.year), key=lambda e: e.date or "", reverse=True
            )
            # The events are the answer: the first ones as the direct answer, the rest below.
            lines = self._event_lines(draft, events, lang, short=False)
            first = 1
            while first < len(lines) and sum(map(_span_length, lines[: first + 1])) < 420:
                first += 1
            direct += lines[:first]
            blocks.append(_list(lines[first:]))
            if not events:
                none = "city.no_events_year" if request.year else "city.no_events"
                year = str(request.year or "")
                direct.append(Span(t(lang, none, gen=record.form("gen", lang), year=year)))
        else:
            direct.append(self._status_sentence(draft, record, lang, asked=False))
            if record.status in CURRENT:
                direct += [
                    draft.of(f, f.text.get(lang), date=f.date)
                    for f in self._key_milestones(record)[:2]
                ]
            else:
                direct += self._status_facts(draft, record, lang)
            areas = record.of_kind("area")[:1]
            if areas:
                blocks.append(_paragraph(draft.of(areas[0], areas[0].text.get(lang))))
            events = self._city_events(city)[:CARD_EVENTS]
            blocks.append(
                _list(self._event_lines(draft, events, lang, short=True), t(lang, "card.events"))
            )
        pin = None
        if record.location:
            pin = Pin(record.location.lat, record.location.lon, record.name(lang))
        country = self._country_name(record.country, lang)
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "card.title", city=record.name(lang), country=country),
            focus=focus,
            direct=direct,
            blocks=_blocks(*blocks),
            details=self._full_card(draft, record, lang),
            pin=pin,
            city=city,
            country=record.country,
        )

    def _status_facts(self, draft: _Draft, record: City, lang: str) -> list[Span]:
        """What backs a status answer: the key date of a partner, the sources' words for others."""
        if record.status in CURRENT:
            return [
                draft.of(f, f.text.get(lang), date=f.date)
                for f in self._key_milestones(record)[:2]
            ]
        return [draft.of(f, f.text.get(lang), date=f.date) for f in record.of_kind("fact")[:2]]

    def _cities(self, statuses: Iterable[Status], country: str | None = None) -> list[City]:
        wanted = set(statuses)
        return [
            c
            for c in self.registry.cities.values()
            if c.status in wanted and (country is None or c.country == country)
        ]

    def _count_sentences(self, draft: _Draft, lang: str) -> list[Span]:
        """ "Kielce mają cztery miasta partnerskie z umową partnerską: Winnicę, ..." (the
        accusative after "mają"), then those cooperating without an agreement."""
        partners, friendly = self._cities(["partnership"]), self._cities(["friendly"])
        spans = []
        if partners or friendly:
            text = t(
                lang,
                "count.agreements",
                partners=counted(len(partners), lang, "count.partner_cities"),
                partner_names=join([c.form("acc", lang) for c in partners], lang),
                friendly=counted(len(friendly), lang, "count.cities"),
                friendly_names=join([c.form("acc", lang) for c in friendly], lang),
            )
            spans.append(draft.fact(text, CITY_PAGE, "high"))
        others = self._cities(["cooperation"])
        if others:
            text = t(
                lang, "count.cooperation", names=join([c.form("ins", lang) for c in others], lang)
            )
            spans.append(draft.fact(text, CITY_PAGE, "high"))
        return spans

    def _city_line(self, draft: _Draft, city: City, lang: str) -> Span:
        """ "Gotha (Niemcy), od 1997 r.": the first date cites its own source."""
        text = f"{city.name(lang)} ({self._country_name(city.country, lang)})"
        dated = [f for f in self._milestones(city) if f.date]
        cites = draft.cite(city.status_source)
        if dated:
            first = dated[0]
            text += ", " + t(lang, "card.since", date=format_date((first.date or "")[:4], lang))
            cites += draft.of(first, first.text.get(lang), date=first.date).cites
        return Span(text, tuple(dict.fromkeys(cites)))

    @_composes(View.PARTNERS_BY_STATUS)
    def _partners(self, request: _Request) -> Answer:
        lang = request.lang
        draft = _Draft(self.registry, lang)
        direct = self._count_sentences(draft, lang)
        draft.in_details = True
        details = []
        for status in STATUSES:
            cities = self._cities([status])
            block = _list(
                (self._city_line(draft, c, lang) for c in cities), t(lang, f"status.{status}")
            )
            if block:
                details.append(block)
        draft.in_details = False
        others = self._cities(["unconfirmed", "historical"])
        blocks = [
            _paragraph(
                Span(
                    t(lang, "count.not_partners", names=join([c.name(lang) for c in others], lang))
                )
            )
        ]
        links = tuple(Link(CITY_CARD, c.name(lang), city=c.id) for c in self._cities(CURRENT))
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "partners.title"),
            focus=request.focus,
            direct=direct,
            blocks=blocks,
            details=details,
            suggestions=links,
        )

    @_composes(View.CITIES_BY_COUNTRY)
    def _cities_by_country(self, request: _Request) -> Answer:
        lang, country = request.lang, request.country
        if country is None or country not in self.registry.countries:
            if request.city:
                entry = self.knowledge.entries[CITY_CARD]
                return self._city_card(replace(request, entry=entry, country=None))
            codes = dict.fromkeys(c.country for c in self._cities(CURRENT))
            choices = [
                Link(request.entry.id, self._country_name(code, lang), country=code)
                for code in codes
            ]
            return self._pick(lang, "country", choices)
        draft = _Draft(self.registry, lang)
        record = self.registry.countries[country]
        where = capitalise(record.form("in", lang))
        current = self._cities(CURRENT, country)
        direct: list[Span] = []
        if not current:
            none = t(lang, "country.none", where=where)
            if request.focus in ("is_partner", "status"):
                none = t(lang, "answer.no") + " " + none
            direct.append(draft.fact(none, CITY_PAGE, "high"))
        for status in CURRENT:
            cities = [c for c in current if c.status == status]
            if cities:
                names = join([c.form("ins", lang) for c in cities], lang)
                text = t(lang, f"country.{status}", where=where, names=names)
                if request.focus == "is_partner" and not direct:
                    text = t(lang, "answer.yes") + " " + text
                direct.append(draft.fact(text, cities[0].status_source, "high"))
        if record.note:
            direct.append(draft.of(record.note, record.note.text.get(lang)))
        blocks = []
        for city in self._cities(["unconfirmed", "historical"], country):
            text = t(lang, f"country.city_{city.status}", gen=city.form("gen", lang))
            facts = city.of_kind("fact")[:1]
            spans = [draft.fact(text, city.status_source, city.status_confidence)]
            spans += [draft.of(f, f.text.get(lang)) for f in facts]
            blocks.append(_paragraph(*spans))
        draft.in_details = True
        details = [
            b for b in (_list(self._city_line(draft, c, lang) for c in current),) if b is not None
        ]
        draft.in_details = False
        links = tuple(
            Link(CITY_CARD, c.name(lang), city=c.id)
            for c in self.registry.cities.values()
            if c.country == country
        )
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "country.title", country=record.name.get(lang)),
            focus=request.focus,
            direct=direct,
            blocks=blocks,
            details=details,
            suggestions=links,
            country=country,
        )

    @_composes(View.HISTORICAL)
    def _historical(self, request: _Request) -> Answer:
        lang = request.lang
        draft = _Draft(self.registry, lang)
        others = self._cities(["unconfirmed", "historical"])
        direct = [
            draft.fact(
                t(lang, "historical.direct", names=join([c.name(lang) for c in others], lang)),
                CITY_PAGE,
                "high",
            )
        ]
        blocks = []
        for status in ("unconfirmed", "historical"):
            items = []
            for city in self._cities([status]):
                facts = city.of_kind("fact")[:1]
                text = f"{city.name(lang)} ({self._country_name(city.country, lang)})"
                if facts:
                    span = draft.of(facts[0], f"{text}: {facts[0].text.get(lang)}")
                else:
                    span = draft.fact(text, city.status_source, city.status_confidence)
                items.append(span)
            block = _list(items, t(lang, f"status.{status}"))
            if block:
                blocks.append(block)
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "historical.title"),
            focus=request.focus,
            direct=direct,
            details=blocks,
        )

    # Events, visits, contact, missions --------------------------------------------------------

    @_composes(View.EVENTS)
    def _events(self, request: _Request) -> Answer:
        lang, year = request.lang, request.year
        draft = _Draft(self.registry, lang)
        events = sorted(self.registry.events, key=lambda e: (e.date is None, e.date or ""))
        if year is not None:
            events = [e for e in events if (e.date or "").startswith(str(year))]
        blocks: Sequence[Block] = ()
        if year is not None and not events:
            years = join(
                sorted({(e.date or "")[:4] for e in self.registry.events if e.date}), lang
            )
            direct = [Span(t(lang, "events.none_year", year=str(year), years=years))]
            details: list[Block] = []
        elif year is not None:
            direct = self._event_lines(draft, events, lang, short=False)[:3]
            details = list(_blocks(_list(self._event_lines(draft, events[3:], lang, short=False))))
        else:
            found = counted(len(events), lang, "count.events")
            direct = [Span(t(lang, "events.direct", events=found))]
            # The latest few on the first screen; all of them, in full, in the details.
            lines = self._event_lines(draft, events[-CARD_EVENTS:], lang, short=True)
            blocks = _blocks(_list(lines))
            details = list(_blocks(_list(self._event_lines(draft, events, lang, short=False))))
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "events.title"),
            focus=request.focus,
            direct=direct,
            blocks=blocks,
            details=details,
        )

    @_composes(View.VISITS)
    def _visits(self, request: _Request) -> Answer:
        lang, country = request.lang, request.country
        if country is None and request.city in self.registry.cities:
            country = self.registry.cities[request.city or ""].country
        draft = _Draft(self.registry, lang)
        contacts = [c for c in self.registry.contacts if country is None or c.country == country]
        direct: list[Span] = []
        details: list[Block] = []
        for kind in CONTACT_KINDS:
            items = []
            for contact in (c for c in contacts if c.kind == kind):
                when = (
                    format_date(contact.date, lang)
                    if contact.date
                    else contact.date_note.get(lang)
                    if contact.date_note
                    else t(lang, "date.unknown")
                )
                text = contact.text.get(lang)
                items.append(
                    draft.of(
                        contact, f"{text} ({when})", date=contact.date, as_of=when, claim=text
                    )
                )
            heading = t(lang, _VISIT_HEADINGS[kind])
            block = _list(items, heading)
            if block:
                details.append(block)
        people = [
            f"{c.role.get(lang)} {c.person}" if c.role and c.person else (c.person or "")
            for c in contacts
            if c.kind == "foreign-visit" and c.person
        ]
        if people:
            key = "visits.direct_country" if country else "visits.direct"
            where = self._country_form(country, "gen", lang) if country else ""
            direct.append(Span(t(lang, key, people=join(people, lang), gen=where)))
        elif country:
            direct.append(
                Span(t(lang, "visits.none", gen=self._country_form(country, "gen", lang)))
            )
        blocks = list(details[:1]) if country else []
        details = details if not country else details[1:]
        if people or blocks:
            (blocks if country else details).append(self._people_note(draft, lang))
        if not direct:
            direct.append(Span(t(lang, "visits.intro")))
        title = (
            t(lang, "visits.title_country", country=self._country_name(country, lang))
            if country
            else t(lang, "visits.title")
        )
        return self._done(
            draft,
            request.entry,
            lang,
            title=title,
            focus=request.focus,
            direct=direct,
            blocks=blocks,
            details=details,
            country=country,
        )

    @_composes(View.CONTACT)
    def _contact(self, request: _Request) -> Answer:
        lang, focus = request.lang, request.focus
        draft = _Draft(self.registry, lang)
        office = {item.id: item for item in self.registry.office}
        wanted = CONTACT_ITEMS.get(focus, CONTACT_ITEMS["overview"])
        direct: list[Span] = []
        if focus == "email":
            direct.append(Span(t(lang, "contact.no_office_email")))
        for ident in wanted:
            item = office.get(ident)
            if item is None:
                continue
            text = f"{item.label.get(lang)}: {item.value.get(lang)}."
            source = self.registry.sources.get(item.source)
            as_of = source.date if ident in CONTACT_ITEMS["who"] and source else None
            direct.append(draft.of(item, text, as_of=as_of))
        draft.in_details = True
        sheet = [
            draft.of(item, f"{item.label.get(lang)}: {item.value.get(lang)}")
            for item in self.registry.office
        ]
        draft.in_details = False
        details = list(_blocks(_list(sheet, t(lang, "contact.sheet"))))
        details.append(self._people_note(draft, lang))
        blocks = [self._people_note(draft, lang)] if focus == "who" else []
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "contact.title"),
            focus=focus,
            direct=direct,
            blocks=blocks,
            details=details,
        )

    @_composes(View.MISSIONS)
    def _missions(self, request: _Request) -> Answer:
        lang = request.lang
        draft = _Draft(self.registry, lang)
        missions = {m.id: m for m in self.registry.missions}
        # Files without the summary are refused at load; a registry edited since may lack it.
        first = missions.get(MISSIONS_SUMMARY) or next(iter(missions.values()), None)
        direct = [draft.of(first, first.text.get(lang), date=first.date)] if first else []
        draft.in_details = True
        organisations = []
        for org in self.registry.organisations:
            name = org.name.get(lang) + (f" ({org.abbreviation})" if org.abbreviation else "")
            organisations.append(draft.of(org, f"{name}: {org.text.get(lang)}"))
            organisations += [draft.of(f, f.text.get(lang), date=f.date) for f in org.facts]
        others = [
            draft.of(m, m.text.get(lang), date=m.date)
            for m in self.registry.missions
            if m is not first
        ]
        draft.in_details = False
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "missions.title"),
            focus=request.focus,
            direct=direct,
            details=_blocks(
                _list(others, t(lang, "missions.missions")),
                _list(organisations, t(lang, "missions.organisations")),
            ),
        )

    # The bot itself --------------------------------------------------------------------------

    @_composes(View.SOURCES)
    def _sources(self, request: _Request) -> Answer:
        lang = request.lang
        draft = _Draft(self.registry, lang)
        page = draft.fact(t(lang, "sources.direct"), OFFICE_PAGE, "high")
        for source in self.registry.sources:
            draft.cite(source)
        count = counted(len(draft.order), lang, "count.sources")
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "sources.title"),
            focus=request.focus,
            direct=(page, Span(t(lang, "sources.count", sources=count))),
        )

    @_composes(View.HELP)
    def _help(self, request: _Request) -> Answer:
        lang = request.lang
        draft = _Draft(self.registry, lang)
        body = draft.fact(t(lang, "help.body"), OFFICE_PAGE, "high")
        examples = [Span(q) for q in t(lang, "help.example_questions").split("|")]
        return self._done(
            draft,
            request.entry,
            lang,
            title=t(lang, "help.title"),
            focus=request.focus,
            direct=(body,),
            blocks=_blocks(_list(examples, t(lang, "help.examples"))),
        )

    def _static(self, request: _Request) -> Answer:
        """An entry answered by its own text, from the source page."""
        entry, lang = request.entry, request.lang
        # The knowledge loader guarantees an entry without a view has both.
        assert entry.answer is not None
        assert entry.source is not None
        draft = _Draft(self.registry, lang)
        source = self.knowledge.sources.get(entry.source)
        text = entry.answer.get(lang)
        as_of = source.date if source and self._names_people(text) else None
        # Static entries may cite sources.yaml ids the registry copy does not hold.
        if entry.source not in self.registry.sources and source is not None:
            draft.registry = replace(
                self.registry, sources={**self.registry.sources, source.id: source}
            )
        span = draft.fact(text, entry.source, "high", as_of=as_of)
        return self._done(
            draft,
            entry,
            lang,
            title=entry.title.get(lang),
            focus=request.focus,
            direct=(span,),
        )


# A view without its method would fail only when somebody asks for it: refuse to start instead.
_WITHOUT = [str(view) for view in View if view not in _COMPOSERS]
if _WITHOUT:
    raise TypeError(f"the composer has no method for the views {', '.join(_WITHOUT)}")


def _people(registry: RegistryData) -> tuple[str, ...]:
    """Names of people the registry mentions: an answer naming one says "as of" when."""
    names = {c.person for c in registry.contacts if c.person}
    for item in registry.office:
        if item.id in ("content-owner", "page-editor"):
            names.add(item.value.pl.split(",")[0].split(" (")[0])
    return tuple(sorted(names))
