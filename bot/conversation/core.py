"""The conversation: what every channel does with a person's question, button or vote.

A channel (Telegram, the web chat) turns its wire format into calls of :class:`Conversation`
and renders what comes back; it decides nothing about flood control, the answer language,
follow-ups, logging or votes. Matching runs inline (it takes well under a millisecond, less than
a hand-off to a thread); every database call runs on the database's own threads and is waited
for at most ``DATABASE_WAIT`` (:mod:`bot.state.executor`), after which the conversation goes on
as in an outage: flood control lets the update through, nothing chosen, no vote buttons.

Per person (by channel-qualified id, :mod:`.people`) the state holds the language they chose,
their flood allowance and the chat's last turn. A copy of the bot alone on its database keeps
them in memory and writes them behind its answers (:mod:`bot.state.memory`, :mod:`.upkeep`), so
that an answer costs no database work at all; copies sharing a database keep them there, so
several copies behind one address behave as one.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..answers import Answer
from ..assistant import Assistant
from ..insights import QuestionLog, read_usage
from ..intent import Turn
from ..matching import Match
from ..required import ABOUT_BOT
from ..state import Admission as StoredAdmission
from ..state import AnswerRow, DatabaseExecutor, StateStore, Verdict, VoteResult
from .stats import STATS_DAYS, stats_text
from .targets import Target

__all__ = ["NOT_VOTABLE", "Admission", "Conversation", "Reply", "votable"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Entries that answer no question of the person's own (what the bot can do, as /help shows):
# nothing to vote on.
NOT_VOTABLE = frozenset({ABOUT_BOT})


def votable(outcome: str, entry: str | None) -> bool:
    """Whether an answer is one to vote on: a real answer from an entry, not a decline, a "did
    you mean", small talk or the help text."""
    return outcome == "answer" and entry is not None and entry not in NOT_VOTABLE


@dataclass(frozen=True)
class Admission:
    """Whether to handle a person's update, and what to answer it with.

    ``chosen`` is the language the person chose (None: each question's own language); ``turn``
    the chat's last turn, when it has not expired.
    """

    verdict: Verdict
    chosen: str | None = None
    turn: Turn | None = None

    @property
    def admitted(self) -> bool:
        return self.verdict == "ok"


@dataclass(frozen=True)
class Reply:
    """An answer to send, and the number under which it was logged (None: not logged, the
    database being away); vote buttons are offered only when :attr:`votable`."""

    answer: Answer
    answer_id: int | None

    @property
    def votable(self) -> bool:
        return self.answer_id is not None and votable(self.answer.outcome, self.answer.entry)


