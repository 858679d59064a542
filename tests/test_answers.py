"""Answers are structured to the end: a direct answer with its sources as data, a short part,
details on demand, one confidence note, public sources; rendered as text, HTML and JSON."""

from __future__ import annotations

import json
from html import escape

import pytest

from bot.answers import ANSWER_CACHE, Composer, format_date, format_range
from bot.assistant import Assistant
from bot.render import (
    TELEGRAM_LIMIT,
    as_json,
    details_text,
    html,
    plain,
    sources_text,
    telegram_length,
    utf16_length,
)


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


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        pytest.param("2005-10-20", "2005-10-22", "pl", "20–22 października 2005 r.", id="month"),
        pytest.param("2011-06-30", "2011-07-03", "pl", "30 czerwca – 3 lipca 2011 r.", id="year"),
        pytest.param("2011-06-30", "2011-07-03", "en", "30 June – 3 July 2011", id="en"),
        pytest.param("2018-08-31", None, "pl", "31 sierpnia 2018 r.", id="one-day"),
    ],
)
def test_format_range(start: str, end: str | None, lang: str, expected: str) -> None:
    assert format_range(start, end, lang) == expected


def test_a_city_card_opens_with_its_status_and_key_date(assistant: Assistant) -> None:
    answer = assistant.open("city-card", "pl", city="gotha")
    assert answer.title == "Gotha (Niemcy)"
    first = plain(answer).split("\n\n")[0]
    assert first.startswith("Gotha (Niemcy) to miasto partnerskie Kielc (um.kielce.pl).")
    assert "30 kwietnia 1997 r. po stronie Kielc (kielce.eu, 2022)." in first
    assert "2 maja 1997 r. (gotha.de, 2022)." in first
    assert answer.pin is not None
    assert (round(answer.pin.lat, 3), round(answer.pin.lon, 3)) == (50.949, 10.702)
    # The full card is offered, not sent: the memorandum of 2022 is only in the details.
    assert "Memorandum" not in plain(answer, sources=False)
    assert "Memorandum kontynuacji dobrych stosunków" in details_text(answer)


def test_citations_are_numbers_into_the_sources(assistant: Assistant) -> None:
    answer = assistant.open("city-card", "en", city="gotha")
    spans = [*answer.direct, *(s for b in (*answer.blocks, *answer.details) for s in b.items)]
    cited = {n for span in spans for n in span.cites}
    assert cited == set(range(1, len(answer.sources) + 1))
    assert all("[" not in span.text for span in answer.direct)
    for source in answer.sources:
        assert (source.url or "").startswith("http"), source.id


def test_a_low_confidence_year_says_why_once(assistant: Assistant) -> None:
    answer = assistant.open("city-card", "pl", city="ramla", focus="when")
    assert answer.direct[0].text == "Umowę o przyjaznej współpracy z Ramlą zawarto w 2006 r."
    assert answer.note == (
        "Rok 2006 podaje tylko kopia encyklopedii (pt.wikipedia.org); miasto go nie potwierdza."
    )
    assert plain(answer).count("kopia encyklopedii") == 2  # the note, and the source's kind


def test_city_sourced_facts_carry_no_note(assistant: Assistant) -> None:
    for city in ("gotha", "orange", "budapest-csepel"):
        assert assistant.open("city-card", "pl", city=city, focus="when").note is None, city


def test_sources_that_disagree_are_both_shown(assistant: Assistant) -> None:
    answer = assistant.open("city-card", "pl", city="vinnytsia", focus="when")
    text = plain(answer, sources=False)
    assert "od 1958 r. (vmr.gov.ua, 2018)." in text
    assert "rok 1959 (myvin.com.ua)." in text
    assert answer.note == "Rok 1959 podają media (myvin.com.ua), nie strony miasta."
    yuyao = plain(assistant.open("city-card", "pl", city="yuyao", focus="events", year=2020))
    assert "Wysłano 6500 termometrów" in yuyao
    assert "kupiono 9000 termometrów" in yuyao


def test_a_historical_city_is_not_presented_as_a_partner(assistant: Assistant) -> None:
    answer = assistant.open("city-card", "en", city="herning")
    assert answer.summary.startswith("Herning (Denmark) is not a partner city of Kielce today.")


def test_a_finding_is_said_with_no_source_line(assistant: Assistant) -> None:
    answer = assistant.open("cities-by-country", "pl", country="RU")
    assert "Publiczne źródła nie wskazują żadnego rosyjskiego miasta" in answer.summary
    assert [s.id for s in answer.sources] == ["um-kielce-en"]
    finding = [c for c in answer.claims if "rosyjskiego" in c.text]
    assert finding
    assert finding[0].source is None


