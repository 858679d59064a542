"""The fault scenario: PostgreSQL freezes for 20 s while people keep writing.

The bot runs as in production (``build_application`` with the real assistant, long polling the
stand-in Bot API of the tests on loopback) on a fresh schema of a PostgreSQL server on this
machine, reached through a TCP proxy on 127.0.0.1 (``tests/faults/proxy.py``). A bounded load
generator offers ``--rate`` text messages a second, each from a new private chat, for
``--before`` seconds, then the proxy stops forwarding (the server looks frozen: connections
open, no reply) for ``--freeze`` seconds, then forwards again for ``--after`` seconds. Then the
bot is given time to write what it queued, and stopped.

Reported: updates pushed, answered (a chat that got its reply), rows in the question log,
rows dropped (the bot's drop counter), and the longest gap without any reply while updates were
waiting, over the whole run and during the freeze.

    .venv/bin/python bench/fault_freeze.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

Only servers on 127.0.0.1 are used; the schema is dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import itertools
import logging
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from _common import ROOT, machine, write_json
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

sys.path.insert(0, str(ROOT))
from tests.faults.proxy import FreezingProxy
from tests.telegram.fake_bot_api import FakeBotApi


def questions() -> list[str]:
    document = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8"))
    return [item["q"] for item in document["questions"]]


@dataclasses.dataclass
class RecordingApi(FakeBotApi):
    """The stand-in server, noting when each chat was offered a message and first answered."""

    offered: dict[int, float] = dataclasses.field(default_factory=dict)
    answered: dict[int, float] = dataclasses.field(default_factory=dict)
    _users: itertools.count[int] = dataclasses.field(
        default_factory=lambda: itertools.count(200_000)
    )

    def offer(self, question: str) -> None:
        user_id = next(self._users)
        user = {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "pl"}
        self.offered[user_id] = time.monotonic()
        self.push(self.message(question, user=user))

    def _sendMessage(self, params: dict[str, str]) -> dict[str, Any]:
        self.answered.setdefault(int(params["chat_id"]), time.monotonic())
        self.calls.clear()  # the record of every request would only grow
        return super()._sendMessage(params)


def longest_gap(api: RecordingApi, start: float, end: float) -> float:
    """The longest stretch in [start, end] with an update waiting and no reply sent."""
    replies = sorted(t for t in api.answered.values() if start <= t <= end)
    gaps, last = [], start
    for at in replies:
        waiting = any(o < at and api.answered.get(u, end + 1) > last for u, o in _window(api))
        if waiting:
            gaps.append(at - last)
        last = at
    if any(api.answered.get(u, end + 1) > end for u, o in _window(api) if o < end):
        gaps.append(end - last)
    return max(gaps, default=0.0)


def _window(api: RecordingApi) -> list[tuple[int, float]]:
    return list(api.offered.items())


async def scenario(args: argparse.Namespace) -> dict[str, Any]:
    from bot.config import Settings
    from bot.telegram import build_application, started
    from bot.telegram.ratelimit import UNLIMITED, RetryingRateLimiter, TokenBudget

    server = make_url(args.database_url)
    assert server.host in ("127.0.0.1", "localhost"), "only a server on this machine"
    schema = f"bench_{secrets.token_hex(4)}"
    admin = create_engine(args.database_url, poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    proxy = FreezingProxy((server.host, server.port or 5432))
    url = server.set(host="127.0.0.1", port=proxy.port).update_query_dict(
        {"options": f"-csearch_path={schema}", "application_name": schema}
    )
    api = RecordingApi()
    await api.start()
    texts = questions()
    result: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WEBHOOK_URL")}
            env |= {"DATA_DIR": folder, "CACHE_DIR": str(ROOT / "data" / "cache")}
            settings = dataclasses.replace(
                Settings.from_env(env | {"LOG_LEVEL": "WARNING"}),
                database_url=url.render_as_string(hide_password=False),
                telegram_token=api.token,
                telegram_base_url=api.base_url,
                telegram_base_file_url=api.base_file_url,
            )
            limiter = RetryingRateLimiter(budget=TokenBudget(UNLIMITED))
            application = build_application(settings, rate_limiter=limiter)
            async with started(application, settings, poll_timeout=2):
                questions_log = application.bot_data.questions
                assert questions_log is not None
                total = args.before + args.freeze + args.after
                began = time.monotonic()
                frozen_at = began + args.before
                thawed_at = frozen_at + args.freeze
                for n in range(int(total * args.rate)):
                    at = began + n / args.rate
                    now = time.monotonic()
                    if frozen_at <= now < thawed_at and not result.get("froze"):
                        proxy.freeze()
                        result["froze"] = now - began
                    elif now >= thawed_at and result.get("froze") and not result.get("thawed"):
                        proxy.thaw()
                        result["thawed"] = now - began
                    if at > now:
                        await asyncio.sleep(at - now)
                    api.offer(texts[n % len(texts)])
                proxy.thaw()
                ended = time.monotonic()
                # Time for the last replies and for the queue to be written.
                deadline = ended + args.settle
                while time.monotonic() < deadline and (  # noqa: ASYNC110 (polls two things)
                    len(api.answered) < len(api.offered) or questions_log.unsaved
                ):
                    await asyncio.sleep(0.2)
                result |= {
                    "pushed": len(api.offered),
                    "answered": len(api.answered),
                    "dropped_here": questions_log.dropped,
                    "pending_at_end": questions_log.pending,
                    "longest_gap_s": longest_gap(api, began, ended),
                    "longest_gap_in_freeze_s": longest_gap(api, frozen_at, thawed_at + 1.0),
                    "latency_max_s": max(
                        (api.answered[u] - o for u, o in api.offered.items() if u in api.answered),
                        default=0.0,
                    ),
                }
        with admin.connect() as connection:
            result["logged"] = connection.scalar(text(f"SELECT count(*) FROM {schema}.answer_log"))
            dropped = connection.scalar(
                text(f"SELECT value FROM {schema}.state_meta WHERE key = 'dropped_questions'")
            )
            result["dropped_counted"] = int(dropped or 0)
    finally:
        await api.stop()
        proxy.close()
        with admin.begin() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :name"
                ),
                {"name": schema},
            )
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL"),
        help="a PostgreSQL server on 127.0.0.1 (default: TEST_DATABASE_URL)",
    )
    parser.add_argument("--rate", type=float, default=30.0, help="updates offered per second")
    parser.add_argument("--before", type=float, default=10.0, help="seconds before the freeze")
    parser.add_argument("--freeze", type=float, default=20.0, help="seconds frozen")
    parser.add_argument("--after", type=float, default=10.0, help="seconds after the freeze")
    parser.add_argument("--settle", type=float, default=30.0, help="seconds to finish after")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url (or TEST_DATABASE_URL) is needed")
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    print(f"machine: {machine()}", file=sys.stderr)
    result = asyncio.run(scenario(args))
    print(
        "| pushed | answered | logged | dropped | longest gap s | in the freeze s | max latency s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {result['pushed']} | {result['answered']} | {result['logged']}"
        f" | {result['dropped_counted']} | {result['longest_gap_s']:.2f}"
        f" | {result['longest_gap_in_freeze_s']:.2f} | {result['latency_max_s']:.2f} |"
    )
    print(
        f"froze at {result.get('froze', 0):.1f} s, thawed at {result.get('thawed', 0):.1f} s;"
        f" dropped in this process {result['dropped_here']},"
        f" still queued at the end {result['pending_at_end']}",
        file=sys.stderr,
    )
    if args.json:
        write_json(
            args.json, {"machine": machine(), "args": vars(args) | {"json": None}, **result}
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