class Conversation:
    """The channel-neutral conversation over one assistant, state store and question log
    (None: nothing is logged, as in the console; :mod:`.offline`)."""

    def __init__(
        self,
        assistant: Assistant,
        store: StateStore,
        questions: QuestionLog | None,
        database: DatabaseExecutor,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.assistant = assistant
        self.store = store
        self.questions = questions
        self.database = database
        self.clock = clock

    # Admission ---------------------------------------------------------------------------------

    async def admit(self, person: str) -> Admission:
        """Count one update of any kind (a message, a button, an inline query, a web request)
        against the person's flood allowance, and read what their answer needs."""
        remembered = self.store.memory.admit(person)
        if remembered is not None:
            verdict, lang, turn = remembered
            return Admission(verdict, lang, self._turn(turn))
        store = self.store
        stored = await self.database.run(
            "apply flood control", lambda: store.admit(person), StoredAdmission("ok", None)
        )
        return Admission(stored.verdict, stored.lang, self._turn(stored.turn))

    async def set_language(self, person: str, lang: str | None) -> bool:
        """The person's choice of language (None: follow each question); False if not saved."""
        store = self.store
        if store.memory.set_language(person, lang):
            return True
        return await self.database.run(
            "store a user's language", lambda: store.set_language(person, lang), False
        )

    # Answers -----------------------------------------------------------------------------------

    async def ask(
        self, person: str | None, question: str, *, hint: str | None, admission: Admission
    ) -> Reply:
        """Answer ``question`` in the person's chosen language (else the question's own, with
        ``hint`` where that is unclear), read against the chat's last turn; logged before it is
        returned, and the turn moved on."""
        match, answer = self.assistant.consider(
            question, hint, context=admission.turn, chosen=admission.chosen
        )
        reply = Reply(answer, await self.log(person, question, answer))
        if person is not None:
            await self._remember(person, _turn_of(match, answer, self.clock()))
        return reply

    async def open(self, person: str | None, target: Target, *, asked: str) -> Reply:
        """The answer of a suggestion, a related entry or a command's entry; ``asked`` is what
        the question log records for it (the command or the button)."""
        answer = self.assistant.open(
            target.entry, target.lang, city=target.city, country=target.country
        )
        reply = Reply(answer, await self.log(person, asked, answer))
        if person is not None and votable(answer.outcome, answer.entry):
            await self._remember(person, _turn_of(None, answer, self.clock()))
        return reply

    async def log(self, person: str | None, question: str, answer: Answer) -> int | None:
        """Log an answer about to be sent; its number, which votes name (None: not logged)."""
        if self.questions is None:
            return None
        return await self.questions.log(
            self.database, person=person, question=question, answer=answer
        )

    # Feedback and statistics -------------------------------------------------------------------

    async def vote(self, person: str, answer_id: int, vote: int) -> VoteResult:
        """A 👍 (+1) or 👎 (-1) on an answer given to ``person``; anyone else's is refused."""
        store = self.store
        if self.questions is None:
            return "expired"  # nothing was logged to vote on
        result: VoteResult = await self.database.run(
            "store a vote",
            self._after_the_log(lambda: store.vote(answer_id, person, vote, votable=_row_votable)),
            "failed",
        )
        return result

    async def stats_text(self, lang: str) -> str | None:
        """The statistics of the last :data:`STATS_DAYS` days; None when the database is away."""
        engine, questions = self.store.engine, self.questions
        if questions is None:
            return None
        usage = await self.database.run(
            "read the statistics",
            self._after_the_log(lambda: read_usage(engine, days=STATS_DAYS)),
            None,
        )
        if usage is None:
            return None
        return stats_text(usage, self.assistant.brain.knowledge, questions, lang)

    # Helpers -----------------------------------------------------------------------------------

    def _after_the_log(self, work: Callable[[], T]) -> Callable[[], T]:
        """``work`` once the log's queued rows are written: an answer written behind may still
        wait there, and a vote on it or a count of it must find it."""
        questions = self.questions

        def run() -> T:
            if questions is not None and questions.unsaved:
                questions.flush()
            return work()

        return run

    def _turn(self, stored: str | None) -> Turn | None:
        if not stored:
            return None
        try:
            data: Any = json.loads(stored)
        except ValueError:
            return None
        turn = Turn.from_dict(data) if isinstance(data, dict) else None
        if turn is None or turn.expired(self.clock()):
            return None
        return turn

    async def _remember(self, person: str, turn: Turn | None) -> None:
        # A question with no answer of its own (a decline, "did you mean") leaves the last turn
        # as it was: the person's next follow-up still refers to the last real answer.
        if turn is None:
            return
        store, stored = self.store, json.dumps(turn.to_dict())
        if store.memory.remember(person, stored):
            return
        await self.database.run(
            "store a chat's last turn", lambda: store.remember(person, stored), False
        )


def _row_votable(row: AnswerRow) -> bool:
    return votable(row.outcome, row.entry)


def _turn_of(match: Match | None, answer: Answer, now: float) -> Turn | None:
    """What the chat keeps of an answer for the next question's follow-up: the match's own turn
    for a question, the opened entry's for a button."""
    if match is not None:
        return Turn.from_match(match, now)
    if answer.outcome != "answer" or answer.entry is None:
        return None
    return Turn(
        entry=answer.entry,
        focus=match.focus if match is not None else "overview",
        lang=answer.lang,
        city=answer.city,
        country=answer.country,
        at=now,
    )
