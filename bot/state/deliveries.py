"""Which copy of the bot handles an update posted to the webhook, so that each is answered once.

Telegram posts an update again when it did not get an answer in time (the copy was slow, died,
or the answer was lost on the way), and behind a load balancer the repeat may reach another
copy. Before handling an update a copy claims its ``update_id`` in ``webhook_update``; the
insert succeeds for one copy only. Once handled, the claim is marked so: a later repeat is
acknowledged without being answered again. A claim left unhandled for ``lease`` seconds belongs
to a copy that died in the middle, and the next repeat takes it over.

While the database is away the claims are kept in memory: repeats reaching the same copy are
still answered once, repeats reaching another copy may be answered twice (answering matters
more than deduplicating, see docs/faults.md).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Literal, cast

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from .models import DeliveryRow
from .upserts import insert_if_absent

__all__ = ["Claim", "DeliveryClaims"]

# "new": handle it; "handled": answered already; "busy": another copy is handling it now.
Claim = Literal["new", "handled", "busy"]

# Longer than an update ever takes to handle (a reply waits at most a few retries of a 429).
DEFAULT_LEASE = 120.0
# Telegram keeps an unacknowledged update for 24 hours; a claim need not outlive that by much.
KEEP_SECONDS = 2 * 86_400.0
# Claims remembered in memory (while the database is away, and to skip it for repeats seen here).
MEMORY = 10_000


class DeliveryClaims:
    """Claims on webhook updates in the database, shared by every copy of the bot."""

    def __init__(
        self,
        engine: Engine,
        *,
        lease: float = DEFAULT_LEASE,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.lease = lease
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # update_id -> handled, newest last: what this copy has claimed itself. Claims are made
        # on database threads and, in an outage, on the event loop: hence the lock.
        self._seen: OrderedDict[int, bool] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, update_id: int) -> Claim:
        """Claim ``update_id`` for this copy; raises on an outage (see :meth:`claim_locally`)."""
        with self._lock:
            if self._seen.get(update_id):
                return "handled"
        now = self.clock()
        with self._sessions.begin() as session:
            if insert_if_absent(
                session, DeliveryRow, update_id=update_id, claimed_at=now, handled=False
            ):
                self._remember(update_id, False)
                return "new"
            row = session.get(DeliveryRow, update_id)
            if row is None:  # purged meanwhile: claim it again next time
                return "busy"
            if row.handled:
                self._remember(update_id, True)
                return "handled"
            if now - row.claimed_at < self.lease:
                return "busy"
            # The copy that claimed it died before answering: take the claim over, once.
            taken = session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.update_id == update_id)
                .where(DeliveryRow.claimed_at == row.claimed_at)
                .values(claimed_at=now)
            )
            if cast(CursorResult[Any], taken).rowcount:
                self._remember(update_id, False)
                return "new"
            return "busy"

    def claim_locally(self, update_id: int) -> Claim:
        """The claim as far as this copy knows, for when the database is away."""
        with self._lock:
            if update_id in self._seen:
                return "handled" if self._seen[update_id] else "busy"
        self._remember(update_id, False)
        return "new"

    def handled_locally(self, update_id: int) -> None:
        """Remember that this copy handled ``update_id`` (whether or not the database hears)."""
        self._remember(update_id, True)

    def handled(self, update_id: int) -> None:
        """Mark the claim handled in the database; raises on an outage (a repeat reaching
        another copy may then be answered again)."""
        self._remember(update_id, True)
        with self._sessions.begin() as session:
            session.execute(
                update(DeliveryRow).where(DeliveryRow.update_id == update_id).values(handled=True)
            )

    def release(self, update_id: int) -> None:
        """Forget a claim whose update was not handled (the bot is stopping), in memory: the
        database's claim lapses after the lease."""
        with self._lock:
            self._seen.pop(update_id, None)

    def purge(self) -> int:
        """Delete claims older than Telegram keeps updates; how many."""
        with self._sessions.begin() as session:
            result = session.execute(
                delete(DeliveryRow).where(DeliveryRow.claimed_at < self.clock() - KEEP_SECONDS)
            )
            return cast(CursorResult[Any], result).rowcount

    def _remember(self, update_id: int, handled: bool) -> None:
        with self._lock:
            self._seen[update_id] = handled
            self._seen.move_to_end(update_id)
            while len(self._seen) > MEMORY:
                self._seen.popitem(last=False)
