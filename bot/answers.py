"""Composing answers: a :class:`~bot.matching.Match` becomes a channel-neutral :class:`Answer`.

An answer is structured (title, paragraphs, numbered sources, suggestions, related entries, a map
pin) so that each channel renders it its own way; see :mod:`bot.render`. Every fact line from the
registry carries the number of its source, and says so when its confidence is not high.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .knowledge import Entry, KnowledgeBase
from .matching import Match, Outcome
from .provenance import Confidence, Source
from .registry.snapshot import STATUSES, City, CityFact, RegistryData
from .required import CITY_CARD
from .sentences import MONTHS, t

__all__ = ["Answer", "Composer", "Link", "Pin", "format_date"]


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
class Answer:
    """What the bot says, before it is rendered for a channel."""

    outcome: Outcome
    lang: str
    score: int
    entry: str | None = None
    title: str | None = None
    paragraphs: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    suggestions: tuple[Link, ...] = ()
    related: tuple[Link, ...] = ()
    pin: Pin | None = None
    city: str | None = None
    country: str | None = None
    reason: str = ""


def format_date(value: str | None, lang: str) -> str:
    """ "1997-04-30" -> "30 kwietnia 1997 r." / "30 April 1997"; unknown dates say so."""
    if not value:
        return t(lang, "date.unknown")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        year, month, day = parts
        if lang == "pl":
            return f"{day} {MONTHS['pl'][month - 1]} {year} r."
        return f"{day} {MONTHS['en'][month - 1]} {year}"
    if len(parts) == 2:
        year, month = parts
        months = MONTHS["pl_nominative"] if lang == "pl" else MONTHS["en"]
        return f"{months[month - 1]} {year}"
    return f"{parts[0]} r." if lang == "pl" else str(parts[0])


class _Citations:
    """Numbers sources in order of first use: "[1]" in the text, the list at the end."""

    def __init__(self, registry: RegistryData, lang: str) -> None:
        self.registry = registry
        self.lang = lang
        self.order: list[str] = []

    def __call__(self, source: str, confidence: Confidence = "high") -> str:
        if source not in self.order:
            self.order.append(source)
        mark = f"[{self.order.index(source) + 1}]"
        if confidence != "high":
            mark += f" ({t(self.lang, f'confidence.{confidence}')})"
        return mark

    def sources(self) -> tuple[Source, ...]:
        return tuple(self.registry.sources[s] for s in self.order if s in self.registry.sources)


class Composer:
    """Builds answers from the knowledge base and an in-memory copy of the registry."""

    def __init__(self, knowledge: KnowledgeBase, registry: RegistryData) -> None:
        self.knowledge = knowledge
        self.registry = registry
        self._views: dict[str, Callable[[str, Entry, str | None, str | None], Answer]] = {
            "partners_by_status": self._partners,
            "city_card": self._city_card,
            "cities_by_country": self._cities_by_country,
            "visits": self._visits,
            "contact": self._contact,
            "missions": self._missions,
            "historical": self._historical,
            "events": self._events,
            "sources": self._sources,
            "help": self._help,
        }

    # Entry points ----------------------------------------------------------------------------

    def compose(self, match: Match) -> Answer:
        """The answer to a matched question."""
        if match.outcome == "decline":
            return self.decline(match.lang, match.reason, match.score)
        if match.outcome == "suggest":
            links = [self._link(c.entry, match.lang, match) for c in match.candidates]
            return Answer(
                "suggest",
                match.lang,
                match.score,
                paragraphs=(t(match.lang, "suggest.intro"),),
                suggestions=tuple(dict.fromkeys(links)),
                reason=match.reason,
            )
        if match.entry is None:
            # Small talk (focus "small_talk") until its own replies exist: the help text.
            return replace(self.open("about-bot", match.lang), score=match.score)
        entry = match.entry
        city = match.entities.cities[0] if match.entities.cities else None
        country = match.entities.countries[0] if match.entities.countries else None
        answer = self.open(entry.id, match.lang, city=city, country=country)
        return replace(answer, score=match.score)

    def open(
        self, entry_id: str, lang: str, *, city: str | None = None, country: str | None = None
    ) -> Answer:
        """The answer of one entry, as a button, a deep link or a command asks for it."""
        entry = self.knowledge.entries[entry_id]
        if entry.view is not None:
            answer = self._views[entry.view](lang, entry, city, country)
        else:
            # The knowledge loader guarantees an entry without a view has both.
            assert entry.answer is not None
            assert entry.source is not None
            answer = Answer(
                "answer",
                lang,
                100,
                entry=entry.id,
                title=entry.title.get(lang),
                paragraphs=(entry.answer.get(lang),),
                sources=(self.knowledge.sources[entry.source],),
            )
        if answer.outcome == "answer":
            related = tuple(self._link(self.knowledge.entries[r], lang) for r in entry.related)
            answer = replace(answer, related=related)
        return answer

    def decline(self, lang: str, reason: str, score: int = 0) -> Answer:
        """A polite refusal that says what the bot can answer and whom to contact instead."""
        first = t(lang, f"decline.{reason}")
        office = "; ".join(
            f"{item.label.get(lang)}: {item.value.get(lang)}"
            for item in self.registry.office
            if item.id in ("address", "phone")
        )
        paragraphs = [first, t(lang, "decline.scope")]
        if office:
            paragraphs.append(t(lang, "decline.contact", office=office))
        return Answer("decline", lang, score, paragraphs=tuple(paragraphs), reason=reason)

    # Helpers ---------------------------------------------------------------------------------

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

    def _answer(
        self,
        entry: Entry,
        lang: str,
        title: str,
        paragraphs: Iterable[str],
        cite: _Citations,
        **extra: object,
    ) -> Answer:
        return Answer(
            "answer",
            lang,
            100,
            entry=entry.id,
            title=title,
            paragraphs=tuple(p for p in paragraphs if p),
            sources=cite.sources(),
            **extra,  # type: ignore[arg-type]
        )

    def _city_line(self, city: City, lang: str, cite: _Citations) -> str:
        """ "• Gotha (Niemcy) [1], od 30 kwietnia 1997 r. [2]": the date cites its own source."""
        country = self._country_name(city.country, lang)
        line = (
            f"• {city.name(lang)} ({country}) {cite(city.status_source, city.status_confidence)}"
        )
        dated = sorted(
            (f for f in city.of_kind("milestone") if f.date), key=lambda f: f.date or ""
        )
        if dated:
            first = dated[0]
            since = t(lang, "card.since", date=format_date(first.date, lang))
            line += f", {since} {cite(first.source, first.confidence)}"
        return line

    def _fact_lines(self, facts: Sequence[CityFact], lang: str, cite: _Citations) -> list[str]:
        lines = []
        for fact in sorted(facts, key=lambda f: (f.date is None, f.date or "")):
            when = f"{format_date(fact.date, lang)}: " if fact.date else ""
            lines.append(f"• {when}{fact.text.get(lang)} {cite(fact.source, fact.confidence)}")
        return lines

    def _pick(self, lang: str, entry: Entry, kind: str, links: Sequence[Link]) -> Answer:
        """Ask which city or country is meant, with one suggestion per choice."""
        return Answer(
            "suggest",
            lang,
            100,
            entry=None,
            paragraphs=(t(lang, f"suggest.pick_{kind}"),),
            suggestions=tuple(links),
            reason=f"needs-{kind}",
        )

    # Views -----------------------------------------------------------------------------------

    def _partners(self, lang: str, entry: Entry, city: str | None, country: str | None) -> Answer:
        cite = _Citations(self.registry, lang)
        paragraphs = [t(lang, "partners.intro")]
        for status in STATUSES:
            cities = [c for c in self.registry.cities.values() if c.status == status]
            if cities:
                lines = [self._city_line(c, lang, cite) for c in cities]
                paragraphs.append("\n".join([t(lang, f"status.{status}") + ":", *lines]))
        current = [c for c in self.registry.cities.values() if c.status != "historical"]
        links = tuple(Link(CITY_CARD, c.name(lang), city=c.id) for c in current)
        return self._answer(
            entry, lang, t(lang, "partners.title"), paragraphs, cite, suggestions=links
        )

    def _city_card(self, lang: str, entry: Entry, city: str | None, country: str | None) -> Answer:
        if city is None or city not in self.registry.cities:
            if country:
                return self._cities_by_country(lang, entry, None, country)
            choices = [
                Link(entry.id, c.name(lang), city=c.id)
                for c in self.registry.cities.values()
                if c.status != "historical"
            ]
            return self._pick(lang, entry, "city", choices)
        record = self.registry.cities[city]
        cite = _Citations(self.registry, lang)
        country_name = self._country_name(record.country, lang)
        status = t(lang, f"status.{record.status}")
        names = dict.fromkeys([record.name_pl, record.name_native, record.name_en])
        paragraphs = [
            t(lang, "card.status", status=status)
            + " "
            + cite(record.status_source, record.status_confidence),
            t(lang, "card.names", names=" / ".join(names)),
        ]
        milestones = record.of_kind("milestone")
        if milestones:
            paragraphs.append(
                "\n".join([t(lang, "card.milestones"), *self._fact_lines(milestones, lang, cite)])
            )
        else:
            paragraphs.append(t(lang, "card.no_milestones", unknown=t(lang, "date.unknown")))
        for kind, key in (("area", "card.areas"), ("fact", "card.facts")):
            facts = record.of_kind(kind)  # type: ignore[arg-type]
            if facts:
                paragraphs.append("\n".join([t(lang, key), *self._fact_lines(facts, lang, cite)]))
        events = [e for e in self.registry.events if city in e.cities]
        if events:
            lines = [
                f"• {format_date(e.date, lang)}: {e.text.get(lang)} {cite(e.source, e.confidence)}"
                for e in events
            ]
            paragraphs.append("\n".join([t(lang, "card.events"), *lines]))
        pin = None
        if record.location:
            pin = Pin(record.location.lat, record.location.lon, record.name(lang))
            cite(record.location.source)
        title = t(lang, "card.title", city=record.name(lang), country=country_name)
        return self._answer(
            entry, lang, title, paragraphs, cite, pin=pin, city=city, country=record.country
        )

    def _cities_by_country(
        self, lang: str, entry: Entry, city: str | None, country: str | None
    ) -> Answer:
        if country is None or country not in self.registry.countries:
            if city:
                return self._city_card(lang, self.knowledge.entries[CITY_CARD], city, None)
            codes = dict.fromkeys(
                c.country for c in self.registry.cities.values() if c.status != "historical"
            )
            choices = [
                Link(entry.id, self._country_name(code, lang), country=code) for code in codes
            ]
            return self._pick(lang, entry, "country", choices)
        cite = _Citations(self.registry, lang)
        name = self._country_name(country, lang)
        cities = [c for c in self.registry.cities.values() if c.country == country]
        paragraphs = []
        for status in STATUSES:
            lines = [self._city_line(c, lang, cite) for c in cities if c.status == status]
            if lines:
                paragraphs.append("\n".join([t(lang, f"status.{status}") + ":", *lines]))
        if not cities:
            paragraphs.append(t(lang, "country.none", country=name))
        note = self.registry.countries[country].note
        if note:
            paragraphs.append(f"{note.text.get(lang)} {cite(note.source, note.confidence)}")
        if not cities and not note:
            cite("um-kielce-en")
        links = tuple(Link(CITY_CARD, c.name(lang), city=c.id) for c in cities)
        return self._answer(
            entry,
            lang,
            t(lang, "country.title", country=name),
            paragraphs,
            cite,
            suggestions=links,
            country=country,
        )

    def _visits(self, lang: str, entry: Entry, city: str | None, country: str | None) -> Answer:
        cite = _Citations(self.registry, lang)
        if country is None and city is not None and city in self.registry.cities:
            country = self.registry.cities[city].country
        contacts = [c for c in self.registry.contacts if country is None or c.country == country]
        paragraphs = []
        for kind, key in (
            ("foreign-visit", "visits.foreign"),
            ("polish-mission", "visits.polish"),
        ):
            lines = []
            for contact in (c for c in contacts if c.kind == kind):
                if contact.date:
                    when = format_date(contact.date, lang)
                elif contact.date_note:
                    when = contact.date_note.get(lang)
                else:
                    when = t(lang, "date.unknown")
                text = contact.text.get(lang)
                # Some records tell what happened without naming who: the card names them.
                if contact.person and contact.person not in text:
                    who = contact.person
                    if contact.role:
                        who = f"{contact.role.get(lang)} {contact.person}"
                    text = f"{who}: {text[0].lower()}{text[1:]}"
                lines.append(f"• {text} — {when} {cite(contact.source, contact.confidence)}")
            if lines:
                paragraphs.append("\n".join([t(lang, key), *lines]))
        if country and not contacts:
            paragraphs.append(t(lang, "visits.none", country=self._country_name(country, lang)))
            cite("bip-wspolpraca")
        paragraphs.append(t(lang, "people.as_of"))
        title = (
            t(lang, "visits.title_country", country=self._country_name(country, lang))
            if country
            else t(lang, "visits.title")
        )
        return self._answer(entry, lang, title, paragraphs, cite, country=country)

    def _contact(self, lang: str, entry: Entry, city: str | None, country: str | None) -> Answer:
        cite = _Citations(self.registry, lang)
        lines = [
            f"• {item.label.get(lang)}: {item.value.get(lang)} {cite(item.source, item.confidence)}"
            for item in self.registry.office
        ]
        paragraphs = ["\n".join(lines), t(lang, "people.as_of")]
        return self._answer(entry, lang, t(lang, "contact.title"), paragraphs, cite)

    def _missions(self, lang: str, entry: Entry, city: str | None, country: str | None) -> Answer:
        cite = _Citations(self.registry, lang)
        organisations = []
        for org in self.registry.organisations:
            name = org.name.get(lang) + (f" ({org.abbreviation})" if org.abbreviation else "")
            organisations.append(
                f"• {name}: {org.text.get(lang)} {cite(org.source, org.confidence)}"
            )
            organisations += [
                f"  {f.text.get(lang)} {cite(f.source, f.confidence)}" for f in org.facts
            ]
        missions = [
            f"• {m.text.get(lang)} {cite(m.source, m.confidence)}" for m in self.registry.missions
        ]
        paragraphs = [
            "\n".join([t(lang, "missions.organisations"), *organisations])
            if organisations
            else "",
            "\n".join([t(lang, "missions.missions"), *missions]) if missions else "",
        ]
        return self._answer(entry, lang, t(lang, "missions.title"), paragraphs, cite)

    def _historical(
        self, lang: str, entry: Entry, city: str | None, country: str | None
    ) -> Answer:
        cite = _Citations(self.registry, lang)
        paragraphs = [t(lang, "historical.intro")]
        for status in ("unconfirmed", "historical"):
            cities = [c for c in self.registry.cities.values() if c.status == status]
            lines = []
            for record in cities:
                facts = record.of_kind("fact")
                detail = (
                    f" {facts[0].text.get(lang)} {cite(facts[0].source, facts[0].confidence)}"
                    if facts
                    else ""
                )
                lines.append(self._city_line(record, lang, cite) + detail)
            if lines:
                paragraphs.append("\n".join([t(lang, f"status.{status}") + ":", *lines]))
        return self._answer(entry, lang, t(lang, "historical.title"), paragraphs, cite)

    def _events(self, lang: str, entry: Entry, city: str | None, country: str | None) -> Answer:
        cite = _Citations(self.registry, lang)
        events = sorted(self.registry.events, key=lambda e: (e.date is None, e.date or ""))
        lines = []
        for event in events:
            when = format_date(event.date, lang)
            if event.end_date:
                when += f" – {format_date(event.end_date, lang)}"
            lines.append(
                f"• {when}: {event.text.get(lang)} {cite(event.source, event.confidence)}"
            )
        return self._answer(entry, lang, t(lang, "events.title"), ["\n".join(lines)], cite)

    def _sources(self, lang: str, entry: Entry, city: str | None, country: str | None) -> Answer:
        cite = _Citations(self.registry, lang)
        for source in self.registry.sources:
            cite(source)
        return self._answer(
            entry, lang, t(lang, "sources.title"), [t(lang, "sources.intro")], cite
        )

    def _help(self, lang: str, entry: Entry, city: str | None, country: str | None) -> Answer:
        cite = _Citations(self.registry, lang)
        cite("bip-wspolpraca")  # what the bot answers rests first of all on the city's page
        examples = [f"• {q}" for q in t(lang, "help.example_questions").split("|")]
        paragraphs = [t(lang, "help.body"), "\n".join([t(lang, "help.examples"), *examples])]
        return self._answer(entry, lang, t(lang, "help.title"), paragraphs, cite)
