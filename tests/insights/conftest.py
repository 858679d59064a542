"""The insights tests run on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.registry import RegistryDatabase
from bot.state import Pseudonyms


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    registry = RegistryDatabase(database_url, retry_delay=0)
    registry.upgrade()
    yield registry.engine
    registry.close()


@pytest.fixture
def pseudonyms() -> Pseudonyms:
    return Pseudonyms(b"a salt for the tests only")
