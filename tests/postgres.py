"""A fresh PostgreSQL schema on the test server, optionally reached through a role of its own.

Tests that need PostgreSQL are skipped, with the reason, when ``TEST_DATABASE_URL`` is unset.
Each gets a schema of its own (``search_path`` and ``application_name`` set in the URL), dropped
afterwards; with ``role``, the URL logs in as a new role that owns nothing else, so a test can
stop that role from connecting (:meth:`Server.refuse`) or cut its connections
(:meth:`Server.terminate`) without touching anyone else's.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool

__all__ = ["NO_SERVER", "Server", "fresh_schema"]

NO_SERVER = "TEST_DATABASE_URL is not set; PostgreSQL tests need a server"


@dataclass
class Server:
    """The test's schema on the server, and the superuser's hand on it."""

    url: str  # what the bot connects with
    schema: str
    role: str | None
    admin: Engine

    def terminate(self) -> int:
        """End every connection of the test's URL (pg_terminate_backend); returns how many."""
        with self.admin.begin() as connection:
            return len(
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE application_name = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": self.schema},
                ).all()
            )

    def refuse(self, refused: bool = True) -> None:
        """Stop (or allow again) the test's role from logging in, and end its connections."""
        assert self.role, "fresh_schema(role=True) gives the test a role to refuse"
        with self.admin.begin() as connection:
            connection.execute(text(f"ALTER ROLE {self.role} {'NOLOGIN' if refused else 'LOGIN'}"))
        if refused:
            self.terminate()


@contextmanager
def fresh_schema(*, role: bool = False) -> Iterator[Server]:
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        pytest.skip(NO_SERVER)
    schema = f"t_{secrets.token_hex(6)}"
    user = f"{schema}_bot" if role else None
    admin = create_engine(server, poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
        if user:
            connection.execute(text(f"CREATE ROLE {user} LOGIN"))
            connection.execute(text(f"GRANT ALL ON SCHEMA {schema} TO {user}"))
    url = make_url(server).update_query_dict(
        {"options": f"-csearch_path={schema}", "application_name": schema}
    )
    if user:
        url = url.set(username=user, password=None)
    test_server = Server(url.render_as_string(hide_password=False), schema, user, admin)
    try:
        yield test_server
    finally:
        test_server.terminate()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            if user:
                connection.execute(text(f"DROP ROLE {user}"))
        admin.dispose()
