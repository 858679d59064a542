"""The rules every value of the knowledge base and the registry follows, wherever it comes from.

The YAML checker (:mod:`bot.validation`, so the seed files and an import), the staff edits
(:mod:`bot.registry.editing`) and the staff forms all ask these, so whatever loads can also be
shown: a date the loader accepts is one :func:`bot.answers.format_date` can write out.
Each ``*_problem`` function returns None for a good value, else what is wrong, in English for the
files' authors (the staff forms say it in the admin's language with their own sentences).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

__all__ = [
    "FIRST_YEAR",
    "ID_LENGTH",
    "LAST_YEAR",
    "LIMITS",
    "URL_SCHEMES",
    "country_code_problem",
    "date_problem",
    "id_problem",
    "is_date",
    "is_id",
    "is_url",
    "length_problem",
    "one_of_problem",
]

# The registry's dates are of partnerships and visits: none before 1800, none far ahead.
FIRST_YEAR, LAST_YEAR = 1800, 2100
# The id columns hold 100 characters; an id also names a record in links and callback data.
ID_LENGTH = 100
URL_SCHEMES = ("https://", "http://")

# Longest texts accepted, in characters, by what they are.
LIMITS = {
    "name": 200,
    "role": 300,
    "text": 1500,
    "title": 300,
    "publisher": 200,
    "url": 500,
}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def is_date(text: str) -> bool:
    """Whether ``text`` is a real date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD."""
    match = _DATE.match(text)
    if match is None:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def date_problem(text: str) -> str | None:
    if is_date(text):
        return None
    return (
        f"must be a real date YYYY, YYYY-MM or YYYY-MM-DD from {FIRST_YEAR} to {LAST_YEAR}, "
        f"not {text!r}"
    )


def is_id(text: str) -> bool:
    """Whether ``text`` may be a record's id: a-z, 0-9 and '-', at most :data:`ID_LENGTH`."""
    return bool(_ID.match(text)) and len(text) <= ID_LENGTH


def id_problem(text: str) -> str | None:
    if is_id(text):
        return None
    return f"{text!r} may use only a-z, 0-9 and '-' (at most {ID_LENGTH} characters)"


def country_code_problem(text: str) -> str | None:
    if len(text) == 2 and text.isupper():
        return None
    return f"{text!r} must be an ISO 3166 alpha-2 code like DE"


def is_url(text: str) -> bool:
    """Whether ``text`` is a web address a reader can open (http or https, no spaces)."""
    return text.startswith(URL_SCHEMES) and " " not in text and len(text) > len("https://x.")


def length_problem(text: str, limit: int) -> str | None:
    if len(text) <= limit:
        return None
    return f"is {len(text)} characters long, more than {limit}"


def one_of_problem(value: object, allowed: Collection[str]) -> str | None:
    if value in allowed:
        return None
    return f"must be one of {', '.join(allowed)}, not {value!r}"
