"""Where a fact comes from: its source and how far that source can be trusted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["CONFIDENCES", "Confidence", "Source"]

Confidence = Literal["high", "medium", "low"]
CONFIDENCES: tuple[Confidence, ...] = ("high", "medium", "low")


@dataclass(frozen=True)
class Source:
    """Where a fact comes from; every answer names its sources."""

    id: str
    title: str
    publisher: str
    url: str | None
    date: str | None
    note: str | None = None
