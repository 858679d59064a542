"""The matching engine: entities in any inflected form, languages, the three outcomes."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from bot.assistant import Assistant
from bot.intent import Turn
from bot.matching import WORD_CACHE, Match, Matcher
from bot.text import tokens


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


@pytest.mark.parametrize("question", ["kto jest prezydentem Kielc", "asdf qwer"])
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


# What the question asks (bot.intent.Focus) -----------------------------------------------------


def _entry_id(match: Match) -> str | None:
    return match.entry.id if match.entry else None


@pytest.mark.parametrize(
    ("question", "entry", "city", "focus"),
    [
        pytest.param("Kiedy podpisano umowę z Gothą?", "city-card", "gotha", "when", id="when-pl"),
        pytest.param("od kiedy Winnica", "city-card", "vinnytsia", "when", id="since-when-pl"),
        pytest.param(
            "since when has Orange been a partner?", "city-card", "orange", "when", id="when-en"
        ),
        pytest.param(
            "czy Gotha jest miastem partnerskim Kielc?",
            "city-card",
            "gotha",
            "status",
            id="status",
        ),
        pytest.param(
            "is Ramla a sister city of Kielce?", "city-card", "ramla", "status", id="status-en"
        ),
        pytest.param(
            "czy Herning jest miastem partnerskim",
            "city-card",
            "herning",
            "status",
            id="status-historical",
        ),
        pytest.param(
            "w jakich dziedzinach Kielce współpracują z Orange?",
            "city-card",
            "orange",
            "areas",
            id="areas-pl",
        ),
        pytest.param(
            "what do Kielce and Gotha cooperate on?", "city-card", "gotha", "areas", id="areas-en"
        ),
        pytest.param("ile mieszkańców ma Gotha", "city-card", "gotha", "population", id="pop"),
        pytest.param(
            "ile mieszkancow ma gota", "city-card", "gotha", "population", id="pop-typo-folded"
        ),
        pytest.param(
            "what is the population of Ramla?", "city-card", "ramla", "population", id="pop-en"
        ),
        pytest.param("gdzie leży Yuyao", "city-card", "yuyao", "location", id="location-pl"),
        pytest.param("where is Sandviken?", "city-card", "sandviken", "location", id="loc-en"),
        pytest.param("z czego słynie Orange", "city-card", "orange", "known_for", id="known-pl"),
        pytest.param(
            "what is Orange known for?", "city-card", "orange", "known_for", id="known-en"
        ),
        pytest.param(
            "kto podpisał umowę z Gothą?", "city-card", "gotha", "who", id="who-signed-pl"
        ),
        pytest.param("kto odpowiada za stronę", "content-responsibility", None, "who", id="who"),
        pytest.param(
            "ile miast partnerskich mają Kielce", "partner-cities", None, "count", id="count-pl"
        ),
        pytest.param(
            "how many sister cities does Kielce have?",
            "partner-cities",
            None,
            "count",
            id="count-en",
        ),
        pytest.param(
            "co się wydarzyło w 2018?", "partnership-events", None, "events", id="events-year-pl"
        ),
        pytest.param(
            "what happened in 2005", "partnership-events", None, "events", id="events-year-en"
        ),
        pytest.param("coi mail", "office-contact", None, "email", id="staff-coi-mail"),
        pytest.param(
            "what is the investor centre e-mail", "office-contact", None, "email", id="email-en"
        ),
        pytest.param("tel biuro", "office-contact", None, "phone", id="staff-tel"),
        pytest.param(
            "e-mail address of the office", "office-contact", None, "email", id="email-address"
        ),
        pytest.param("fax", "office-contact", None, "fax", id="fax"),
        pytest.param("adres biura", "office-contact", None, "address", id="address-pl"),
        pytest.param(
            "telefon do centrum obsługi inwestora",
            "office-contact",
            None,
            "investor_centre",
            id="investor-centre",
        ),
        pytest.param(
            "jakie miasta partnerskie są w Niemczech",
            "cities-by-country",
            None,
            "cities_of_country",
            id="cities-of-country",
        ),
        pytest.param("sistr citys of kielse", "partner-cities", None, "overview", id="typos-en"),
        pytest.param("sister cities", "partner-cities", None, "overview", id="sister-cities"),
        pytest.param(
            "hi! quick question - when did kielce and gotha become partners?",
            "city-card",
            "gotha",
            "when",
            id="greeting-before-an-english-question",
        ),
        pytest.param(
            "dzień dobry, mam pytanie: kiedy podpisano umowę z Gothą?",
            "city-card",
            "gotha",
            "when",
            id="greeting-with-a-question",
        ),
    ],
)
def test_the_focus_is_what_the_question_asks(
    assistant: Assistant, question: str, entry: str, city: str | None, focus: str
) -> None:
    match = assistant.match(question)
    assert match.outcome == "answer", match
    assert _entry_id(match) == entry, match
    if city:
        assert match.entities.cities[:1] == (city,)
    assert match.focus == focus, match


@pytest.mark.parametrize(
    ("question", "year"),
    [("co się wydarzyło w 2018?", 2018), ("what happened in 2005", 2005), ("Gotha", None)],
)
def test_the_year_asked_about_is_kept(
    assistant: Assistant, question: str, year: int | None
) -> None:
    assert assistant.match(question).year == year


@pytest.mark.parametrize(
    ("question", "entry", "place", "country"),
    [
        pytest.param(
            "czy Lwów jest miastem partnerskim?", "partner-cities", "Lwów", None, id="lwow"
        ),
        pytest.param(
            "czy lwow jest miastem partnerskim", "partner-cities", "lwow", None, id="folded"
        ),
        pytest.param("Paryż", "partner-cities", "Paryż", None, id="bare-listed-place"),
        pytest.param("Lwów", "partner-cities", "Lwów", None, id="bare-named-place"),
        pytest.param("Lviv?", "partner-cities", "Lviv", None, id="bare-named-place-en"),
        pytest.param(
            "czy Radom jest miastem partnerskim Kielc",
            "partner-cities",
            "Radom",
            None,
            id="polish-city",
        ),
        pytest.param(
            "is Barcelona a twin town of Kielce?", "partner-cities", "Barcelona", None, id="en"
        ),
        pytest.param("Rosja", "cities-by-country", None, "RU", id="bare-country"),
        pytest.param(
            "Czy Kielce mają miasto partnerskie w Rosji?",
            "cities-by-country",
            None,
            "RU",
            id="country",
        ),
    ],
)
def test_any_place_named_gets_a_yes_or_no(
    assistant: Assistant, question: str, entry: str, place: str | None, country: str | None
) -> None:
    match = assistant.match(question)
    assert match.outcome == "answer", match
    assert _entry_id(match) == entry, match
    assert match.focus == "is_partner"
    assert match.place == place
    if country:
        assert match.entities.countries[:1] == (country,)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        pytest.param("kto jest teraz burmistrzem Gothy", "city-card", id="current-mayor"),
        pytest.param("who is the mayor of Vinnytsia now?", "city-card", id="current-mayor-en"),
        pytest.param(
            "kiedy przyjedzie następna delegacja", "partnership-events", id="next-delegation"
        ),
        pytest.param("ile kosztuje misja", "mission-costs", id="mission-cost"),
    ],
)
def test_in_scope_questions_no_source_answers_are_answered_not_declined(
    assistant: Assistant, question: str, entry: str
) -> None:
    match = assistant.match(question)
    assert match.outcome == "answer", match
    assert _entry_id(match) == entry, match
    assert match.focus == "unanswerable"


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        pytest.param("jaka jest pogoda w Gocie", "other-topic", id="weather-there"),
        pytest.param("hotele w Orange", "other-topic", id="hotels-there"),
        pytest.param(
            "which political party does the mayor of Gotha belong to?",
            "other-topic",
            id="their-mayors-politics",
        ),
        pytest.param("z jakimi innymi miastami współpracuje Orange?", "other-place", id="other"),
        pytest.param("inne miasta partnerskie Gothy", "other-place", id="their-twin-towns"),
        pytest.param("what other twin towns does Gotha have", "other-place", id="their-en"),
        pytest.param(
            "miasta partnerskie Winnicy oprócz Kielc", "other-place", id="besides-kielce"
        ),
    ],
)
def test_a_partner_citys_own_affairs_are_declined(
    assistant: Assistant, question: str, reason: str
) -> None:
    match = assistant.match(question)
    assert match.outcome == "decline"
    assert match.reason == reason


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        pytest.param("dzięki!", "thanks", id="thanks"),
        pytest.param("dziekuje bardzo", "thanks", id="thanks-folded"),
        pytest.param("thank you so much", "thanks", id="thanks-en"),
        pytest.param("cześć", "greeting", id="hello"),
        pytest.param("Dzień dobry!", "greeting", id="good-morning"),
        pytest.param("hi there", "greeting", id="hi-en"),
        pytest.param("do widzenia", "goodbye", id="goodbye"),
        pytest.param("bye", "goodbye", id="bye-en"),
        pytest.param("kim jesteś?", "identity", id="who-are-you"),
        pytest.param("jesteś botem?", "identity", id="are-you-a-bot"),
        pytest.param("are you a bot?", "identity", id="are-you-a-bot-en"),
        pytest.param("co umiesz?", "capabilities", id="what-can-you-do"),
        pytest.param("what can you do", "capabilities", id="what-can-you-do-en"),
        pytest.param("pomocy", "help", id="help"),
        pytest.param("help", "help", id="help-en"),
        pytest.param("przepraszam", "apology", id="sorry"),
        pytest.param("sorry", "apology", id="sorry-en"),
        pytest.param("głupi bot", "rudeness", id="rude"),
        pytest.param("you are useless", "rudeness", id="rude-en"),
        pytest.param("cześć, dzięki!", "thanks", id="two-kinds"),
    ],
)
def test_small_talk_is_answered_never_declined(
    assistant: Assistant, question: str, kind: str
) -> None:
    match = assistant.match(question)
    assert match.outcome == "answer"
    assert match.entry is None
    assert match.focus == "small_talk"
    assert match.small_talk == kind
    assert assistant.ask(question).outcome == "answer"


def test_a_long_message_is_answered_from_its_question_sentence(assistant: Assistant) -> None:
    background = (
        "Piszę artykuł o współpracy samorządów z zagranicą i zbieram materiały o różnych "
        "miastach regionu, ich budżetach, inwestycjach i wydarzeniach kulturalnych. "
    )
    message = background * 30 + "Mam jedno pytanie na koniec: kiedy Gotha?"
    assert len(message) > 4000
    match = assistant.match(message)
    assert match.outcome == "answer", match
    assert _entry_id(match) == "city-card", match
    assert match.entities.cities == ("gotha",)
    assert match.focus == "when"


def test_a_long_message_keeps_the_city_it_is_about(assistant: Assistant) -> None:
    message = (
        "Piszę o partnerstwie Kielc i Winnicy. "
        + "Zbieram materiały o historii obu miast i ich mieszkańcach. " * 40
        + "Od kiedy trwa ta współpraca?"
    )
    match = assistant.match(message)
    assert _entry_id(match) == "city-card", match
    assert match.entities.cities == ("vinnytsia",)
    assert match.focus == "when"


# Follow-ups ------------------------------------------------------------------------------------


def _turn(assistant: Assistant, question: str) -> Turn:
    turn = Turn.from_match(assistant.match(question), time.time())
    assert turn is not None
    return turn


@pytest.mark.parametrize(
    ("first", "follow_up", "entry", "city", "country", "focus"),
    [
        pytest.param(
            "Kiedy podpisano umowę z Gothą?",
            "a z Orange?",
            "city-card",
            "orange",
            None,
            "when",
            id="same-question-another-city",
        ),
        pytest.param("Gotha", "a od kiedy?", "city-card", "gotha", None, "when", id="since-when"),
        pytest.param(
            "opowiedz o Winnicy",
            "a ile ma mieszkańców?",
            "city-card",
            "vinnytsia",
            None,
            "population",
            id="population",
        ),
        pytest.param(
            "what is the office's address?",
            "and their phone number?",
            "office-contact",
            None,
            None,
            "phone",
            id="their-phone",
        ),
        pytest.param(
            "jakie miasta partnerskie są we Francji",
            "a w Niemczech?",
            "cities-by-country",
            None,
            "DE",
            "cities_of_country",
            id="another-country",
        ),
        pytest.param(
            "When was the Orange agreement signed?",
            "what does it cover?",
            "city-card",
            "orange",
            None,
            "areas",
            id="pronoun-points-back",
        ),
        pytest.param(
            "czy Paryż jest miastem partnerskim Kielc?",
            "a Lwów?",
            "partner-cities",
            None,
            None,
            "is_partner",
            id="another-unknown-place",
        ),
        pytest.param(
            "kto podpisał umowę z Gothą?",
            "a kto jest tam teraz burmistrzem?",
            "city-card",
            "gotha",
            None,
            "unanswerable",
            id="their-current-mayor",
        ),
        pytest.param(
            "czy Lwów jest miastem partnerskim?",
            "a Gotha?",
            "city-card",
            "gotha",
            None,
            "status",
            id="is-partner-then-a-partner",
        ),
    ],
)
def test_a_follow_up_is_read_against_the_previous_turn(
    assistant: Assistant,
    first: str,
    follow_up: str,
    entry: str,
    city: str | None,
    country: str | None,
    focus: str,
) -> None:
    match = assistant.match(follow_up, context=_turn(assistant, first))
    assert match.outcome == "answer", match
    assert _entry_id(match) == entry, match
    assert match.entities.cities[:1] == ((city,) if city else ())
    if country:
        assert match.entities.countries[:1] == (country,)
    assert match.focus == focus


def test_a_change_of_subject_ignores_the_context(assistant: Assistant) -> None:
    context = _turn(assistant, "Kiedy podpisano umowę z Gothą?")
    match = assistant.match("jaki jest adres biura współpracy z zagranicą?", context=context)
    assert _entry_id(match) == "office-contact", match
    assert match.entities.cities == ()
    assert assistant.match("jaka jest pogoda?", context=context).outcome == "decline"


def test_an_expired_context_is_not_used(assistant: Assistant) -> None:
    context = replace(_turn(assistant, "Gotha"), at=time.time() - Turn.LIFETIME - 1)
    assert assistant.match("a od kiedy?", context=context).entities.cities == ()


def test_the_next_turn_remembers_entry_entity_and_focus(assistant: Assistant) -> None:
    turn = _turn(assistant, "Kiedy podpisano umowę z Gothą?")
    assert (turn.entry, turn.city, turn.focus, turn.lang) == ("city-card", "gotha", "when", "pl")
    assert Turn.from_dict(turn.to_dict()) == turn
    assert Turn.from_match(assistant.match("dzięki!"), time.time()) is None
    assert Turn.from_match(assistant.match("jaka będzie jutro pogoda?"), time.time()) is None


def test_the_assistant_threads_the_context_into_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask("a z Orange?", context=_turn(assistant, "od kiedy Gotha?"))
    assert answer.outcome == "answer"
    assert answer.city == "orange"


def test_a_named_place_is_no_reason_to_decline(assistant: Assistant) -> None:
    # The Polish Consul General in Lviv visited Kielce: Lwów is part of Kielce's story.
    match = assistant.match("konsul generalny we Lwowie")
    assert match.outcome == "answer"
    assert _entry_id(match) == "diplomatic-contacts"


# The matcher's remembered word lookups (Matcher.__init__) -----------------------------------

_SAMPLES = [
    "Kiedy Kielce podpisały umowę z Gothą?",
    "kiedy kielce podpisaly umowe z gota",
    "wspolpraca z winica",
    "jakie sa miasta partnerkie kielc",
    "Since when is Orange a partner city of Kielce?",
    "sistr cities of kielse",
    "kontakt do biura wspolpracy miedzynarodowej",
    "the embasy of germany",
    "czy Lwów jest miastem partnerskim?",
    "Sandvikien i Herning",
]


def _fresh(assistant: Assistant) -> Matcher:
    brain = assistant.brain
    return Matcher(brain.knowledge, brain.registry, brain.matcher.lexicon)


def test_remembered_words_answer_as_when_first_seen(assistant: Assistant) -> None:
    """Every question, in every language hint and in any order, matches as it does on a
    matcher that has seen nothing before."""
    cached, reference = _fresh(assistant), _fresh(assistant)
    for hint in (None, "pl", "en", None):
        for question in (*_SAMPLES, *reversed(_SAMPLES)):
            reference._typo_of.cache_clear()
            reference._fuzzy_entity_of.cache_clear()
            first_seen = reference.match(question, hint, now=0.0)
            assert cached.match(question, hint, now=0.0) == first_seen, question
    assert cached._typo_of.cache_info().hits
    assert cached._fuzzy_entity_of.cache_info().hits


def test_remembered_words_are_what_the_lookups_give(assistant: Assistant) -> None:
    matcher = _fresh(assistant)
    words = {w for question in _SAMPLES for w in tokens(question)} | {"kielse", "winica", "xyzzy"}
    for word in sorted(words) * 2:  # the second time from the cache
        assert matcher._typo_of(word) == matcher._correct_typo(word)
        assert matcher._fuzzy_entity_of(word) == matcher._fuzzy_entity(word)


def test_the_word_caches_stay_bounded(assistant: Assistant) -> None:
    matcher = _fresh(assistant)
    for n in range(WORD_CACHE + 500):
        word = f"slowo{n}"
        matcher._typo_of(word)
        matcher._fuzzy_entity_of(word)
    assert matcher._typo_of.cache_info().currsize == WORD_CACHE
    assert matcher._fuzzy_entity_of.cache_info().currsize == WORD_CACHE
