"""Rendering an :class:`~bot.answers.Answer` for a channel: plain text, Telegram HTML, JSON.

Every channel shows the direct answer first, its sources as a short mark ("kielce.eu, 2022"),
the confidence note once, then the short "more" part. The details (full card, list, contact
sheet) and the full list of sources are offered: the console prints them on ``/more`` and
``/sources``, ``ask`` prints the sources at the end, Telegram folds them into an expandable block
quote, JSON carries them as data (docs/answers.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape, unescape
from typing import Any

from .answers import Answer, Block, Span
from .grammar import format_date
from .provenance import Source
from .sentences import t

__all__ = [
    "as_json",
    "details_text",
    "html",
    "plain",
    "source_line",
    "sources_text",
    "visible_length",
]

_QUOTES = {"pl": ("„", "”"), "en": ("“", "”")}


def _mark(answer: Answer, cites: Sequence[int]) -> str:
    """ "kielce.eu, 2022; gotha.de, 2022": the short mark of a direct answer's sentence."""
    marks = []
    for number in cites:
        if not 0 < number <= len(answer.sources):
            continue  # a view that leaves the sources out
        source = answer.sources[number - 1]
        marks.append(f"{source.short}, {source.year}" if source.year else source.short)
    return "; ".join(dict.fromkeys(marks))


# A sentence ending in an abbreviation keeps its dot: "… 2 maja 1997 r. (gotha.de, 2022)."
_ABBREVIATION = re.compile(r"\b(?:r|w|ok|tys|p\.n\.e|n\.e|m\.in)\.$")


def _with_mark(text: str, mark: str) -> str:
    """The mark before the final full stop, or inside a closing parenthesis."""
    if not mark:
        return text
    body, end = (text[:-1], ".") if text.endswith(".") else (text, "")
    if body.endswith(")"):
        return f"{body[:-1]}; {mark}){end}"
    if end and _ABBREVIATION.search(text):
        return f"{text} ({mark})."
    return f"{body} ({mark}){end}"


def _direct(answer: Answer, wrap: Callable[[str], str] = lambda s: s) -> str:
    """The direct sentences; a run of sentences with the same sources carries one mark."""
    parts = []
    spans = answer.direct
    for i, span in enumerate(spans):
        following = spans[i + 1].cites if i + 1 < len(spans) else None
        mark = _mark(answer, span.cites) if span.cites != following else ""
        parts.append(wrap(_with_mark(span.text, mark)) if mark else wrap(span.text))
    return " ".join(parts)


def _numbers(span: Span) -> str:
    return "".join(f" [{n}]" for n in span.cites)


def _block_text(block: Block, wrap: Callable[[str], str] = lambda s: s) -> str:
    lines = [wrap(block.heading) + ":"] if block.heading else []
    if block.kind == "paragraph":
        lines.append(" ".join(wrap(s.text) + _numbers(s) for s in block.items))
    else:
        lines += [f"• {wrap(s.text)}{_numbers(s)}" for s in block.items]
    return "\n".join(lines)


def source_line(source: Source, lang: str) -> str:
    """ "Stadt Gotha (strona miasta partnerskiego), 5 maja 2022 r.: „Titel” — https://…"."""
    text = f"{source.publisher} ({t(lang, f'kind.{source.kind}')})"
    if source.date:
        text += f", {format_date(source.date, lang)}"
    if source.title:
        opening, closing = _QUOTES.get(lang, _QUOTES["en"])
        text += f": {opening}{source.title}{closing}"
    if source.url:
        text += f" — {source.url}"
    return text


def sources_text(answer: Answer) -> str:
    """The numbered list of an answer's sources (the console's ``/sources``)."""
    if not answer.sources:
        return t(answer.lang, "render.no_sources")
    lines = [f"[{i}] {source_line(s, answer.lang)}" for i, s in enumerate(answer.sources, 1)]
    return "\n".join([t(answer.lang, "render.sources") + ":", *lines])


def details_text(answer: Answer) -> str:
    """The details offered with an answer (the console's ``/more``)."""
    if not answer.details:
        return t(answer.lang, "render.no_details")
    return "\n\n".join(_block_text(b) for b in answer.details)


def plain(answer: Answer, *, details: bool = False, sources: bool = True) -> str:
    """Plain text, as ``ask`` prints it: direct answer, note, short part, then the sources."""
    parts = [_direct(answer)] if answer.direct else []
    if answer.note:
        parts.append(answer.note)
    parts += [_block_text(b) for b in answer.blocks]
    if answer.suggestions and answer.outcome == "suggest":
        parts.append("\n".join(f"{i}. {s.title}" for i, s in enumerate(answer.suggestions, 1)))
    if details and answer.details:
        parts.append(details_text(answer))
    if answer.related:
        parts.append(t(answer.lang, "related") + " " + "; ".join(r.title for r in answer.related))
    if sources and answer.sources:
        parts.append(sources_text(answer))
    return "\n\n".join(p for p in parts if p)


