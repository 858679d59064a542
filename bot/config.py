"""Settings from the environment, read and validated once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

__all__ = ["PROJECT_ROOT", "Settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        knowledge_dir = Path(env.get("KNOWLEDGE_DIR") or PROJECT_ROOT / "knowledge")
        data_dir = Path(env.get("DATA_DIR") or PROJECT_ROOT / "data")
        database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'registry.sqlite3'}"
        cache = env.get("CACHE_DIR", str(data_dir / "cache"))
        default_lang = env.get("BOT_LANGUAGE", "pl")
        if default_lang not in ("pl", "en"):
            raise ConfigError(f"BOT_LANGUAGE must be 'pl' or 'en', not {default_lang!r}")
        log_level = env.get("LOG_LEVEL", "INFO").upper()
        if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {log_level!r}")
        return cls(
            knowledge_dir=knowledge_dir,
            data_dir=data_dir,
            database_url=database_url,
            # An empty CACHE_DIR turns the lexicon cache off (a read-only deployment).
            cache_dir=Path(cache) if cache else None,
            default_lang=default_lang,
            log_level=log_level,
            telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
        )
