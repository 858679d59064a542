"""A conversation that keeps nothing: the console's.

The console is a person at the operator's own terminal: their questions are not the public's,
so they go into no question log, and nobody needs flood control against themselves. Everything
else (the chat's last turn for follow-ups, a chosen language, suggestions) is the same
conversation every channel uses, with the person's state in memory for as long as it runs.
"""

from __future__ import annotations

import secrets

from sqlalchemy import create_engine

from ..assistant import Assistant
from ..state import DatabaseExecutor, DatabaseHealth, FloodLimit, Pseudonyms, StateStore
from .core import Conversation

__all__ = ["offline_conversation"]

# No flood control: the only person is whoever runs the console.
_UNLIMITED = FloodLimit(messages=10**9, window=1.0, mute=0.0)


def offline_conversation(assistant: Assistant) -> Conversation:
    """A conversation over ``assistant`` whose people live in memory and whose questions are
    not logged; it opens no database (the engine below is never connected)."""
    health = DatabaseHealth()
    store = StateStore(
        create_engine("sqlite://"),
        _UNLIMITED,
        pseudonyms=Pseudonyms(secrets.token_bytes(16)),
        health=health,
    )
    store.memory.take_charge([])
    return Conversation(assistant, store, None, DatabaseExecutor(health, workers=1))
