"""Polish grammar of generated text, for every city and country in the registry.

The expected forms are written here by hand, independently of the registry's `cases`, so a
missing or wrong form in knowledge/registry/*.yaml fails a test that names it.
"""

from __future__ import annotations

import pytest

from bot.assistant import Assistant
from bot.grammar import counted, join
from bot.sentences import t

# (nominative, genitive, accusative, instrumental) of every city the registry holds.
CITY_FORMS = {
    "vinnytsia": ("Winnica", "Winnicy", "Winnicę", "Winnicą"),
    "gotha": ("Gotha", "Gothy", "Gothę", "Gothą"),
    "orange": ("Orange", "Orange", "Orange", "Orange"),
    "budapest-csepel": (
        "Budapeszt-Csepel",
        "Budapesztu-Csepelu",
        "Budapeszt-Csepel",
        "Budapesztem-Csepelem",
    ),
    "ramla": ("Ramla", "Ramli", "Ramlę", "Ramlą"),
    "yuyao": ("Yuyao", "Yuyao", "Yuyao", "Yuyao"),
    "taizhou": ("Taizhou", "Taizhou", "Taizhou", "Taizhou"),
    "trebic": ("Trzebicz", "Trzebicza", "Trzebicz", "Trzebiczem"),
    "sandviken": ("Sandviken", "Sandviken", "Sandviken", "Sandviken"),
    "bacau": ("Bacău", "Bacău", "Bacău", "Bacău"),
    "herning": ("Herning", "Herningu", "Herning", "Herningiem"),
    "gavle": ("Gävle", "Gävle", "Gävle", "Gävle"),
    "nitra": ("Nitra", "Nitry", "Nitrę", "Nitrą"),
    "gorizia": ("Gorycja", "Gorycji", "Gorycję", "Gorycją"),
    "dniprodzerzhynsk": (
        "Dnieprodzierżyńsk",
        "Dnieprodzierżyńska",
        "Dnieprodzierżyńsk",
        "Dnieprodzierżyńskiem",
    ),
    "flint": ("Flint", "Flintu", "Flint", "Flintem"),
}
# "in <country>" with the preposition each country takes, and the genitive.
COUNTRY_FORMS = {
    "UA": ("w Ukrainie", "Ukrainy"),
    "DE": ("w Niemczech", "Niemiec"),
    "FR": ("we Francji", "Francji"),
    "HU": ("na Węgrzech", "Węgier"),
    "IL": ("w Izraelu", "Izraela"),
    "CN": ("w Chinach", "Chin"),
    "CZ": ("w Czechach", "Czech"),
    "SE": ("w Szwecji", "Szwecji"),
    "RO": ("w Rumunii", "Rumunii"),
    "DK": ("w Danii", "Danii"),
    "SK": ("na Słowacji", "Słowacji"),
    "IT": ("we Włoszech", "Włoch"),
    "US": ("w Stanach Zjednoczonych", "Stanów Zjednoczonych"),
    "RU": ("w Rosji", "Rosji"),
    "BY": ("na Białorusi", "Białorusi"),
}


def test_every_city_and_country_has_its_forms_here(assistant: Assistant) -> None:
    registry = assistant.brain.registry
    assert set(CITY_FORMS) == set(registry.cities)
    assert set(COUNTRY_FORMS) == set(registry.countries)


@pytest.mark.parametrize("city", sorted(CITY_FORMS))
def test_city_forms(assistant: Assistant, city: str) -> None:
    record = assistant.brain.registry.cities[city]
    nominative, genitive, accusative, instrumental = CITY_FORMS[city]
    assert record.name("pl") == nominative
    assert record.form("gen", "pl") == genitive
    assert record.form("acc", "pl") == accusative
    assert record.form("ins", "pl") == instrumental


