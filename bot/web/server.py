"""Serving the ASGI app with uvicorn inside an event loop that is already running."""

from __future__ import annotations

import asyncio
import logging

import uvicorn
from starlette.types import ASGIApp

__all__ = ["Server"]

log = logging.getLogger(__name__)

GRACEFUL_STOP = 5  # seconds (uvicorn takes whole seconds)


class Server:
    """uvicorn on ``listen:port`` (0: any free port), started and stopped from a running loop."""

    def __init__(self, app: ASGIApp, *, listen: str, port: int, access_log: bool = False) -> None:
        config = uvicorn.Config(
            app,
            host=listen,
            port=port,
            # Off unless ACCESS_LOG=1: a line per request (per update, on a webhook) names every
            # address and buries what matters.
            access_log=access_log,
            log_config=None,
            lifespan="off",
            # Behind a proxy, the client's address comes from X-Forwarded-For when the proxy is
            # one of FORWARDED_ALLOW_IPS (uvicorn's own setting; by default only 127.0.0.1).
            proxy_headers=True,
            server_header=False,
            # Stopping waits this long for requests in flight, then closes what is left: a
            # client that holds a connection open (a browser's keep-alive, a stuck proxy) must
            # not keep a stopping bot from stopping.
            timeout_graceful_shutdown=GRACEFUL_STOP,
        )
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None
        self.listen = listen
        self.port = port

    async def start(self) -> int:
        """Start serving; returns the port it listens on."""
        # _serve, not serve: serve() would take over SIGINT and SIGTERM, which belong to the
        # process (bot/telegram/run.py stops the bot and this server together).
        self._task = asyncio.create_task(self._server._serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()  # raises what stopped it (a port in use, ...)
                raise RuntimeError("the web server stopped before it started")
            await asyncio.sleep(0.01)
        sockets = [s for server in self._server.servers for s in server.sockets]
        self.port = sockets[0].getsockname()[1]
        log.info("HTTP server listening on %s:%d", self.listen, self.port)
        return self.port

    async def stop(self) -> None:
        if self._task is None:
            return
        self._server.should_exit = True
        await self._task
        self._task = None
