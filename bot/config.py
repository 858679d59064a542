"""Settings from the environment, read and validated once at start-up."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from .errors import ConfigError
from .languages import DEFAULT, LANGUAGES

__all__ = ["PROJECT_ROOT", "Settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
N = TypeVar("N", int, float)


@dataclass(frozen=True)
class Settings:
    """Every setting the bot reads; see the README's table of environment variables."""

    knowledge_dir: Path
    data_dir: Path
    database_url: str
    cache_dir: Path | None
    default_lang: str = "pl"
    log_level: str = "INFO"
    # repr=False: settings get logged and printed, the token must never be.
    telegram_token: str | None = field(default=None, repr=False)
    # Telegram: the Bot API server (as python-telegram-bot's ``base_url``), webhook, flood limits.
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_base_file_url: str = "https://api.telegram.org/file/bot"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_secret: str | None = field(default=None, repr=False)
    flood_messages: int = 20
    flood_window: float = 60.0
    flood_mute: float = 60.0
    # Telegram user ids of the office's staff: /stats (and staff editing) answer only them.
    admin_ids: frozenset[int] = frozenset()
    # Seconds an unfinished staff edit waits for its next answer before it ends, unsaved.
    edit_timeout: float = 900.0
    # Updates handled at once, each chat's in order (see bot/telegram/updates.py).
    concurrent_updates: int = 8
    # Usage insights: how long the question log keeps a question, and the pseudonyms' salt.
    question_log_days: int = 180
    analytics_salt: str | None = field(default=None, repr=False)
    # The web chat (bot/web): where ``run_bot.py web`` listens, the pages that may embed it
    # (CORS origins), and requests a minute one address may make.
    web_listen: str = "127.0.0.1"
    web_port: int = 8000
    web_origins: tuple[str, ...] = ()
    web_address_limit: int = 120
    # Seconds an answer waits for the database before answering from memory (DATABASE_WAIT).
    database_wait: float = 0.5
    # One INFO line per HTTP request (ACCESS_LOG=1): off, the webhook gets one per update.
    access_log: bool = False
    # A copy alone on its database keeps people's state in memory and writes it, and the
    # question log, behind its answers (WRITE_BEHIND=1; bot/state/memory.py). 0: every
    # message's state and log row are written before it is answered, as copies sharing a
    # database always do.
    write_behind: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        knowledge_dir = Path(env.get("KNOWLEDGE_DIR") or PROJECT_ROOT / "knowledge")
        data_dir = Path(env.get("DATA_DIR") or PROJECT_ROOT / "data")
        database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'registry.sqlite3'}"
        cache = env.get("CACHE_DIR", str(data_dir / "cache"))
        default_lang = env.get("BOT_LANGUAGE", DEFAULT)
        if default_lang not in LANGUAGES:
            raise ConfigError(f"BOT_LANGUAGE must be 'pl' or 'en', not {default_lang!r}")
        log_level = env.get("LOG_LEVEL", "INFO").upper()
        if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ConfigError(
                f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {log_level!r}"
            )
        return cls(
            knowledge_dir=knowledge_dir,
            data_dir=data_dir,
            database_url=database_url,
            # An empty CACHE_DIR turns the lexicon cache off (a read-only deployment).
            cache_dir=Path(cache) if cache else None,
            default_lang=default_lang,
            log_level=log_level,
            telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
            **_telegram_settings(env),
            admin_ids=_admin_ids(env.get("ADMIN_IDS", "")),
            edit_timeout=_edit_timeout(env),
            concurrent_updates=_concurrent_updates(env),
            **_insight_settings(env),
            **_web_settings(env),
            **_fault_settings(env),
        )

    @property
    def webhook_path(self) -> str:
        """The path Telegram posts updates to: the path of ``webhook_url``."""
        return urlsplit(self.webhook_url or "").path or "/"


