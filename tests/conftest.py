"""Shared fixtures: one assistant per test session (building the lexicon takes seconds)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.assistant import Assistant, start_assistant
from bot.config import PROJECT_ROOT, Settings
from bot.registry import RegistryDatabase
from tests.postgres import fresh_schema

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lexicon cache shared by every test and subprocess of the session."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Settings:
    data = tmp_path_factory.mktemp("data")
    return Settings.from_env(
        {
            "KNOWLEDGE_DIR": str(KNOWLEDGE),
            "DATA_DIR": str(data),
            "CACHE_DIR": str(cache_dir),
        }
    )


@pytest.fixture(scope="session")
def assistant(settings: Settings) -> Assistant:
    assistant, registry = start_assistant(settings)
    registry.close()
    return assistant


@pytest.fixture
def cli_env(tmp_path: Path, cache_dir: Path, assistant: Assistant) -> dict[str, str]:
    """Environment for running run_bot.py in a subprocess: a fresh database, the warm cache."""
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL")}
    env.update(
        {
            "KNOWLEDGE_DIR": str(KNOWLEDGE),
            "DATA_DIR": str(tmp_path / "data"),
            "CACHE_DIR": str(cache_dir),
            "PYTHONIOENCODING": "utf-8",
        }
    )
    return env


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge folder, for tests that break it."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a schema of its own on the PostgreSQL test server
    (skipped, with the reason, when TEST_DATABASE_URL is not set)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    with fresh_schema() as server:
        yield server.url


@pytest.fixture
def migrated_registry(database_url: str) -> Iterator[RegistryDatabase]:
    """A migrated, empty registry database (SQLite or PostgreSQL), closed after the test."""
    registry = RegistryDatabase(database_url, retry_delay=0)
    registry.upgrade()
    yield registry
    registry.close()
