"""A stand-in for Telegram's Bot API, served over HTTP on loopback.

The real :class:`~telegram.ext.Application` talks to it exactly as to Telegram (``base_url``
points here). It serves the updates a test queues (long polling), answers the methods the bot
uses with plausible objects, records every call, and can answer a method with an error (429 with
``retry_after``, 500, 400) or after a delay.

It also builds the updates people cause: messages, edits, media, button presses, inline queries.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

__all__ = [
    "BOT",
    "EN_USER",
    "GROUP",
    "PL_USER",
    "SENTINEL_USER",
    "TOKEN",
    "Call",
    "FakeBotApi",
    "private_chat",
]

TOKEN = "7000001:AAHfakeTokenOnlyForTests_0123456789xyz"
BOT = {
    "id": 7000001,
    "is_bot": True,
    "first_name": "Kielce International",
    "username": "KielceTestBot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
PL_USER = {"id": 1001, "is_bot": False, "first_name": "Anna", "language_code": "pl"}
EN_USER = {"id": 1002, "is_bot": False, "first_name": "John", "language_code": "en"}
# Whose button presses tell a test that every earlier update has been handled.
SENTINEL_USER = {"id": 1999, "is_bot": False, "first_name": "Sentinel", "language_code": "en"}
GROUP = {"id": -1001234567890, "type": "supergroup", "title": "Kielce journalists"}

_ERRORS = {
    400: "Bad Request: message text is empty",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def private_chat(user: dict[str, Any]) -> dict[str, Any]:
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


@dataclass
class Call:
    """One request the bot made, and how it was answered."""

    method: str
    params: dict[str, str]
    status: int
    result: Any = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    def json(self, name: str) -> Any:
        """A parameter the bot sent JSON-encoded (reply_markup, results, commands...)."""
        return json.loads(self.params[name])

    @property
    def text(self) -> str:
        return self.params.get("text", "")

    @property
    def chat_id(self) -> int | None:
        return int(self.params["chat_id"]) if "chat_id" in self.params else None

    def buttons(self) -> list[dict[str, Any]]:
        """Every inline button of the message this call sent, row by row."""
        if "reply_markup" not in self.params:
            return []
        return [b for row in self.json("reply_markup")["inline_keyboard"] for b in row]


@dataclass
class _Fault:
    status: int | None
    retry_after: int | None = None
    delay: float = 0.0


@dataclass
class FakeBotApi:
    """The fake server; ``await start()`` before use and ``await stop()`` after."""

    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    webhook: dict[str, str] = field(default_factory=dict)
    _port: int = 0
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _faults: dict[str, list[_Fault]] = field(default_factory=dict)
    _chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    _new_update: asyncio.Event = field(default_factory=asyncio.Event)
    _closing: bool = False
    _server: HTTPServer | None = None
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(500))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(9000))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    # Running ---------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/file/bot"

    async def start(self) -> None:
        app = Application(
            [(r"/bot([^/]+)/(\w+)", _Endpoint, {"api": self})], log_function=lambda _: None
        )
        sockets = bind_sockets(0, "127.0.0.1")
        self._port = sockets[0].getsockname()[1]
        self._server = HTTPServer(app)
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        self._closing = True
        self._new_update.set()
        if self._server:
            self._server.stop()
            await self._server.close_all_connections()

    # What the test controls ------------------------------------------------------------------

    def fail(
        self, method: str, status: int, *, retry_after: int | None = None, times: int = 1
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an error."""
        self._faults.setdefault(method, []).extend(
            _Fault(status, retry_after) for _ in range(times)
        )

    def delay(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` normally, but only after ``seconds``."""
        self._faults.setdefault(method, []).extend(
            _Fault(None, delay=seconds) for _ in range(times)
        )

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates."""
        for key in ("message", "edited_message"):
            if key in update:
                chat = update[key]["chat"]
                self._chats[chat["id"]] = chat
        self._updates.append(update)
        self._new_update.set()
        return update

    def sent(self, method: str = "sendMessage", *, since: int = 0) -> list[Call]:
        """Successful calls of ``method`` from call number ``since`` on."""
        return [c for c in self.calls[since:] if c.method == method and c.ok]

    async def wait_for(self, condition: Callable[[], bool], within: float = 10.0) -> None:
        deadline = time.monotonic() + within
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing after {within} s; last calls: {self.calls[-10:]}")
            await asyncio.sleep(0.005)

    # Updates people cause ----------------------------------------------------------------------

    def message(
        self,
        text: str | None = None,
        *,
        user: dict[str, Any] = PL_USER,
        chat: dict[str, Any] | None = None,
        edited: bool = False,
        **fields: Any,
    ) -> dict[str, Any]:
        """A message as Telegram delivers it, commands and @mentions marked as entities."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or private_chat(user),
            "from": user,
            **fields,
        }
        if text is not None:
            message["text"] = text
            entities = []
            if text.startswith("/"):
                entities.append(
                    {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
                )
            for word in text.split():
                if word.startswith("@"):
                    at = text.index(word)
                    entities.append({"type": "mention", "offset": at, "length": len(word)})
            if entities:
                message["entities"] = entities
        if edited:
            message["edit_date"] = int(time.time())
        return self._update({"edited_message" if edited else "message": message})

    def press(
        self, data: str, *, on: Call | None = None, user: dict[str, Any] = PL_USER
    ) -> dict[str, Any]:
        """A press of a button with ``data`` on the message ``on`` sent (or on no message)."""
        query: dict[str, Any] = {
            "id": f"cb{next(self._ids)}",
            "from": user,
            "chat_instance": "42",
            "data": data,
        }
        if on is not None:
            query["message"] = on.result
        return self._update({"callback_query": query})

    def edit_of(self, update: dict[str, Any], text: str) -> dict[str, Any]:
        """The update Telegram sends when the person edits the message ``update`` delivered:
        numbered after every update before it, as Telegram numbers them (a client confirms
        what it has by the last update's number)."""
        message = {**update["message"], "text": text, "edit_date": update["message"]["date"] + 5}
        return self._update({"edited_message": message})

    def inline(self, query: str, *, user: dict[str, Any] = PL_USER) -> dict[str, Any]:
        inline_query = {"id": f"iq{next(self._ids)}", "from": user, "query": query, "offset": ""}
        return self._update({"inline_query": inline_query})

    def _update(self, content: dict[str, Any]) -> dict[str, Any]:
        return {"update_id": next(self._update_ids), **content}

    # Serving -----------------------------------------------------------------------------------

    async def handle(self, token: str, method: str, params: dict[str, str]) -> tuple[int, Any]:
        if token != self.token:
            return self._record(
                method,
                params,
                401,
                {"ok": False, "error_code": 401, "description": "Unauthorized"},
            )
        faults = self._faults.get(method)
        fault = faults.pop(0) if faults else None
        if fault and fault.delay:
            await asyncio.sleep(fault.delay)
        if fault and fault.status:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": fault.status,
                "description": _ERRORS[fault.status].format(retry_after=fault.retry_after),
            }
            if fault.retry_after is not None:
                body["parameters"] = {"retry_after": fault.retry_after}
            return self._record(method, params, fault.status, body)
        if method == "getUpdates":
            result: Any = await self._get_updates(params)
        else:
            answer = getattr(self, f"_{method}", None)
            if answer is None:
                return self._record(
                    method,
                    params,
                    404,
                    {"ok": False, "error_code": 404, "description": "Not Found"},
                )
            result = answer(params)
        return self._record(method, params, 200, {"ok": True, "result": result})

    def _record(
        self, method: str, params: dict[str, str], status: int, body: Any
    ) -> tuple[int, Any]:
        self.calls.append(Call(method, params, status, body.get("result")))
        return status, body

    async def _get_updates(self, params: dict[str, str]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while not self._updates and not self._closing:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except TimeoutError:
                break
        return self._updates[: int(params.get("limit") or 100)]

    def _sent_message(self, params: dict[str, str], **content: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chats.get(
                chat_id, {"id": chat_id, "type": "private", "first_name": "?"}
            ),
            "from": BOT,
            **content,
        }
        if "reply_markup" in params:
            message["reply_markup"] = json.loads(params["reply_markup"])
        return message

    def _getMe(self, params: dict[str, str]) -> dict[str, Any]:
        return BOT

    def _sendMessage(self, params: dict[str, str]) -> dict[str, Any]:
        return self._sent_message(params, text=params["text"])

    def _sendVenue(self, params: dict[str, str]) -> dict[str, Any]:
        location = {"latitude": float(params["latitude"]), "longitude": float(params["longitude"])}
        venue = {"location": location, "title": params["title"], "address": params["address"]}
        return self._sent_message(params, venue=venue, location=location)

    def _sendLocation(self, params: dict[str, str]) -> dict[str, Any]:
        location = {"latitude": float(params["latitude"]), "longitude": float(params["longitude"])}
        return self._sent_message(params, location=location)

    def _editMessageReplyMarkup(self, params: dict[str, str]) -> dict[str, Any]:
        message = self._sent_message(params)
        message["message_id"] = int(params["message_id"])
        return message

    def _editMessageText(self, params: dict[str, str]) -> dict[str, Any]:
        message = self._sent_message(params, text=params["text"])
        message["message_id"] = int(params["message_id"])
        return message

    def _deleteMessage(self, params: dict[str, str]) -> bool:
        return True

    def _setWebhook(self, params: dict[str, str]) -> bool:
        self.webhook = params
        return True

    def _deleteWebhook(self, params: dict[str, str]) -> bool:
        self.webhook = {}
        return True

    def _getWebhookInfo(self, params: dict[str, str]) -> dict[str, Any]:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _answerCallbackQuery(self, params: dict[str, str]) -> bool:
        return True

    def _answerInlineQuery(self, params: dict[str, str]) -> bool:
        return True

    def _setMyCommands(self, params: dict[str, str]) -> bool:
        return True

    def _deleteMyCommands(self, params: dict[str, str]) -> bool:
        return True

    def _sendChatAction(self, params: dict[str, str]) -> bool:
        return True


class _Endpoint(RequestHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    async def post(self, token: str, method: str) -> None:
        if self.request.headers.get("Content-Type", "").startswith("application/json"):
            # As Telegram's server reads a JSON body (td's HttpReader::parse_json_parameters):
            # a string field is its text, any other field its JSON.
            fields = json.loads(self.request.body or b"{}")
            params = {k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()}
        else:  # form-encoded, or multipart (uploads)
            params = {n: self.get_argument(n, strip=False) for n in self.request.arguments}
        status, body = await self.api.handle(token, method, params)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)
