"""Updates answered per second through the whole Telegram stack.

The bot runs as in production: ``bot.telegram.build_application`` with the real assistant
(started by ``start_assistant`` on a fresh SQLite database in a temporary ``DATA_DIR``), long
polling the stand-in Bot API server of the tests (``tests/telegram/fake_bot_api.py``, HTTP on
loopback). Each update is a text message from its own private chat (so flood control never
mutes anyone), its text one of the ``q`` of ``eval/questions.yaml``; an update counts as
answered when the stand-in server receives the first ``sendMessage`` to its chat.

* sequential: one update at a time, the next offered when the previous is answered;
* burst: all updates queued at once, as when many people write at the same moment.

By default the stand-in server runs in a process of its own (``spawn``), pinned to a different
CPU than the bot, which is pinned to one CPU: the target is the bot's throughput on one core,
and Telegram's servers are not part of the bot. The server offers the updates and times the
answers itself (``time.perf_counter`` in its process only); the bot's process just runs the bot,
and its CPU time per update (``time.process_time``, every thread) is the steadiest figure on a
busy machine. ``--in-process`` runs the server in the bot's event loop on the bot's CPU, as the
first version of this benchmark did, for comparison.

Both run with Telegram's send limits switched off in the rate limiter (``--throttled`` uses the
bot's own, which caps sends at Telegram's 30 messages per second).

The anchor: a bare python-telegram-bot echo bot (``ApplicationBuilder`` defaults, one
``MessageHandler`` replying with the text, the same number of updates at once as the bot)
measured first in the same run against the same server, so that the bot's CPU per update can
be given as a ratio to what python-telegram-bot itself costs on this machine at this moment.
A second echo bot, "echo (aiohttp)", sends through the bot's own HTTP client
(``bot/telegram/transport.py``): the ratio to it is the bot's own work, without the client's gain.

    .venv/bin/python bench/telegram_stack.py [--updates 500] [--repeat 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import dataclasses
import itertools
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import yaml
from _common import ROOT, machine, percentile, rss_mib, write_json

# The stand-in server lives with the tests, which are not an installed package.
sys.path.insert(0, str(ROOT))
from tests.telegram.fake_bot_api import FakeBotApi

WARM_UP = 20


def questions() -> list[str]:
    document = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8"))
    return [item["q"] for item in document["questions"]]


@dataclasses.dataclass
class TimingApi(FakeBotApi):
    """The stand-in server, offering the updates of a measurement and timing their answers."""

    _users: itertools.count[int] = dataclasses.field(
        default_factory=lambda: itertools.count(100_000)
    )
    _offered: dict[int, float] = dataclasses.field(default_factory=dict)
    _next: collections.deque[str] = dataclasses.field(default_factory=collections.deque)
    _latencies: list[float] = dataclasses.field(default_factory=list)
    _expected: int = 0
    _done: asyncio.Future[None] | None = None

    async def measure(self, mode: str, texts: list[str]) -> dict[str, Any]:
        """Offer ``texts`` (``sequential`` or ``burst``); the wall time and each latency."""
        self.calls.clear()  # the record of every request would only grow
        self._done = asyncio.get_running_loop().create_future()
        self._latencies, self._expected = [], len(texts)
        cpu = time.process_time()
        started_at = time.perf_counter()
        if mode == "sequential":
            self._next = collections.deque(texts[1:])
            self._offer(texts[0], started_at)
        else:
            for text in texts:
                self._offer(text, started_at)
        await self._done
        return {
            "seconds": time.perf_counter() - started_at,
            "latencies": self._latencies,
            "server_cpu_s": time.process_time() - cpu,
        }

    def _offer(self, text: str, at: float) -> None:
        user_id = next(self._users)
        user = {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "pl"}
        self._offered[user_id] = at
        self.push(self.message(text, user=user))

    def _sendMessage(self, params: dict[str, str]) -> dict[str, Any]:
        offered_at = self._offered.pop(int(params["chat_id"]), None)
        if offered_at is not None:  # the first reply to this chat
            now = time.perf_counter()
            self._latencies.append(now - offered_at)
            if self._next:
                self._offer(self._next.popleft(), now)
            elif len(self._latencies) == self._expected and self._done is not None:
                self._done.set_result(None)
        return super()._sendMessage(params)


# The stand-in server in a process of its own --------------------------------------------------


def serve(conn: Connection, cpu: int | None) -> None:
    """The server process: a ``TimingApi`` taking ``(mode, texts)`` from ``conn``."""
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    asyncio.run(_serve(conn))


async def _serve(conn: Connection) -> None:
    api = TimingApi()
    await api.start()
    conn.send({"base_url": api.base_url, "base_file_url": api.base_file_url, "token": api.token})
    loop = asyncio.get_running_loop()
    commands: asyncio.Queue[tuple[str, list[str]] | None] = asyncio.Queue()

    def receive() -> None:
        try:
            commands.put_nowait(conn.recv())
        except EOFError:  # the bot's process is gone
            loop.remove_reader(conn.fileno())
            commands.put_nowait(None)

    loop.add_reader(conn.fileno(), receive)
    try:
        while (command := await commands.get()) is not None:
            conn.send(await api.measure(*command))
    finally:
        loop.remove_reader(conn.fileno())
        await api.stop()


class Server(Protocol):
    """Where the bot finds the stand-in server, and how a measurement is asked of it."""

    @property
    def base_url(self) -> str: ...
    @property
    def base_file_url(self) -> str: ...
    @property
    def token(self) -> str: ...

    async def measure(self, mode: str, texts: list[str]) -> dict[str, Any]: ...


@dataclasses.dataclass
class RemoteServer:
    """The bot's end of the server process."""

    base_url: str
    base_file_url: str
    token: str
    conn: Connection

    async def measure(self, mode: str, texts: list[str]) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[dict[str, Any]] = loop.create_future()

        def receive() -> None:
            loop.remove_reader(self.conn.fileno())
            try:
                answer.set_result(self.conn.recv())
            except EOFError:
                answer.set_exception(RuntimeError("the stand-in server's process died"))

        loop.add_reader(self.conn.fileno(), receive)
        self.conn.send((mode, texts))
        return await asyncio.wait_for(answer, 60 + len(texts))


