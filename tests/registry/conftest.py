"""Every registry test runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.

``database_url`` (tests/conftest.py) gives each PostgreSQL test a schema of its own, dropped
afterwards, so test runs sharing one server never see each other's tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.assistant import seed_data
from bot.config import PROJECT_ROOT
from bot.knowledge import load_knowledge
from bot.registry import RegistryData, RegistryDatabase


@pytest.fixture
def database(database_url: str) -> Iterator[RegistryDatabase]:
    opened = RegistryDatabase(database_url, retry_delay=0)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def seed() -> RegistryData:
    """The registry as knowledge/registry/*.yaml describes it."""
    return seed_data(load_knowledge(PROJECT_ROOT / "knowledge"))


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> str:
    """Point the command line at the test database; returns its URL."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KNOWLEDGE_DIR", str(PROJECT_ROOT / "knowledge"))
    return database_url
