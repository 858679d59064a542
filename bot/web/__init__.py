"""The web chat: an HTTP API over the conversation, the embeddable widget and its demo page,
all on one ASGI app (Starlette on uvicorn) that also carries the Telegram webhook route."""

from .api import API_PREFIX, ApiError, WebChat
from .app import HEALTH_PATH, build_app
from .server import Server

__all__ = ["API_PREFIX", "HEALTH_PATH", "ApiError", "Server", "WebChat", "build_app"]