def _html_source(source: Source, lang: str, number: int) -> str:
    line = escape(f"{source.publisher} ({t(lang, f'kind.{source.kind}')})")
    if source.date:
        line += escape(f", {format_date(source.date, lang)}")
    if source.title:
        opening, closing = _QUOTES.get(lang, _QUOTES["en"])
        title = escape(f"{opening}{source.title}{closing}")
        line += ": " + (f'<a href="{escape(source.url)}">{title}</a>' if source.url else title)
    elif source.url:
        line += f': <a href="{escape(source.url)}">{escape(source.url)}</a>'
    return f"[{number}] {line}"


# Telegram's limit for one message, counted (strictly) on the HTML as sent.
# Telegram's limit on a message's text, counted after its HTML is parsed (tags do not count).
TELEGRAM_LIMIT = 4096
_TAGS = re.compile(r"<[^>]+>")


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def telegram_length(rendered: str) -> int:
    """The length of Telegram HTML against :data:`TELEGRAM_LIMIT`: its text once parsed, the
    tags dropped and the entities (``&amp;``) read, in UTF-16 code units."""
    return utf16_length(unescape(_TAGS.sub("", rendered)))


def html(answer: Answer, *, sources: bool = True, details: bool = True) -> str:
    """Telegram HTML: the direct answer and the short part as the message; the details and the
    sources folded into an expandable block quote (Bot API 7.4+). Every text is escaped.

    A bold title names what the answer is about ("Gotha (Niemcy)"); the first sentence after it
    is the fact asked for."""
    parts = [f"<b>{escape(answer.title)}</b>"] if answer.title else []
    if answer.direct:
        parts.append(_direct(answer, escape))
    if answer.note:
        parts.append(f"<i>{escape(answer.note)}</i>")
    parts += [_block_text(b, escape) for b in answer.blocks]
    folded = [_block_text(b, escape) for b in answer.details] if details else []
    listed = []
    if sources and answer.sources:
        lines = [_html_source(s, answer.lang, i) for i, s in enumerate(answer.sources, 1)]
        listed.append("\n".join([escape(t(answer.lang, "render.sources")) + ":", *lines]))

    def message(folded: list[str]) -> str:
        quote = "\n\n".join([*folded, *listed])
        shown = [*parts, f"<blockquote expandable>{quote}</blockquote>" if quote else ""]
        return "\n\n".join(p for p in shown if p)

    whole = message(folded)
    if telegram_length(whole) > TELEGRAM_LIMIT and telegram_length(message([])) <= TELEGRAM_LIMIT:
        # One message with the answer and its sources reads better than a card split in two;
        # the full card stays in the details (JSON, the console's /more).
        return message([])
    return whole


def visible_length(rendered: str) -> int:
    """Characters of a Telegram message a reader sees at once: text outside tags and outside
    the expandable block quote (which shows folded to a few lines)."""
    outside = re.sub(r"<blockquote expandable>.*?</blockquote>", "", rendered, flags=re.S)
    return len(unescape(_TAGS.sub("", outside)).strip())


def _span(span: Span) -> dict[str, Any]:
    return {"text": span.text, "cites": list(span.cites), "link": span.link}


def _block(block: Block) -> dict[str, Any]:
    return {
        "kind": block.kind,
        "heading": block.heading,
        "items": [_span(s) for s in block.items],
    }


def _source(number: int, source: Source, lang: str) -> dict[str, Any]:
    return {
        "n": number,
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title or None,
        "url": source.url,
        "date": source.date,
        # As the answer's language writes it ("5 maja 2022 r."), so that a channel that shows
        # it need not format dates of its own.
        "date_text": format_date(source.date, lang) if source.date else None,
        "kind": source.kind,
    }


def as_json(answer: Answer, question: str) -> dict[str, Any]:
    """One line of ``ask --json`` (documented in docs/answers.md)."""
    sources = [_source(i, s, answer.lang) for i, s in enumerate(answer.sources, 1)]
    return {
        "question": question,
        "lang": answer.lang,
        "outcome": answer.outcome,
        "entry": answer.entry,
        "focus": answer.focus,
        "score": answer.score,
        "title": answer.title,
        "answer": plain(answer),
        "direct_text": _direct(answer),
        "direct": [_span(s) for s in answer.direct],
        "note": answer.note,
        "blocks": [_block(b) for b in answer.blocks],
        "details": [_block(b) for b in answer.details],
        "suggestions": [
            {"entry": s.entry, "title": s.title, "city": s.city, "country": s.country}
            for s in answer.suggestions
        ],
        "related": [
            {"entry": r.entry, "title": r.title, "city": r.city, "country": r.country}
            for r in answer.related
        ],
        "source": sources[0] if sources else None,
        "sources": sources,
        "claims": [
            {
                "text": c.text,
                "source": c.source,
                "confidence": c.confidence,
                "date": c.date,
                "as_of": c.as_of,
            }
            for c in answer.claims
        ],
        "pin": (
            {"lat": answer.pin.lat, "lon": answer.pin.lon, "name": answer.pin.name}
            if answer.pin
            else None
        ),
        "city": answer.city,
        "country": answer.country,
    }
