"""The one ASGI application: the web chat (its page, widget and API), the health check, and,
where the Telegram bot runs with a webhook, the route Telegram posts updates to.

Everything runs in one event loop: the Telegram :class:`~telegram.ext.Application` is started in
the same loop that serves this app (python-telegram-bot's custom-webhook examples do the same).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .api import WebChat
from .static import static_routes

__all__ = ["HEALTH_PATH", "build_app"]

HEALTH_PATH = "/healthz"


def build_app(
    chat: WebChat | None,
    *,
    extra_routes: list[BaseRoute] | None = None,
    healthy: Callable[[], bool] = lambda: True,
    origins: tuple[str, ...] = (),
) -> Starlette:
    """The app: ``chat``'s page, widget and API (when given), ``extra_routes`` (the Telegram
    webhook), and ``/healthz``, which answers 503 while ``healthy()`` is false."""

    async def health(request: Request) -> Response:
        ok = healthy()
        return JSONResponse({"status": "ok" if ok else "stopped"}, 200 if ok else 503)

    routes: list[BaseRoute] = [Route(HEALTH_PATH, health, methods=["GET"])]
    if chat is not None:
        routes += chat.routes() + static_routes(chat.settings.default_lang)
    routes += extra_routes or []
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=list(origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
            max_age=600,
        )
    ]
    return Starlette(routes=routes, middleware=middleware)
