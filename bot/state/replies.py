"""Which messages of the bot answered which message of a person, for 48 hours.

Telegram sends an edited message as an update of its own. Answering it again below would leave
two answers, one of them to a question nobody asks any more; so the bot remembers, for each
message it answered, the messages its answer went out as, and an edit of the question edits
those in place. An edit that leaves the text as it was (Telegram sends one when, for example, a
link preview is removed) is ignored.

The memory lives in the shared database, so that the edit may reach another copy of the bot (a
copy alone on its database notes it in memory and writes it behind its answers,
:attr:`ReplyMemory.behind`, as the question log does); it is small (a row an answered message)
and kept ``KEEP_SECONDS``: Telegram lets a bot edit its messages for 48 hours. It stores neither
chat ids nor texts: the key is an HMAC of the chat and message ids, the text is kept as an HMAC,
both under the pseudonyms' salt.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from .models import ReplyRow
from .upserts import upsert_all

__all__ = ["KEEP_SECONDS", "Remembered", "ReplyMemory"]

KEEP_SECONDS = 48 * 3600.0
# More message ids than an answer is ever split into; the column holds them as text.
_MOST_MESSAGES = 20


@dataclass(frozen=True)
class Remembered:
    """The answer to a message, as remembered."""

    messages: tuple[int, ...]
    pin: int | None  # only for answers of earlier versions, which sent the map pin with them
    same_text: bool  # the message's text is what was answered


class ReplyMemory:
    """The shared memory of which messages answered which; blocking, run it on the database
    executor."""

    def __init__(
        self, engine: Engine, salt: bytes, *, clock: Callable[[], float] = time.time
    ) -> None:
        self._salt = salt
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Noted in memory and written by flush() (this copy is alone on the database).
        self.behind = False
        self._lock = threading.Lock()
        self._unsaved: dict[str, dict[str, Any]] = {}

    @property
    def unsaved(self) -> int:
        return len(self._unsaved)

    def remember(
        self, chat_id: int, message_id: int, text: str, messages: Sequence[int], pin: int | None
    ) -> None:
        """Note that ``messages`` (and the map ``pin``) answered ``text``, message
        ``message_id`` of ``chat_id``; a later answer to the same message replaces it."""
        with self._sessions.begin() as session:
            upsert_all(session, ReplyRow, [self._row(chat_id, message_id, text, messages, pin)])

    def note(
        self, chat_id: int, message_id: int, text: str, messages: Sequence[int], pin: int | None
    ) -> bool:
        """:meth:`remember` in memory, to be written by :meth:`flush`; False (nothing done)
        unless :attr:`behind`."""
        if not self.behind:
            return False
        row = self._row(chat_id, message_id, text, messages, pin)
        with self._lock:
            self._unsaved[row["key"]] = row
        return True

    def flush(self) -> int:
        """Write what was noted, in one transaction; how many. Raises on an outage (the rows
        then wait for the next call)."""
        with self._lock:
            rows, self._unsaved = self._unsaved, {}
        if not rows:
            return 0
        try:
            with self._sessions.begin() as session:
                upsert_all(session, ReplyRow, list(rows.values()))
        except Exception:
            with self._lock:
                self._unsaved = {**rows, **self._unsaved}
            raise
        return len(rows)

    def recall(self, chat_id: int, message_id: int, text: str) -> Remembered | None:
        """The answer to message ``message_id`` of ``chat_id``, now reading ``text``; None
        when it was not answered, or too long ago to edit."""
        key = self._keyed(f"{chat_id}:{message_id}")
        with self._lock:
            noted = self._unsaved.get(key)
        row: ReplyRow | None
        if noted is not None:
            row = ReplyRow(**noted)
        else:
            with self._sessions.begin() as session:
                row = session.get(ReplyRow, key)
        if row is None or self.clock() - row.answered_at > KEEP_SECONDS:
            return None
        messages = tuple(int(m) for m in row.messages.split(",") if m)
        same = hmac.compare_digest(row.digest, self._keyed(f"text:{text}"))
        return Remembered(messages, row.pin, same)

    def purge(self) -> int:
        """Forget answers too old to edit; how many."""
        cutoff = self.clock() - KEEP_SECONDS
        with self._sessions.begin() as session:
            result = session.execute(delete(ReplyRow).where(ReplyRow.answered_at < cutoff))
            return cast(CursorResult[Any], result).rowcount

    def _row(
        self, chat_id: int, message_id: int, text: str, messages: Sequence[int], pin: int | None
    ) -> dict[str, Any]:
        return {
            "key": self._keyed(f"{chat_id}:{message_id}"),
            "digest": self._keyed(f"text:{text}"),
            "messages": ",".join(str(m) for m in messages[:_MOST_MESSAGES]),
            "pin": pin,
            "answered_at": self.clock(),
        }

    def _keyed(self, text: str) -> str:
        # surrogatepass: a message may hold a lone surrogate, which plain UTF-8 refuses.
        data = text.encode(errors="surrogatepass")
        return hmac.new(self._salt, data, hashlib.sha256).hexdigest()
