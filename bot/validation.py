"""Typed reading of YAML mappings that collects every problem instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .errors import Problem
from .languages import Bilingual
from .provenance import CONFIDENCES, Confidence
from .rules import date_problem, id_problem
from .yamlfile import line_of

__all__ = ["Checker"]


class Checker:
    """Reads fields of one file's mappings, recording what is missing or malformed."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def problem(self, where: object, message: str) -> None:
        self.problems.append(Problem(self.path, line_of(where), message))

    def mapping(self, value: object, what: str, parent: object = None) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.problem(parent if value is None else value, f"{what} must be a mapping")
        return None

    def items(self, document: object, key: str) -> list[dict[str, Any]]:
        """The list of mappings under top-level ``key``."""
        if not isinstance(document, dict) or not isinstance(document.get(key), list):
            self.problem(document, f"the file must have a top-level list '{key}:'")
            return []
        found = []
        for item in document[key]:
            if isinstance(item, dict):
                found.append(item)
            else:
                self.problem(document, f"every item of '{key}' must be a mapping, not {item!r}")
        return found

    def string(self, node: dict[str, Any], key: str, *, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node, f"'{key}' is missing")
            return None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                return text
        self.problem(node, f"'{key}' must be non-empty text")
        return None

    def identifier(self, node: dict[str, Any], key: str = "id") -> str | None:
        value = self.string(node, key)
        problem = None if value is None else id_problem(value)
        if problem:
            self.problem(node, f"'{key}' {problem}")
            return None
        return value

    def date(self, node: dict[str, Any], key: str = "date") -> str | None:
        """A date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD; null when not given."""
        value = node.get(key)
        if value is None:
            return None
        # YAML reads an unquoted 2019-05-01 as a date, and a lone 2019 as a number.
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        problem = date_problem(text)
        if problem:
            self.problem(node, f"'{key}' {problem} (or null when unknown)")
            return None
        return text

    def bilingual(
        self, node: dict[str, Any], key: str, *, required: bool = True
    ) -> Bilingual | None:
        value = node.get(key)
        if value is None and not required:
            return None
        texts = self.mapping(value, f"'{key}' (with 'pl' and 'en')", node)
        if texts is None:
            return None
        pl, en = self.string(texts, "pl"), self.string(texts, "en")
        if pl is None or en is None:
            return None
        return Bilingual(pl=pl, en=en)

    def confidence(self, node: dict[str, Any], key: str = "confidence") -> Confidence | None:
        value = node.get(key)
        for known in CONFIDENCES:
            if value == known:
                return known
        self.problem(node, f"'{key}' must be one of {', '.join(CONFIDENCES)}, not {value!r}")
        return None

    def reference(self, node: dict[str, Any], key: str, known: object, what: str) -> str | None:
        value = self.string(node, key)
        if value is not None and value not in known:  # type: ignore[operator]
            self.problem(node, f"'{key}' names an unknown {what} {value!r}")
            return None
        return value

    def word_list(self, node: dict[str, Any], key: str, *, required: bool = False) -> list[str]:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node, f"'{key}' is missing")
            return []
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.problem(node, f"'{key}' must be a list of texts")
            return []
        return [str(v).strip() for v in value if str(v).strip()]
