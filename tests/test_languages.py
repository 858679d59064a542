"""The one language policy: what the bot speaks, the fallback, and mapping people's codes."""

from __future__ import annotations

import pytest

from bot.languages import (
    DEFAULT,
    FALLBACK,
    Bilingual,
    from_accept_language,
    from_code,
    supported,
    tie_break,
)
from bot.sentences import t


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("pl", "pl", id="pl"),
        pytest.param("pl-PL", "pl", id="pl-PL"),
        pytest.param("PL_pl", "pl", id="posix-style"),
        pytest.param("en-GB", "en", id="en-GB"),
        pytest.param("de", "en", id="unsupported-falls-back"),
        pytest.param("uk", "en", id="ukrainian-falls-back"),
        pytest.param(None, "pl", id="none-is-the-default"),
        pytest.param("", "pl", id="empty-is-the-default"),
    ],
)
def test_a_telegram_language_code(code: str | None, expected: str) -> None:
    assert from_code(code, "pl") == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("pl-PL,pl;q=0.9,en;q=0.8", "pl", id="polish-browser"),
        pytest.param("de-DE,de;q=0.9,pl;q=0.5", "pl", id="german-who-reads-polish"),
        pytest.param("de-DE,en;q=0.9,pl;q=0.8", "en", id="english-wanted-more"),
        pytest.param("en;q=0.2,pl;q=0.7", "pl", id="by-quality-not-order"),
        pytest.param("de-DE,fr;q=0.9", "en", id="only-unsupported-falls-back"),
        pytest.param("pl;q=0,en", "en", id="refused-language"),
        pytest.param("", "pl", id="empty-is-the-default"),
        pytest.param(None, "pl", id="none-is-the-default"),
        pytest.param("*", "pl", id="anything-is-the-default"),
        pytest.param("pl;q=x", "pl", id="malformed-quality-skipped"),
    ],
)
def test_a_browser_accept_language(header: str | None, expected: str) -> None:
    assert from_accept_language(header, "pl") == expected


def test_sentences_and_bilingual_texts_fall_back_alike() -> None:
    text = Bilingual("po polsku", "in English")
    for lang in ("pl", "en", "de", ""):
        expected = supported(lang)
        assert text.get(lang) == (text.pl if expected == "pl" else text.en)
        assert t(lang, "tg.error") == t(expected, "tg.error")
    assert supported("de") == FALLBACK == "en"


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        pytest.param("en", "en", id="the-persons-language"),
        pytest.param("de", DEFAULT, id="one-the-bot-does-not-speak"),
        pytest.param(None, DEFAULT, id="no-hint"),
    ],
)
def test_a_tie_goes_to_the_persons_language_else_the_default(
    hint: str | None, expected: str
) -> None:
    assert tie_break(hint) == expected
