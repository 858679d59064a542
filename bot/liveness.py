"""Whether the running bot is alive, told without calling Telegram: a heartbeat file.

A container's health check runs in a process of its own, so it cannot ask the bot's objects; and
asking Telegram (``getMe``) would tell whether Telegram answers, not whether this bot works, and
spend its rate budget. So the running bot writes a small JSON heartbeat into its data folder
every few seconds, but only while its receiving loop runs (the polling loop, or the HTTP server
that takes webhook updates). A bot whose event loop hangs, whose polling stopped or whose
process died stops writing, and ``run_bot.py health`` (see :func:`check_alive`) finds the
heartbeat stale. When the bot serves HTTP, the heartbeat names its health URL and the check asks
it too: the server answering is the proof that matters for a webhook.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["HEARTBEAT_FILE", "Beat", "Check", "beating", "check_alive", "local_url"]

log = logging.getLogger(__name__)

HEARTBEAT_FILE = "heartbeat.json"
# Missed beats before the bot counts as dead: one late beat on a busy machine is not death.
_MISSED = 3


@dataclass(frozen=True)
class Beat:
    """One heartbeat: who wrote it, when, and how to ask the bot's HTTP server, if it has one."""

    pid: int
    at: float  # time.time() of the beat
    every: float  # seconds between beats
    mode: str  # "long polling", "webhook", ...
    health_url: str | None = None

    @classmethod
    def read(cls, path: Path) -> Beat:
        """The beat in ``path``; ValueError (or OSError) if it is missing or not a beat."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        try:
            return cls(
                pid=int(data["pid"]),
                at=float(data["at"]),
                every=float(data["every"]),
                mode=str(data["mode"]),
                health_url=str(data["health_url"]) if data.get("health_url") else None,
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a heartbeat: {exc}") from None

    def write(self, path: Path) -> None:
        """Replace ``path`` atomically, so that a check never reads half a beat."""
        part = path.with_name(path.name + ".part")
        part.write_text(json.dumps(asdict(self)), encoding="utf-8")
        os.replace(part, path)

    @staticmethod
    def remove(path: Path) -> None:
        path.unlink(missing_ok=True)


@asynccontextmanager
async def beating(
    path: Path,
    *,
    mode: str,
    alive: Callable[[], bool],
    health_url: str | None = None,
    every: float = 10.0,
) -> AsyncIterator[None]:
    """Write a :class:`Beat` to ``path`` every ``every`` seconds while ``alive()`` is true.

    The file is removed when the block ends, so that a bot stopped on purpose is not reported
    alive for the next ``_MISSED`` beats. A data folder that cannot be written costs one warning,
    never the bot.
    """

    async def beat() -> None:
        # A few bytes to the local disk, written inline rather than in a thread: a beat is to
        # prove that the event loop itself runs.
        warned = False
        while True:
            if alive():
                try:
                    Beat(os.getpid(), time.time(), every, mode, health_url).write(path)
                    warned = False
                except OSError as exc:
                    if not warned:
                        log.warning(
                            "cannot write the heartbeat %s (health checks fail): %s", path, exc
                        )
                    warned = True
            await asyncio.sleep(every)

    path.parent.mkdir(parents=True, exist_ok=True)
    task = asyncio.create_task(beat(), name="heartbeat")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        Beat.remove(path)


def local_url(listen: str, port: int, path: str) -> str:
    """The URL a process beside the server reaches it at (a wildcard address means loopback)."""
    host = "127.0.0.1" if listen in ("", "0.0.0.0", "::") else listen
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}{path}"


@dataclass(frozen=True)
class Check:
    ok: bool
    line: str  # one line saying what was found


def check_alive(
    path: Path, *, now: Callable[[], float] = time.time, timeout: float = 5.0
) -> list[Check]:
    """Whether the bot that writes ``path`` is alive: its heartbeat, then its HTTP server.

    Stops at the first failure: with no live bot there is no server to ask.
    """
    try:
        beat = Beat.read(path)
    except FileNotFoundError:
        return [Check(False, f"no heartbeat at {path}: the bot is not running (or not yet)")]
    except (OSError, ValueError) as exc:
        return [Check(False, f"unreadable heartbeat {path}: {exc}")]
    age = now() - beat.at
    if age > _MISSED * beat.every:
        return [
            Check(
                False,
                f"the heartbeat is {age:.0f} s old (one is due every {beat.every:.0f} s): "
                f"the bot (pid {beat.pid}, {beat.mode}) stopped receiving updates",
            )
        ]
    checks = [Check(True, f"the bot (pid {beat.pid}, {beat.mode}) beat {max(age, 0):.0f} s ago")]
    if beat.health_url:
        checks.append(_ask_server(beat.health_url, timeout))
    return checks


def _ask_server(url: str, timeout: float) -> Check:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (OSError, ValueError) as exc:
        return Check(False, f"{url} does not answer: {exc}")
    if status != 200:
        return Check(False, f"{url} answered {status}")
    return Check(True, f"{url} answered 200")
