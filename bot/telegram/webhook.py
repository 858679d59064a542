"""The webhook server: Telegram posts updates here; a health check answers on ``/healthz``.

What a request to the webhook path gets (the secret token checked, the body parsed, the update
handled once across copies of the bot) is decided by :mod:`.intake`; this module only serves it.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from .context import BotApplication
from .intake import MAX_BODY, SECRET_HEADER, WebhookIntake

__all__ = ["HEALTH_PATH", "SECRET_HEADER", "WebhookServer"]

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


class WebhookServer:
    """An HTTP server on ``listen:port`` that feeds posted updates to ``application``."""

    def __init__(
        self,
        application: BotApplication,
        *,
        path: str,
        secret: str,
        listen: str,
        port: int,
        access_log: bool = False,
    ) -> None:
        self.application = application
        self.listen = listen
        self.port = port
        routes: list[Any] = [
            (HEALTH_PATH, _Health, {"bot": application}),
            (path, _Updates, {"intake": WebhookIntake(application, secret=secret)}),
        ]
        # Tornado logs every request at INFO (one line per update on a webhook) unless given a
        # log function of its own: ACCESS_LOG turns its default back on.
        web_settings: dict[str, Any] = {} if access_log else {"log_function": _no_access_log}
        self._server = HTTPServer(WebApplication(routes, **web_settings), max_body_size=MAX_BODY)
        self._sockets: list[socket.socket] = []

    async def start(self) -> int:
        """Start listening; returns the port (useful when ``port`` was 0: any free port)."""
        self._sockets = bind_sockets(self.port, self.listen)
        self._server.add_sockets(self._sockets)
        self.port = self._sockets[0].getsockname()[1]
        log.info("webhook server listening on %s:%d", self.listen, self.port)
        return self.port

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()


class _Updates(RequestHandler):
    def initialize(self, intake: WebhookIntake) -> None:
        self.intake = intake

    async def post(self) -> None:
        received = await self.intake.receive(
            self.request.body,
            secret=self.request.headers.get(SECRET_HEADER),
            remote=self.request.remote_ip,
        )
        self.set_status(received.status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(received.text)


class _Health(RequestHandler):
    def initialize(self, bot: BotApplication) -> None:
        self.bot = bot

    def get(self) -> None:
        running = self.bot.running
        self.set_status(200 if running else 503)
        self.write({"status": "ok" if running else "stopped"})


def _no_access_log(handler: RequestHandler) -> None:
    """Log nothing per request (errors are logged where they happen)."""
