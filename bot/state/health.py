"""Whether the database answers: one log line when it goes away, one when it is back.

The bot answers from memory (the knowledge base and the registry it read at start-up), so a
database that drops its connections or cannot be reached must cost neither an answer nor a
flood of log lines. Everything that writes per-user state or the question log goes through one
:class:`DatabaseHealth`: the first failure logs a warning, later ones are silent, and while the
database is away it is tried again at most every ``retry_after`` seconds, so that a database
that hangs does not delay every answer. The first success after a fault logs that it is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

__all__ = ["DatabaseHealth", "DatabaseTimeout", "is_outage"]

log = logging.getLogger(__name__)
T = TypeVar("T")


class DatabaseTimeout(Exception):
    """The database did not answer within the time the bot waits (:mod:`.executor`)."""


# SQLSTATE 25006, read_only_sql_transaction: a standby after a failover, or
# default_transaction_read_only. It refuses every write until someone fixes it, like an outage.
READ_ONLY = "25006"


def is_outage(exc: BaseException) -> bool:
    """Whether ``exc`` says the database is unreachable, dropped the connection, or takes no
    writes (read-only); a database that answers too slowly counts too (see :mod:`.executor`).

    Anything else (a constraint violated, a bug in a query) is not an outage and is raised.
    """
    if isinstance(exc, OperationalError | InterfaceError | PoolTimeout):
        return True
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or getattr(exc.orig, "sqlstate", None) == READ_ONLY
    return isinstance(exc, DatabaseTimeout)


class DatabaseHealth:
    """The database's state as the bot last saw it; safe to share between threads."""

    def __init__(
        self, *, retry_after: float = 5.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.retry_after = retry_after
        self.clock = clock
        self.faults = 0  # outages seen since start
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_try = 0.0

    @property
    def up(self) -> bool:
        return self._down_since is None

    def usable(self) -> bool:
        """Worth trying now: the database is up, or it is time to try again."""
        with self._lock:
            return self._down_since is None or self.clock() >= self._next_try

    def failed(self, what: str, exc: BaseException) -> None:
        """Note an outage; logged only when the database was up until now."""
        with self._lock:
            now = self.clock()
            self._next_try = now + self.retry_after
            if self._down_since is not None:
                return
            self._down_since = now
            self.faults += 1
        log.warning(
            "database unavailable (while trying to %s): %s; answering from memory, the question "
            "log is queued, trying again every %.0f s",
            what,
            _reason(exc),
            self.retry_after,
        )

    def succeeded(self) -> None:
        """Note that the database answered; logged when it was away until now."""
        if self._down_since is None:  # the usual case, without taking the lock
            return
        with self._lock:
            if self._down_since is None:
                return
            away = self.clock() - self._down_since
            self._down_since = None
        log.warning("database available again after %.0f s", away)

    def attempt(self, what: str, work: Callable[[], T], fallback: T) -> T:
        """``work()``, or ``fallback`` when the database is away (skipping it while it is)."""
        if not self.usable():
            return fallback
        try:
            result = work()
        except Exception as exc:
            if not is_outage(exc):
                raise
            self.failed(what, exc)
            return fallback
        self.succeeded()
        return result


def _reason(exc: BaseException) -> str:
    """The driver's message, on one line."""
    cause = getattr(exc, "orig", None) or exc
    return " ".join(str(cause).split()) or type(cause).__name__
