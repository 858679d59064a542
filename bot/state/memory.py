"""Per-person state in memory, for a copy of the bot that has its database to itself.

Every message reads a person's state (flood allowance, chosen language, the chat's last turn)
and writes it back; done in the database, that is a transaction and a thread hand-off on every
update, most of what the bot spends on one beside matching. A copy that is the only one on its
database (:mod:`.instances` counts them) need not ask the database what it alone writes: it
reads the state of everyone who may still matter once, when it takes charge (anyone with a
chosen language, anyone seen lately enough that their flood allowance, mute or last turn still
counts), keeps it here, and writes what changed behind the answers, every fraction of a second
(:meth:`bot.state.StateStore.save_unsaved`). A person not read is someone with no language
chosen and nothing recent: a fresh state is theirs.

When a second copy appears the memory hands over: what is unsaved is written and the copies
share the state in the database again (:mod:`.store`), as before. A person is never in memory
and in the database at once as far as this copy is concerned, so they cannot disagree.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["FloodLimit", "PeopleMemory", "PersonState", "Verdict", "flood_step"]

Verdict = Literal["ok", "notify", "ignore"]


@dataclass(frozen=True)
class FloodLimit:
    """At most ``messages`` per ``window`` seconds; beyond that, silence for ``mute`` seconds."""

    messages: int
    window: float
    mute: float

    @property
    def memory(self) -> float:
        """How long a person's allowance matters after their last message: after this long it
        is full again and any mute is over."""
        return max(self.window, self.mute)


@dataclass
class PersonState:
    """What the bot keeps of one person (as the ``user_state`` row holds it)."""

    lang: str | None = None
    tokens: float | None = None  # None: a full allowance
    seen_at: float | None = None
    muted_until: float | None = None
    turn: str | None = None  # bot.intent.Turn as JSON


def flood_step(
    limit: FloodLimit, state: PersonState, now: float
) -> tuple[Verdict, float, float | None]:
    """One update against a token bucket: the verdict, the tokens left, the mute's end.

    "notify" comes once, with the message that goes over the limit; further messages are
    "ignore" until the mute ends. The allowance refills steadily, so a person who writes at a
    normal pace never notices it.
    """
    tokens = float(limit.messages)
    if state.tokens is not None and state.seen_at is not None:
        refill = max(0.0, now - state.seen_at) * limit.messages / limit.window
        tokens = min(tokens, state.tokens + refill)
    if state.muted_until is not None and now < state.muted_until:
        return "ignore", tokens, state.muted_until
    if tokens >= 1:
        return "ok", tokens - 1, None
    return "notify", tokens, now + limit.mute


class PeopleMemory:
    """The state of the people this copy talks to, while it is the only copy; safe to share
    between the event loop and the database's threads."""

    def __init__(self, flood: FloodLimit, *, keep: float, clock: Callable[[], float]) -> None:
        self.flood = flood
        # How long an idle person is worth remembering: their last turn's lifetime or their
        # allowance's, whichever is longer.
        self.keep = max(keep, flood.memory)
        self.clock = clock
        self._lock = threading.Lock()
        self._people: dict[str, PersonState] | None = None  # None: not in charge
        self._unsaved: set[str] = set()

    @property
    def in_charge(self) -> bool:
        return self._people is not None

    @property
    def unsaved(self) -> int:
        """How many people's state changed and is not yet written."""
        return len(self._unsaved)

    def take_charge(self, people: Iterable[tuple[str, PersonState]]) -> None:
        """Start answering from memory, knowing ``people`` (everyone whose state may matter)."""
        with self._lock:
            self._people = dict(people)
            self._unsaved.clear()

    def hand_over(self) -> dict[str, PersonState]:
        """Stop answering from memory; what was not yet written, for the database."""
        with self._lock:
            people, self._people = self._people or {}, None
            unsaved, self._unsaved = self._unsaved, set()
            return {person: people[person] for person in unsaved if person in people}

    # What the conversation asks; None or False: not in charge, ask the database.

    def admit(self, person: str) -> tuple[Verdict, str | None, str | None] | None:
        """Count one update against the person's allowance: the verdict, their chosen
        language and their last turn; None when not in charge."""
        now = self.clock()
        with self._lock:
            if self._people is None:
                return None
            state = self._people.get(person)
            if state is None:
                state = self._people[person] = PersonState()
            verdict, state.tokens, state.muted_until = flood_step(self.flood, state, now)
            state.seen_at = now
            self._unsaved.add(person)
            return verdict, state.lang, state.turn

    def set_language(self, person: str, lang: str | None) -> bool:
        return self._change(person, lang=lang)

    def remember(self, person: str, turn: str | None) -> bool:
        return self._change(person, turn=turn)

    def _change(self, person: str, **change: str | None) -> bool:
        with self._lock:
            if self._people is None:
                return False
            state = self._people.setdefault(person, PersonState())
            for name, value in change.items():
                setattr(state, name, value)
            self._unsaved.add(person)
            return True

    # What the writer behind asks.

    def take_unsaved(self) -> dict[str, PersonState]:
        """Copies of the states changed since the last call, which are then taken as saved
        (give them back with :meth:`unsaved_again` if the write fails); idle people are
        forgotten on the way."""
        now = self.clock()
        with self._lock:
            if self._people is None:
                return {}
            taken = {p: dataclasses.replace(self._people[p]) for p in self._unsaved}
            self._unsaved.clear()
            idle = [p for p, state in self._people.items() if self._idle(p, state, now)]
            for person in idle:
                del self._people[person]
            return taken

    def unsaved_again(self, people: Iterable[str]) -> None:
        """Their write failed: write them (as they are by then) next time."""
        with self._lock:
            if self._people is not None:
                self._unsaved.update(p for p in people if p in self._people)

    def _idle(self, person: str, state: PersonState, now: float) -> bool:
        # A chosen language is kept however long ago (the loader reads it again anyway).
        if person in self._unsaved or state.lang is not None:
            return False
        return state.seen_at is None or now - state.seen_at > self.keep
