"""Who is talking: a channel-qualified id, the one key of every person's state and log rows.

``telegram:<user id>`` for a Telegram user, ``web:<session id>`` for a web chat (a random id the
server hands out with the first answer; the browser keeps it in ``sessionStorage`` for that tab
only), ``console:<name>`` for the terminal. The same number in two channels is two people.
"""

from __future__ import annotations

import re
import secrets

__all__ = ["CHANNELS", "SESSION_PATTERN", "channel_of", "new_session", "telegram", "web"]

CHANNELS = ("telegram", "web", "console")
# What a web session id may look like: the server's own are 32 URL-safe characters.
SESSION_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def telegram(user_id: int) -> str:
    return f"telegram:{user_id}"


def web(session: str) -> str:
    """The person of a web chat session; raises ValueError for an id the server never makes."""
    if not SESSION_PATTERN.fullmatch(session):
        raise ValueError("a session id is 16-64 letters, digits, '-' or '_'")
    return f"web:{session}"


def new_session() -> str:
    """A fresh web session id: 192 random bits, which nobody can guess."""
    return secrets.token_urlsafe(24)


def channel_of(person: str) -> str:
    return person.partition(":")[0]
