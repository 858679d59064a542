"""Normalising, folding and lemmatising text."""

from __future__ import annotations

import unicodedata

import pytest

from bot import text
from bot.assistant import Assistant
from bot.text import MAX_QUESTION_CHARS, fold, folded, normalise, tokens


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


# Texts that take each shortcut and texts that do not: ASCII, Polish, zero-width and
# right-to-left marks, controls, line and paragraph separators, other scripts, emoji.
_MIXED = [
    "Z jakimi miastami Kielce się przyjaźnią?",
    "z jakimi miastami kielce sie przyjaznia",
    "Win\u200bnica \u202eGotha\u202c",
    "a\x00b\x07c\td\ne",
    "pierwsza\u2028druga\u2029trzecia",
    "Kielce—Винниця Ærø Straße đ ø",
    "Gotha 🙂🇩🇪 e\u0301 n\u0303",
    "ＧＯＴＨＡ ﬁ ½",
    "",
]


def _clean_slowly(raw: str) -> str:
    """What text._clean did before its shortcut for printable text, character by character."""
    raw = unicodedata.normalize("NFKC", raw[:MAX_QUESTION_CHARS])
    return "".join(
        "" if category == "Cf" else " " if category in ("Cc", "Zl", "Zp") else ch
        for ch in raw
        for category in (unicodedata.category(ch),)
    )


def _fold_slowly(raw: str) -> str:
    decomposed = unicodedata.normalize("NFD", raw.translate(text._FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@pytest.mark.parametrize("raw", _MIXED)
def test_the_shortcuts_change_nothing(raw: str) -> None:
    assert text._clean(raw) == _clean_slowly(raw)
    assert fold(raw) == _fold_slowly(raw)
    assert fold(raw.casefold()) == _fold_slowly(raw.casefold())


def test_folded_is_fold_of_normalise_cached_or_not() -> None:
    text._folded.cache_clear()
    for raw in _MIXED:
        # Twice: computed, then from the cache.
        assert folded(raw) == fold(normalise(raw))
        assert folded(raw) == fold(normalise(raw))
    long = "Gotha " * 1000
    assert folded(long) == fold(normalise(long))


def test_the_folded_cache_stays_bounded() -> None:
    text._folded.cache_clear()
    for n in range(3 * text.FOLDED_CACHE):
        folded(f"pytanie numer {n} " + "x" * 5000)
    assert text._folded.cache_info().currsize == text.FOLDED_CACHE


def test_a_long_message_is_cached_as_far_as_normalise_reads() -> None:
    text._folded.cache_clear()
    folded("a" * (10 * MAX_QUESTION_CHARS))
    folded("a" * MAX_QUESTION_CHARS)  # the same key: one entry, the second call a hit
    info = text._folded.cache_info()
    assert (info.currsize, info.hits) == (1, 1)


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
