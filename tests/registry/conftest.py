"""Every registry test runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.

Each PostgreSQL test gets a schema of its own (``search_path`` set in the URL), dropped
afterwards, so test runs sharing one server never see each other's tables.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from bot.assistant import seed_data
from bot.config import PROJECT_ROOT
from bot.knowledge import load_knowledge
from bot.registry import Registry, RegistryData

NO_SERVER = "TEST_DATABASE_URL is not set; PostgreSQL tests need a server"


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.sqlite3'}"
        return
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        pytest.skip(NO_SERVER)
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(server, poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def registry(database_url: str) -> Iterator[Registry]:
    opened = Registry(database_url, retry_delay=0)
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
