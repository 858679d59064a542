"""Answers carry their sources, dates and confidence, in correct Polish and natural English."""

from __future__ import annotations

import json

import pytest

from bot.answers import format_date
from bot.assistant import Assistant
from bot.render import as_json, html, plain


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("1997-04-30", "pl", "30 kwietnia 1997 r."),
        ("1997-04-30", "en", "30 April 1997"),
        ("2005-02", "pl", "luty 2005"),
        ("1992", "en", "1992"),
        (None, "pl", "data nie jest podana w publicznych źródłach"),
        (None, "en", "the date is not given in public sources"),
    ],
)
def test_format_date(value: str | None, lang: str, expected: str) -> None:
    assert format_date(value, lang) == expected


def test_city_card_cites_sources_and_dates(assistant: Assistant) -> None:
    answer = assistant.open("city-card", "pl", city="gotha")
    text = plain(answer)
    assert answer.title == "Gotha (Niemcy)"
    assert "30 kwietnia 1997 r." in text
    assert "Umowa partnerska" in text
    assert "cwierc-wieku-wspolpracy-kielc-z-gotha" in text
    assert answer.pin is not None
    assert (round(answer.pin.lat, 3), round(answer.pin.lon, 3)) == (50.949, 10.702)
    assert "[1]" in text
    assert "Źródła:" in text


def test_low_confidence_facts_say_so(assistant: Assistant) -> None:
    text = plain(assistant.open("city-card", "en", city="ramla"))
    assert "2006" in text
    assert "low confidence" in text


def test_historical_city_is_not_presented_as_a_partner(assistant: Assistant) -> None:
    text = plain(assistant.open("city-card", "en", city="herning"))
    assert "Historical mention only" in text


def test_country_without_partners_says_so_with_a_source(assistant: Assistant) -> None:
    answer = assistant.open("cities-by-country", "pl", country="RU")
    assert answer.sources
    assert "Rosj" in plain(answer)


def test_static_answer_names_the_source_page_and_its_date(assistant: Assistant) -> None:
    answer = assistant.open("agreements-scope", "pl")
    text = plain(answer)
    assert "Współpraca z zagranicą" in text
    assert "16 grudnia 2021 r." in text
    english = plain(assistant.open("agreements-scope", "en"))
    assert "16 December 2021" in english


def test_people_are_named_as_of_their_source(assistant: Assistant) -> None:
    for lang, marker in (("pl", "według źródeł z podanych dat"), ("en", "as of their sources")):
        assert marker in plain(assistant.open("diplomatic-contacts", lang))
        assert marker in plain(assistant.open("office-contact", lang))


def test_decline_points_to_what_can_be_answered_and_whom_to_contact(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("jaka jest pogoda w Kielcach?")
    text = plain(answer)
    assert answer.outcome == "decline"
    assert "miasta partnerskie" in text
    assert "Rynek 1" in text


def test_every_entry_opens_in_both_languages(assistant: Assistant) -> None:
    for entry in assistant.brain.knowledge.entries.values():
        for lang in ("pl", "en"):
            answer = assistant.open(entry.id, lang)
            assert answer.paragraphs, entry.id
            if answer.outcome == "answer":
                assert answer.sources, entry.id


def test_html_escapes_data(assistant: Assistant) -> None:
    rendered = html(assistant.ask("<b>Gotha</b> & <i>co</i>"))
    assert "<i>co</i>" not in rendered
    assert "<b>Gotha</b>" not in rendered or rendered.startswith("<b>Gotha")


def test_json_has_the_documented_fields(assistant: Assistant) -> None:
    record = as_json(assistant.ask("Od kiedy Orange jest miastem partnerskim?"), "q")
    assert set(record) >= {
        "question",
        "lang",
        "outcome",
        "entry",
        "score",
        "answer",
        "suggestions",
        "source",
    }
    assert record["entry"] == "city-card"
    json.dumps(record, ensure_ascii=False)
