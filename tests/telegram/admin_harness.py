"""For the staff tests: an admin, a Bot API that keeps uploaded files, and the bot with its own
assistant on a seeded database (edits and reloads change both, so they are the test's alone)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application

from bot.assistant import Assistant
from bot.config import Settings
from bot.registry import RegistryDatabase
from tests.telegram.fake_bot_api import Call, FakeBotApi, _Endpoint
from tests.telegram.harness import Bot, running_bot

__all__ = ["ADMIN", "FileBotApi", "Staff", "Upload", "staff_bot", "texts"]

ADMIN = {"id": 4242, "is_bot": False, "first_name": "Ewa", "language_code": "pl"}


@dataclass(frozen=True)
class Upload:
    method: str
    field: str
    filename: str
    body: bytes


@dataclass
class FileBotApi(FakeBotApi):
    """The fake Bot API, which also answers sendDocument and keeps every file uploaded."""

    uploads: list[Upload] = field(default_factory=list)

    async def start(self) -> None:
        app = Application(
            [(r"/bot([^/]+)/(\w+)", _UploadEndpoint, {"api": self})], log_function=lambda _: None
        )
        sockets = bind_sockets(0, "127.0.0.1")
        self._port = sockets[0].getsockname()[1]
        self._server = HTTPServer(app)
        self._server.add_sockets(sockets)

    def _sendDocument(self, params: dict[str, str]) -> dict[str, Any]:
        upload = self.uploads[-1]
        document = {
            "file_id": f"doc{len(self.uploads)}",
            "file_unique_id": f"u{len(self.uploads)}",
            "file_name": upload.filename,
            "file_size": len(upload.body),
        }
        return self._sent_message(params, document=document, caption=params.get("caption", ""))


class _UploadEndpoint(_Endpoint):
    async def post(self, token: str, method: str) -> None:
        assert isinstance(self.api, FileBotApi)
        for name, files in self.request.files.items():
            self.api.uploads += [Upload(method, name, f.filename, f.body) for f in files]
        await super().post(token, method)


@asynccontextmanager
async def staff_bot(
    api: FakeBotApi,
    assistant: Assistant,
    settings: Settings,
    *,
    knowledge_dir: Path | None = None,
    **changes: Any,
) -> AsyncIterator[Bot]:
    """The bot with ``ADMIN`` as its only admin, on ``settings``' database seeded with the
    registry, answering with a copy of ``assistant`` (reading ``knowledge_dir`` on /reload)."""
    own_settings = assistant.settings
    if knowledge_dir is not None:
        own_settings = replace(own_settings, knowledge_dir=knowledge_dir)
    own = Assistant(assistant.brain, own_settings)
    database = RegistryDatabase(settings.database_url)
    try:
        database.seed(own.brain.registry, who="test")
    finally:
        database.close()
    async with running_bot(
        api, own, settings, admin_ids=frozenset({ADMIN["id"]}), **changes
    ) as bot:
        yield bot


@dataclass
class Staff:
    """The admin's side of a chat with the bot: what they type and press, the latest prompt."""

    bot: Bot
    user: dict[str, Any] = field(default_factory=lambda: ADMIN)
    prompt: Call | None = None  # the bot's latest message with buttons (sent or edited)

    @property
    def database(self) -> RegistryDatabase:
        database = self.bot.application.bot_data.registry_database
        assert database is not None
        return database

    @property
    def assistant(self) -> Assistant:
        assistant = self.bot.application.bot_data.assistant
        assert assistant is not None
        return assistant

    def labels(self) -> list[str]:
        """The labels of the latest prompt's buttons."""
        assert self.prompt is not None, "no message with buttons yet"
        return [b["text"] for b in self.prompt.buttons()]

    async def say(self, text: str) -> list[Call]:
        return self._seen(await self.bot.send(self.bot.api.message(text, user=self.user)))

    async def press(self, label: str, *, on: Call | None = None) -> list[Call]:
        """Press the button labelled ``label`` of the latest prompt (or of ``on``)."""
        message = on or self.prompt
        assert message is not None, "no message with buttons yet"
        labels = [b["text"] for b in message.buttons()]
        data = next((b["callback_data"] for b in message.buttons() if b["text"] == label), None)
        assert data is not None, f"no button {label!r} among {labels}"
        return self._seen(
            await self.bot.send(self.bot.api.press(data, on=message, user=self.user))
        )

    def _seen(self, calls: list[Call]) -> list[Call]:
        for call in calls:
            if call.method in _SHOWN and call.ok and call.buttons():
                self.prompt = call
        return calls


# What shows the admin a text: a new message, or one edited in place (the edit's prompt).
_SHOWN = ("sendMessage", "editMessageText")


def texts(calls: list[Call]) -> list[str]:
    """The texts the bot showed: of the messages it sent, and of those it edited."""
    return [c.text for c in calls if c.method in _SHOWN and c.ok]