# Telegram's rule for a webhook's secret token.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _telegram_settings(env: Mapping[str, str]) -> dict[str, Any]:
    base_url = env.get("TELEGRAM_BASE_URL") or Settings.telegram_base_url
    head, bot, tail = base_url.rpartition("/bot")
    # A self-hosted Bot API server serves files under /file/bot next to /bot.
    derived_file_url = f"{head}/file/bot{tail}" if bot else Settings.telegram_base_file_url
    webhook_url = env.get("WEBHOOK_URL") or None
    secret = env.get("WEBHOOK_SECRET") or None
    if webhook_url:
        parts = urlsplit(webhook_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"WEBHOOK_URL must be an https:// URL, not {webhook_url!r}")
        if secret is None:
            raise ConfigError(
                "WEBHOOK_URL is set but WEBHOOK_SECRET is not: choose a secret of 1-256 letters, "
                "digits, '_' or '-', e.g. the output of "
                "python -c 'import secrets; print(secrets.token_urlsafe())'"
            )
    if secret is not None and not _SECRET.fullmatch(secret):
        raise ConfigError("WEBHOOK_SECRET may only hold 1-256 letters, digits, '_' and '-'")
    port = _number(env, "WEBHOOK_PORT", int, Settings.webhook_port)
    if not 0 <= port <= 65535:
        raise ConfigError(f"WEBHOOK_PORT must be a port number, not {port}")
    flood = {
        "flood_messages": _number(env, "FLOOD_MESSAGES", int, Settings.flood_messages),
        "flood_window": _number(env, "FLOOD_WINDOW", float, Settings.flood_window),
        "flood_mute": _number(env, "FLOOD_MUTE", float, Settings.flood_mute),
    }
    for name, value in flood.items():
        if value <= 0:
            raise ConfigError(f"{name.upper()} must be greater than 0, not {value}")
    return {
        "telegram_base_url": base_url,
        "telegram_base_file_url": env.get("TELEGRAM_BASE_FILE_URL") or derived_file_url,
        "webhook_url": webhook_url,
        "webhook_listen": env.get("WEBHOOK_LISTEN") or Settings.webhook_listen,
        "webhook_port": port,
        "webhook_secret": secret,
        **flood,
    }


def _admin_ids(value: str) -> frozenset[int]:
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if not all(re.fullmatch(r"[1-9][0-9]{0,18}", part) for part in ids):
        raise ConfigError(
            f"ADMIN_IDS must be Telegram user ids separated by commas, like 123456789,987654321; "
            f"not {value!r}"
        )
    return frozenset(int(part) for part in ids)


def _concurrent_updates(env: Mapping[str, str]) -> int:
    count = _number(env, "CONCURRENT_UPDATES", int, Settings.concurrent_updates)
    if not 1 <= count <= 256:
        raise ConfigError(f"CONCURRENT_UPDATES must be from 1 to 256, not {count}")
    return count


def _edit_timeout(env: Mapping[str, str]) -> float:
    seconds = _number(env, "EDIT_TIMEOUT", float, Settings.edit_timeout)
    if seconds <= 0:
        raise ConfigError(f"EDIT_TIMEOUT must be a number of seconds above 0, not {seconds}")
    return seconds


def _insight_settings(env: Mapping[str, str]) -> dict[str, Any]:
    days = _number(env, "QUESTION_LOG_DAYS", int, Settings.question_log_days)
    if days < 1:
        raise ConfigError(f"QUESTION_LOG_DAYS must be 1 or more, not {days}")
    salt = env.get("ANALYTICS_SALT") or None
    if salt is not None and len(salt) < 16:
        raise ConfigError(
            "ANALYTICS_SALT must be at least 16 characters; generate one with "
            "python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    return {"question_log_days": days, "analytics_salt": salt}


def _web_settings(env: Mapping[str, str]) -> dict[str, Any]:
    port = _number(env, "WEB_PORT", int, Settings.web_port)
    if not 0 <= port <= 65535:
        raise ConfigError(f"WEB_PORT must be a port number, not {port}")
    origins = tuple(
        o.strip().rstrip("/") for o in env.get("WEB_ORIGINS", "").split(",") if o.strip()
    )
    for origin in origins:
        parts = urlsplit(origin)
        if origin != "*" and (
            parts.scheme not in ("http", "https") or not parts.netloc or parts.path
        ):
            raise ConfigError(
                "WEB_ORIGINS must be origins like https://www.kielce.eu separated by commas "
                f"(scheme and host, no path), or *; not {origin!r}"
            )
    limit = _number(env, "WEB_ADDRESS_LIMIT", int, Settings.web_address_limit)
    if limit < 1:
        raise ConfigError(f"WEB_ADDRESS_LIMIT must be 1 or more, not {limit}")
    return {
        "web_listen": env.get("WEB_LISTEN") or Settings.web_listen,
        "web_port": port,
        "web_origins": origins,
        "web_address_limit": limit,
    }


def _fault_settings(env: Mapping[str, str]) -> dict[str, Any]:
    wait = _number(env, "DATABASE_WAIT", float, Settings.database_wait)
    if not 0 < wait <= 60:
        raise ConfigError(f"DATABASE_WAIT must be a number of seconds from 0 to 60, not {wait}")
    return {
        "database_wait": wait,
        "access_log": _switch(env, "ACCESS_LOG", Settings.access_log),
        "write_behind": _switch(env, "WRITE_BEHIND", Settings.write_behind),
    }


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    if value:
        raise ConfigError(f"{name} must be 1 (on) or 0 (off), not {value!r}")
    return default


def _number(env: Mapping[str, str], name: str, kind: Callable[[str], N], default: N) -> N:
    value = env.get(name)
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {value!r}") from None
