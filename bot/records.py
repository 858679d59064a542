"""Plain, immutable records shared by the knowledge base, the registry and the answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["CONFIDENCES", "Bilingual", "Confidence", "Source"]

Confidence = Literal["high", "medium", "low"]
CONFIDENCES: tuple[Confidence, ...] = ("high", "medium", "low")


@dataclass(frozen=True)
class Bilingual:
    """The same text in Polish and English."""

    pl: str
    en: str

    def get(self, lang: str) -> str:
        return self.pl if lang == "pl" else self.en


@dataclass(frozen=True)
class Source:
    """Where a fact comes from; every answer names its sources."""

    id: str
    title: str
    publisher: str
    url: str | None
    date: str | None
    note: str | None = None
