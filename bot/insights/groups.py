"""Grouping similar questions, so authors see which answers people miss most.

"pogoda w kielcach", "Jaka jest pogoda w Kielcach?" and "pogoda kielce jutro" are one wish.
Questions are compared by their meaningful words: folded (:func:`bot.text.tokens`), without
function words (:data:`bot.text.STOPWORDS`) and without "Kielce" (every question is about
Kielce), each cut to its first five letters, a crude stem that makes "autobusy" and
"autobusów" one word. Rapidfuzz's ``token_set_ratio`` compares them; each question joins the
largest group whose first (most frequent) question it resembles, or starts a group of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..text import STOPWORDS, tokens

__all__ = ["SIMILARITY", "QuestionGroup", "group_questions"]

# token_set_ratio from which two questions count as one; tuned on the tests' examples.
SIMILARITY = 80
_STOPWORDS = STOPWORDS["pl"] | STOPWORDS["en"]
_STEM = 5
_EVERYWHERE = frozenset({"kielc"})  # the stem of Kielce, Kielc, Kielcach...


@dataclass(frozen=True)
class QuestionGroup:
    """Questions that ask for the same thing: how often, and the commonest wordings."""

    count: int
    examples: tuple[str, ...]


@dataclass
class _Group:
    leader: str
    count: int
    wordings: Counter[str]


def group_questions(
    questions: Iterable[str], *, similarity: int = SIMILARITY, examples: int = 3
) -> list[QuestionGroup]:
    """``questions`` in groups of similar ones, largest first (ties: alphabetically)."""
    wordings: dict[str, Counter[str]] = {}
    for question in questions:
        key = _key(question)
        if key:
            wordings.setdefault(key, Counter())[" ".join(question.split())] += 1
    groups: list[_Group] = []
    # Most frequent first: a group is led by its commonest wording.
    for key, counter in sorted(wordings.items(), key=lambda kv: (-kv[1].total(), kv[0])):
        group = next((g for g in groups if _similar(key, g, similarity)), None)
        if group is None:
            groups.append(_Group(key, counter.total(), Counter(counter)))
        else:
            group.count += counter.total()
            group.wordings.update(counter)
    groups.sort(key=lambda g: (-g.count, g.leader))
    return [
        QuestionGroup(g.count, tuple(w for w, _ in _commonest(g.wordings)[:examples]))
        for g in groups
    ]


def _key(question: str) -> str:
    """The question's meaningful stems; all its stems when it has nothing else."""
    stems = [w[:_STEM] for w in tokens(question) if w not in _STOPWORDS]
    return " ".join(s for s in stems if s not in _EVERYWHERE) or " ".join(stems)


def _similar(key: str, group: _Group, similarity: int) -> bool:
    return fuzz.token_set_ratio(key, group.leader) >= similarity


def _commonest(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
