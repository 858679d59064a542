"""Making a conversation's parts from the settings: one health, one state store, one log.

Every channel that runs (the Telegram bot, the web chat, or both in one process) uses the parts
made here, so that they share one flood budget per person, one question log and one outage
report.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from ..assistant import Assistant
from ..config import Settings
from ..insights import QuestionLog
from ..registry.database import RegistryDatabase
from ..state import (
    DatabaseExecutor,
    DatabaseHealth,
    FloodLimit,
    Pseudonyms,
    StateStore,
    load_salt,
)
from .core import Conversation

__all__ = ["ConversationParts", "open_conversation"]


@dataclass(frozen=True)
class ConversationParts:
    health: DatabaseHealth
    database: DatabaseExecutor  # closed by whoever opened the parts
    store: StateStore
    questions: QuestionLog
    conversation: Conversation


async def open_conversation(
    settings: Settings, assistant: Assistant, registry: RegistryDatabase
) -> ConversationParts:
    """The parts over ``registry``'s database, with the log's old rows purged."""
    salt = await asyncio.to_thread(load_salt, registry.engine, settings.analytics_salt)
    # One health for the state and the log: an outage is logged once, not by each.
    health = DatabaseHealth()
    pseudonyms = Pseudonyms(salt)
    flood = FloodLimit(settings.flood_messages, settings.flood_window, settings.flood_mute)
    store = StateStore(registry.engine, flood, pseudonyms=pseudonyms, health=health)
    questions = QuestionLog(
        registry.engine, pseudonyms, health, keep_days=settings.question_log_days
    )
    database = DatabaseExecutor(health, wait=settings.database_wait)
    await asyncio.to_thread(questions.purge)
    conversation = Conversation(assistant, store, questions, database)
    return ConversationParts(health, database, store, questions, conversation)
