"""Requests per second of ``POST /api/v1/ask`` on one core, with keep-alive, beside an anchor.

The web chat's server runs as ``run_bot.py web`` runs it (:func:`bot.web.run.serving`: uvicorn,
the real assistant, a fresh SQLite database in a temporary ``DATA_DIR``) in a process of its
own pinned to one CPU; the load comes from this process (pinned to another CPU where there is
one) over keep-alive connections. The same server also serves an anchor route, a bare Starlette
endpoint returning a small JSON object, so that ask's cost can be read against what the HTTP
stack alone costs on this machine at this moment.

* saturated: ``--clients`` connections asking as fast as answers come, for each route;
* paced: ``--rate`` requests a second offered at a steady pace for ``--seconds``, and the
  latency of each (p50, p99) at that rate.

The server's CPU time per request (``/proc/<pid>/stat``, every thread) is the steadiest figure
on a busy machine; requests per second of CPU is 1 / that. Each client has a session of its own
and the flood and address limits are raised for the run (the benchmark is about the API's
cost, not about its refusals).

    .venv/bin/python bench/web_api.py [--requests 3000] [--clients 8] [--rate 500] [--json f]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUESTIONS = [
    "Kiedy podpisano umowę z Gothą?",
    "Jakie miasta partnerskie mają Kielce?",
    "Od kiedy Orange jest miastem partnerskim Kielc?",
    "Which are Kielce's partner cities?",
    "kontakt z biurem współpracy zagranicznej",
    "Jaka jest pogoda w Kielcach?",
]


def _serve(data_dir: str, port_queue: Any, cpu: int | None) -> None:
    """The server process: the web chat plus an anchor route, until terminated."""
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from bot.config import Settings
    from bot.web.run import serving

    async def anchor(request: Any) -> JSONResponse:
        await request.body()
        return JSONResponse({"outcome": "answer", "answer": "anchor"})

    settings = replace(
        Settings.from_env({"DATA_DIR": data_dir, "LOG_LEVEL": "WARNING"}),
        web_port=0,
        flood_messages=10**9,
        web_address_limit=10**9,
        database_wait=10.0,
    )

    async def main() -> None:
        routes = [Route("/bench/anchor", anchor, methods=["POST"])]
        async with serving(settings, extra_routes=routes) as running:
            port_queue.put(running.port)
            await asyncio.Event().wait()

    asyncio.run(main())


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _saturated(base: str, path: str, count: int, clients: int, pid: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    sessions: list[str | None] = [None] * clients
    left = iter(range(count))

    async def client(index: int, http: httpx.AsyncClient) -> None:
        for n in left:
            body: dict[str, Any] = {"question": QUESTIONS[n % len(QUESTIONS)]}
            if sessions[index]:
                body["session"] = sessions[index]
            started = time.perf_counter()
            response = await http.post(path, json=body)
            latencies.append(time.perf_counter() - started)
            response.raise_for_status()
            if path.endswith("/ask"):
                sessions[index] = response.json()["session"]

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        await http.post(path, json={"question": QUESTIONS[0]})  # warm up
        cpu, wall = _cpu_seconds(pid), time.perf_counter()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        wall, cpu = time.perf_counter() - wall, _cpu_seconds(pid) - cpu
    return {
        "requests": count,
        "per_second_wall": round(count / wall, 1),
        "server_cpu_ms_per_request": round(1000 * cpu / count, 3),
        "per_second_of_server_cpu": round(count / cpu, 1) if cpu else None,
        "p50_ms": round(1000 * statistics.median(latencies), 2),
        "p99_ms": round(1000 * statistics.quantiles(latencies, n=100)[98], 2),
    }


async def _paced(base: str, rate: float, seconds: float, clients: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    failed = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        first = await http.post("/api/v1/ask", json={"question": QUESTIONS[0]})
        session = first.json()["session"]

        async def one(n: int) -> None:
            nonlocal failed
            started = time.perf_counter()
            body = {"question": QUESTIONS[n % len(QUESTIONS)], "session": session}
            response = await http.post("/api/v1/ask", json=body)
            latencies.append(time.perf_counter() - started)
            failed += response.status_code != 200

        tasks = []
        start = time.perf_counter()
        total = int(rate * seconds)
        for n in range(total):
            delay = start + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(n)))
        await asyncio.gather(*tasks)
        wall = time.perf_counter() - start
    return {
        "offered_per_second": rate,
        "achieved_per_second": round(total / wall, 1),
        "requests": total,
        "failed": failed,
        "p50_ms": round(1000 * statistics.median(latencies), 2),
        "p99_ms": round(1000 * statistics.quantiles(latencies, n=100)[98], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rate", type=float, default=500.0)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    cpus = sorted(os.sched_getaffinity(0))
    server_cpu = cpus[0] if len(cpus) > 1 else None
    if len(cpus) > 1:
        os.sched_setaffinity(0, set(cpus[1:]))
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as data_dir:
        ports = context.Queue()
        server = context.Process(target=_serve, args=(data_dir, ports, server_cpu), daemon=True)
        server.start()
        try:
            port = ports.get(timeout=120)
            base = f"http://127.0.0.1:{port}"
            assert server.pid is not None
            results = {
                "anchor (bare Starlette endpoint)": asyncio.run(
                    _saturated(base, "/bench/anchor", args.requests, args.clients, server.pid)
                ),
                "POST /api/v1/ask": asyncio.run(
                    _saturated(base, "/api/v1/ask", args.requests, args.clients, server.pid)
                ),
                f"POST /api/v1/ask paced at {args.rate:g}/s": asyncio.run(
                    _paced(base, args.rate, args.seconds, args.clients)
                ),
            }
        finally:
            server.terminate()
            server.join(10)
    ask = results["POST /api/v1/ask"]["server_cpu_ms_per_request"]
    anchor = results["anchor (bare Starlette endpoint)"]["server_cpu_ms_per_request"]
    results["ratio: ask CPU / anchor CPU"] = round(ask / anchor, 1) if anchor else None
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
