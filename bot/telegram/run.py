"""Running the bot: long polling, or a webhook server when ``WEBHOOK_URL`` is set."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from telegram import Update

from ..config import Settings
from ..liveness import HEARTBEAT_FILE, beating, local_url
from ..web import HEALTH_PATH, Server, WebChat, build_app
from .app import build_application
from .context import BotApplication
from .logs import quiet_noisy_loggers, redact_secrets
from .webhook import webhook_route

__all__ = ["ALLOWED_UPDATES", "Running", "run_bot", "started"]

log = logging.getLogger(__name__)

# Only the kinds of update some handler acts on.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
]


@dataclass(frozen=True)
class Running:
    application: BotApplication
    webhook_port: int | None  # the port the webhook server listens on, in webhook mode


def run_bot(settings: Settings) -> int:
    """Run the bot until SIGINT or SIGTERM; the command line's entry point."""
    # python-telegram-bot 22 warns of a deprecation on every 429 (RetryAfter reads its own
    # int-valued retry_after) unless time periods are timedeltas; the bot uses no int ones.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    redact_secrets(settings.telegram_token, settings.webhook_secret)
    quiet_noisy_loggers()
    application = build_application(settings)
    asyncio.run(_run_until_stopped(application, settings))
    return 0


async def _run_until_stopped(application: BotApplication, settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not on Windows, where Ctrl+C raises KeyboardInterrupt instead.
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with started(application, settings) as running, _heartbeat(running, settings):
        how = f"webhook {settings.webhook_url}" if settings.webhook_url else "long polling"
        log.info("@%s is running (%s); stop it with Ctrl+C", application.bot.username, how)
        await stop.wait()
        log.info("stopping")


def _heartbeat(
    running: Running, settings: Settings
) -> contextlib.AbstractAsyncContextManager[None]:
    """The liveness signal ``run_bot.py health`` reads: beats while updates can come in."""
    application = running.application

    def alive() -> bool:
        updater = application.updater
        return application.running and (updater is None or updater.running)

    url = None
    if running.webhook_port is not None:
        url = local_url(settings.webhook_listen, running.webhook_port, HEALTH_PATH)
    return beating(
        settings.data_dir / HEARTBEAT_FILE,
        mode="webhook" if url else "long polling",
        alive=alive,
        health_url=url,
    )


@asynccontextmanager
async def started(
    application: BotApplication, settings: Settings, *, poll_timeout: float = 10.0
) -> AsyncIterator[Running]:
    """The bot receiving and handling updates inside the block, shut down cleanly after it.

    The same steps as ``Application.run_polling`` (initialise, ``post_init``, start receiving,
    start handling, then the reverse), usable inside a running event loop. With a webhook, one
    ASGI app in this same loop serves the webhook route, the web chat and the health check.
    """
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        server = None
        if settings.webhook_url:
            assert settings.webhook_secret, "Settings.from_env requires it with WEBHOOK_URL"
            conversation = application.bot_data.conversation
            assert conversation is not None, "post_init makes it"
            app = build_app(
                WebChat(conversation, settings),
                extra_routes=[
                    webhook_route(
                        application, path=settings.webhook_path, secret=settings.webhook_secret
                    )
                ],
                healthy=lambda: application.running,
                origins=settings.web_origins,
            )
            server = Server(
                app,
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                access_log=settings.access_log,
            )
            await server.start()
            await application.bot.set_webhook(
                settings.webhook_url,
                secret_token=settings.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            assert application.updater is not None
            await application.updater.start_polling(
                timeout=timedelta(seconds=poll_timeout),
                allowed_updates=ALLOWED_UPDATES,
                # deleteWebhook at start-up: retried when Telegram is briefly unreachable.
                bootstrap_retries=5,
            )
        await application.start()
        try:
            yield Running(application, server.port if server else None)
        finally:
            if server:
                await server.stop()
            if application.updater and application.updater.running:
                await application.updater.stop()
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
