"""The widget's files and the demo page, shipped in the package (``bot/web/static``).

``widget.js`` is served with the widget's sentences (``web.ui.*`` of :mod:`bot.sentences`, and
the names of the kinds of source, ``kind.*``, in both languages) and its stylesheet put in front
of it, so the widget says nothing of its own and needs no request for its texts or looks: a page
that embeds it makes no request to the bot before the chat is opened, beyond loading the script
itself.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..languages import LANGUAGES
from ..sentences import TEXTS

__all__ = ["UI_PREFIX", "static_routes", "widget_texts"]

UI_PREFIX = "web.ui."
# The sources list names each source's kind as the other channels do ("strona miasta Kielce").
KIND_PREFIX = "kind."
_CACHE = "public, max-age=300"


def widget_texts() -> dict[str, dict[str, str]]:
    """The widget's sentences per language, without the ``web.ui.`` prefix; kinds as ``kind.*``."""
    return {
        lang: {
            key.removeprefix(UI_PREFIX): text
            for key, text in TEXTS[lang].items()
            if key.startswith((UI_PREFIX, KIND_PREFIX))
        }
        for lang in LANGUAGES
    }


@cache
def _file(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


@cache
def _widget() -> str:
    texts = json.dumps(widget_texts(), ensure_ascii=False)
    # The stylesheet travels inside the script: a page that embeds the widget makes no request
    # to the bot for it (nor for anything else) before the chat is opened.
    css = json.dumps(_file("widget.css"))
    return (
        f"window.KIELCE_CHAT_TEXTS = {texts};\nwindow.KIELCE_CHAT_CSS = {css};\n"
        f"{_file('widget.js')}"
    )


def static_routes(default_lang: str) -> list[Route]:
    async def widget(request: Request) -> Response:
        return Response(
            _widget(),
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": _CACHE},
        )

    async def stylesheet(request: Request) -> Response:
        return Response(
            _file("widget.css"),
            media_type="text/css; charset=utf-8",
            headers={"Cache-Control": _CACHE},
        )

    async def demo(request: Request) -> Response:
        return HTMLResponse(_file("demo.html").replace("{{lang}}", default_lang))

    return [
        Route("/", demo, methods=["GET"]),
        Route("/widget.js", widget, methods=["GET"]),
        Route("/widget.css", stylesheet, methods=["GET"]),
    ]
