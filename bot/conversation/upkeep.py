"""What the conversation writes behind its answers, a few times a second, on a database thread.

One round (:func:`upkeep_round`): beat this copy's heartbeat and count the copies on the
database (:mod:`bot.state.instances`); a copy alone takes charge of the people's state in
memory and writes the question log in batches, a copy that is no longer alone hands both back
to the database (:mod:`bot.state.memory`); then write what changed, the queued question-log
rows and the answer numbers to reserve, and once a day purge the log's old rows. Each of these
is a small transaction of its own, so a busy bot does a handful of writes a second whatever its
traffic, instead of several per message.

While the database is away every step is skipped until it is time to try again
(:class:`~bot.state.DatabaseHealth`): answers keep coming from memory and what is unsaved waits.
The round runs on the database executor; nobody waits for it, so it may take up to
``BACKGROUND_WAIT`` (30 s), past which a database that hangs is reported as an outage, and
holds up only the next round.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..state.executor import BACKGROUND_WAIT, DatabaseTimeout

if TYPE_CHECKING:
    from .parts import ConversationParts

__all__ = ["EVERY", "PURGE_EVERY", "WrittenBehind", "keep_up", "upkeep_round", "write_unsaved"]

log = logging.getLogger(__name__)

# Often enough that what a copy writes behind its answers is at most this old in the database
# (and lost, if the process is killed outright); rarely enough to cost nothing.
EVERY = 0.5
PURGE_EVERY = 86_400.0


class WrittenBehind(Protocol):
    """Something else a channel writes behind its answers while the copy is alone (Telegram's
    memory of which messages answered which, :mod:`bot.state.replies`)."""

    behind: bool

    @property
    def unsaved(self) -> int: ...

    def flush(self) -> int:
        """Write what waits, in one transaction; raise on an outage (it then waits)."""
        ...


def upkeep_round(parts: ConversationParts, *, purge: bool = False) -> bool:
    """One round of upkeep; blocking, run it on the database executor. Whether it purged (if
    asked to: the database may be away)."""
    health, store, questions = parts.health, parts.store, parts.questions
    count = health.attempt("count the copies of the bot", parts.instances.beat, None)
    if count is not None:
        for counted in parts.counted:
            counted(count)
    memory = store.memory
    if count == 1 and parts.write_behind and not memory.in_charge:
        known = health.attempt("read the people's state", store.take_charge, None)
        if known is not None:
            _behind(parts, True)
            log.info("alone on the database: %d people's state kept in memory", known)
    elif count is not None and count > 1 and memory.in_charge:
        written = health.attempt("hand the people's state over", store.hand_over, None)
        if written is not None:
            _behind(parts, False)
            log.info("%d copies share the database: the people's state is kept there", count)
    write_unsaved(parts)
    if questions.numbers.running_low:
        health.attempt("reserve answer numbers", questions.reserve_numbers, 0)
    return purge and questions.purge() is not None


def write_unsaved(parts: ConversationParts) -> None:
    """Write what waits behind the answers: people's state, the log's queue, what channels
    noted; each part in a transaction of its own, skipped while the database is away."""
    health, store, questions = parts.health, parts.store, parts.questions
    if store.memory.unsaved:
        health.attempt("write the people's state", store.save_unsaved, 0)
    if questions.unsaved:
        questions.flush()
    for other in parts.written_behind:
        if other.unsaved:
            health.attempt("write what the bot noted", other.flush, 0)


def _behind(parts: ConversationParts, behind: bool) -> None:
    parts.questions.behind = behind
    for other in parts.written_behind:
        other.behind = behind


async def keep_up(
    parts: ConversationParts,
    *,
    every: float = EVERY,
    purge_every: float = PURGE_EVERY,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Forever: :func:`upkeep_round` every ``every`` seconds, purging once in ``purge_every``.

    The first purge is at start-up (:func:`~.parts.open_conversation`).
    """
    next_purge = clock() + purge_every
    while True:
        await asyncio.sleep(every)
        purge = clock() >= next_purge
        work = functools.partial(upkeep_round, parts, purge=purge)
        try:
            purged = await parts.database.call(work, wait=BACKGROUND_WAIT)
        except DatabaseTimeout as exc:
            parts.health.failed("write behind the answers", exc)
            continue
        except Exception:
            log.exception("the conversation's upkeep failed; trying again next round")
            continue
        if purged:
            next_purge = clock() + purge_every
