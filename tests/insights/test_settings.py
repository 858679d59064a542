"""The settings of usage insights and of the staff's commands."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.errors import ConfigError


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.question_log_days == 180
    assert settings.analytics_salt is None
    assert settings.admin_ids == frozenset()


def test_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "QUESTION_LOG_DAYS": "30",
            "ANALYTICS_SALT": "0123456789abcdef-salt",
            "ADMIN_IDS": " 123456789, 987654321 ,",
        }
    )
    assert settings.question_log_days == 30
    assert settings.analytics_salt == "0123456789abcdef-salt"
    assert settings.admin_ids == frozenset({123456789, 987654321})
    assert "0123456789abcdef-salt" not in repr(settings)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        pytest.param("QUESTION_LOG_DAYS", "0", "1 or more", id="no-days"),
        pytest.param("QUESTION_LOG_DAYS", "half a year", "must be a number", id="words"),
        pytest.param("ANALYTICS_SALT", "short", "at least 16 characters", id="short-salt"),
        pytest.param("ADMIN_IDS", "123, @anna", "Telegram user ids", id="username"),
        pytest.param("ADMIN_IDS", "-5", "Telegram user ids", id="negative"),
    ],
)
def test_junk_is_refused_with_what_to_do(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({name: value})
