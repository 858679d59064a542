"""Reading YAML so that every error can name the file and the line a person must fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

__all__ = ["Node", "line_of", "read_yaml"]


class Node(dict[str, Any]):
    """A YAML mapping that remembers the line it starts on."""

    line: int = 0


# libyaml's parser, where PyYAML was built with it, reads the knowledge base ten times faster.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Node:
        mapping = Node({str(k): v for k, v in super().construct_mapping(node, deep=deep).items()})
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _LineLoader.construct_mapping,
)


def line_of(value: object) -> int | None:
    """The line a mapping read by :func:`read_yaml` starts on, if known."""
    return value.line if isinstance(value, Node) else None


def read_yaml(path: Path) -> tuple[Any, Problem | None]:
    """Parse ``path``; on failure return the problem (with the parser's line) instead of raising."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, Problem(path, None, f"cannot read the file: {exc}")
    try:
        return yaml.load(text, Loader=_LineLoader), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, Problem(path, line, f"invalid YAML: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        return None, Problem(path, None, f"invalid YAML: {exc}")
