"""Measuring answer quality on a labelled question set (``run_bot.py eval``, the tests).

A labelled question names the entry that should answer it (and the city or country, for entries
that need one), ``decline`` or ``small-talk``. An in-scope question counts as right at top 1 only
when the bot *answers* with that entry and entity; a suggestion is not an answer. An out-of-scope
question counts as right only when the bot declines; small talk only when it is answered as such.

Beside the entry, a question may name the ``focus`` it asks (see :mod:`bot.intent`) and the
``fact`` its direct answer must state ("1997", "coi@um.kielce.pl"): the *direct-answer rate* is
the share of such questions whose rendered answer states the fact within its first sentence or
its first 300 characters. The length of the first message is measured on every answered
in-scope question. *Dialogues* (2-4 turns) are asked turn by turn, each turn with the previous
one as its context (:class:`bot.intent.Turn`), and each turn is scored like a question.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from .intent import Turn
from .knowledge import KnowledgeBase
from .languages import LANGUAGES
from .matching import Candidate, Entities, Match, Outcome
from .text import fold

__all__ = [
    "Dialogue",
    "DialogueReport",
    "Labelled",
    "Report",
    "WRatioBaseline",
    "evaluate",
    "evaluate_dialogues",
    "format_dialogues",
    "format_report",
    "load_dialogues",
    "load_labelled",
    "states_fact",
]

DECLINE = "decline"
SMALL_TALK = "small-talk"
# The help reply answers "co umiesz?" or "help" as the about-bot entry did before small talk.
_HELP_KINDS = frozenset(["capabilities", "help", "identity"])
DIRECT_WINDOW = 300
Ask = Callable[[str, str], Match]
AskInContext = Callable[[str, str, Turn | None], Match]
Render = Callable[[Match], str]


@dataclass(frozen=True)
class Labelled:
    question: str
    lang: str
    expect: str
    category: str
    city: str | None = None
    country: str | None = None
    who: str | None = None
    focus: str | None = None
    fact: tuple[str, ...] = ()  # what the direct answer must state (every one of them)
    small_talk: str | None = None

    @property
    def in_scope(self) -> bool:
        return self.expect not in (DECLINE, SMALL_TALK)

    @property
    def is_small_talk(self) -> bool:
        return self.expect == SMALL_TALK


@dataclass(frozen=True)
class Dialogue:
    """A few turns of one chat; every turn after the first may refer back to the one before."""

    turns: tuple[Labelled, ...]
    name: str = ""


def _labelled(item: dict[str, Any], lang: str | None = None) -> Labelled:
    fact = item.get("fact", ())
    return Labelled(
        question=str(item["q"]),
        lang=item.get("lang", lang or "pl"),
        expect=item["expect"],
        category=item.get("category", ""),
        city=item.get("city"),
        country=item.get("country"),
        who=item.get("who"),
        focus=item.get("focus"),
        fact=(str(fact),) if isinstance(fact, (str, int)) else tuple(str(f) for f in fact),
        small_talk=item.get("small_talk"),
    )


def load_labelled(path: Path) -> list[Labelled]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [_labelled(item) for item in document["questions"]]


def load_dialogues(path: Path) -> list[Dialogue]:
    """The ``dialogues`` of a labelled file (none if it has no such key)."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Dialogue(
            tuple(_labelled(turn, item.get("lang")) for turn in item["turns"]),
            str(item.get("name", "")),
        )
        for item in document.get("dialogues") or ()
    ]


_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\s\u00a0\u202f.,]+(?=\d)")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _comparable(text: str) -> str:
    """Folded, lower case, one space between words, no separators inside numbers."""
    return _BETWEEN_DIGITS.sub("", " ".join(fold(text.casefold()).split()))


def states_fact(text: str, facts: Sequence[str], window: int = DIRECT_WINDOW) -> bool:
    """Whether ``text`` states every fact in its first sentence or its first ``window`` chars."""
    first = _SENTENCE_END.search(text)
    head = text[: max(window, first.end() if first else 0)]
    comparable = _comparable(head)
    return all(_comparable(fact) in comparable for fact in facts)


