"""How many copies of the bot run on one database: each writes a heartbeat, and counts the others.

Some limits belong to the bot's token, not to a process (Telegram's ~30 messages a second): the
copies behind one webhook address must share them, and to share they must know how many they
are. Each copy keeps a row ``instance:<random id>`` in ``state_meta`` holding the Unix time of
its last heartbeat; a copy that has not beaten for ``lifetime`` seconds (it crashed, or was
killed without stopping) no longer counts, and the next heartbeat of any copy deletes its row.

The table is tiny (one row a copy), so no migration was needed: ``state_meta`` already holds
small values every copy shares.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import delete, select, update
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.orm import sessionmaker

from .models import MetaRow

__all__ = ["INSTANCE_PREFIX", "Instances"]

INSTANCE_PREFIX = "instance:"


class Instances:
    """This copy's heartbeat, and the number of copies alive on the database."""

    def __init__(
        self,
        engine: Engine,
        *,
        lifetime: float = 90.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.lifetime = lifetime
        self.clock = clock
        self.key = INSTANCE_PREFIX + secrets.token_hex(8)
        self.count = 1  # until the first heartbeat, and while the database is away
        self._left = False
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def beat(self) -> int:
        """Note that this copy is alive, forget copies that are not; the copies alive now.

        Run it on the :class:`~.executor.DatabaseExecutor` with :attr:`count` as the fallback:
        while the database is away the last count stands.
        """
        now = self.clock()
        with self._sessions.begin() as session:
            # An UPDATE by statement, not by a loaded row: a stop's leave() may delete the row
            # meanwhile (the last beat still running on the executor), and an ORM flush would
            # then fail on the missing row. A copy that has left is not added back.
            beaten = session.execute(
                update(MetaRow).where(MetaRow.key == self.key).values(value=repr(now))
            )
            if not cast(CursorResult[Any], beaten).rowcount and not self._left:
                session.add(MetaRow(key=self.key, value=repr(now)))
            rows = session.scalars(
                select(MetaRow).where(MetaRow.key.startswith(INSTANCE_PREFIX))
            ).all()
            dead = [r.key for r in rows if r.key != self.key and _stale(r.value, now, self)]
            if dead:
                session.execute(delete(MetaRow).where(MetaRow.key.in_(dead)))
            self.count = 1 + sum(1 for r in rows if r.key != self.key and r.key not in dead)
        return self.count

    def leave(self) -> None:
        """Stop counting this copy (at shutdown), so that the others take over its share."""
        self._left = True
        with self._sessions.begin() as session:
            session.execute(delete(MetaRow).where(MetaRow.key == self.key))


def _stale(value: str, now: float, instances: Instances) -> bool:
    try:
        return now - float(value) > instances.lifetime
    except ValueError:  # not written by a heartbeat: not a copy
        return True
