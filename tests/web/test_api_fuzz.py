"""A property-based fuzz of the web API against its own OpenAPI document (schemathesis): any
request, valid or not, gets a documented status and body, and never a 500."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.applications import Starlette

from bot.assistant import Assistant
from bot.config import Settings
from bot.conversation import open_conversation
from bot.registry import RegistryDatabase
from bot.web import WebChat, build_app


@pytest.fixture
def app(assistant: Assistant, settings: Settings, tmp_path: Path) -> Iterator[Starlette]:
    # Limits high enough that the fuzz explores the endpoints, not the 429s.
    fuzz_settings = replace(
        settings,
        database_url=f"sqlite:///{tmp_path / 'fuzz.sqlite3'}",
        web_address_limit=1_000_000,
        flood_messages=1_000_000,
    )
    registry = RegistryDatabase(fuzz_settings.database_url)
    registry.upgrade()
    parts = asyncio.run(open_conversation(fuzz_settings, assistant, registry))
    yield build_app(WebChat(parts.conversation, fuzz_settings))
    registry.close()


@pytest.fixture
def api_schema(app: Starlette) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


# schemathesis's own pytest plugin does not run under pytest 9 yet, so its strategies drive a
# plain hypothesis test.
@pytest.mark.parametrize("path", ["/api/v1/ask", "/api/v1/open", "/api/v1/feedback"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_request_gets_a_documented_answer_never_a_500(
    api_schema: schemathesis.BaseSchema, path: str, mode: GenerationMode, data: st.DataObject
) -> None:
    case = data.draw(api_schema[path]["POST"].as_strategy(mode))
    response = case.call()
    assert response.status_code < 500, response.text
    case.validate_response(
        response,
        checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
    )
