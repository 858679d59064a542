"""Typed reading of YAML mappings that collects every problem instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .errors import Problem
from .languages import Bilingual
from .provenance import CONFIDENCES, Confidence
from .yamlfile import line_of

__all__ = ["Checker"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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
        if value is not None and not _ID.match(value):
            self.problem(node, f"'{key}' {value!r} may use only a-z, 0-9 and '-'")
            return None
        return value

    def date(self, node: dict[str, Any], key: str = "date") -> str | None:
        """A date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD; null when not given."""
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value)
        if _DATE.match(text):
            return text
        self.problem(node, f"'{key}' must be YYYY, YYYY-MM, YYYY-MM-DD or null, not {value!r}")
        return None

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
