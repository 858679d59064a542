"""Answer numbers reserved ahead, so that an answer has its number before its row is written.

An answer's vote buttons carry the number of its row in the question log. Taken from the
database's own counter, every answer waits for its row to be written; instead, each copy of the
bot reserves a block of numbers at a time (one small transaction per :data:`BLOCK` answers) and
hands them out from memory, so the row can be written later, in a batch. The next free number
is kept in ``state_meta`` and moved on under a row lock, so copies never take the same block;
it starts above the highest number in the log, so rows written before it existed keep theirs.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..state import AnswerRow, MetaRow
from ..state.upserts import insert_if_absent

__all__ = ["BLOCK", "NEXT_ANSWER_KEY", "AnswerNumbers"]

NEXT_ANSWER_KEY = "next_answer_id"
BLOCK = 1000


class AnswerNumbers:
    """The numbers this copy has reserved and not yet used; safe to share between threads."""

    def __init__(self, block: int = BLOCK) -> None:
        self.block = block
        self._lock = threading.Lock()
        self._next = self._end = 0
        self._then: range | None = None  # the block reserved for when this one is used up

    @property
    def left(self) -> int:
        return self._end - self._next + len(self._then or ())

    @property
    def running_low(self) -> bool:
        """Fewer than half a block left: time to reserve the next one (behind the answers)."""
        return self.left < self.block // 2

    def take(self) -> int | None:
        """A number for an answer; None when none is left (the row gets one when written)."""
        with self._lock:
            if self._next >= self._end and self._then is not None:
                self._next, self._end, self._then = self._then.start, self._then.stop, None
            if self._next >= self._end:
                return None
            number, self._next = self._next, self._next + 1
            return number

    def reserve(self, session: Session, count: int | None = None) -> range:
        """Reserve ``count`` numbers (default: a block) in ``session``'s transaction, which
        the caller commits; they are this copy's once it has."""
        count = self.block if count is None else count
        insert_if_absent(session, MetaRow, key=NEXT_ANSWER_KEY, value="1")
        row = session.get(MetaRow, NEXT_ANSWER_KEY, with_for_update=True)
        assert row is not None, "inserted just now, and never deleted"
        highest = session.scalar(select(func.max(AnswerRow.id))) or 0
        start = max(int(row.value), highest + 1)
        row.value = str(start + count)
        return range(start, start + count)

    def add(self, numbers: range) -> None:
        """Hand out ``numbers`` (committed by :meth:`reserve`) once those in hand are used."""
        with self._lock:
            if self._then is not None:
                self._next, self._end = self._then.start, self._then.stop
            self._then = numbers
