"""An answer as the web API sends it: ``ask --json``'s object, plus the session and the vote.

The object is exactly :func:`bot.render.as_json`, so a client of the API sees what
``run_bot.py ask --json`` prints. The widget renders its structured parts itself (``direct``,
``blocks``, ``details``, ``note``, ``sources`` with citation numbers as data): nothing is
pre-formatted for it here.
"""

from __future__ import annotations

from typing import Any

from ..conversation import Reply
from ..render import as_json

__all__ = ["reply_json"]


def reply_json(reply: Reply, question: str, session: str) -> dict[str, Any]:
    return {
        **as_json(reply.answer, question),
        "session": session,
        "answer_id": reply.answer_id if reply.votable else None,
        "votable": reply.votable,
    }
