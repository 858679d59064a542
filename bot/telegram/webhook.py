"""The webhook route: Telegram posts updates here, on the same ASGI app as the web chat.

Requests to the webhook path without Telegram's secret token header
(``X-Telegram-Bot-Api-Secret-Token``, the ``WEBHOOK_SECRET`` given to ``setWebhook``) are
refused with 403 and never reach the bot; a body that is not an update gets 400.
"""

from __future__ import annotations

import hmac
import json
import logging

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update

from ..web.limits import BodyTooLarge, read_body
from .context import BotApplication

__all__ = ["MAX_BODY", "SECRET_HEADER", "webhook_route"]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are small; anything much larger is not from Telegram.
MAX_BODY = 1 << 20


def webhook_route(application: BotApplication, *, path: str, secret: str) -> Route:
    """The route that feeds posted updates to ``application``'s update queue."""
    expected = secret.encode()

    async def updates(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            address = request.client.host if request.client else "?"
            log.warning(
                "refused a webhook request without the right secret token from %s", address
            )
            return Response(status_code=403)
        try:
            data = json.loads(await read_body(request, MAX_BODY))
            if not isinstance(data, dict):
                raise TypeError(f"a JSON {type(data).__name__}, not an object")
            update = Update.de_json(data, application.bot)
        except BodyTooLarge:
            log.warning("refused a webhook request larger than %d bytes", MAX_BODY)
            return Response(status_code=413)
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            log.warning("refused a webhook request that is not an update: %s", exc)
            return Response(status_code=400)
        await application.update_queue.put(update)
        return Response(status_code=200)

    return Route(path, updates, methods=["POST"])
