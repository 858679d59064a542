"""Per-user state kept in the database: chosen language, flood counters, answers and votes."""

from .models import AnswerRow, UserRow, VoteRow
from .store import Admission, FloodLimit, StateStore, Verdict

__all__ = ["Admission", "AnswerRow", "FloodLimit", "StateStore", "UserRow", "Verdict", "VoteRow"]
