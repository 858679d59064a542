"""Per-user state kept in the database: chosen language, flood counters, answers and votes,
and the staff's unfinished edits."""

from .deliveries import Claim, DeliveryClaims
from .drafts import DraftGone, DraftStore, DraftsUnavailable, StoredDraft
from .executor import DatabaseExecutor
from .health import DatabaseHealth, DatabaseTimeout, is_outage
from .memory import FloodLimit, Verdict
from .models import AnswerRow, DeliveryRow, DraftRow, MetaRow, UserRow, VoteRow
from .pseudonyms import Pseudonyms, load_salt
from .store import Admission, StateStore, VoteResult

__all__ = [
    "Admission",
    "AnswerRow",
    "Claim",
    "DatabaseExecutor",
    "DatabaseHealth",
    "DatabaseTimeout",
    "DeliveryClaims",
    "DeliveryRow",
    "DraftGone",
    "DraftRow",
    "DraftStore",
    "DraftsUnavailable",
    "FloodLimit",
    "MetaRow",
    "Pseudonyms",
    "StateStore",
    "StoredDraft",
    "UserRow",
    "Verdict",
    "VoteResult",
    "VoteRow",
    "is_outage",
    "load_salt",
]
