"""Usage insights: the pseudonymous question log, its retention, statistics and the report.

Nothing here knows Telegram: the bot's front end writes the log through :class:`QuestionLog`,
``/stats`` and ``run_bot.py report`` read it through :func:`read_usage`.
"""

from .groups import QuestionGroup, group_questions
from .log import LoggedQuestion, QuestionLog
from .stats import UNANSWERED, LoggedRow, Usage, read_usage

__all__ = [
    "UNANSWERED",
    "LoggedQuestion",
    "LoggedRow",
    "QuestionGroup",
    "QuestionLog",
    "Usage",
    "group_questions",
    "read_usage",
]
