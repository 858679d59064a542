"""Exceptions the bot raises on purpose.

BotError
├── ConfigError        a setting is missing or malformed; says which and how to fix it
├── KnowledgeError     the knowledge folder is invalid; carries every problem with file and line
└── RegistryError      the registry database cannot be opened, seeded or read
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["BotError", "ConfigError", "KnowledgeError", "Problem", "RegistryError"]


class BotError(Exception):
    """Base class of every error the bot reports to a person."""


class ConfigError(BotError):
    """A setting from the environment is missing or malformed."""


class RegistryError(BotError):
    """The registry database could not be opened, seeded or read."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a knowledge file, where a person can find it."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class KnowledgeError(BotError):
    """The knowledge folder is invalid; ``problems`` lists everything found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
