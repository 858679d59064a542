"""The webhook server: Telegram posts updates here; a health check answers on ``/healthz``.

Requests to the webhook path without Telegram's secret token header
(``X-Telegram-Bot-Api-Secret-Token``, the ``WEBHOOK_SECRET`` given to ``setWebhook``) are
refused with 403 and never reach the bot.
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
from typing import Any

from telegram import Update
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from .context import BotApplication

__all__ = ["HEALTH_PATH", "SECRET_HEADER", "WebhookServer"]

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are small; anything much larger is not from Telegram.
MAX_BODY = 1 << 20


class WebhookServer:
    """An HTTP server on ``listen:port`` that feeds posted updates to ``application``."""

    def __init__(
        self, application: BotApplication, *, path: str, secret: str, listen: str, port: int
    ) -> None:
        self.application = application
        self.listen = listen
        self.port = port
        routes: list[Any] = [
            (HEALTH_PATH, _Health, {"bot": application}),
            (path, _Updates, {"bot": application, "secret": secret}),
        ]
        self._server = HTTPServer(WebApplication(routes), max_body_size=MAX_BODY)
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
    def initialize(self, bot: BotApplication, secret: str) -> None:
        self.bot = bot
        self.secret = secret.encode()

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            log.warning(
                "refused a webhook request without the right secret token from %s",
                self.request.remote_ip,
            )
            self.send_error(403)
            return
        try:
            update = Update.de_json(json.loads(self.request.body), self.bot.bot)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("refused a webhook request that is not an update: %s", exc)
            self.send_error(400)
            return
        await self.bot.update_queue.put(update)
        self.set_status(200)


class _Health(RequestHandler):
    def initialize(self, bot: BotApplication) -> None:
        self.bot = bot

    def get(self) -> None:
        running = self.bot.running
        self.set_status(200 if running else 503)
        self.write({"status": "ok" if running else "stopped"})
