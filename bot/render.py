"""Rendering an :class:`~bot.answers.Answer` for a channel: plain text, JSON, Telegram HTML."""

from __future__ import annotations

from html import escape
from typing import Any

from .answers import Answer, format_date
from .provenance import Source
from .sentences import t

__all__ = ["as_json", "html", "plain", "source_line"]


def source_line(source: Source, lang: str) -> str:
    """ "Title — publisher, url (note), as of date"."""
    text = f"{source.title} — {source.publisher}"
    if source.url:
        text += f", {source.url}"
    if source.note:
        text += f" ({source.note})"
    if source.date:
        return f"{text}, {t(lang, 'source.date', date=format_date(source.date, lang))}"
    return f"{text}, {t(lang, 'source.no_date')}"


def _sources_block(answer: Answer) -> list[str]:
    if not answer.sources:
        return []
    head = t(answer.lang, "source.one" if len(answer.sources) == 1 else "source.many") + ":"
    if len(answer.sources) == 1:
        return [f"{head} {source_line(answer.sources[0], answer.lang)}"]
    lines = [f"[{i}] {source_line(s, answer.lang)}" for i, s in enumerate(answer.sources, 1)]
    return ["\n".join([head, *lines])]


def plain(answer: Answer) -> str:
    """Plain text, as the console and ``ask`` print it."""
    blocks = []
    if answer.title:
        blocks.append(answer.title)
    blocks.extend(answer.paragraphs)
    if answer.suggestions and answer.outcome == "suggest":
        blocks.append("\n".join(f"{i}. {s.title}" for i, s in enumerate(answer.suggestions, 1)))
    if answer.related:
        blocks.append(t(answer.lang, "related") + " " + "; ".join(r.title for r in answer.related))
    blocks.extend(_sources_block(answer))
    return "\n\n".join(blocks)


def html(answer: Answer) -> str:
    """Telegram HTML: every piece of text escaped, the title in bold."""
    blocks = []
    if answer.title:
        blocks.append(f"<b>{escape(answer.title)}</b>")
    blocks.extend(escape(p) for p in answer.paragraphs)
    if answer.sources:
        blocks.append("<i>" + escape("\n\n".join(_sources_block(answer))) + "</i>")
    return "\n\n".join(blocks)


def as_json(answer: Answer, question: str) -> dict[str, Any]:
    """One line of ``ask --json``."""

    def source(s: Source) -> dict[str, Any]:
        return {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "url": s.url,
            "date": s.date,
        }

    return {
        "question": question,
        "lang": answer.lang,
        "outcome": answer.outcome,
        "entry": answer.entry,
        "score": answer.score,
        "answer": plain(answer),
        "suggestions": [
            {"entry": s.entry, "title": s.title, "city": s.city, "country": s.country}
            for s in answer.suggestions
        ],
        "source": source(answer.sources[0]) if answer.sources else None,
        "sources": [source(s) for s in answer.sources],
        "city": answer.city,
        "country": answer.country,
    }