# The bot ----------------------------------------------------------------------------------------


async def run_modes(
    server: Server, updates: int, repeat: int, throttled: bool, placement: str
) -> list[dict[str, Any]]:
    """The echo bot's measurements (python-telegram-bot's own HTTP client, then the bot's),
    then the bot's."""
    echo = await run_echo(server, updates, repeat, placement)
    echo += await run_echo(server, updates, repeat, placement, client="aiohttp")
    return echo + await run_bot(server, updates, repeat, throttled, placement)


async def run_echo(
    server: Server, updates: int, repeat: int, placement: str, client: str = "httpx"
) -> list[dict[str, Any]]:
    from telegram import Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    from bot.config import Settings

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        assert update.message.text is not None
        await update.message.reply_text(update.message.text)

    builder = (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .concurrent_updates(Settings.concurrent_updates)
    )
    if client == "aiohttp":  # the bot's own HTTP client, to tell its gain from the bot's work
        from bot.telegram.transport import AiohttpRequest

        builder = builder.request(AiohttpRequest(256)).get_updates_request(AiohttpRequest(1))
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    texts = questions()
    async with application:
        assert application.updater is not None
        await application.updater.start_polling(timeout=2)
        await application.start()
        name = "echo" if client == "httpx" else f"echo ({client})"
        results = await measure_rounds(server, texts, updates, repeat, name, False, placement)
        await application.updater.stop()
        await application.stop()
    return results


async def run_bot(
    server: Server, updates: int, repeat: int, throttled: bool, placement: str
) -> list[dict[str, Any]]:
    from bot.config import Settings
    from bot.telegram import build_application, started
    from bot.telegram.ratelimit import UNLIMITED, RetryingRateLimiter, TokenBudget

    texts = questions()
    limits = {} if throttled else {"budget": TokenBudget(UNLIMITED)}
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WEBHOOK_URL")}
        # A fresh database, and the lexicon from the project's cache (as after any start-up).
        env |= {"DATA_DIR": folder, "CACHE_DIR": str(ROOT / "data" / "cache")}
        settings = dataclasses.replace(
            Settings.from_env(env | {"LOG_LEVEL": "WARNING"}),
            telegram_token=server.token,
            telegram_base_url=server.base_url,
            telegram_base_file_url=server.base_file_url,
        )
        application = build_application(settings, rate_limiter=RetryingRateLimiter(**limits))
        async with started(application, settings, poll_timeout=2):
            results = await measure_rounds(
                server, texts, updates, repeat, "ours", throttled, placement
            )
    return results


async def measure_rounds(
    server: Server,
    texts: list[str],
    updates: int,
    repeat: int,
    bot: str,
    throttled: bool,
    placement: str,
) -> list[dict[str, Any]]:
    """Warm up, then ``repeat`` rounds of each mode, with the bot's CPU time for each round.

    The echo anchor and our bot go through this same loop, so their figures compare."""
    await server.measure("sequential", texts[:WARM_UP])
    results = []
    for number in range(repeat):
        batch = [texts[(number * updates + i) % len(texts)] for i in range(updates)]
        for mode in ("sequential", "burst"):
            cpu = time.process_time()
            measured = await server.measure(mode, batch)
            measured["bot_cpu_s"] = time.process_time() - cpu
            results.append({"bot": bot, **summary(mode, measured, throttled, placement)})
    return results


