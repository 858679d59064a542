"""An answer as the web API sends it: ``ask --json``'s object, plus what a chat window shows.

The extra fields (title, paragraphs, related, pin) are what the widget renders; the rest is
exactly :func:`bot.render.as_json`, so a client of the API sees the same object as
``run_bot.py ask --json`` prints.
"""

from __future__ import annotations

from typing import Any

from ..conversation import Reply
from ..render import as_json

__all__ = ["reply_json"]


def reply_json(reply: Reply, question: str, session: str) -> dict[str, Any]:
    answer = reply.answer
    shown: dict[str, Any] = {
        "title": answer.title,
        "paragraphs": list(answer.paragraphs),
        "related": [
            {"entry": r.entry, "title": r.title, "city": r.city, "country": r.country}
            for r in answer.related
        ],
        "pin": (
            {"lat": answer.pin.lat, "lon": answer.pin.lon, "name": answer.pin.name}
            if answer.pin
            else None
        ),
    }
    return {
        **shown,
        **as_json(answer, question),
        "session": session,
        "answer_id": reply.answer_id if reply.votable else None,
        "votable": reply.votable,
    }
