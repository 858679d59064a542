"""Updates answered per second through the whole Telegram stack.

The bot runs as in production: ``bot.telegram.build_application`` with the real assistant
(started by ``start_assistant`` on a fresh SQLite database in a temporary ``DATA_DIR``), long
polling the stand-in Bot API server of the tests (``tests/telegram/fake_bot_api.py``, HTTP on
loopback, in the same event loop). Each update is a text message from its own private chat
(so flood control never mutes anyone), its text one of the ``q`` of ``eval/questions.yaml``;
an update counts as answered when the stand-in server receives the first ``sendMessage`` to
its chat.

* sequential: one update at a time, the next sent when the previous is answered;
* burst: all updates queued at once, as when many people write at the same moment.

Both run with Telegram's send limits switched off in the rate limiter (``--throttled`` uses the
bot's own, which caps sends at Telegram's 30 messages per second). The process is pinned to one
CPU by default (``--cpus``), bot and stand-in server sharing it, as the target is per core.

    .venv/bin/python bench/telegram_stack.py [--updates 500] [--repeat 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from _common import ROOT, machine, percentile, rss_mib, write_json


def questions() -> list[str]:
    document = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8"))
    return [item["q"] for item in document["questions"]]


async def run_modes(updates: int, repeat: int, throttled: bool) -> list[dict[str, Any]]:
    # The stand-in server lives with the tests, which are not an installed package.
    sys.path.insert(0, str(ROOT))
    from bot.config import Settings
    from bot.telegram import build_application, started
    from bot.telegram.ratelimit import RetryingRateLimiter
    from tests.telegram.fake_bot_api import FakeBotApi

    @dataclasses.dataclass
    class CountingApi(FakeBotApi):
        """The stand-in server, telling the benchmark when a chat gets its first reply."""

        waiting: dict[int, asyncio.Future[float]] = dataclasses.field(default_factory=dict)

        def _sendMessage(self, params: dict[str, str]) -> dict[str, Any]:
            future = self.waiting.pop(int(params["chat_id"]), None)
            if future is not None and not future.done():
                future.set_result(time.perf_counter())
            return super()._sendMessage(params)

    api = CountingApi()
    await api.start()
    texts = questions()
    limits = {} if throttled else {"overall_max_rate": 0, "group_max_rate": 0}
    results = []
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WEBHOOK_URL")}
        # A fresh database, and the lexicon from the project's cache (as after any start-up).
        env |= {"DATA_DIR": folder, "CACHE_DIR": str(ROOT / "data" / "cache")}
        settings = dataclasses.replace(
            Settings.from_env(env | {"LOG_LEVEL": "WARNING"}),
            telegram_token=api.token,
            telegram_base_url=api.base_url,
            telegram_base_file_url=api.base_file_url,
        )
        application = build_application(settings, rate_limiter=RetryingRateLimiter(**limits))
        users = iter(range(100_000, 10_000_000))

        def send(text: str) -> asyncio.Future[float]:
            user_id = next(users)
            user = {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "pl"}
            future = asyncio.get_running_loop().create_future()
            api.waiting[user_id] = future
            api.push(api.message(text, user=user))
            return future

        try:
            async with started(application, settings, poll_timeout=2):
                for text in texts[:20]:  # warm-up
                    await send(text)
                for number in range(repeat):
                    batch = [texts[(number * updates + i) % len(texts)] for i in range(updates)]
                    latencies = []
                    started_at = time.perf_counter()
                    for text in batch:
                        sent = time.perf_counter()
                        latencies.append((await send(text)) - sent)
                    results.append(summary("sequential", started_at, latencies, throttled))
                    started_at = time.perf_counter()
                    answered = await asyncio.gather(*(send(text) for text in batch))
                    latencies = [at - started_at for at in answered]
                    results.append(summary("burst", started_at, latencies, throttled))
        finally:
            await api.stop()
    return results


def summary(
    mode: str, started_at: float, latencies: list[float], throttled: bool
) -> dict[str, Any]:
    elapsed = time.perf_counter() - started_at
    ms = [latency * 1000 for latency in latencies]
    return {
        "mode": mode,
        "rate_limiter": "Telegram's limits" if throttled else "no send limits",
        "updates": len(latencies),
        "seconds": elapsed,
        "updates_per_s": len(latencies) / elapsed,
        "p50_ms": percentile(ms, 0.5),
        "p99_ms": percentile(ms, 0.99),
        "rss_mib": rss_mib(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=500, help="updates per measurement")
    parser.add_argument("--repeat", type=int, default=2, help="measurements per mode")
    parser.add_argument("--cpus", type=int, default=1, help="CPUs to pin to (0: no pinning)")
    parser.add_argument(
        "--throttled", action="store_true", help="keep the bot's 30 messages/s send limit"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if args.cpus:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[-args.cpus :])
    # As run_bot sets it: python-telegram-bot 22 otherwise warns on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    print(
        f"machine: {machine()}, pinned to CPUs {sorted(os.sched_getaffinity(0))}", file=sys.stderr
    )

    results = asyncio.run(run_modes(args.updates, args.repeat, args.throttled))
    print("| mode | send limits | updates | s | updates/s | p50 ms | p99 ms | RSS MiB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['mode']} | {r['rate_limiter']} | {r['updates']} | {r['seconds']:.2f}"
            f" | {r['updates_per_s']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f}"
            f" | {r['rss_mib']:.0f} |"
        )
    for mode in ("sequential", "burst"):
        rates = [r["updates_per_s"] for r in results if r["mode"] == mode]
        print(f"\n{mode}: median {statistics.median(rates):.0f} updates/s over {len(rates)} runs")
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
