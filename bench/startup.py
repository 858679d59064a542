"""Start-up time to the first answer, resident memory, and time per question after start-up.

Each run is a fresh ``python run_bot.py ask "Jakie miasta partnerskie mają Kielce?"`` with the
shipped knowledge base and ``DATA_DIR`` pointing at a temporary folder:

* cold: an empty folder, so the SQLite registry is created and seeded and the lexicon is built
  from simplemma's dictionaries;
* fresh container: an empty folder but a lexicon cache (as the Dockerfile's image has one);
* warm: the folder a cold run left behind (database and lexicon cache present), the everyday case.

Wall time is measured around the child with ``perf_counter``; its peak resident memory comes from
``os.wait4`` (``ru_maxrss``). For scale, the same is measured for a bare ``python -c pass`` and
for ``import bot.cli``. Finally, in this process, the assistant is started once and every ``q``
of ``eval/questions.yaml`` is answered (``Assistant.ask``: matching and composing), each timed.

    .venv/bin/python bench/startup.py [--runs 5] [--cold-runs 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from _common import ROOT, machine, percentile, write_json

QUESTION = "Jakie miasta partnerskie mają Kielce?"
ASK = ["run_bot.py", "ask", QUESTION]


def child_env(data_dir: Path, cache_dir: Path | None = None) -> dict[str, str]:
    """The environment of a bot whose settings derive from ``data_dir`` (and ``cache_dir``)."""
    unset = ("DATABASE_URL", "CACHE_DIR", "KNOWLEDGE_DIR")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env |= {"DATA_DIR": str(data_dir), "LOG_LEVEL": "WARNING"}
    return env | ({"CACHE_DIR": str(cache_dir)} if cache_dir else {})


def run_once(args: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child; raise if it fails."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        stderr = child.stderr.read().decode() if child.stderr else ""
        raise RuntimeError(f"{' '.join(args)} exited with {child.returncode}: {stderr}")
    if child.stderr:
        child.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def summary(name: str, runs: list[tuple[float, float]]) -> dict[str, Any]:
    times = [t for t, _ in runs]
    return {
        "case": name,
        "runs": len(runs),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "max_rss_mib": max(rss for _, rss in runs),
    }


def per_question(env: dict[str, str]) -> dict[str, Any]:
    """Start the assistant here and time Assistant.ask over the eval questions."""
    from bot.assistant import start_assistant
    from bot.config import Settings

    assistant, registry = start_assistant(Settings.from_env(env))
    registry.close()
    document = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8"))
    questions = [item["q"] for item in document["questions"]]
    for question in questions[:50]:  # warm-up
        assistant.ask(question)
    samples = []
    for question in questions:
        start = time.perf_counter_ns()
        assistant.ask(question)
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return {
        "case": "Assistant.ask, per question",
        "runs": len(samples),
        "p50_ms": percentile(samples, 0.5),
        "p99_ms": percentile(samples, 0.99),
        "max_ms": max(samples),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs (and baselines)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold runs")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}", file=sys.stderr)

    with tempfile.TemporaryDirectory() as scratch:
        cases: dict[str, list[tuple[Sequence[str], dict[str, str]]]] = {
            "python -c pass": [(["-c", "pass"], os.environ.copy())] * args.runs,
            "import bot.cli": [(["-c", "import bot.cli"], os.environ.copy())] * args.runs,
            "ask, cold (create + seed DB, build lexicon)": [
                (ASK, child_env(Path(scratch) / f"cold-{n}")) for n in range(args.cold_runs)
            ],
            # As a container built by the Dockerfile starts: its image holds the lexicon cache.
            "ask, new DB, lexicon cached (fresh container)": [
                (ASK, child_env(Path(scratch) / f"fresh-{n}", Path(scratch) / "cold-0" / "cache"))
                for n in range(args.cold_runs)
            ],
            # The folder the first cold run filled: database and lexicon cache present.
            "ask, warm (DB and lexicon cache present)": [
                (ASK, child_env(Path(scratch) / "cold-0"))
            ]
            * args.runs,
        }
        results = [summary(name, [run_once(*run) for run in runs]) for name, runs in cases.items()]
        answer = per_question(child_env(Path(scratch) / "cold-0"))

    print("| case | runs | median s | min s | max s | max RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['case']} | {r['runs']} | {r['median_s']:.2f} | {r['min_s']:.2f}"
            f" | {r['max_s']:.2f} | {r['max_rss_mib']:.0f} |"
        )
    print(
        f"\n{answer['case']} (shipped knowledge, {answer['runs']} questions): p50"
        f" {answer['p50_ms']:.2f} ms, p99 {answer['p99_ms']:.2f} ms, max {answer['max_ms']:.2f} ms"
    )
    if args.json:
        write_json(args.json, [*results, answer])
    return 0


if __name__ == "__main__":
    sys.exit(main())
