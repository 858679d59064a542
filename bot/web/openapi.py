"""The OpenAPI document of ``/api/v1``, made from the request and response models."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from .models import AskRequest, FeedbackRequest, OpenRequest

__all__ = ["AnswerResponse", "ErrorResponse", "FeedbackResponse", "openapi_document"]


class _Link(BaseModel):
    entry: str
    title: str
    city: str | None
    country: str | None


class _Source(BaseModel):
    n: int = Field(description="the number a span's cites name (1-based)")
    id: str
    title: str | None = Field(description="as published; null when not known")
    publisher: str
    url: str | None
    date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD; null when not known")
    date_text: str | None = Field(
        description='the date as the answer\'s language writes it ("5 maja 2022 r.", '
        '"maj 2022", "2022 r."; "5 May 2022"); null when not known'
    )
    kind: str = Field(
        description="city, partner-city, government, news, company, other-city, "
        "encyclopedia or encyclopedia-mirror: the reason for its confidence"
    )


class _Pin(BaseModel):
    lat: float
    lon: float
    name: str


class _Span(BaseModel):
    text: str
    cites: list[int] = Field(description="the `n` of the sources this text rests on")
    link: str | None


class _Block(BaseModel):
    kind: Literal["paragraph", "list"] = Field(
        description="paragraph: its items read as one text; list: one list item per item"
    )
    heading: str | None
    items: list[_Span]


class _Claim(BaseModel):
    text: str
    source: str | None = Field(description="a source id; null for a finding")
    confidence: str
    date: str | None
    as_of: str | None = Field(description="for a person: the date the source describes")


class AnswerResponse(BaseModel):
    """``run_bot.py ask --json``'s object (docs/answers.md), plus the session and the vote.

    The structured parts (`direct`, `note`, `blocks`, `details`, `sources`) are what a chat
    window renders; `answer` and `direct_text` are the same answer as plain text."""

    question: str
    lang: str
    outcome: str = Field(description="answer, suggest or decline")
    entry: str | None
    focus: str
    score: int
    title: str | None
    answer: str = Field(description="the whole answer as plain text")
    direct_text: str = Field(description="the direct answer as plain text, with source marks")
    direct: list[_Span] = Field(description="the direct answer: the fact asked for, first")
    note: str | None = Field(description="the confidence note, said once")
    blocks: list[_Block] = Field(description="shown with the direct answer")
    details: list[_Block] = Field(description="offered: shown on request")
    suggestions: list[_Link]
    related: list[_Link]
    source: _Source | None
    sources: list[_Source]
    claims: list[_Claim]
    pin: _Pin | None
    city: str | None
    country: str | None
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