@dataclass
class Tally:
    """Counts for in-scope questions (``total``) and out-of-scope ones (``outside``)."""

    total: int = 0
    top1: int = 0
    recall3: int = 0
    reciprocal: float = 0.0
    outside: int = 0
    declined: int = 0
    chat: int = 0  # small talk asked
    chatted: int = 0  # ... and answered as small talk
    with_fact: int = 0
    direct: int = 0  # fact stated within the first sentence / 300 characters
    with_focus: int = 0
    focused: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Report:
    """Accuracy figures overall and per language and category, with every failure."""

    in_scope: Tally = field(default_factory=Tally)
    out_of_scope: Tally = field(default_factory=Tally)
    groups: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    failures: list[tuple[Labelled, Match]] = field(default_factory=list)
    small_talk: Tally = field(default_factory=Tally)
    lengths: list[int] = field(default_factory=list)  # first message of answered questions
    indirect: list[tuple[Labelled, str]] = field(default_factory=list)  # fact not up front

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

    @property
    def small_talk_handled(self) -> float:
        return self.small_talk.chatted / max(self.small_talk.chat, 1)

    @property
    def direct_answer(self) -> float:
        return self.in_scope.direct / max(self.in_scope.with_fact, 1)

    @property
    def focus_right(self) -> float:
        return self.in_scope.focused / max(self.in_scope.with_focus, 1)

    def length(self, quantile: float) -> int:
        """The length (characters) of the first message that ``quantile`` of answers keep to."""
        if not self.lengths:
            return 0
        if len(self.lengths) == 1:
            return self.lengths[0]
        cuts = statistics.quantiles(self.lengths, n=100, method="inclusive")
        return round(cuts[round(quantile * 100) - 1])

    def summary(self) -> dict[str, Any]:
        figures: dict[str, Any] = {
            "in_scope": self.in_scope.total,
            "top1": round(self.top1, 4),
            "recall_at_3": round(self.recall3, 4),
            "mrr": round(self.mrr, 4),
            "out_of_scope": self.out_of_scope.outside,
            "declined": round(self.declined, 4),
            "false_accept": round(self.false_accept, 4),
            "with_focus": self.in_scope.with_focus,
            "focus": round(self.focus_right, 4),
            "small_talk_lines": self.small_talk.chat,
            "small_talk": round(self.small_talk_handled, 4),
        }
        if self.lengths:
            figures.update(
                with_fact=self.in_scope.with_fact,
                direct_answer=round(self.direct_answer, 4),
                median_length=self.length(0.5),
                p90_length=self.length(0.9),
            )
        return figures


def _rank(item: Labelled, match: Match) -> int | None:
    """1-based position of the expected entry (with its entity) among the match's candidates."""
    if item.expect == "about-bot" and match.focus == "small_talk":
        return 1 if match.small_talk in _HELP_KINDS else None
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


def evaluate(items: Iterable[Labelled], ask: Ask, render: Render | None = None) -> Report:
    """Ask every question; ``render`` (the plain text of the composed answer) enables the
    direct-answer rate and the answer lengths."""
    report = Report()
    for item in items:
        match = ask(item.question, item.lang)
        tally, right = _score(item, match, render, report)
        if item.is_small_talk:
            report.small_talk.add(tally)
        elif item.in_scope:
            report.in_scope.add(tally)
        else:
            report.out_of_scope.add(tally)
        for group in (f"lang:{item.lang}", f"category:{item.category}"):
            report.groups[group].add(tally)
        if item.who:
            report.groups[f"who:{item.who}"].add(tally)
        if not right:
            report.failures.append((item, match))
    return report


def _score(
    item: Labelled, match: Match, render: Render | None, report: Report
) -> tuple[Tally, bool]:
    """One question's tally, and whether it was answered right."""
    if item.is_small_talk:
        chatted = int(match.outcome == "answer" and match.focus == "small_talk")
        return Tally(chat=1, chatted=chatted), bool(chatted)
    if not item.in_scope:
        declined = int(match.outcome == "decline")
        return Tally(outside=1, declined=declined), bool(declined)
    tally = Tally(total=1)
    rank = _rank(item, match)
    tally.top1 = int(match.outcome == "answer" and rank == 1)
    tally.recall3 = int(rank is not None and rank <= 3 and match.outcome != "decline")
    tally.reciprocal = 1 / rank if rank and match.outcome != "decline" else 0.0
    if item.focus:
        tally.with_focus = 1
        tally.focused = int(bool(tally.top1) and match.focus == item.focus)
    if render is not None:
        text = render(match) if match.outcome == "answer" else ""
        if text:
            report.lengths.append(len(text))
        if item.fact:
            tally.with_fact = 1
            tally.direct = int(bool(tally.top1) and states_fact(text, item.fact))
            if not tally.direct:
                report.indirect.append((item, text[:DIRECT_WINDOW]))
    return tally, bool(tally.top1)


