"""Migration 0005: people keyed by channel-qualified ids, existing rows kept (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import text

from bot.registry import RegistryDatabase, schema
from bot.state import Pseudonyms


def _migrate(registry: RegistryDatabase, revision: str, *, down: bool = False) -> None:
    with registry.engine.begin() as connection:
        config = schema.alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, revision)


def test_existing_people_and_questions_are_kept(database_url: str) -> None:
    registry = RegistryDatabase(database_url)
    try:
        _migrate(registry, "0004")
        pseudonym = Pseudonyms(b"a salt for this test only").of("telegram:123456")
        with registry.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO user_state (user_id, lang, tokens, seen_at, muted_until) "
                    "VALUES (123456, 'en', 4.5, 1000.0, NULL)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO answer_log (asker, question, lang, outcome, entry, city, "
                    "country, score, asked_at) VALUES (:asker, 'gotha', 'pl', 'answer', "
                    "'city-card', 'gotha', 'DE', 100, :at)"
                ),
                {"asker": pseudonym, "at": datetime(2026, 11, 30, tzinfo=UTC)},
            )
        _migrate(registry, "0005")
        with registry.engine.connect() as connection:
            people = connection.execute(
                text("SELECT person, lang, tokens, seen_at, turn FROM user_state")
            ).all()
            log = connection.execute(text("SELECT asker, channel, question FROM answer_log")).all()
        assert [tuple(row) for row in people] == [("telegram:123456", "en", 4.5, 1000.0, None)]
        assert [tuple(row) for row in log] == [(pseudonym, "telegram", "gotha")]

        _migrate(registry, "0004", down=True)
        with registry.engine.connect() as connection:
            back = connection.execute(text("SELECT user_id, lang FROM user_state")).all()
        assert [tuple(row) for row in back] == [(123456, "en")]
    finally:
        registry.close()


def test_a_telegram_persons_pseudonym_is_the_one_logged_before_channels() -> None:
    pseudonyms = Pseudonyms(b"a salt for this test only")
    before = Pseudonyms(b"a salt for this test only").of("123456")
    assert pseudonyms.of("telegram:123456") == before
    assert pseudonyms.of("web:123456") != before, "the same number elsewhere is someone else"
