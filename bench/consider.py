"""CPU per question of ``Assistant.consider`` (matching and composing), beside plain rapidfuzz.

The assistant is started as the bot starts it (``start_assistant`` on a fresh SQLite database
in a temporary ``DATA_DIR``, the lexicon from the project's cache in ``data/cache/``); then every
``q`` of ``eval/questions.yaml`` goes through ``Assistant.consider`` (with the question's own
language as the hint, as Telegram passes the user's), round after round. A round's figure is its
``time.process_time`` divided by the questions; the table gives the median of the rounds, and
the fastest and slowest round.

The anchor, measured in the same run on the same questions: a plain rapidfuzz matcher, i.e.
``rapidfuzz.process.extractOne`` with ``fuzz.token_sort_ratio`` of each question against every
phrasing of the knowledge base (both languages, as written). It says what the simplest fuzzy
lookup costs on this machine at this moment, so the assistant's cost can be given as a ratio
that moves less than microseconds on a shared machine (the cases take turns in every round,
and the ratio is the median of the rounds' ratios). With ``--render``, the answers are also
rendered as Telegram HTML the way ``bot/telegram/views.py`` does (short view, and the sources
view it measures for ``in_one_message``).

    .venv/bin/python bench/consider.py [--rounds 9] [--render] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
from _common import ROOT, machine, write_json

# The bot is not an installed package: run from the repository root, import it from there.
sys.path.insert(0, str(ROOT))

WARM_UP = 1  # rounds not counted: the first pays for imports and first-time caches


def questions() -> list[tuple[str, str | None]]:
    document = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8"))
    return [(item["q"], item.get("lang")) for item in document["questions"]]


def timed_rounds(
    cases: Sequence[Callable[[], None]], count: int, rounds: int
) -> list[list[float]]:
    """µs of CPU per question of each round of each case (each handles ``count`` questions).

    The cases take turns within a round, so that a busy moment of a shared machine falls on
    all of them alike and the ratios to the anchor stay steady.
    """
    for run in cases:
        for _ in range(WARM_UP):
            run()
    samples: list[list[float]] = [[] for _ in cases]
    for _ in range(rounds):
        for run, own in zip(cases, samples, strict=True):
            started = time.process_time()
            run()
            own.append((time.process_time() - started) / count * 1e6)
    return samples


def summary(case: str, samples: list[float], anchor: list[float]) -> dict[str, Any]:
    return {
        "case": case,
        "rounds": len(samples),
        "median_us": statistics.median(samples),
        "min_us": min(samples),
        "max_us": max(samples),
        # The median of the rounds' own ratios: each compares moments of the same load.
        "ratio": statistics.median(s / a for s, a in zip(samples, anchor, strict=True)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="measured rounds of each case")
    parser.add_argument("--render", action="store_true", help="also time rendering the answers")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}", file=sys.stderr)

    from rapidfuzz import fuzz, process

    from bot.assistant import start_assistant
    from bot.config import Settings
    from bot.languages import LANGUAGES
    from bot.render import html

    asked = questions()
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KNOWLEDGE_DIR")}
        env |= {"DATA_DIR": folder, "CACHE_DIR": str(ROOT / "data" / "cache")}
        assistant, registry = start_assistant(Settings.from_env(env | {"LOG_LEVEL": "WARNING"}))
        registry.close()

    phrasings = [
        phrasing
        for entry in assistant.brain.knowledge.entries.values()
        for lang in LANGUAGES
        for phrasing in entry.questions[lang]
    ]

    def anchor() -> None:
        for question, _ in asked:
            process.extractOne(question, phrasings, scorer=fuzz.token_sort_ratio)

    def consider() -> None:
        for question, lang in asked:
            assistant.consider(question, lang)

    answers = [assistant.consider(question, lang)[1] for question, lang in asked]

    def render() -> None:
        for answer in answers:
            html(answer, sources=False)
            html(answer, sources=True)

    # As in production (start_assistant froze what it built): no collection walks the knowledge.
    gc.collect()
    cases = [("plain rapidfuzz (anchor)", anchor), ("Assistant.consider", consider)]
    if args.render:
        cases.append(("render, short and sources views", render))
    samples = timed_rounds([run for _, run in cases], len(asked), args.rounds)
    results = [
        summary(name, own, samples[0]) for (name, _), own in zip(cases, samples, strict=True)
    ]

    print(f"{len(asked)} questions, {len(phrasings)} phrasings; {args.rounds} rounds each\n")
    print("| case | rounds | median µs/question | min | max | × anchor |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['case']} | {r['rounds']} | {r['median_us']:.0f} | {r['min_us']:.0f}"
            f" | {r['max_us']:.0f} | {r['ratio']:.2f} |"
        )
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
