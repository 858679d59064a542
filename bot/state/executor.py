"""Database work on threads of its own, waited for at most a bounded time.

A database that stops answering (frozen, overloaded, cut off by the network) does not close its
connections: a statement sent on a pooled connection simply waits, and no driver timeout ends a
wait on a server whose machine still acknowledges the bytes. Run on the event loop's default
thread pool, such waits filled the threads answering needs too, and the whole bot stalled.

So database work runs here, on a small pool used for nothing else, and the bot waits for it at
most ``wait`` seconds: past that the caller gets its fallback (answering from memory, as in any
outage), :class:`~.health.DatabaseHealth` notes the outage once, and further work is skipped
until it is time to try again. The stuck thread finishes when the server answers or the
connection's own timeouts end it (see :mod:`bot.registry.database`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from .health import DatabaseHealth, DatabaseTimeout, is_outage

__all__ = ["BACKGROUND_WAIT", "DEFAULT_WAIT", "DatabaseExecutor", "DatabaseTimeout"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Long enough for a busy but healthy database (a write takes milliseconds), short enough that
# a person waiting for an answer hardly notices when it has stopped answering.
DEFAULT_WAIT = 0.5
# Work nobody waits for (batches, housekeeping) may take longer; past this it is an outage too.
BACKGROUND_WAIT = 30.0


class DatabaseExecutor:
    """Runs blocking database calls off the event loop, apart from everything else."""

    def __init__(
        self, health: DatabaseHealth, *, workers: int = 4, wait: float = DEFAULT_WAIT
    ) -> None:
        self.health = health
        self.wait = wait
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="database")

    async def run(
        self, what: str, work: Callable[[], T], fallback: T, *, wait: float | None = None
    ) -> T:
        """``work()`` on a database thread, or ``fallback`` when the database is away or takes
        longer than ``wait`` (default: this executor's; the outage is then noted in
        :attr:`health`)."""
        if not self.health.usable():
            return fallback
        try:
            return await self.call(work, wait=wait)
        except DatabaseTimeout as exc:
            self.health.failed(what, exc)
            return fallback
        except Exception as exc:
            if not is_outage(exc):
                raise
            self.health.failed(what, exc)
            return fallback

    async def call(self, work: Callable[[], T], *, wait: float | None = None) -> T:
        """``work()`` on a database thread; :class:`DatabaseTimeout` past ``wait`` seconds
        (``None``: this executor's wait). The work itself goes on until the database answers."""
        future = asyncio.get_running_loop().run_in_executor(self._pool, work)
        limit = self.wait if wait is None else wait
        try:
            # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a cancellation
            # that arrives as the work finishes, and a task cancelled at shutdown then runs on
            # (the conversation's upkeep did, and the bot never stopped). shield: a timeout must
            # not cancel the future of a thread that cannot be stopped, or its result (and any
            # exception) would go unobserved.
            async with asyncio.timeout(limit):
                return await asyncio.shield(future)
        except TimeoutError:
            future.add_done_callback(_observe)
            raise DatabaseTimeout(f"no answer within {limit:g} s") from None

    async def background(self, work: Callable[[], T]) -> T:
        """``work()`` on a database thread, waited for as long as it takes (housekeeping, the
        log's batches: nobody waits for an answer behind them)."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, work)

    def close(self) -> None:
        """Stop accepting work; threads still waiting on the database end with it."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def _observe(future: asyncio.Future[Any]) -> None:
    """Retrieve a late result so that asyncio does not report it as never retrieved."""
    if not future.cancelled() and future.exception() is not None:
        log.debug("late database work failed: %s", future.exception())
