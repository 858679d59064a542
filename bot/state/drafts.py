"""Staff edits in progress, one per admin; synchronous, so handlers call it via ``asyncio.to_thread``.

An admin's edit takes several updates (one per answer), and behind one webhook address each may
reach a different copy of the bot, so the draft lives in the database (``staff_draft``) and is
read and written on every answer. The store keeps it as JSON text and knows nothing of what is
in it (:mod:`bot.forms.staff` makes and reads the JSON).

Every write names the revision its caller read, and is refused when the stored draft has moved on
meanwhile: two copies handling two presses of one button at once move the edit on once. An edit
nobody answered for ``timeout`` seconds has expired: reading it deletes it, and says so once.

Unlike the rest of the state, a draft cannot be guessed while the database is away: the methods
raise :class:`DraftsUnavailable` then, and the admin is told that nothing changed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .health import DatabaseHealth, is_outage
from .models import DraftRow
from .upserts import insert_if_absent

__all__ = ["DraftGone", "DraftStore", "DraftsUnavailable", "StoredDraft"]

log = logging.getLogger(__name__)
T = TypeVar("T")


class DraftsUnavailable(Exception):
    """The database did not answer: no draft was read or changed."""


class DraftGone(Exception):
    """The stored draft is no longer the revision the caller read (another copy of the bot
    moved it on, or ended it); raised inside a transaction, it rolls the transaction back."""


@dataclass(frozen=True)
class StoredDraft:
    """An admin's draft as JSON, its revision, and whether it had expired (and is deleted)."""

    draft: str
    revision: int
    expired: bool = False


class DraftStore:
    """The admins' unfinished edits, in the database the registry uses."""

    def __init__(
        self,
        engine: Engine,
        *,
        timeout: float,
        health: DatabaseHealth | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.timeout = timeout
        self.health = health or DatabaseHealth()
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def load(self, user_id: int) -> StoredDraft | None:
        """The admin's draft; None when they have none. An expired one is deleted as it is read,
        so only one update hears that it has expired."""

        def read() -> StoredDraft | None:
            with self._sessions.begin() as session:
                row = session.get(DraftRow, user_id)
                if row is None:
                    return None
                if not self._expired(row):
                    return StoredDraft(row.draft, row.revision)
                if _deleted(session, user_id, row.revision):
                    return StoredDraft(row.draft, row.revision, expired=True)
                return None  # another copy has just read it as expired, or replaced it

        return self._attempt("read a staff edit", read)

    def start(self, user_id: int, draft: str, step: str) -> tuple[int, bool]:
        """Store a new draft in place of any other; its revision, and whether it replaced one
        that had not expired."""

        def write() -> tuple[int, bool]:
            with self._sessions.begin() as session:
                # FOR UPDATE on PostgreSQL: a concurrent answer to the old draft waits, then
                # finds its revision gone.
                row = session.get(DraftRow, user_id, with_for_update=True)
                if row is None:
                    # Insert only if absent: another copy may be starting an edit for the same
                    # admin (a double press) at this moment.
                    values = {"draft": draft, "step": step, "updated_at": self.clock()}
                    if insert_if_absent(session, DraftRow, user_id=user_id, revision=1, **values):
                        return 1, False
                    row = session.get(DraftRow, user_id, with_for_update=True)
                    assert row is not None, "inserted by another copy just now"
                replaced = not self._expired(row)
                row.revision += 1
                row.draft, row.step, row.updated_at = draft, step, self.clock()
                return row.revision, replaced

        return self._attempt("start a staff edit", write)

    def save(self, user_id: int, draft: str, step: str, *, revision: int) -> int | None:
        """Store the draft read at ``revision``, moved on; its new revision, or None when the
        stored draft is no longer that revision (and nothing was written)."""

        def write() -> int | None:
            with self._sessions.begin() as session:
                result = session.execute(
                    update(DraftRow)
                    .where(DraftRow.user_id == user_id, DraftRow.revision == revision)
                    .values(draft=draft, step=step, revision=revision + 1, updated_at=self.clock())
                )
                return revision + 1 if cast(CursorResult[Any], result).rowcount else None

        return self._attempt("save a staff edit", write)

    def delete(self, user_id: int, *, revision: int | None = None) -> bool:
        """Delete the admin's draft (only if still at ``revision``, when given); True if one
        was deleted."""

        def write() -> bool:
            with self._sessions.begin() as session:
                if revision is not None:
                    return _deleted(session, user_id, revision)
                result = session.execute(delete(DraftRow).where(DraftRow.user_id == user_id))
                return bool(cast(CursorResult[Any], result).rowcount)

        return self._attempt("end a staff edit", write)

    @staticmethod
    def discard(session: Session, user_id: int, revision: int) -> None:
        """Delete the draft at ``revision`` in ``session``'s transaction, e.g. the one saving the
        edit it describes; raises :class:`DraftGone` when it is not there."""
        if not _deleted(session, user_id, revision):
            raise DraftGone(f"the staff edit of user {user_id} is no longer at {revision}")

    def purge(self) -> int | None:
        """Delete every expired draft (at start-up); how many, None when the database is away.

        Drafts expire when next read anyway; this only keeps those nobody comes back to from
        staying in the table."""

        def write() -> int:
            with self._sessions.begin() as session:
                result = session.execute(
                    delete(DraftRow).where(DraftRow.updated_at < self.clock() - self.timeout)
                )
                return cast(CursorResult[Any], result).rowcount

        purged = self.health.attempt("purge expired staff edits", write, None)
        if purged:
            log.info("staff edits: deleted %d that had expired unsaved", purged)
        return purged

    def _expired(self, row: DraftRow) -> bool:
        return self.clock() - row.updated_at > self.timeout

    def _attempt(self, what: str, work: Callable[[], T]) -> T:
        """``work()``; raises :class:`DraftsUnavailable` while the database is away."""
        if not self.health.usable():
            raise DraftsUnavailable(what)
        try:
            result = work()
        except Exception as exc:
            if not is_outage(exc):
                raise
            self.health.failed(what, exc)
            raise DraftsUnavailable(what) from exc
        self.health.succeeded()
        return result


def _deleted(session: Session, user_id: int, revision: int) -> bool:
    """Delete the draft if it is at ``revision``; whether it was."""
    result = session.execute(
        delete(DraftRow).where(DraftRow.user_id == user_id, DraftRow.revision == revision)
    )
    return bool(cast(CursorResult[Any], result).rowcount)
