"""The matching engine: entities in any inflected form, languages, the three outcomes."""

from __future__ import annotations

import pytest

from bot.assistant import Assistant


@pytest.mark.parametrize(
    ("question", "entry", "city"),
    [
        pytest.param(
            "z jakimi miastami kielce sie przyjaznia?", "partner-cities", None, id="no-diacritics"
        ),
        pytest.param(
            "Kiedy Kielce podpisały umowę z Gothą?", "city-card", "gotha", id="instrumental"
        ),
        pytest.param("co łączy Kielce z Winnicą", "city-card", "vinnytsia", id="winnica"),
        pytest.param("wspolpraca z winnica", "city-card", "vinnytsia", id="folded"),
        pytest.param(
            "Since when is Orange a partner city of Kielce?", "city-card", "orange", id="english"
        ),
        pytest.param("twin towns of kielce", "partner-cities", None, id="twin-towns"),
        pytest.param("Gotha", "city-card", "gotha", id="bare-name"),
    ],
)
def test_city_questions(assistant: Assistant, question: str, entry: str, city: str | None) -> None:
    match = assistant.match(question)
    assert match.outcome == "answer", match
    assert match.candidates[0].entry.id == entry
    if city:
        assert match.entities.cities[:1] == (city,)


@pytest.mark.parametrize(
    ("question", "country"),
    [
        pytest.param("jakie miasta partnerskie sa na wegrzech", "HU", id="locative-plural"),
        pytest.param("niemieckie miasto partnerskie Kielc", "DE", id="adjective"),
        pytest.param("partner cities in China", "CN", id="english"),
        pytest.param("Czy Kielce mają miasto partnerskie w Rosji?", "RU", id="no-partner"),
    ],
)
def test_country_questions(assistant: Assistant, question: str, country: str) -> None:
    match = assistant.match(question)
    assert match.outcome == "answer", match
    assert match.candidates[0].entry.id == "cities-by-country"
    assert match.entities.countries[:1] == (country,)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        pytest.param("jaka będzie jutro pogoda?", "other-topic", id="weather"),
        pytest.param("jak wyrobić dowód osobisty", "other-topic", id="id-card"),
        pytest.param("jakie miasta partnerskie ma Radom", "other-place", id="other-city"),
        pytest.param("asdkjh qwe zxcv", "low-score", id="gibberish"),
        pytest.param("   ", "empty", id="blank"),
        pytest.param("🙂🙂🙂", "empty", id="emoji-only"),
    ],
)
def test_out_of_scope_is_declined(assistant: Assistant, question: str, reason: str) -> None:
    match = assistant.match(question)
    assert match.outcome == "decline"
    assert match.reason == reason


@pytest.mark.parametrize(
    ("question", "hint", "lang"),
    [
        ("Jakie miasta partnerskie mają Kielce?", "en", "pl"),
        ("jakie miasta partnerskie maja kielce", None, "pl"),
        ("Which are the partner cities of Kielce?", "pl", "en"),
        ("Gotha", "en", "en"),
        ("Gotha", "pl", "pl"),
    ],
)
def test_language_detection_uses_the_hint_for_ties(
    assistant: Assistant, question: str, hint: str | None, lang: str
) -> None:
    assert assistant.match(question, hint).lang == lang


def test_a_city_card_question_without_a_city_asks_which(assistant: Assistant) -> None:
    answer = assistant.open("city-card", "pl")
    assert answer.outcome == "suggest"
    assert {s.city for s in answer.suggestions} >= {"gotha", "vinnytsia", "orange"}


@pytest.mark.parametrize("keyword", ["umowy", "zmp", "missions", "embassy", "strona"])
def test_a_broad_keyword_gets_up_to_three_suggestions(assistant: Assistant, keyword: str) -> None:
    answer = assistant.ask(keyword)
    assert answer.outcome == "suggest"
    assert 1 < len(answer.suggestions) <= 3
    assert len({s.entry for s in answer.suggestions}) == len(answer.suggestions)


@pytest.mark.parametrize("question", ["kto jest prezydentem Kielc", "hej co tam"])
def test_a_vague_question_is_declined_not_suggested(assistant: Assistant, question: str) -> None:
    assert assistant.ask(question).outcome == "decline"


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("", id="empty"),
        pytest.param(" \t\n ", id="blank"),
        pytest.param("x" * 10_000, id="10k-characters"),
        pytest.param("miasta partnerskie " * 600, id="10k-words"),
        pytest.param("🇵🇱🙂🎉", id="emoji"),
        pytest.param("\x00\x01\x1b[31mGotha", id="control-characters"),
        pytest.param("Win\u200bnica\u200f", id="zero-width-and-rtl"),
        pytest.param("ＭＩＡＳＴＡ　ＰＡＲＴＮＥＲＳＫＩＥ", id="full-width"),
        pytest.param("Кielce Gотha 北京", id="mixed-scripts"),
        pytest.param("'; DROP TABLE cities; --", id="sql"),
        pytest.param("<script>alert(1)</script>", id="html"),
        pytest.param("\ud800", id="lone-surrogate"),
    ],
)
def test_bad_input_never_raises(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.outcome in ("answer", "suggest", "decline")
    assert answer.direct
