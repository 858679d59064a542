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
from bot.evaluation import (
    Dialogue,
    Labelled,
    WRatioBaseline,
    evaluate,
    evaluate_dialogues,
    format_dialogues,
    format_report,
    load_dialogues,
    load_labelled,
    states_fact,
)
from bot.matching import Match
from bot.render import plain

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


def test_the_sets_hold_dialogues_small_talk_and_facts() -> None:
    items = [i for path in SETS.values() for i in load_labelled(path)]
    dialogues = [d for path in SETS.values() for d in load_dialogues(path)]
    assert len(dialogues) >= 30
    assert all(2 <= len(d.turns) <= 4 for d in dialogues)
    assert len([i for i in items if i.is_small_talk]) >= 30
    assert {i.small_talk for i in items if i.is_small_talk} >= {
        "greeting",
        "thanks",
        "goodbye",
        "identity",
        "capabilities",
        "help",
        "apology",
        "rudeness",
    }
    labelled = [i for i in items if i.fact or i.focus]
    assert len(labelled) >= 130
    assert {i.lang for i in labelled} == {"pl", "en"}
    assert {"unanswerable", "count", "yes-no", "long"} <= {i.category for i in labelled}


# Figures that must not fall below their threshold, and those that must not rise above it.
AT_LEAST = ("top1", "declined", "recall_at_3", "small_talk", "direct_answer", "focus")
AT_MOST = ("median_length", "p90_length")


@pytest.mark.parametrize("name", list(SETS))
def test_accuracy_stays_above_the_record(assistant: Assistant, name: str) -> None:
    def render(match: Match) -> str:
        return plain(assistant.brain.composer.compose(match))

    report = evaluate(load_labelled(SETS[name]), assistant.match, render)
    limits = THRESHOLDS[name]
    figures = report.summary()
    detail = format_report(report, name)
    for figure in AT_LEAST:
        if figure in limits:
            assert figures[figure] >= limits[figure], f"{figure}\n{detail}"
    for figure in AT_MOST:
        if figure in limits:
            assert figures[figure] <= limits[figure], f"{figure}\n{detail}"
    dialogues = load_dialogues(SETS[name])
    if "follow_ups_right" in limits:
        talk = evaluate_dialogues(
            dialogues, lambda q, lang, context: assistant.match(q, lang, context=context), render
        )
        assert talk.follow_ups_right >= limits["follow_ups_right"], format_dialogues(talk, name)


@pytest.mark.parametrize(
    ("text", "facts", "stated"),
    [
        pytest.param(
            "Umowę podpisano 30 kwietnia 1997 r. (kielce.eu).", ["1997"], True, id="year"
        ),
        pytest.param("Gotha ma 46 019 mieszkańców.", ["46019"], True, id="digit-groups"),
        pytest.param("Population: 46,019.", ["46 019"], True, id="comma-groups"),
        pytest.param("Łódź", ["lodz"], True, id="folded"),
        pytest.param("x" * 400 + " 1997", ["1997"], False, id="too-late"),
        pytest.param("A" * 350 + " 1997. More.", ["1997"], True, id="long-first-sentence"),
        pytest.param("E-mail: coi@um.kielce.pl", ["coi@um.kielce.pl", "e-mail"], True, id="all"),
        pytest.param("E-mail: coi@um.kielce.pl", ["coi@um.kielce.pl", "fax"], False, id="not-all"),
    ],
)
def test_a_direct_answer_states_the_fact_up_front(
    text: str, facts: list[str], stated: bool
) -> None:
    assert states_fact(text, facts) is stated


def test_the_report_measures_small_talk_direct_answers_and_length(assistant: Assistant) -> None:
    items = [
        Labelled("dzięki!", "pl", "small-talk", "small-talk", small_talk="thanks"),
        Labelled("Kiedy Gotha?", "pl", "city-card", "keyword", city="gotha", focus="when"),
        Labelled("coi mail", "pl", "office-contact", "keyword", fact=("coi@um.kielce.pl",)),
        Labelled("jaka będzie jutro pogoda?", "pl", "decline", "out-of-scope"),
    ]
    report = evaluate(items, assistant.match, lambda m: "coi@um.kielce.pl " + "x" * 99)
    figures = report.summary()
    assert figures["small_talk"] == 1.0
    assert figures["small_talk_lines"] == 1
    assert figures["in_scope"] == 2
    assert figures["top1"] == 1.0
    assert figures["focus"] == 1.0
    assert figures["with_focus"] == 1
    assert figures["direct_answer"] == 1.0
    assert figures["with_fact"] == 1
    assert figures["median_length"] == 116
    assert figures["declined"] == 1.0


def test_each_dialogue_turn_is_asked_with_the_previous_turn(assistant: Assistant) -> None:
    dialogue = Dialogue(
        (
            Labelled("Kiedy podpisano umowę z Gothą?", "pl", "city-card", "", city="gotha"),
            Labelled("dzięki", "pl", "small-talk", ""),
            Labelled("a z Orange?", "pl", "city-card", "", city="orange", focus="when"),
            Labelled(
                "a ile ma mieszkańców?", "pl", "city-card", "", city="orange", focus="population"
            ),
        )
    )
    report = evaluate_dialogues([dialogue], assistant.brain.matcher.match)
    assert report.summary()["follow_up_turns"] == 3
    assert report.follow_ups_right == 1.0, format_dialogues(report, "test")
    # Without the context, "a ile ma mieszkańców?" names no city: the turn is wrong.
    alone = evaluate_dialogues(
        [dialogue], lambda q, lang, context: assistant.brain.matcher.match(q, lang)
    )
    assert alone.follow_ups_right < 1.0


def test_engine_beats_the_plain_fuzzy_baseline(assistant: Assistant) -> None:
    items = load_labelled(Path(SETS["evaluation"]))
    engine = evaluate(items, assistant.match)
    baseline = evaluate(items, WRatioBaseline(assistant.brain.knowledge).match)
    assert engine.top1 > baseline.top1 + 0.1
    assert engine.declined > baseline.declined
