"""The check: every answer the bot can give from the registry, in Polish and English, composed
and read for what a journalist could not quote or a reader would stumble over.

It fails on a source without a public address, English in a Polish answer (and Polish in an
English one) outside titles and names, a confidence note said twice, a person named without
the date the source describes, and a first message longer than about 600 characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.answers import Answer
from bot.assistant import Assistant
from bot.intent import SMALL_TALK
from bot.render import html, plain, visible_length

CITY_FOCUSES = (
    "overview",
    "when",
    "status",
    "is_partner",
    "areas",
    "population",
    "location",
    "known_for",
    "events",
    "unanswerable",
)
CONTACT_FOCUSES = ("overview", "email", "phone", "fax", "address", "investor_centre", "who")
YEARS = (None, 2005, 2011, 2018, 2020, 2022, 1999)
# People the fact base names besides the contacts' and the office's own.
PEOPLE = (
    "Volker Doenitz",
    "Knut Kreuch",
    "Bogdan Wenta",
    "Wojciech Lubawski",
    "Agata Wojda",
    "Łukasz Syska",
    "Józef Bryk",
    "Göran Fredrik Göransson",
    "Stanciu-Viziteu",
)
# Lower-case words that give one language away in the other (names are capitalised).
ENGLISH = {
    "the", "and", "of", "with", "is", "are", "has", "have", "from", "not", "which", "this",
    "that", "since", "given", "source", "sources", "date", "only", "city", "cities",
}  # fmt: skip
POLISH = {
    "się", "jest", "nie", "oraz", "że", "dla", "przez", "roku", "umowę", "umowy", "miasta",
    "miasto", "źródła", "źródło", "współpraca", "kontakty", "podaje", "podają",
}  # fmt: skip
_QUOTED = re.compile(r"„[^”]*”|“[^”]*”|\([^()]*\)")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def every_answer(assistant: Assistant) -> Iterator[tuple[str, Answer]]:
    registry = assistant.brain.registry
    for lang in ("pl", "en"):
        for entry in assistant.brain.knowledge.entries.values():
            yield f"{lang}:{entry.id}", assistant.open(entry.id, lang)
        for city in registry.cities:
            for focus in CITY_FOCUSES:
                answer = assistant.open("city-card", lang, city=city, focus=focus)  # type: ignore[arg-type]
                yield f"{lang}:city:{city}:{focus}", answer
        for code in registry.countries:
            for focus in ("overview", "is_partner", "cities_of_country"):
                answer = assistant.open("cities-by-country", lang, country=code, focus=focus)  # type: ignore[arg-type]
                yield f"{lang}:country:{code}:{focus}", answer
            yield (
                f"{lang}:visits:{code}",
                assistant.open("diplomatic-contacts", lang, country=code),
            )
        for focus in CONTACT_FOCUSES:
            answer = assistant.open("office-contact", lang, focus=focus)  # type: ignore[arg-type]
            yield f"{lang}:contact:{focus}", answer
        for year in YEARS:
            yield f"{lang}:events:{year}", assistant.open("partnership-events", lang, year=year)
        for focus in ("overview", "count"):
            answer = assistant.open("partner-cities", lang, focus=focus)  # type: ignore[arg-type]
            yield f"{lang}:partners:{focus}", answer
        composer = assistant.brain.composer
        for kind in SMALL_TALK:
            yield f"{lang}:small-talk:{kind}", composer.small_talk(kind, lang)
        for place in ("Lwów", "Paryż"):
            yield f"{lang}:place:{place}", composer.unknown_place(place, lang)


@pytest.fixture(scope="module")
def answers(assistant: Assistant) -> list[tuple[str, Answer]]:
    return list(every_answer(assistant))


def _words(text: str) -> set[str]:
    """The lower-case words of generated text, without quoted titles and parentheses."""
    return {w for w in _WORD.findall(_QUOTED.sub(" ", text)) if w.islower()}


def test_there_are_many_answers(answers: list[tuple[str, Answer]]) -> None:
    assert len(answers) > 500


def test_every_source_has_a_public_address(answers: list[tuple[str, Answer]]) -> None:
    for name, answer in answers:
        for source in answer.sources:
            assert (source.url or "").startswith(("http://", "https://")), (name, source.id)
            assert source.cited, (name, source.id)


def test_no_english_in_polish_answers_and_no_polish_in_english_ones(
    answers: list[tuple[str, Answer]],
) -> None:
    for name, answer in answers:
        text = plain(answer, details=True, sources=False)
        text += " " + " ".join(f"({s.publisher})" for s in answer.sources)
        foreign = ENGLISH if answer.lang == "pl" else POLISH
        found = _words(text) & foreign
        assert not found, (name, sorted(found), text)


def test_the_confidence_note_is_said_once(answers: list[tuple[str, Answer]]) -> None:
    for name, answer in answers:
        text = plain(answer, details=True)
        for sentence in re.split(r"(?<=\.) ", answer.note) if answer.note else ():
            assert text.count(sentence) == 1, (name, sentence)
        # No note per line, as before: "[2] (pewność średnia: ...)".
        assert "pewność" not in text, name
        assert "confidence:" not in text, name


def test_a_person_is_named_with_the_date_of_the_source(
    answers: list[tuple[str, Answer]], assistant: Assistant
) -> None:
    registry = assistant.brain.registry
    people = {c.person for c in registry.contacts if c.person} | set(PEOPLE)
    people |= {"Bożena Szczypiór", "Aleksandra Czarnecka"}
    for name, answer in answers:
        for claim in answer.claims:
            named = [p for p in people if p in claim.text]
            if named:
                dated = claim.as_of or claim.date or _YEAR.search(claim.text)
                assert dated, (name, named, claim.text)


def test_the_first_message_fits_a_phone_screen(answers: list[tuple[str, Answer]]) -> None:
    for name, answer in answers:
        if ":sources" in name or name.endswith(":help"):
            continue  # asked for a full list
        assert visible_length(html(answer)) <= 620, (name, visible_length(html(answer)))


def test_unconfirmed_and_historical_cities_are_never_said_to_cooperate(
    answers: list[tuple[str, Answer]], assistant: Assistant
) -> None:
    others = [
        c
        for c in assistant.brain.registry.cities.values()
        if c.status in ("unconfirmed", "historical")
    ]
    for name, answer in answers:
        for span in answer.direct:
            if "współpracują z" in span.text or "cooperates with" in span.text:
                for city in others:
                    assert city.name(answer.lang) not in span.text, (name, span.text)