def test_the_source_page_is_named_with_its_date(assistant: Assistant) -> None:
    answer = assistant.open("agreements-scope", "pl")
    assert "Współpraca z zagranicą" in sources_text(answer)
    assert "16 grudnia 2021 r." in sources_text(answer)
    assert "16 December 2021" in sources_text(assistant.open("agreements-scope", "en"))


def test_people_are_named_as_of_their_source(assistant: Assistant) -> None:
    for lang, marker in (("pl", "według źródeł z podanych dat"), ("en", "as of their sources")):
        assert marker in plain(assistant.open("diplomatic-contacts", lang), details=True)
        assert marker in plain(assistant.open("office-contact", lang), details=True)


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
            assert answer.direct, entry.id
            if answer.outcome == "answer":
                assert answer.sources, entry.id


def test_html_escapes_data(assistant: Assistant) -> None:
    rendered = html(assistant.ask("<b>Gotha</b> & <i>co</i>"))
    assert "<i>co</i>" not in rendered
    assert "<b>Gotha</b>" not in rendered


def test_a_card_longer_only_in_its_tags_keeps_its_details_in_telegram(
    assistant: Assistant,
) -> None:
    # Telegram counts a message's text after parsing: Vinnytsia's card with its folded details
    # is over 4,096 characters of HTML but not of text, and must keep them.
    answer = assistant.ask("Winnica", "pl")
    rendered = html(answer)
    assert utf16_length(rendered) > TELEGRAM_LIMIT >= telegram_length(rendered)
    assert answer.details
    assert all(escape(b.items[0].text[:40]) in rendered for b in answer.details if b.items)


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
        "sources",
        "focus",
        "direct",
        "direct_text",
        "note",
        "blocks",
        "details",
        "claims",
        "related",
        "pin",
    }
    assert record["entry"] == "city-card"
    assert set(record["sources"][0]) == {
        "n",
        "id",
        "publisher",
        "title",
        "url",
        "date",
        "date_text",
        "kind",
    }
    assert set(record["claims"][0]) == {"text", "source", "confidence", "date", "as_of"}
    assert record["direct"][0]["cites"] == [1]
    assert record["details"]
    assert record["details"][0]["kind"] in ("paragraph", "list")
    json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("kiedy podpisano umowę z Winnicą?", "pl"),
        ("kiedy zawarto porozumienie z winnica", "pl"),
        ("when was the agreement with Vinnytsia signed?", "en"),
    ],
)
def test_when_an_agreement_was_signed_is_answered_with_the_agreements(
    assistant: Assistant, question: str, lang: str
) -> None:
    answer = assistant.ask(question, lang)
    assert answer.focus == "when"
    assert "1974" in answer.direct[0].text, "the first agreement, not the first contact"
    assert "1958" not in answer.summary
    below = " ".join(s.text for b in answer.blocks + answer.details for s in b.items)
    assert "1958" in below
    assert "1994" in below, "the later agreements follow"


def test_since_when_is_still_answered_with_the_first_contact(assistant: Assistant) -> None:
    answer = assistant.ask("Od kiedy Winnica jest miastem partnerskim?", "pl")
    assert "1958" in answer.direct[0].text


# The composer's remembered answers (Composer.__init__) --------------------------------------


def test_a_remembered_answer_is_the_one_composed_afresh(assistant: Assistant) -> None:
    brain = assistant.brain
    remembering = Composer(brain.knowledge, brain.registry)
    asked = [
        (entry, lang, city, focus)
        for entry in brain.knowledge.entries
        for lang in ("pl", "en")
        for city in (None, "gotha", "vinnytsia")
        for focus in ("overview", "when", "unanswerable")
        if city is None or brain.knowledge.entries[entry].needs == "city"
    ]
    for entry, lang, city, focus in asked * 2:  # the second time from the cache
        fresh = Composer(brain.knowledge, brain.registry)
        kwargs = {"city": city, "focus": focus}
        assert remembering.open(entry, lang, **kwargs) == fresh.open(entry, lang, **kwargs)
    assert len(asked) > 100
    assert remembering._opened.cache_info().hits == len(asked)


def test_the_answer_cache_stays_bounded(assistant: Assistant) -> None:
    brain = assistant.brain
    composer = Composer(brain.knowledge, brain.registry)
    for year in range(ANSWER_CACHE + 100):
        composer.open("partnership-events", "pl", focus="events", year=year)
    assert composer._opened.cache_info().currsize == ANSWER_CACHE
