"""Grouping unanswered questions by similarity."""

from __future__ import annotations

import pytest

from bot.insights import QuestionGroup, group_questions


def test_similar_wordings_form_one_group_largest_first() -> None:
    groups = group_questions(
        [
            "pogoda w kielcach",
            "Jaka jest pogoda w Kielcach?",
            "pogoda w kielcach",
            "pogda w kielcach",
            "JAKA POGODA",
            "rozkład autobusów",
            "autobusy w kielcach",
            "dowód osobisty",
        ]
    )
    assert groups[0] == QuestionGroup(
        5, ("pogoda w kielcach", "JAKA POGODA", "Jaka jest pogoda w Kielcach?")
    )
    assert groups[1].count == 2
    assert set(groups[1].examples) == {"rozkład autobusów", "autobusy w kielcach"}
    assert groups[2] == QuestionGroup(1, ("dowód osobisty",))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("weather in kielce", "what is the weather in Kielce", id="english"),
        pytest.param("prezydent kielc", "Kto jest prezydentem Kielc?", id="inflection"),
        pytest.param("godziny otwarcia", "godzny otwarcia", id="typo"),
        pytest.param("Dowód osobisty", "dowod osobisty!!", id="case-diacritics"),
    ],
)
def test_these_belong_together(first: str, second: str) -> None:
    assert [g.count for g in group_questions([first, second])] == [2]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("pogoda w kielcach", "autobusy w kielcach", id="only-kielce-shared"),
        pytest.param("kielce", "weather in kielce", id="just-the-city"),
        pytest.param("misje gospodarcze radomia", "prezydent radomia", id="other-city"),
    ],
)
def test_these_stay_apart(first: str, second: str) -> None:
    assert [g.count for g in group_questions([first, second])] == [1, 1]


def test_empty_and_punctuation_only_questions_are_left_out() -> None:
    assert group_questions(["", "  ", "?!", "👍"]) == []