def summary(
    mode: str, measured: dict[str, Any], throttled: bool, placement: str
) -> dict[str, Any]:
    count, seconds = len(measured["latencies"]), measured["seconds"]
    ms = [latency * 1000 for latency in measured["latencies"]]
    return {
        "mode": mode,
        "server": placement,
        "rate_limiter": "Telegram's limits" if throttled else "no send limits",
        "updates": count,
        "seconds": seconds,
        "updates_per_s": count / seconds,
        "p50_ms": percentile(ms, 0.5),
        "p99_ms": percentile(ms, 0.99),
        # In-process, the bot's CPU time includes the server's.
        "bot_cpu_ms_per_update": measured["bot_cpu_s"] * 1000 / count,
        "bot_cpu_share": measured["bot_cpu_s"] / seconds,
        "server_cpu_ms_per_update": measured["server_cpu_s"] * 1000 / count,
        "rss_mib": rss_mib(),
    }


def measure_in_process(
    updates: int, repeat: int, throttled: bool, cpu: int | None
) -> list[dict[str, Any]]:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})

    async def run() -> list[dict[str, Any]]:
        api = TimingApi()
        await api.start()
        try:
            return await run_modes(api, updates, repeat, throttled, "in-process")
        finally:
            await api.stop()

    return asyncio.run(run())


def measure_separately(
    updates: int, repeat: int, throttled: bool, bot_cpu: int | None, server_cpu: int | None
) -> list[dict[str, Any]]:
    if bot_cpu is not None:
        os.sched_setaffinity(0, {bot_cpu})
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=serve, args=(theirs, server_cpu), name="fake-bot-api")
    process.start()
    theirs.close()
    try:
        if not ours.poll(60):
            raise RuntimeError("the stand-in server did not start within 60 s")
        server = RemoteServer(conn=ours, **ours.recv())
        return asyncio.run(run_modes(server, updates, repeat, throttled, "own process"))
    finally:
        ours.close()  # the server stops at EOF
        process.join(10)
        if process.is_alive():
            process.terminate()
            process.join()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=500, help="updates per measurement")
    parser.add_argument("--repeat", type=int, default=2, help="measurements per mode")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the stand-in server in the bot's event loop, on the bot's CPU",
    )
    cpus = sorted(os.sched_getaffinity(0))
    parser.add_argument(
        "--bot-cpu", type=int, default=cpus[-1], help="the CPU for the bot (default: the last)"
    )
    parser.add_argument(
        "--server-cpu",
        type=int,
        default=cpus[0],
        help="the CPU for the stand-in server's process (default: the first)",
    )
    parser.add_argument("--no-pin", action="store_true", help="pin neither process to a CPU")
    parser.add_argument(
        "--throttled", action="store_true", help="keep the bot's 30 messages/s send limit"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    bot_cpu, server_cpu = (None, None) if args.no_pin else (args.bot_cpu, args.server_cpu)
    if not args.in_process and not args.no_pin and bot_cpu == server_cpu:
        print(f"warning: the bot and the server share CPU {bot_cpu}", file=sys.stderr)
    # As run_bot sets it: python-telegram-bot 22 otherwise warns on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    where = "in the bot's process" if args.in_process else f"own process, CPU {server_cpu}"
    print(f"machine: {machine()}; bot on CPU {bot_cpu}, server {where}", file=sys.stderr)

    if args.in_process:
        results = measure_in_process(args.updates, args.repeat, args.throttled, bot_cpu)
    else:
        results = measure_separately(
            args.updates, args.repeat, args.throttled, bot_cpu, server_cpu
        )
    print(
        "| bot | mode | server | send limits | updates | s | updates/s | p50 ms | p99 ms"
        " | bot CPU ms/update | bot CPU busy | server CPU ms/update | bot RSS MiB |"
    )
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['bot']} | {r['mode']} | {r['server']} | {r['rate_limiter']} | {r['updates']}"
            f" | {r['seconds']:.2f} | {r['updates_per_s']:.0f} | {r['p50_ms']:.1f}"
            f" | {r['p99_ms']:.1f} | {r['bot_cpu_ms_per_update']:.2f}"
            f" | {r['bot_cpu_share']:.0%} | {r['server_cpu_ms_per_update']:.2f}"
            f" | {r['rss_mib']:.0f} |"
        )
    for mode in ("sequential", "burst"):
        cpu = {}
        for bot in ("echo", "echo (aiohttp)", "ours"):
            mine = [r for r in results if r["mode"] == mode and r["bot"] == bot]
            rates = [r["updates_per_s"] for r in mine]
            cpu[bot] = statistics.median(r["bot_cpu_ms_per_update"] for r in mine)
            print(
                f"\n{mode}, {bot}: median {statistics.median(rates):.0f} updates/s,"
                f" {cpu[bot]:.2f} ms of bot CPU per update"
                f" (≤ {1000 / cpu[bot]:.0f} updates/s per core), {len(rates)} runs"
            )
        print(
            f"{mode}: the bot's CPU per update is {cpu['ours'] / cpu['echo']:.2f}× the echo bot's"
            f" ({cpu['ours'] / cpu['echo (aiohttp)']:.2f}× the echo bot's on the bot's client)"
        )
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
