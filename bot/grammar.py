"""Generated text that reads right: dates and date ranges, lists, counted nouns.

Names in Polish cases come from the registry (``City.form``, ``Country.form``); what is built
here is the grammar around them: "20–22 października 2005 r.", "Winnicę, Gothę i Orange",
"cztery miasta partnerskie", "pięć miast".
"""

from __future__ import annotations

from collections.abc import Sequence

from .sentences import MONTHS, t

__all__ = ["capitalise", "counted", "format_date", "format_range", "join", "number_word"]

_PL_NUMBERS = ("zero", "jedno", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem",
               "dziewięć", "dziesięć")  # fmt: skip
_EN_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
               "ten")  # fmt: skip


def _parts(value: str) -> list[int]:
    return [int(p) for p in value.split("-")]


def format_date(value: str | None, lang: str) -> str:
    """ "1997-04-30" -> "30 kwietnia 1997 r." / "30 April 1997"; unknown dates say so."""
    if not value:
        return t(lang, "date.unknown")
    parts = _parts(value)
    if len(parts) == 3:
        year, month, day = parts
        if lang == "pl":
            return f"{day} {MONTHS['pl'][month - 1]} {year} r."
        return f"{day} {MONTHS['en'][month - 1]} {year}"
    if len(parts) == 2:
        year, month = parts
        months = MONTHS["pl_nominative"] if lang == "pl" else MONTHS["en"]
        return f"{months[month - 1]} {year}"
    return f"{parts[0]} r." if lang == "pl" else str(parts[0])


def format_range(start: str | None, end: str | None, lang: str) -> str:
    """ "20–22 października 2005 r.", "30 czerwca – 3 lipca 2011 r.", or one date."""
    if not start or not end or start == end:
        return format_date(start, lang)
    first, last = _parts(start), _parts(end)
    if len(first) != 3 or len(last) != 3:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    months = MONTHS["pl" if lang == "pl" else "en"]
    suffix = " r." if lang == "pl" else ""
    if first[0] == last[0] and first[1] == last[1]:
        return f"{first[2]}–{last[2]} {months[last[1] - 1]} {last[0]}{suffix}"
    if first[0] == last[0]:
        return f"{first[2]} {months[first[1] - 1]} – {last[2]} {months[last[1] - 1]} {last[0]}{suffix}"
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def join(items: Sequence[str], lang: str) -> str:
    """ "A, B i C" / "A, B and C"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    word = " i " if lang == "pl" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def number_word(n: int, lang: str) -> str:
    """A small count in words (neuter in Polish: "jedno miasto", "dwa miasta"), else digits."""
    words = _PL_NUMBERS if lang == "pl" else _EN_NUMBERS
    return words[n] if 0 <= n < len(words) else str(n)


def counted(n: int, lang: str, key: str) -> str:
    """ "cztery miasta partnerskie": the number and the noun in the form the number needs.

    ``key`` names a sentence with the forms "one|few|many" (Polish) or "one|many" (English).
    """
    forms = t(lang, key).split("|")
    if lang == "pl":
        if n == 1:
            form = forms[0]
        elif n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
            form = forms[1]
        else:
            form = forms[2]
    else:
        form = forms[0] if n == 1 else forms[-1]
    return f"{number_word(n, lang)} {form}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
