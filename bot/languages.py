"""The bot's one language policy: which languages it speaks, and which one a person gets.

- The bot speaks :data:`LANGUAGES`: Polish (the city's language) and English.
- A language it does not speak falls back to :data:`FALLBACK`, English: a German or Ukrainian
  reader is better served in English than in Polish. The fallback chain is therefore
  ``the language asked for -> English``, for sentences (:func:`bot.sentences.t`), for bilingual
  texts (:meth:`Bilingual.get`) and for a person's language code alike.
- A channel that says nothing about the person's language uses the bot's default language
  (``BOT_LANGUAGE``, :data:`DEFAULT` unless set), never the fallback: a resident with no
  language set writes in Polish.
- A question whose words fit Polish and English equally ("Gotha?") is answered in the person's
  language when the channel gives one, else in :data:`DEFAULT` (:func:`tie_break`).
- A language code from Telegram (``pl``, ``pl-PL``, ``de``) or a browser's ``Accept-Language``
  header (``de-DE,pl;q=0.8``) maps to one of :data:`LANGUAGES` with :func:`from_code` and
  :func:`from_accept_language`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT",
    "FALLBACK",
    "LANGUAGES",
    "Bilingual",
    "from_accept_language",
    "from_code",
    "supported",
    "tie_break",
]

LANGUAGES = ("pl", "en")
FALLBACK = "en"
# Polish, the city's own: its residents are most of those who ask. It also breaks a tie between
# the languages when the channel gives no hint; of the labelled questions whose words tie
# (tests/data and eval/ together, 2026-12), 74 are Polish and 51 English.
DEFAULT = "pl"


def supported(lang: str | None) -> str:
    """``lang`` when the bot speaks it, else :data:`FALLBACK`."""
    return lang if lang in LANGUAGES else FALLBACK


def tie_break(hint: str | None) -> str:
    """The language of a question that reads as Polish and English alike: ``hint`` (the
    person's, from the channel) when the bot speaks it, else :data:`DEFAULT`."""
    return hint if hint in LANGUAGES else DEFAULT


def from_code(code: str | None, default: str) -> str:
    """The language for a language tag (``pl-PL`` -> ``pl``); ``default`` when there is none."""
    if not code or not code.strip():
        return default
    return supported(_primary(code))


def from_accept_language(header: str | None, default: str) -> str:
    """The language for a browser's ``Accept-Language``: the most wanted one the bot speaks.

    A header that names only languages the bot does not speak gets :data:`FALLBACK`; an absent
    or empty one, ``default``.
    """
    wanted: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        if not tag or tag == "*":
            continue
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                continue
        if quality > 0:
            wanted.append((-quality, position, tag))
    if not wanted:
        return default
    for _, _, tag in sorted(wanted):
        if (primary := _primary(tag)) in LANGUAGES:
            return primary
    return FALLBACK


def _primary(tag: str) -> str:
    """A language tag's primary subtag: ``pl`` of ``pl-PL`` (or of POSIX-style ``pl_PL``)."""
    return tag.strip().replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class Bilingual:
    """The same text in Polish and English."""

    pl: str
    en: str

    def get(self, lang: str) -> str:
        return self.pl if supported(lang) == "pl" else self.en
