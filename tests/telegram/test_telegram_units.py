"""The pure parts: splitting HTML, callback data, deep links, the state store, the settings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bot.answers import Link
from bot.assistant import Assistant
from bot.config import Settings
from bot.errors import ConfigError
from bot.insights import QuestionLog
from bot.registry import RegistryDatabase
from bot.state import AnswerRow, FloodLimit, Pseudonyms, StateStore
from bot.telegram.callbacks import (
    Example,
    Language,
    MapPin,
    Open,
    Vote,
    deep_link,
    encode,
    parse,
    parse_deep_link,
)
from bot.telegram.split import split_html, telegram_length


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1:] == [tag], f"</{tag}> closes {self.stack}"
        self.stack.pop()


def _balanced(html: str) -> bool:
    parser = _Balance()
    parser.feed(html)
    return not parser.stack


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


# Splitting -----------------------------------------------------------------------------------


def test_a_short_message_is_left_whole() -> None:
    assert split_html("<b>Gotha</b>\n\nStatus") == ["<b>Gotha</b>\n\nStatus"]
    assert split_html("   ") == []


def test_a_long_message_is_cut_between_paragraphs() -> None:
    paragraphs = [f"Paragraph {i}: " + "słowo " * 60 for i in range(40)]
    html = "<b>Title</b>\n\n" + "\n\n".join(paragraphs)
    parts = split_html(html)
    assert len(parts) > 1
    assert all(telegram_length(p) <= 4096 for p in parts)
    # Every part starts with a whole paragraph: no paragraph is cut in two.
    assert all(p.startswith(("<b>Title</b>", "Paragraph")) for p in parts)
    assert _text(" ".join(parts)) == _text(html)


def test_a_tag_open_at_a_cut_is_closed_and_reopened() -> None:
    sources = "\n".join(f"[{i}] Source number {i} — " + "x" * 90 for i in range(80))
    html = "<b>Sources</b>\n\n<i>Sources:\n" + sources + "</i>"
    parts = split_html(html)
    assert len(parts) > 1
    assert all(_balanced(p) and telegram_length(p) <= 4096 for p in parts)
    assert parts[1].startswith("<i>")
    assert _text(" ".join(parts)) == _text(html)


def test_emoji_count_twice_and_entities_are_never_cut() -> None:
    html = ("😀&amp;" * 3000).strip()
    parts = split_html(html, limit=1000)
    assert all(telegram_length(p) <= 1000 for p in parts)
    assert all(
        not re.search(r"&[a-z]*$", p) and not p.startswith(("amp;", "mp;", "p;", ";"))
        for p in parts
    )
    assert "".join(parts) == html


# Callback data and deep links ----------------------------------------------------------------


@pytest.mark.parametrize(
    "button",
    [
        pytest.param(Open("pl", "city-card", city="gotha"), id="open-city"),
        pytest.param(Open("en", "cities-by-country", country="HU"), id="open-country"),
        pytest.param(Open("pl", "partner-cities"), id="open-entry"),
        pytest.param(Example("en", 2), id="example"),
        pytest.param(Vote(12345, 1), id="up"),
        pytest.param(Vote(7, -1), id="down"),
        pytest.param(Language("en"), id="language"),
        pytest.param(MapPin("pl", "gotha"), id="map-pin"),
    ],
)
def test_buttons_survive_the_round_trip(button: object, assistant: Assistant) -> None:
    data = encode(button)  # type: ignore[arg-type]
    assert len(data.encode()) <= 64
    assert parse(data, assistant) == button


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("sentinel", id="garbage"),
        pytest.param("o|pl|no-such-entry|", id="unknown-entry"),
        pytest.param("o|pl|city-card|atlantis", id="unknown-city"),
        pytest.param("o|de|city-card|gotha", id="unknown-language"),
        pytest.param("o|pl|city-card", id="too-short"),
        pytest.param("x|pl|99", id="unknown-example"),
        pytest.param("f|abc|+", id="vote-not-a-number"),
        pytest.param("f|12|x", id="vote-not-a-sign"),
        pytest.param("f|١٢|+", id="vote-arabic-digits"),
        pytest.param("l|fr", id="unknown-language-choice"),
        pytest.param("p|pl|nowhere", id="pin-of-an-unknown-city"),
        pytest.param("p|de|gotha", id="pin-in-an-unknown-language"),
        pytest.param("p|pl", id="pin-of-no-city"),
        pytest.param("p|pl|gotha|x", id="pin-too-long"),
    ],
)
def test_stale_or_forged_data_parses_as_nothing(data: str | None, assistant: Assistant) -> None:
    assert parse(data, assistant) is None


def test_deep_links_open_cards_countries_and_entries(assistant: Assistant) -> None:
    assert deep_link(Link("city-card", "Gotha", city="gotha")) == "city_gotha"
    assert deep_link(Link("cities-by-country", "Węgry", country="HU")) == "country_HU"
    assert deep_link(Link("sources", "Sources")) == "sources"
    assert parse_deep_link("city_gotha", "pl", assistant) == Open("pl", "city-card", city="gotha")
    assert parse_deep_link("country_hu", "en", assistant) == Open(
        "en", "cities-by-country", country="HU"
    )
    assert parse_deep_link("partner-cities", "pl", assistant) == Open("pl", "partner-cities")
    assert parse_deep_link("city_atlantis", "pl", assistant) is None
    assert parse_deep_link("whatever", "pl", assistant) is None


# The state store -----------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[StateStore]:
    """3 messages a minute, then 30 s of silence."""
    registry = RegistryDatabase(f"sqlite:///{tmp_path / 'state.sqlite3'}")
    registry.upgrade()
    pseudonyms = Pseudonyms(b"salt for the tests only")
    yield StateStore(registry.engine, FloodLimit(3, 60, 30), pseudonyms=pseudonyms, clock=clock)
    registry.close()


def test_flood_control_notifies_once_then_ignores_until_the_mute_ends(
    store: StateStore, clock: Clock
) -> None:
    verdicts = [store.admit("telegram:1").verdict for _ in range(6)]
    assert verdicts == ["ok", "ok", "ok", "notify", "ignore", "ignore"]
    assert store.admit("telegram:2").verdict == "ok", "another user is not affected"
    assert store.admit("web:1").verdict == "ok", "the same number in another channel neither"
    clock.now += 31
    assert store.admit("telegram:1").verdict == "ok"


def test_a_steady_pace_is_never_limited(store: StateStore, clock: Clock) -> None:
    for _ in range(50):
        assert store.admit("telegram:1").verdict == "ok"
        clock.now += 20  # 3 a minute is exactly the allowance


def test_language_and_votes_are_stored(store: StateStore, assistant: Assistant) -> None:
    me, other = "telegram:5", "telegram:6"
    assert store.language(me) is None
    assert store.set_language(me, "en")
    assert store.language(me) == "en"
    assert store.admit(me).lang == "en"
    questions = QuestionLog(store.engine, store.pseudonyms, store.health)
    answer = assistant.ask("gotha", "pl")
    answer_id = questions.record(person=me, question="gotha", answer=answer)
    assert answer_id is not None

    def anything(row: AnswerRow) -> bool:
        return True

    assert store.vote(answer_id, me, 1, votable=anything) == "saved"
    assert store.vote(answer_id, other, -1, votable=anything) == "refused", "not their answer"
    assert store.vote(answer_id, me, -1, votable=lambda row: False) == "refused"
    assert store.vote(answer_id, me, -1, votable=anything) == "saved"
    voter = store.pseudonyms.of
    assert store.votes(answer_id) == {voter(me): -1}
    assert store.vote(answer_id + 1000, me, 1, votable=anything) == "expired"


# Settings ------------------------------------------------------------------------------------


def test_telegram_settings_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": "1:secret-token",
            "TELEGRAM_BASE_URL": "http://localhost:8081/bot",
            "WEBHOOK_URL": "https://bot.example.org/tg/updates",
            "WEBHOOK_SECRET": "s3cret_-",
            "WEBHOOK_LISTEN": "0.0.0.0",
            "WEBHOOK_PORT": "8443",
            "FLOOD_MESSAGES": "5",
        }
    )
    assert settings.telegram_base_file_url == "http://localhost:8081/file/bot"
    assert settings.webhook_path == "/tg/updates"
    assert (settings.webhook_listen, settings.webhook_port) == ("0.0.0.0", 8443)
    assert settings.flood_messages == 5
    assert "secret-token" not in repr(settings)
    assert "s3cret" not in repr(settings)
    default = Settings.from_env({})
    assert default.telegram_base_url == "https://api.telegram.org/bot"
    assert default.telegram_base_file_url == "https://api.telegram.org/file/bot"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        pytest.param({"WEBHOOK_URL": "https://x.org/hook"}, "WEBHOOK_SECRET", id="no-secret"),
        pytest.param(
            {"WEBHOOK_URL": "https://x.org/hook", "WEBHOOK_SECRET": "no spaces"},
            "WEBHOOK_SECRET",
            id="bad-secret",
        ),
        pytest.param({"WEBHOOK_URL": "x.org/hook", "WEBHOOK_SECRET": "s"}, "URL", id="bad-url"),
        pytest.param({"WEBHOOK_PORT": "http"}, "WEBHOOK_PORT", id="bad-port"),
        pytest.param({"FLOOD_MESSAGES": "0"}, "FLOOD_MESSAGES", id="no-flood-allowance"),
    ],
)
def test_bad_telegram_settings_say_what_to_fix(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)
