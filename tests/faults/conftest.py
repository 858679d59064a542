"""The Telegram tests' fixtures (the stand-in Bot API, a bot on a database of the test's own)."""

from __future__ import annotations

from tests.telegram.conftest import api, bot, bot_settings, timedelta_time_periods

__all__ = ["api", "bot", "bot_settings", "timedelta_time_periods"]
