"""The web API's request bodies: validated once here, and described in the OpenAPI document by
the same models (``model_json_schema``), so the document cannot drift from what is checked."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ..conversation.people import SESSION_PATTERN
from ..insights.log import MAX_QUESTION

__all__ = ["AskRequest", "FeedbackRequest", "OpenRequest", "Session"]

Session = Annotated[str, StringConstraints(pattern=f"^{SESSION_PATTERN.pattern}$")]
Lang = Literal["pl", "en"]
Name = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]


def _storable(text: str) -> str:
    """Text every database stores: no NUL (PostgreSQL refuses it), no lone surrogates."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text (it holds a lone surrogate)") from None
    return text


Question = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_QUESTION), AfterValidator(_storable)
]


class _Body(BaseModel):
    # Unknown fields are refused: a typo in a field name must not pass silently.
    model_config = ConfigDict(extra="forbid", strict=True)


class AskRequest(_Body):
    """A question typed in the web chat."""

    question: Question
    lang: Lang | None = Field(
        default=None, description="the page's or the person's language: a hint"
    )
    choose_lang: bool = Field(
        default=False,
        description="the person chose `lang` (the chat's language switch): it wins over the "
        "language the question is written in, from now on",
    )
    session: Session | None = Field(
        default=None, description="the session the first answer handed out; none at first"
    )


class OpenRequest(_Body):
    """A suggestion or a related entry pressed in the web chat."""

    entry: Name
    city: Name | None = None
    country: Name | None = None
    lang: Lang = "pl"
    session: Session | None = None


class FeedbackRequest(_Body):
    """👍 (+1) or 👎 (-1) on an answer given in this session."""

    session: Session
    answer_id: Annotated[int, Field(ge=1, le=2**53)]
    vote: Literal[1, -1]
