"""Measuring answer quality on a labelled question set (``run_bot.py eval``, the tests).

A labelled question names the entry that should answer it (and the city or country, for entries
that need one) or ``decline``. An in-scope question counts as right at top 1 only when the bot
*answers* with that entry and entity; a suggestion is not an answer. An out-of-scope question
counts as right only when the bot declines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from .knowledge import KnowledgeBase
from .languages import LANGUAGES
from .matching import Candidate, Entities, Match, Outcome

__all__ = ["Labelled", "Report", "WRatioBaseline", "evaluate", "format_report", "load_labelled"]

DECLINE = "decline"


@dataclass(frozen=True)
class Labelled:
    question: str
    lang: str
    expect: str
    category: str
    city: str | None = None
    country: str | None = None
    who: str | None = None

    @property
    def in_scope(self) -> bool:
        return self.expect != DECLINE


def load_labelled(path: Path) -> list[Labelled]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Labelled(
            question=str(item["q"]),
            lang=item["lang"],
            expect=item["expect"],
            category=item.get("category", ""),
            city=item.get("city"),
            country=item.get("country"),
            who=item.get("who"),
        )
        for item in document["questions"]
    ]


@dataclass
class Tally:
    """Counts for in-scope questions (``total``) and out-of-scope ones (``outside``)."""

    total: int = 0
    top1: int = 0
    recall3: int = 0
    reciprocal: float = 0.0
    outside: int = 0
    declined: int = 0

    def add(self, other: Tally) -> None:
        self.total += other.total
        self.top1 += other.top1
        self.recall3 += other.recall3
        self.reciprocal += other.reciprocal
        self.outside += other.outside
        self.declined += other.declined


@dataclass
class Report:
    """Accuracy figures overall and per language and category, with every failure."""

    in_scope: Tally = field(default_factory=Tally)
    out_of_scope: Tally = field(default_factory=Tally)
    groups: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    failures: list[tuple[Labelled, Match]] = field(default_factory=list)

    @property
    def top1(self) -> float:
        return self.in_scope.top1 / max(self.in_scope.total, 1)

    @property
    def recall3(self) -> float:
        return self.in_scope.recall3 / max(self.in_scope.total, 1)

    @property
    def mrr(self) -> float:
        return self.in_scope.reciprocal / max(self.in_scope.total, 1)

    @property
    def declined(self) -> float:
        return self.out_of_scope.declined / max(self.out_of_scope.outside, 1)

    @property
    def false_accept(self) -> float:
        return 1 - self.declined

    def summary(self) -> dict[str, Any]:
        return {
            "in_scope": self.in_scope.total,
            "top1": round(self.top1, 4),
            "recall_at_3": round(self.recall3, 4),
            "mrr": round(self.mrr, 4),
            "out_of_scope": self.out_of_scope.outside,
            "declined": round(self.declined, 4),
            "false_accept": round(self.false_accept, 4),
        }


def _rank(item: Labelled, match: Match) -> int | None:
    """1-based position of the expected entry (with its entity) among the match's candidates."""
    for position, candidate in enumerate(match.candidates, 1):
        if candidate.entry.id != item.expect:
            continue
        if item.city and item.city not in match.entities.cities[:1]:
            continue
        if (
            item.country
            and item.expect == "cities-by-country"
            and (item.country not in match.entities.countries[:1])
        ):
            continue
        return position
    return None


def evaluate(items: Iterable[Labelled], ask: Callable[[str, str], Match]) -> Report:
    report = Report()
    for item in items:
        match = ask(item.question, item.lang)
        tally = Tally(total=1) if item.in_scope else Tally(outside=1)
        if item.in_scope:
            rank = _rank(item, match)
            tally.top1 = int(match.outcome == "answer" and rank == 1)
            tally.recall3 = int(rank is not None and rank <= 3 and match.outcome != "decline")
            tally.reciprocal = 1 / rank if rank and match.outcome != "decline" else 0.0
            report.in_scope.add(tally)
            right = bool(tally.top1)
        else:
            tally.declined = int(match.outcome == "decline")
            report.out_of_scope.add(tally)
            right = bool(tally.declined)
        for group in (f"lang:{item.lang}", f"category:{item.category}"):
            report.groups[group].add(tally)
        if item.who:
            report.groups[f"who:{item.who}"].add(tally)
        if not right:
            report.failures.append((item, match))
    return report


def format_report(report: Report, title: str, *, failures: bool = True) -> str:
    lines = [f"== {title}"]
    s = report.summary()
    lines.append(
        f"in scope {s['in_scope']}: top-1 {s['top1']:.1%}, recall@3 {s['recall_at_3']:.1%}, "
        f"MRR {s['mrr']:.3f}; out of scope {s['out_of_scope']}: declined {s['declined']:.1%}, "
        f"false accept {s['false_accept']:.1%}"
    )
    for name in sorted(report.groups):
        g = report.groups[name]
        parts = []
        if g.total:
            parts.append(
                f"in scope {g.total:4}  top-1 {g.top1 / g.total:6.1%}  "
                f"recall@3 {g.recall3 / g.total:6.1%}"
            )
        if g.outside:
            parts.append(f"out of scope {g.outside:4}  declined {g.declined / g.outside:6.1%}")
        lines.append(f"  {name:24} " + "   ".join(parts))
    if failures and report.failures:
        lines.append(f"-- failures ({len(report.failures)})")
        for item, match in report.failures:
            got = match.candidates[0].entry.id if match.candidates else "-"
            entity = ",".join(match.entities.cities + match.entities.countries)
            lines.append(
                f"  [{item.lang}] {item.question!r}: expected {item.expect}"
                f"{'/' + (item.city or item.country or '') if item.city or item.country else ''}"
                f", got {match.outcome} {got} {entity} ({match.score}, {match.reason})"
            )
    return "\n".join(lines)


class WRatioBaseline:
    """What simple FAQ bots do: rapidfuzz WRatio on raw text against every phrasing, one cut-off.

    Kept for comparison only (``run_bot.py eval``): it shows what the engine's normalising,
    lemmatising, synonyms and entity recognition are worth.
    """

    def __init__(self, knowledge: KnowledgeBase, cutoff: float = 80.0) -> None:
        self.knowledge = knowledge
        self.cutoff = cutoff
        self.choices: list[str] = []
        self.owners: list[str] = []
        for entry in knowledge.entries.values():
            for lang in LANGUAGES:
                for phrasing in entry.questions[lang]:
                    self.choices.append(phrasing)
                    self.owners.append(entry.id)

    def match(self, question: str, lang: str | None = None) -> Match:
        found = process.extract(question, self.choices, scorer=fuzz.WRatio, limit=10)
        ranked: dict[str, float] = {}
        for _, score, index in found:
            ranked.setdefault(self.owners[index], score)
        candidates = tuple(
            Candidate(self.knowledge.entries[e], s) for e, s in list(ranked.items())[:3]
        )
        best = candidates[0].score if candidates else 0.0
        outcome: Outcome = "answer" if best >= self.cutoff else "decline"
        return Match(outcome, lang or "pl", round(best), candidates, Entities(), "baseline")
