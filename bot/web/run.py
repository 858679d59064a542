"""``run_bot.py web``: the web chat alone (no Telegram token needed) on ``WEB_LISTEN:WEB_PORT``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.routing import BaseRoute

from ..assistant import Assistant, start_assistant
from ..config import Settings
from ..conversation import ConversationParts, running_conversation
from ..liveness import HEARTBEAT_FILE, beating, local_url
from ..registry.database import RegistryDatabase
from .api import WebChat
from .app import HEALTH_PATH, build_app
from .server import Server

__all__ = ["Serving", "run_web", "serving"]

log = logging.getLogger(__name__)

Starter = Callable[[Settings], tuple[Assistant, RegistryDatabase]]


@dataclass(frozen=True)
class Serving:
    port: int
    parts: ConversationParts


def run_web(settings: Settings) -> int:
    """Serve the web chat until SIGINT or SIGTERM."""
    asyncio.run(_serve_until_stopped(settings))
    return 0


async def _serve_until_stopped(settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(sig, stop.set)
    async with serving(settings) as running:
        url = local_url(settings.web_listen, running.port, HEALTH_PATH)
        # The liveness signal ``run_bot.py health`` reads, as the Telegram bot writes it.
        async with beating(
            settings.data_dir / HEARTBEAT_FILE, mode="web", alive=lambda: True, health_url=url
        ):
            log.info(
                "web chat on http://%s:%d/ (stop it with Ctrl+C)",
                settings.web_listen,
                running.port,
            )
            await stop.wait()
            log.info("stopping")


@asynccontextmanager
async def serving(
    settings: Settings,
    *,
    start: Starter = start_assistant,
    extra_routes: list[BaseRoute] | None = None,
) -> AsyncIterator[Serving]:
    """The web chat served inside the block (with ``extra_routes``: the benchmark's anchor);
    what is unsaved written and the database closed after it."""
    assistant, registry = await asyncio.to_thread(start, settings)
    try:
        async with running_conversation(settings, assistant, registry) as parts:
            app = build_app(
                WebChat(parts.conversation, settings),
                extra_routes=extra_routes,
                origins=settings.web_origins,
            )
            server = Server(
                app,
                listen=settings.web_listen,
                port=settings.web_port,
                access_log=settings.access_log,
            )
            try:
                port = await server.start()
                yield Serving(port, parts)
            finally:
                await server.stop()
    finally:
        registry.close()
