"""The webhook route: Telegram posts updates here, on the same ASGI app as the web chat.

What a request gets (the secret token checked, the body parsed, the update handled once across
copies of the bot) is decided by :mod:`.intake`; this module only carries it over HTTP.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ..web.limits import BodyTooLarge, read_body
from .context import BotApplication
from .intake import MAX_BODY, SECRET_HEADER, TOO_LARGE, WebhookIntake

__all__ = ["MAX_BODY", "SECRET_HEADER", "webhook_route"]

log = logging.getLogger(__name__)


def webhook_route(application: BotApplication, *, path: str, secret: str) -> Route:
    """The route that hands posted updates to the webhook's intake."""
    intake = WebhookIntake(application, secret=secret)

    async def updates(request: Request) -> Response:
        remote = request.client.host if request.client else None
        try:
            # Read no more than an update can be: a larger body is refused unread.
            body = await read_body(request, MAX_BODY)
        except BodyTooLarge:
            log.warning("refused a webhook request larger than %d bytes from %s", MAX_BODY, remote)
            received = TOO_LARGE
        else:
            received = await intake.receive(
                body, secret=request.headers.get(SECRET_HEADER), remote=remote
            )
        return PlainTextResponse(received.text, received.status)

    return Route(path, updates, methods=["POST"])
