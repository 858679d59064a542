"""Per-user state kept in the database: chosen language, flood counters, answers and votes."""

from .health import DatabaseHealth, is_outage
from .models import AnswerRow, MetaRow, UserRow, VoteRow
from .pseudonyms import Pseudonyms, load_salt
from .store import Admission, FloodLimit, StateStore, Verdict, VoteResult

__all__ = [
    "Admission",
    "AnswerRow",
    "DatabaseHealth",
    "FloodLimit",
    "MetaRow",
    "Pseudonyms",
    "StateStore",
    "UserRow",
    "Verdict",
    "VoteResult",
    "VoteRow",
    "is_outage",
    "load_salt",
]
