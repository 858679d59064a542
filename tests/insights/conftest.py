"""The insights tests run on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from bot.registry import RegistryDatabase
from bot.state import Pseudonyms


@pytest.fixture
def engine(migrated_registry: RegistryDatabase) -> Engine:
    return migrated_registry.engine


@pytest.fixture
def pseudonyms() -> Pseudonyms:
    return Pseudonyms(b"a salt for the tests only")
