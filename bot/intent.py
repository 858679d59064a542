"""What a question asks, beside which entry answers it, and what a chat remembers of its last turn.

The matcher (:mod:`bot.matching`) fills a :class:`~bot.matching.Match` with a :data:`Focus`
("when was the Gotha agreement signed?" -> entry ``city-card``, focus ``when``); the composer
(:mod:`bot.answers`) opens its answer with exactly that fact. A :class:`Turn` is what a
conversation keeps of the previous question so that "a od kiedy?" or "and their phone?" can be
read against it; channels store it with the chat's other state and pass it back on the next
question. Both are plain data and know nothing of any channel.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from .matching import Match

__all__ = [
    "CITY_FOCUSES",
    "CONTACT_FOCUSES",
    "FOCUSES",
    "SMALL_TALK",
    "Focus",
    "SmallTalk",
    "Turn",
]

Focus = Literal[
    "overview",  # a general question or a bare name: a short card or list
    "when",  # agreement date, since when, first contact, milestones
    "status",  # is X a partner, what kind of agreement
    "areas",  # what the cooperation covers
    "population",
    "location",  # where it is
    "known_for",  # what the place is known for, its history
    "who",  # people at a visit, who is responsible for the page
    "count",  # how many partner cities
    "events",  # what happened (in a year: Match.year)
    "email",
    "phone",
    "fax",
    "address",
    "investor_centre",  # Centrum Obsługi Inwestora
    "cities_of_country",
    "is_partner",  # whether a named place, known or not (Match.place), is a partner
    "unanswerable",  # in scope, but the sources do not say (current mayor, next delegation)
    "small_talk",  # greetings, thanks, ... (Match.small_talk says which)
]
FOCUSES: tuple[Focus, ...] = get_args(Focus)
# What the office's contact sheet answers, and what a city's card does.
CONTACT_FOCUSES: frozenset[Focus] = frozenset(
    ["email", "phone", "fax", "address", "investor_centre"]
)
CITY_FOCUSES: frozenset[Focus] = frozenset(
    ["when", "status", "areas", "population", "location", "known_for", "who", "events"]
)

SmallTalk = Literal[
    "greeting",
    "thanks",
    "goodbye",
    "identity",  # kim jesteś / are you a bot
    "capabilities",  # co umiesz / what can you do
    "help",
    "apology",
    "rudeness",
]
SMALL_TALK: tuple[SmallTalk, ...] = get_args(SmallTalk)


@dataclass(frozen=True)
class Turn:
    """What the previous answered question was about; expires after ``Turn.LIFETIME`` seconds."""

    entry: str | None
    focus: Focus
    lang: str
    city: str | None = None
    country: str | None = None
    at: float = 0.0  # time.time() of the turn, so a stored turn can expire
    place: str | None = None  # a place the registry does not know, as written ("Lwów")

    LIFETIME = 600.0

    @classmethod
    def from_match(cls, match: Match, now: float) -> Turn | None:
        """What the next question may refer back to, or None: a decline, a suggestion or small
        talk leaves nothing to follow up on (the turn before it is kept by the caller, if it
        wants)."""
        entry = match.entry
        if entry is None or match.focus == "small_talk":
            return None
        entities = match.entities
        return cls(
            entry=entry.id,
            focus=match.focus,
            lang=match.lang,
            city=entities.cities[0] if entities.cities else None,
            country=entities.countries[0] if entities.countries else None,
            at=now,
            place=match.place,
        )

    def expired(self, now: float) -> bool:
        return now - self.at > self.LIFETIME

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn | None:
        """A stored turn, or None when it does not fit this version's fields (never raises)."""
        try:
            turn = cls(**data)
        except TypeError:
            return None
        if turn.focus not in FOCUSES:
            return None
        return turn
