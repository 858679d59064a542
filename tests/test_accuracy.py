"""Answer quality on labelled questions written the way users write: CI fails below the record.

The development set (tests/data/) is the one the engine's weights were tuned on; the evaluation
set (eval/) is held out. The thresholds live in eval/thresholds.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.assistant import Assistant
from bot.config import PROJECT_ROOT
from bot.evaluation import WRatioBaseline, evaluate, format_report, load_labelled

THRESHOLDS = yaml.safe_load((PROJECT_ROOT / "eval" / "thresholds.yaml").read_text("utf-8"))
SETS = {
    "development": PROJECT_ROOT / "tests" / "data" / "labelled_questions.yaml",
    "evaluation": PROJECT_ROOT / "eval" / "questions.yaml",
}


@pytest.mark.parametrize("name", list(SETS))
def test_labelled_sets_are_large_and_varied(name: str) -> None:
    items = load_labelled(SETS[name])
    in_scope = [i for i in items if i.in_scope]
    assert len(in_scope) >= 150
    assert len(items) - len(in_scope) >= 30
    assert {i.lang for i in items} == {"pl", "en"}
    assert {"typo", "no-diacritics", "inflection", "long", "colloquial"} <= {
        i.category for i in items
    }


@pytest.mark.parametrize("name", list(SETS))
def test_accuracy_stays_above_the_record(assistant: Assistant, name: str) -> None:
    report = evaluate(load_labelled(SETS[name]), assistant.match)
    limits = THRESHOLDS[name]
    figures = report.summary()
    detail = format_report(report, name)
    assert figures["top1"] >= limits["top1"], detail
    assert figures["declined"] >= limits["declined"], detail
    if "recall_at_3" in limits:
        assert figures["recall_at_3"] >= limits["recall_at_3"], detail


def test_engine_beats_the_plain_fuzzy_baseline(assistant: Assistant) -> None:
    items = load_labelled(Path(SETS["evaluation"]))
    engine = evaluate(items, assistant.match)
    baseline = evaluate(items, WRatioBaseline(assistant.brain.knowledge).match)
    assert engine.top1 > baseline.top1 + 0.1
    assert engine.declined > baseline.declined
