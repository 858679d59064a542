"""Making a conversation's parts from the settings, and keeping them up while they serve.

Every channel that runs (the Telegram bot, the web chat, or both in one process) uses the parts
made here, so that they share one flood budget per person, one question log, one outage report
and one heartbeat on the database. :func:`running_conversation` opens them, keeps them up
(:mod:`.upkeep`) and, on the way out, writes what is unsaved.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

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
from ..state.instances import Instances
from .core import Conversation
from .upkeep import WrittenBehind, keep_up, upkeep_round, write_unsaved

__all__ = ["ConversationParts", "open_conversation", "running_conversation"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConversationParts:
    health: DatabaseHealth
    database: DatabaseExecutor  # closed by whoever opened the parts
    store: StateStore
    questions: QuestionLog
    conversation: Conversation
    instances: Instances
    pseudonyms: Pseudonyms
    # Take charge of the people's state in memory when alone on the database (WRITE_BEHIND).
    write_behind: bool = True
    # Told the number of copies on the database after each heartbeat (the Telegram token's
    # shared rate limits).
    counted: list[Callable[[int], None]] = field(default_factory=list)
    # What a channel writes behind its answers too, kept in step with the question log.
    written_behind: list[WrittenBehind] = field(default_factory=list)


async def open_conversation(
    settings: Settings, assistant: Assistant, registry: RegistryDatabase
) -> ConversationParts:
    """The parts over ``registry``'s database, with the log's old rows purged and a first
    round of upkeep done (a copy alone answers from memory from its first message)."""
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
    conversation = Conversation(assistant, store, questions, database)
    parts = ConversationParts(
        health,
        database,
        store,
        questions,
        conversation,
        Instances(registry.engine),
        pseudonyms,
        write_behind=settings.write_behind,
    )
    await database.background(lambda: upkeep_round(parts, purge=True))
    return parts


async def close_conversation(parts: ConversationParts) -> None:
    """Write what is unsaved, leave the copies' count and close the database's threads."""
    store, questions = parts.store, parts.questions

    def last_round() -> None:
        write_unsaved(parts)
        parts.health.attempt("remove this copy's heartbeat", parts.instances.leave, None)

    await parts.database.background(last_round)
    if store.memory.unsaved:
        log.warning(
            "the state of %d people could not be written before stopping", store.memory.unsaved
        )
    if questions.unsaved:
        log.warning(
            "question log: %d rows could not be written before stopping", questions.pending
        )
    parts.database.close()


@asynccontextmanager
async def running_conversation(
    settings: Settings, assistant: Assistant, registry: RegistryDatabase
) -> AsyncIterator[ConversationParts]:
    """The parts, kept up inside the block and closed after it."""
    parts = await open_conversation(settings, assistant, registry)
    upkeep = asyncio.create_task(keep_up(parts))
    try:
        yield parts
    finally:
        upkeep.cancel()
        await asyncio.gather(upkeep, return_exceptions=True)
        await close_conversation(parts)