@pytest.mark.parametrize("city", sorted(CITY_FORMS))
def test_the_status_sentences_of_every_city(assistant: Assistant, city: str) -> None:
    """Each status's sentences put the name in the case its preposition or verb needs."""
    record = assistant.brain.registry.cities[city]
    nominative, genitive, _, instrumental = CITY_FORMS[city]
    country = assistant.brain.registry.countries[record.country].name.pl
    expected = {
        "partnership": f"{nominative} ({country}) to miasto partnerskie Kielc.",
        "friendly": f"Kielce mają z {instrumental} ({country}) umowę o przyjaznej współpracy",
        "cooperation": f"Kielce współpracują z {instrumental} ({country}) bez umowy partnerskiej.",
        "unconfirmed": f"{genitive} ({country}) nie ma na liście miast partnerskich",
        "historical": f"{nominative} ({country}) nie jest dziś miastem partnerskim Kielc.",
    }[record.status]
    for focus in ("overview", "status"):
        answer = assistant.open("city-card", "pl", city=city, focus=focus)  # type: ignore[arg-type]
        assert expected in answer.summary, (focus, answer.summary)
    asked = assistant.open("city-card", "pl", city=city, focus="status").summary
    assert asked.startswith(("Tak", "Nie")), asked


@pytest.mark.parametrize("city", sorted(CITY_FORMS))
def test_what_the_sources_do_not_say_of_every_city(assistant: Assistant, city: str) -> None:
    _, genitive, _, _ = CITY_FORMS[city]
    record = assistant.brain.registry.cities[city]
    for focus, sentence in (
        ("population", f"nie podają liczby mieszkańców {genitive}."),
        ("known_for", f"nie opisują historii {genitive}."),
    ):
        if not record.about(focus):
            answer = assistant.open("city-card", "pl", city=city, focus=focus)  # type: ignore[arg-type]
            assert sentence in answer.summary
    events = assistant.open("city-card", "pl", city=city, focus="events", year=1990).summary
    assert events == f"Źródła nie opisują wydarzeń z udziałem {genitive} w 1990 r."


@pytest.mark.parametrize("code", sorted(COUNTRY_FORMS))
def test_the_sentences_of_every_country(assistant: Assistant, code: str) -> None:
    where, genitive = COUNTRY_FORMS[code]
    registry = assistant.brain.registry
    answer = assistant.open("cities-by-country", "pl", country=code)
    current = [
        c
        for c in registry.cities.values()
        if c.country == code and c.status in ("partnership", "friendly", "cooperation")
    ]
    opening = where[0].upper() + where[1:]
    assert answer.summary.startswith(opening + " Kielce "), answer.summary
    for city in current:
        assert f" z {CITY_FORMS[city.id][3]}" in answer.summary
    visits = assistant.open("diplomatic-contacts", "pl", country=code).summary
    assert f"dotyczących {genitive}" in visits or f"dotyczące {genitive}" in visits, visits


def test_the_count_names_partners_in_the_accusative(assistant: Assistant) -> None:
    answer = assistant.open("partner-cities", "pl", focus="count")
    assert answer.summary.startswith(
        "Kielce mają cztery miasta partnerskie z umową partnerską: Winnicę, Gothę, Orange "
        "i Budapeszt-Csepel, oraz dwa miasta z umową o przyjaznej współpracy: Ramlę i Yuyao."
    )
    assert "Bez umowy partnerskiej Kielce współpracują też z Sandviken i Bacău." in answer.summary
    for name in ("Taizhou", "Trzebicz", "Herning"):
        assert name not in answer.summary, "never counted as cities Kielce cooperates with"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "jedno miasto partnerskie"),
        (2, "dwa miasta partnerskie"),
        (4, "cztery miasta partnerskie"),
        (5, "pięć miast partnerskich"),
        (12, "12 miast partnerskich"),
        (22, "22 miasta partnerskie"),
        (25, "25 miast partnerskich"),
    ],
)
def test_counted_nouns_agree_with_their_number(n: int, expected: str) -> None:
    assert counted(n, "pl", "count.partner_cities") == expected


def test_lists_join_with_the_language_s_and() -> None:
    assert join(["Winnicę", "Gothę", "Orange"], "pl") == "Winnicę, Gothę i Orange"
    assert join(["Vinnytsia", "Gotha"], "en") == "Vinnytsia and Gotha"


def test_suggestions_do_not_need_a_case_after_a_preposition() -> None:
    # "Czy pytasz o: Karta miasta" would need the accusative of every option's title.
    assert not t("pl", "suggest.intro").rstrip().endswith(" o:")
