"""Keeping secrets and people out of the logs.

People: a log line names a Telegram user by the start of the pseudonym the question log knows
them by (:func:`person`), never by their Telegram id; whoever holds the database can look the
full pseudonym up in ``answer_log.asker``, and nobody can turn it back into an id without the
salt.

Secrets:
The bot's token is part of every Bot API URL, and httpx logs each request's URL at INFO level;
python-telegram-bot's own reprs of the bot show the token too. So, once at start-up,
:func:`redact_secrets` makes every log record replace the secrets with ``[REDACTED]``.

It wraps the log-record factory rather than adding a :class:`logging.Filter`: a filter on a
logger misses records that propagate from child loggers, and a filter on handlers misses
handlers added later; the factory sees every record, wherever it is made and handled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..state import Pseudonyms

__all__ = ["REDACTED", "person", "quiet_noisy_loggers", "redact_secrets", "redacted"]

REDACTED = "[REDACTED]"
# Of a pseudonym's 64 hex digits: enough to tell the people of any day's log apart.
_PSEUDONYM_SHOWN = 12


def person(pseudonyms: Pseudonyms, user_id: int | None) -> str:
    """How a log line names a Telegram user: ``person 3f9a0c27d1e4``."""
    if user_id is None:
        return "nobody known"
    return f"person {pseudonyms.of(user_id)[:_PSEUDONYM_SHOWN]}"


def redacted(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


def redact_secrets(*secrets: str | None) -> Callable[[], None]:
    """Redact ``secrets`` from every log record from now on; returns a function that undoes it.

    For a bot token ``<id>:<key>`` the key alone is redacted too, as it may appear URL-quoted.
    """
    words = {s for s in secrets if s}
    words |= {s.partition(":")[2] for s in words if ":" in s}
    # Longest first, so a token is replaced whole before its key; a secret of a few characters
    # would turn up in ordinary words, and is no secret anyway.
    values = tuple(sorted((w for w in words if len(w) >= 4), key=len, reverse=True))
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _clean(record, values)
        return record

    logging.setLogRecordFactory(factory)

    def undo() -> None:
        logging.setLogRecordFactory(previous)

    return undo


def quiet_noisy_loggers() -> None:
    """httpx logs every request (with its URL, which holds the token) at INFO: only warnings."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _clean(record: logging.LogRecord, secrets: tuple[str, ...]) -> None:
    if not secrets:
        return
    try:
        message = record.getMessage()
    except Exception:  # a malformed call; logging reports it when the record is handled
        return
    cleaned = redacted(message, secrets)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info and not record.exc_text:
        text = logging.Formatter().formatException(record.exc_info)
        if any(secret in text for secret in secrets):
            record.exc_text = redacted(text, secrets)
    if record.stack_info:
        record.stack_info = redacted(record.stack_info, secrets)
