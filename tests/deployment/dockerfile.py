"""The Dockerfile and .dockerignore read as data: enough of their grammar for these tests."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import PROJECT_ROOT

__all__ = ["Instruction", "Stage", "dockerignore_excludes", "stages"]


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case: FROM, RUN, USER, ...
    arguments: str  # the rest of the (joined) line

    def exec_form(self) -> list[str]:
        """The JSON-array form's words (CMD ["python", ...]); ValueError if it is shell form."""
        words = json.loads(self.arguments)
        if not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
            raise ValueError(f"not the exec form: {self.arguments}")
        return words


@dataclass
class Stage:
    base: str  # the FROM image
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def last(self, keyword: str) -> Instruction | None:
        found = [i for i in self.instructions if i.keyword == keyword]
        return found[-1] if found else None

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]


def stages(path: Path = PROJECT_ROOT / "Dockerfile") -> list[Stage]:
    """The build stages, each with its instructions (comments dropped, continuations joined)."""
    joined: list[str] = []
    pending = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.lstrip().startswith("#"):  # a comment inside a continued instruction
            continue
        if line.endswith("\\"):
            pending += line[:-1] + "\n"
            continue
        joined.append(pending + line)
        pending = ""
    result: list[Stage] = []
    for text in joined:
        keyword, _, arguments = text.strip().partition(" ")
        instruction = Instruction(keyword.upper(), arguments.strip())
        if instruction.keyword == "FROM":
            words = [w for w in shlex.split(instruction.arguments) if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            result.append(Stage(words[0], name))
        elif result:
            result[-1].instructions.append(instruction)
    return result


def dockerignore_excludes(relative: str, path: Path = PROJECT_ROOT / ".dockerignore") -> bool:
    """Whether Docker leaves ``relative`` (a/b/c, from the context's root) out of the context.

    Docker's rules: each line is a Go filepath.Match pattern (``**`` for any folders), the last
    matching line wins, ``!`` re-includes, and a pattern that matches a folder matches all in it.
    """
    excluded = False
    parts = relative.split("/")
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        include = line.startswith("!")
        pattern = line.removeprefix("!").strip("/")
        regex = _pattern(pattern)
        if any(regex.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            excluded = not include
    return excluded


def _pattern(pattern: str) -> re.Pattern[str]:
    """Go's filepath.Match without character classes (this project's file uses none), plus **."""
    regex = ""
    for token in re.findall(r"\*\*/?|\*|\?|[^*?]+", pattern):
        if token.startswith("**"):
            regex += "(?:.*/)?" if token.endswith("/") else ".*"
        elif token == "*":
            regex += "[^/]*"
        elif token == "?":
            regex += "[^/]"
        else:
            regex += re.escape(token)
    return re.compile(regex)
