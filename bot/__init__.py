"""A question-answering chat bot about the City of Kielce's international cooperation."""

from .answers import Answer
from .assistant import Assistant, start_assistant
from .config import Settings
from .matching import Match, Matcher

__all__ = ["Answer", "Assistant", "Match", "Matcher", "Settings", "start_assistant"]
