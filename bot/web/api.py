"""The web chat's HTTP API (``/api/v1``): ask, open, feedback, and the OpenAPI document.

Each request is one call of the conversation (:mod:`bot.conversation`): matching inline, the
database on its own threads with a bounded wait. What can go wrong with a request is said in one
JSON shape, ``{"error": code, "message": sentence}``, with its status: 400 a body that is not
JSON, 413 too large, 422 JSON that does not fit the document, 404 an answer or entry that no
longer exists, 403 a vote on someone else's answer, 429 too many requests (with
``Retry-After``), 503 the database away where a request needs it. Never a 500 for bad input.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..config import Settings
from ..conversation import Admission, Conversation, Reply, new_session, target, web
from ..sentences import t
from .limits import AddressLimit, BodyTooLarge, read_body
from .models import AskRequest, FeedbackRequest, OpenRequest
from .openapi import openapi_document
from .render import reply_json

__all__ = ["API_PREFIX", "ApiError", "WebChat"]

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
M = TypeVar("M", bound=BaseModel)


class ApiError(Exception):
    """A request refused: its status, a code for programs and a sentence for people."""

    def __init__(self, status: int, code: str, message: str, *, retry_after: int | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after

    def response(self) -> JSONResponse:
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after else None
        return JSONResponse(
            {"error": self.code, "message": self.message}, self.status, headers=headers
        )


Endpoint = Callable[[Request], Awaitable[Response]]


class WebChat:
    """The API's endpoints over one conversation."""

    def __init__(self, conversation: Conversation, settings: Settings) -> None:
        self.conversation = conversation
        self.settings = settings
        self.addresses = AddressLimit(settings.web_address_limit)
        self._document = openapi_document()

    def routes(self) -> list[Route]:
        return [
            Route(f"{API_PREFIX}/ask", self._endpoint(self.ask), methods=["POST"]),
            Route(f"{API_PREFIX}/open", self._endpoint(self.open), methods=["POST"]),
            Route(f"{API_PREFIX}/feedback", self._endpoint(self.feedback), methods=["POST"]),
            Route(f"{API_PREFIX}/openapi.json", self.openapi, methods=["GET"]),
        ]

    # Endpoints ---------------------------------------------------------------------------------

    async def ask(self, request: Request) -> dict[str, Any]:
        body = await self._parse(request, AskRequest)
        session = body.session or new_session()
        person, lang = web(session), body.lang or self.settings.default_lang
        admission = await self._admit(person, lang)
        if body.choose_lang and body.lang:
            await self.conversation.set_language(person, body.lang)
            admission = replace(admission, chosen=body.lang)
        reply = await self.conversation.ask(
            person, body.question, hint=body.lang, admission=admission
        )
        return reply_json(reply, body.question, session)

    async def open(self, request: Request) -> dict[str, Any]:
        body = await self._parse(request, OpenRequest)
        session = body.session or new_session()
        person = web(session)
        lang = (await self._admit(person, body.lang)).chosen or body.lang
        opened = target(self.conversation.assistant, lang, body.entry, body.city or body.country)
        if opened is None or (body.city and body.country):
            raise ApiError(404, "expired", t(lang, "web.api.expired"))
        asked = f"[{body.entry}|{body.city or body.country or ''}]"
        reply: Reply = await self.conversation.open(person, opened, asked=asked)
        return reply_json(reply, asked, session)

    async def feedback(self, request: Request) -> dict[str, Any]:
        body = await self._parse(request, FeedbackRequest)
        person = web(body.session)
        admission = await self._admit(person, self.settings.default_lang)
        lang = admission.chosen or self.settings.default_lang
        result = await self.conversation.vote(person, body.answer_id, body.vote)
        if result == "saved":
            return {"status": "saved", "message": t(lang, "tg.feedback.thanks")}
        if result == "expired":
            raise ApiError(404, "expired", t(lang, "web.api.expired"))
        if result == "refused":
            raise ApiError(403, "not_yours", t(lang, "tg.feedback.not_yours"))
        raise ApiError(503, "unavailable", t(lang, "tg.feedback.not_saved"))

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(self._document)

    # Plumbing ------------------------------------------------------------------------------------

    async def _admit(self, person: str, lang: str) -> Admission:
        admission = await self.conversation.admit(person)
        if not admission.admitted:
            seconds = math.ceil(self.settings.flood_mute)
            message = t(admission.chosen or lang, "tg.flood", seconds=str(seconds))
            raise ApiError(429, "too_many_requests", message, retry_after=seconds)
        return admission

    def _endpoint(self, work: Callable[[Request], Awaitable[dict[str, Any]]]) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            address = request.client.host if request.client else "unknown"
            wait = self.addresses.retry_after(address)
            try:
                if wait is not None:
                    raise ApiError(
                        429,
                        "too_many_requests",
                        t(self.settings.default_lang, "web.api.too_many", seconds=str(wait)),
                        retry_after=wait,
                    )
                return JSONResponse(await work(request))
            except ApiError as refused:
                return refused.response()

        return endpoint

    async def _parse(self, request: Request, model: type[M]) -> M:
        lang = self.settings.default_lang
        try:
            raw = await read_body(request)
        except BodyTooLarge:
            raise ApiError(413, "too_large", t(lang, "web.api.too_large")) from None
        try:
            return model.model_validate_json(raw)
        except ValidationError as exc:
            errors = exc.errors(include_url=False, include_context=False, include_input=False)
            if any(e["type"] == "json_invalid" for e in errors):
                raise ApiError(400, "not_json", t(lang, "web.api.not_json")) from None
            problems = "; ".join(_problem(e) for e in errors[:5])
            raise ApiError(422, "invalid", t(lang, "web.api.invalid", problems=problems)) from None


def _problem(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "body"
    return f"{where}: {error['msg']}"