@dataclass
class DialogueReport:
    """Every turn of every dialogue scored; follow-ups are the turns after the first."""

    turns: Tally = field(default_factory=Tally)
    follow_ups: Tally = field(default_factory=Tally)
    dialogues: int = 0
    failures: list[tuple[str, int, Labelled, Match]] = field(default_factory=list)

    @property
    def turns_right(self) -> float:
        return _right(self.turns)

    @property
    def follow_ups_right(self) -> float:
        return _right(self.follow_ups)

    def summary(self) -> dict[str, Any]:
        return {
            "dialogues": self.dialogues,
            "turns": self.turns.total + self.turns.outside + self.turns.chat,
            "turns_right": round(self.turns_right, 4),
            "follow_up_turns": self.follow_ups.total
            + self.follow_ups.outside
            + self.follow_ups.chat,
            "follow_ups_right": round(self.follow_ups_right, 4),
        }


def _right(tally: Tally) -> float:
    asked = tally.total + tally.outside + tally.chat
    return (tally.top1 + tally.declined + tally.chatted) / max(asked, 1)


def evaluate_dialogues(
    dialogues: Iterable[Dialogue], ask: AskInContext, render: Render | None = None
) -> DialogueReport:
    """Ask each dialogue's turns in order, each with the chat's last answered turn as context.

    As a channel keeps it: a decline, a suggestion or small talk leaves the last answered turn
    in place ("dzięki" between two questions does not break the thread).
    """
    report = DialogueReport()
    scratch = Report()
    for number, dialogue in enumerate(dialogues, 1):
        report.dialogues += 1
        context: Turn | None = None
        for index, turn in enumerate(dialogue.turns):
            match = ask(turn.question, turn.lang, context)
            tally, right = _score(turn, match, render, scratch)
            # A follow-up is right only with the focus it asks, when the label names one.
            if tally.with_focus and not tally.focused:
                tally.top1, right = 0, False
            report.turns.add(tally)
            if index:
                report.follow_ups.add(tally)
            if not right:
                report.failures.append((dialogue.name or str(number), index + 1, turn, match))
            context = Turn.from_match(match, time.time()) or context
    return report


def format_dialogues(report: DialogueReport, title: str) -> str:
    s = report.summary()
    lines = [
        f"== {title}: dialogues",
        f"{s['dialogues']} dialogues, {s['turns']} turns: {s['turns_right']:.1%} right; "
        f"follow-up turns {s['follow_up_turns']}: {s['follow_ups_right']:.1%} right",
    ]
    for name, index, turn, match in report.failures:
        got = match.candidates[0].entry.id if match.candidates else "-"
        entity = ",".join(match.entities.cities + match.entities.countries)
        lines.append(
            f"  [{name} turn {index}] {turn.question!r}: expected {turn.expect}"
            f"/{turn.city or turn.country or ''} {turn.focus or ''}, got {match.outcome} {got} "
            f"{entity} {match.focus} ({match.reason})"
        )
    return "\n".join(lines)


def format_report(report: Report, title: str, *, failures: bool = True) -> str:
    lines = [f"== {title}"]
    s = report.summary()
    lines.append(
        f"in scope {s['in_scope']}: top-1 {s['top1']:.1%}, recall@3 {s['recall_at_3']:.1%}, "
        f"MRR {s['mrr']:.3f}; out of scope {s['out_of_scope']}: declined {s['declined']:.1%}, "
        f"false accept {s['false_accept']:.1%}"
    )
    lines.append(
        f"focus right {s['focus']:.1%} of {s['with_focus']}; small talk answered "
        f"{s['small_talk']:.1%} of {s['small_talk_lines']}"
    )
    if "direct_answer" in s:
        lines.append(
            f"direct answer {s['direct_answer']:.1%} of {s['with_fact']}; first message "
            f"median {s['median_length']} characters, 90th percentile {s['p90_length']}"
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
    if failures and report.indirect:
        lines.append(f"-- fact not in the first sentence / {DIRECT_WINDOW} characters")
        for item, head in report.indirect:
            shown = " ".join(head.split())[:120]
            lines.append(f"  [{item.lang}] {item.question!r}: {', '.join(item.fact)} | {shown}")
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
