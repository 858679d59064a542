"""The web chat's ASGI app on a fresh database, and an httpx client that calls it in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.assistant import Assistant
from bot.config import Settings
from bot.conversation import ConversationParts, running_conversation
from bot.registry import RegistryDatabase
from bot.web import WebChat, build_app

ORIGIN = "https://www.kielce.eu"


@dataclass
class Web:
    client: httpx.AsyncClient
    parts: ConversationParts
    chat: WebChat

    async def ask(self, question: str, **fields: Any) -> httpx.Response:
        return await self.client.post("/api/v1/ask", json={"question": question, **fields})


Making = Callable[..., AbstractAsyncContextManager[Web]]


@pytest.fixture
def make_web(assistant: Assistant, settings: Settings, tmp_path: Path) -> Making:
    """Copies of the web app on one database (this test's SQLite file unless ``database_url``
    is given), with settings ``changes``."""
    default_url = f"sqlite:///{tmp_path / 'web.sqlite3'}"

    @asynccontextmanager
    async def make(
        address: str = "203.0.113.7", database_url: str = default_url, **changes: Any
    ) -> AsyncIterator[Web]:
        web_settings = replace(
            settings, database_url=database_url, web_origins=(ORIGIN,), **changes
        )
        registry = RegistryDatabase(database_url)
        registry.upgrade()
        try:
            async with running_conversation(web_settings, assistant, registry) as parts:
                chat = WebChat(parts.conversation, web_settings)
                app = build_app(chat, origins=web_settings.web_origins)
                transport = httpx.ASGITransport(app=app, client=(address, 50000))
                async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
                    yield Web(client, parts, chat)
        finally:
            registry.close()

    return make


@pytest.fixture
async def web(make_web: Making) -> AsyncIterator[Web]:
    async with make_web() as web:
        yield web
