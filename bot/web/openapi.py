"""The OpenAPI document of ``/api/v1``, made from the request and response models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from .models import AskRequest, FeedbackRequest, OpenRequest

__all__ = ["AnswerResponse", "ErrorResponse", "FeedbackResponse", "openapi_document"]


class _Link(BaseModel):
    entry: str
    title: str
    city: str | None
    country: str | None


class _Source(BaseModel):
    id: str
    title: str
    publisher: str
    url: str | None
    date: str | None


class _Pin(BaseModel):
    lat: float
    lon: float
    name: str


class AnswerResponse(BaseModel):
    """``run_bot.py ask --json``'s object, plus the session and what the chat window shows."""

    question: str
    lang: str
    outcome: str = Field(description="answer, suggest or decline")
    entry: str | None
    score: int
    answer: str = Field(description="the whole answer as plain text")
    suggestions: list[_Link]
    source: _Source | None
    sources: list[_Source]
    city: str | None
    country: str | None
    title: str | None
    paragraphs: list[str]
    related: list[_Link]
    pin: _Pin | None
    session: str = Field(description="send it with the next request of this chat")
    answer_id: int | None = Field(description="what feedback names; null: nothing to vote on")
    votable: bool


class FeedbackResponse(BaseModel):
    status: str
    message: str


class ErrorResponse(BaseModel):
    error: str = Field(description="for programs: not_json, invalid, too_large, expired, ...")
    message: str = Field(description="for people, in the request's language")


_ERRORS = {
    "400": "not JSON",
    "413": "body too large",
    "422": "JSON that does not fit this document",
    "429": "too many requests; see Retry-After",
}


def openapi_document() -> dict[str, Any]:
    schemas: dict[str, Any] = {}

    def ref(model: type[BaseModel]) -> dict[str, str]:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    def post(
        summary: str, body: type[BaseModel], ok: type[BaseModel], extra: dict[str, str]
    ) -> dict[str, Any]:
        responses = {
            "200": {"description": "done", "content": {"application/json": {"schema": ref(ok)}}}
        }
        error = ref(ErrorResponse)
        for status, description in {**_ERRORS, **extra}.items():
            responses[status] = {
                "description": description,
                "content": {"application/json": {"schema": error}},
            }
        return {
            "post": {
                "summary": summary,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref(body)}},
                },
                "responses": responses,
            }
        }

    paths = {
        "/api/v1/ask": post("Answer a question", AskRequest, AnswerResponse, {}),
        "/api/v1/open": post(
            "Open a suggestion or a related entry",
            OpenRequest,
            AnswerResponse,
            {"404": "no such entry, city or country (any more)"},
        ),
        "/api/v1/feedback": post(
            "Vote on an answer given in this session",
            FeedbackRequest,
            FeedbackResponse,
            {
                "403": "not an answer given in this session, or not one to vote on",
                "404": "no such answer (any more)",
                "503": "the database is away: not saved",
            },
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kielce international cooperation chat",
            "version": "1",
            "description": "The web chat's API; see docs/web.md.",
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }
