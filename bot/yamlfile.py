"""Reading YAML so that every error can name the file and the line a person must fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

__all__ = ["MAX_FILE_BYTES", "Node", "line_of", "read_yaml", "size_problem"]

# The files staff edit are tens of kilobytes; parsed and indexed, a file takes about 30 times
# its size in memory (a valid 48 MB file grew the bot to 1.6 GB). Far above any real file, far
# below what would exhaust a small server.
MAX_FILE_BYTES = 2 * 1024 * 1024


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
        problem = size_problem(path, path.stat().st_size, MAX_FILE_BYTES, "file")
        if problem:
            return None, problem
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


def size_problem(path: Path, size: int, limit: int, what: str) -> Problem | None:
    """The problem of ``path`` being ``size`` bytes where a ``what`` may have ``limit``."""
    if size <= limit:
        return None
    return Problem(
        path,
        None,
        f"the {what} is {size / 1e6:.1f} MB; at most {limit / 1e6:.1f} MB is read (the bot keeps "
        "the knowledge in memory, about 30 times its size): split it or remove what is not used",
    )
