"""The insights tests run on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.registry import Registry
from bot.state import Pseudonyms
from tests.postgres import fresh_schema


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'insights.sqlite3'}"
        return
    with fresh_schema() as server:
        yield server.url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    registry = Registry(database_url, retry_delay=0)
    registry.upgrade()
    yield registry.engine
    registry.close()


@pytest.fixture
def pseudonyms() -> Pseudonyms:
    return Pseudonyms(b"a salt for the tests only")
