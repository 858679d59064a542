"""Normalising, folding and lemmatising text."""

from __future__ import annotations

import pytest

from bot.assistant import Assistant
from bot.text import fold, normalise, tokens


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Z jakimi miastami?!", "z jakimi miastami", id="punctuation"),
        pytest.param("ＧＯＴＨＡ", "gotha", id="full-width"),
        pytest.param("Win\u200bnica", "winnica", id="zero-width-space"),
        pytest.param("\u202eGotha\u202c", "gotha", id="right-to-left-marks"),
        pytest.param("Gotha 🙂🇩🇪", "gotha", id="emoji"),
        pytest.param("a\x00b\x07c", "a b c", id="control-characters"),
        pytest.param("Kielce—Винниця", "kielce винниця", id="mixed-scripts"),
        pytest.param("<b>Gotha</b>; DROP TABLE", "b gotha b drop table", id="html-and-sql"),
        pytest.param("   ", "", id="blank"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Węgrzech", "Wegrzech"),
        ("Łódź", "lodz"),
        ("przyjaźnią", "przyjaznia"),
        ("Bacău", "Bacau"),
        ("Gävle", "Gavle"),
    ],
)
def test_fold_removes_diacritics(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_tokens_fold_and_split() -> None:
    assert tokens("Z kim Kielce się przyjaźnią?") == ["z", "kim", "kielce", "sie", "przyjaznia"]


def test_very_long_text_is_capped() -> None:
    assert len(normalise("słowo " * 10_000)) <= 1000


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        pytest.param("miastami", "miasto", id="instrumental-plural"),
        pytest.param("umowe", "umowa", id="accusative-without-diacritics"),
        pytest.param("partnerskich", "partnerski", id="adjective-genitive"),
        pytest.param("ambasadorow", "ambasador", id="genitive-plural-folded"),
    ],
)
def test_lexicon_lemmatises_folded_polish(assistant: Assistant, form: str, lemma: str) -> None:
    assert assistant.brain.matcher.lexicon.lemma(form, "pl") == lemma


def test_lexicon_knows_english(assistant: Assistant) -> None:
    assert assistant.brain.matcher.lexicon.lemma("cities", "en") == "city"
