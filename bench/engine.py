"""Engine latency and memory at knowledge-base sizes 100 ... 100,000 entries.

For each size the real knowledge base (``knowledge/``) is padded with generated entries of 8
questions per language. Each generated phrasing mixes one or two topic words (made-up,
Polish- or English-looking, from a pool of about two words per generated entry, so the
vocabulary grows with the size), real function words as often as the real phrasings use them,
sometimes a real content word ("umowa", "partner": so the index lists of common words grow too)
and sometimes one more made-up word. The lexicon is built from the real words only (cached).

For each size a :class:`bot.matching.Matcher` is built (timed with ``perf_counter``; RSS from
``/proc/self/status`` before and after), every ``q`` of ``eval/questions.yaml`` is matched
``--repeat`` times (``--large-repeat`` at 50,000+ entries), each call timed with
``perf_counter_ns``, and the matcher is built again under ``tracemalloc`` for its peak and
retained allocations (skipped at 50,000+ entries unless ``--trace-large``: it takes minutes).
"agree" is the share of questions whose verdict (outcome and entry) equals the verdict of the
real knowledge base alone: the generated entries should not take the real questions away.

    .venv/bin/python bench/engine.py [--sizes 100,1000,10000,100000] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from _common import ROOT, machine, percentile, rss_mib, write_json

from bot.knowledge import Entry, KnowledgeBase, load_knowledge
from bot.languages import LANGUAGES, Bilingual
from bot.matching import Match, Matcher
from bot.registry.files import load_registry_files
from bot.registry.snapshot import RegistryData
from bot.text import STOPWORDS, Lexicon, fold, normalise

QUESTIONS_PER_LANGUAGE = 8
# How often a generated phrasing borrows a real content word ("umowa", "partner"): often enough
# that the index's lists for common words grow with the size, rarely enough that the generated
# entries do not crowd out the real ones.
CONTENT_WORD_SHARE = 0.2
# Syllables (space-separated) that make made-up words look Polish or English.
_ONSETS = {
    "pl": "b c d g k l m n p r s t w z ch cz sz rz dz ż ś ł br gr kr pr st tr zw",
    "en": "b c d f g h l m n p r s t v w th sh br cl fr gl pl st tr",
}
_VOWELS = {"pl": "a e i o u y ą ę ó", "en": "a e i o u ee oo ai ea"}
_CODAS = {"pl": ["", "", "k", "n", "sk", "ść", "rz"], "en": ["", "", "n", "nd", "rt", "ss", "ck"]}


def made_up_words(lang: str, count: int, rng: random.Random, taken: set[str]) -> list[str]:
    """``count`` distinct made-up words of 2-4 syllables, none of them a word in ``taken``."""
    onsets, vowels = _ONSETS[lang].split(), _VOWELS[lang].split()
    words: list[str] = []
    seen = set(taken)
    while len(words) < count:
        syllables = rng.randint(2, 4)
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))
        word += rng.choice(_CODAS[lang])
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def pad_knowledge(real: KnowledgeBase, size: int, seed: int = 5) -> KnowledgeBase:
    """``real`` plus generated entries, ``size`` entries in all."""
    rng = random.Random(seed)
    missing = max(size - len(real.entries), 0)
    function_words: dict[str, list[str]] = {}
    content_words: dict[str, list[str]] = {}
    pools: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        words = [
            word
            for entry in real.entries.values()
            for question in entry.questions[lang]
            for word in normalise(
                question.replace("{city}", " ").replace("{country}", " ")
            ).split()
        ]
        function_words[lang] = [w for w in words if fold(w) in STOPWORDS[lang]]
        content_words[lang] = [w for w in words if fold(w) not in STOPWORDS[lang]]
        pools[lang] = made_up_words(lang, max(2 * missing, 200), rng, set(words))
    source = next(iter(real.sources))
    entries = dict(real.entries)
    for number in range(missing):
        questions: dict[str, tuple[str, ...]] = {}
        titles: dict[str, str] = {}
        for lang in LANGUAGES:
            topic = rng.sample(pools[lang], 2)
            phrasings = []
            for _ in range(QUESTIONS_PER_LANGUAGE):
                words = rng.sample(topic, rng.randint(1, 2))
                words += rng.choices(function_words[lang], k=rng.randint(1, 4))
                if rng.random() < CONTENT_WORD_SHARE:
                    words.append(rng.choice(content_words[lang]))
                if rng.random() < 0.3:
                    words.append(rng.choice(pools[lang]))
                rng.shuffle(words)
                phrasings.append(" ".join(words).capitalize() + "?")
            questions[lang] = tuple(phrasings)
            titles[lang] = " ".join(topic).capitalize()
        ident = f"synthetic-{number:06d}"
        entries[ident] = Entry(
            id=ident,
            topic="synthetic",
            title=Bilingual(titles["pl"], titles["en"]),
            questions=questions,
            keywords={lang: () for lang in LANGUAGES},
            answer=Bilingual(f"Odpowiedź {number}.", f"Answer {number}."),
            source=source,
            view=None,
            related=(),
            file=Path("<synthetic>"),
            line=None,
        )
    return KnowledgeBase(
        real.folder, entries, real.sources, real.synonyms, real.other_places, real.other_topics
    )


def verdict(match: Match) -> tuple[str, str | None]:
    return match.outcome, match.entry.id if match.entry else None


def measure(
    knowledge: KnowledgeBase,
    registry: RegistryData,
    lexicon: Lexicon,
    questions: Sequence[str],
    repeat: int,
    traced: bool,
) -> tuple[dict[str, Any], list[tuple[str, str | None]]]:
    """Build a matcher and time it; the figures, and the verdict on each question."""
    gc.collect()
    rss_before = rss_mib()
    started = time.perf_counter()
    matcher = Matcher(knowledge, registry, lexicon)
    build_s = time.perf_counter() - started
    rss_after = rss_mib()
    for question in questions[:50]:  # warm-up: first calls pay for imports and caches
        matcher.match(question)
    samples: list[int] = []
    verdicts = []
    for _ in range(repeat):
        for question in questions:
            start = time.perf_counter_ns()
            match = matcher.match(question)
            samples.append(time.perf_counter_ns() - start)
            verdicts.append(verdict(match))
    del matcher
    peak_mib = retained_mib = float("nan")
    if traced:
        gc.collect()
        tracemalloc.start()
        matcher = Matcher(knowledge, registry, lexicon)
        retained, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del matcher
        peak_mib, retained_mib = peak / 2**20, retained / 2**20
    ms = [sample / 1e6 for sample in samples]
    figures = {
        "entries": len(knowledge.entries),
        "questions": len(questions),
        "repeat": repeat,
        "build_s": build_s,
        "p50_ms": percentile(ms, 0.50),
        "p90_ms": percentile(ms, 0.90),
        "p99_ms": percentile(ms, 0.99),
        "max_ms": max(ms),
        "mean_ms": sum(ms) / len(ms),
        "build_peak_mib": peak_mib,
        "matcher_mib": retained_mib,
        "rss_growth_mib": rss_after - rss_before,
        "rss_mib": rss_after,
    }
    return figures, verdicts[: len(questions)]


def mib(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.0f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000", help="comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the questions")
    parser.add_argument("--large-repeat", type=int, default=1, help="passes at 50,000+ entries")
    parser.add_argument(
        "--trace-large", action="store_true", help="tracemalloc at 50,000+ entries too (slow)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))

    real = load_knowledge(ROOT / "knowledge")
    registry = load_registry_files(ROOT / "knowledge" / "registry", real.sources)
    lexicon = Lexicon.load_or_build(real.words(), ROOT / "data" / "cache")
    document = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8"))
    questions = [item["q"] for item in document["questions"]]
    print(f"machine: {machine()}", file=sys.stderr)

    results = []
    baseline: list[tuple[str, str | None]] = []
    for size in [len(real.entries), *sizes]:
        large = size >= 50_000
        knowledge = pad_knowledge(real, size)
        repeat = args.large_repeat if large else args.repeat
        figures, verdicts = measure(
            knowledge, registry, lexicon, questions, repeat, args.trace_large or not large
        )
        baseline = baseline or verdicts
        figures["agree"] = sum(a == b for a, b in zip(verdicts, baseline, strict=True)) / len(
            verdicts
        )
        results.append(figures)
        print(f"{size}: {figures}", file=sys.stderr)
        del knowledge

    print(
        "| entries | build s | p50 ms | p90 ms | p99 ms | max ms | agree | build peak MiB"
        " | matcher MiB | RSS growth MiB | RSS MiB | samples |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['entries']:,} | {r['build_s']:.2f} | {r['p50_ms']:.2f} | {r['p90_ms']:.2f}"
            f" | {r['p99_ms']:.2f} | {r['max_ms']:.2f} | {r['agree']:.1%}"
            f" | {mib(r['build_peak_mib'])} | {mib(r['matcher_mib'])} | {r['rss_growth_mib']:.0f}"
            f" | {r['rss_mib']:.0f} | {r['questions'] * r['repeat']} |"
        )
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
