"""The state tables, on the registry database's declarative base, so its migrations make them.

Times used for arithmetic (the flood bucket) are Unix seconds as floats; times people read
(when a question was asked or a vote cast) are timezone-aware timestamps.

People are known by a channel-qualified id (:mod:`bot.conversation.people`): ``telegram:123``
for a Telegram user, ``web:<random session id>`` for a web chat. Only ``user_state`` knows these
ids: the bot needs them to answer in the chosen language, to apply flood control and to read a
follow-up against the previous question (``staff_draft`` knows the Telegram ids of the office's
staff, ``ADMIN_IDS``). The question log and the votes know people only by a pseudonym
(:mod:`bot.state.pseudonyms`), and nothing stores a name or a chat id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..registry.models import Base

__all__ = [
    "PERSON_LENGTH",
    "PSEUDONYM_LENGTH",
    "AnswerRow",
    "DeliveryRow",
    "DraftRow",
    "MetaRow",
    "ReplyRow",
    "UserRow",
    "VoteRow",
]

PSEUDONYM_LENGTH = 64  # an HMAC-SHA256 in hex
PERSON_LENGTH = 80  # "web:" and a session id of at most 64 characters, or "telegram:" and digits


class UserRow(Base):
    """One person the bot has talked to, by their channel-qualified id."""

    __tablename__ = "user_state"

    person: Mapped[str] = mapped_column(String(PERSON_LENGTH), primary_key=True)
    # Chosen with /language (or the web chat's switch); None: follow the question's language.
    lang: Mapped[str | None] = mapped_column(String(2))
    # Flood control is a token bucket: the tokens left when the user was last seen, and when.
    tokens: Mapped[float | None] = mapped_column(Float)
    seen_at: Mapped[float | None] = mapped_column(Float)
    muted_until: Mapped[float | None] = mapped_column(Float)
    # The last answered question (bot.intent.Turn as JSON), for follow-ups; it expires itself.
    turn: Mapped[str | None] = mapped_column(Text)


class AnswerRow(Base):
    """One question and the answer the bot gave: the question log, and what 👍/👎 refer to."""

    __tablename__ = "answer_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The asker's pseudonym; None for inline queries and for rows logged before pseudonyms.
    asker: Mapped[str | None] = mapped_column(String(PSEUDONYM_LENGTH))
    # Where it was asked: "telegram", "web", ...; None for rows logged before channels.
    channel: Mapped[str | None] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(2))
    outcome: Mapped[str] = mapped_column(String(10))
    entry: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    score: Mapped[int] = mapped_column(Integer)
    # Indexed: the retention purge and every statistic select by it.
    asked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class VoteRow(Base):
    """A person's verdict on an answer; voting again replaces it."""

    __tablename__ = "answer_votes"

    answer_id: Mapped[int] = mapped_column(ForeignKey("answer_log.id"), primary_key=True)
    voter: Mapped[str] = mapped_column(String(PSEUDONYM_LENGTH), primary_key=True)
    vote: Mapped[int] = mapped_column(SmallInteger)  # +1 or -1
    voted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MetaRow(Base):
    """Small values every copy of the bot shares: the generated salt, the dropped-row count."""

    __tablename__ = "state_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DraftRow(Base):
    """A staff member's unfinished edit of the registry: read and written on every answer, so
    that the steps of one edit may reach different copies of the bot."""

    __tablename__ = "staff_draft"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    step: Mapped[str] = mapped_column(String(30))  # for people reading the table
    draft: Mapped[str] = mapped_column(Text)  # JSON, see bot.forms.staff.dump_draft
    # One more with every write: a copy that read an older revision does not overwrite a newer.
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[float] = mapped_column(Float)  # Unix seconds: the timeout counts from it


class DeliveryRow(Base):
    """An update Telegram posted to the webhook, by its ``update_id``: claimed by the copy of the
    bot handling it, then marked handled, so that the same update posted again (Telegram does
    after a timeout, to any copy) is answered once."""

    __tablename__ = "webhook_update"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # Unix seconds: a claim this old whose update is not handled belongs to a copy that died.
    claimed_at: Mapped[float] = mapped_column(Float, index=True)
    handled: Mapped[bool] = mapped_column(Boolean, default=False)


class ReplyRow(Base):
    """Which messages of the bot answered a person's message, so that an edit of that message
    edits the answer in place (bot/state/replies.py). Kept 48 hours; holds no chat id, message
    text or user id, only keyed digests of them."""

    __tablename__ = "telegram_reply"

    # HMAC of "<chat id>:<message id>" under the pseudonyms' salt.
    key: Mapped[str] = mapped_column(String(PSEUDONYM_LENGTH), primary_key=True)
    # HMAC of the message's text: an edit that leaves it unchanged is ignored.
    digest: Mapped[str] = mapped_column(String(PSEUDONYM_LENGTH))
    messages: Mapped[str] = mapped_column(String(200))  # the answer's message ids, "12,13"
    # The map pin's message id. Pins now come only when their button is pressed, so new rows
    # hold None; kept for the answers of earlier versions (48 hours), whose pin an edit deletes.
    pin: Mapped[int | None] = mapped_column(BigInteger)
    answered_at: Mapped[float] = mapped_column(Float, index=True)  # Unix seconds
