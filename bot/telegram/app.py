"""The :class:`~telegram.ext.Application` factory: the bot's parts are made in ``post_init``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AsyncExitStack

from telegram import LinkPreviewOptions
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, BaseRateLimiter, Defaults

from ..assistant import Assistant, start_assistant
from ..config import Settings
from ..conversation import running_conversation
from ..errors import ConfigError
from ..registry.database import RegistryDatabase
from ..state import DatabaseExecutor, DeliveryClaims, DraftStore
from ..state.replies import ReplyMemory
from .commands import set_commands, set_staff_commands
from .context import CONTEXT_TYPES, BotApplication
from .handlers import add_handlers
from .ratelimit import RetryingRateLimiter
from .transport import AiohttpRequest
from .updates import PerChatUpdateProcessor

__all__ = ["Starter", "build_application"]

log = logging.getLogger(__name__)

Starter = Callable[[Settings], tuple[Assistant, RegistryDatabase]]


async def _keep_purging(replies: ReplyMemory, database: DatabaseExecutor) -> None:
    """Forever, hourly: forget which messages answered which once they are too old to edit."""
    while True:
        await asyncio.sleep(3600)
        try:
            await database.run("forget old answers", replies.purge, 0)
        except Exception:
            log.exception("forgetting old answers failed; trying again later")


def build_application(
    settings: Settings,
    *,
    start: Starter = start_assistant,
    rate_limiter: BaseRateLimiter[int] | None = None,
) -> BotApplication:
    """The bot's Application; ``start`` makes the engine and opens the registry database in ``post_init``.

    Tests pass a ``start`` that reuses one engine, and a rate limiter with short delays.
    """
    if not settings.telegram_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    housekeeping: list[asyncio.Task[None]] = []
    # The conversation's parts, kept up while the bot runs; closed by post_shutdown.
    running = AsyncExitStack()

    async def post_init(application: BotApplication) -> None:
        data = application.bot_data
        assistant, registry_database = await asyncio.to_thread(start, settings)
        data.assistant, data.registry_database = assistant, registry_database
        parts = await running.enter_async_context(
            running_conversation(settings, assistant, registry_database)
        )
        data.store, data.questions = parts.store, parts.questions
        data.conversation = parts.conversation
        data.drafts = DraftStore(
            registry_database.engine, timeout=settings.edit_timeout, health=parts.health
        )
        data.database = parts.database
        if settings.webhook_url:
            data.deliveries = DeliveryClaims(registry_database.engine)
            await data.database.run("purge old webhook claims", data.deliveries.purge, 0)
        await asyncio.to_thread(data.drafts.purge)
        data.replies = ReplyMemory(registry_database.engine, parts.pseudonyms.salt)
        data.replies.behind = parts.questions.behind
        parts.written_behind.append(data.replies)
        await data.database.run("forget old answers", data.replies.purge, 0)
        housekeeping.append(asyncio.create_task(_keep_purging(data.replies, data.database)))
        data.instances = parts.instances
        limiter = application.bot.rate_limiter
        if isinstance(limiter, RetryingRateLimiter):
            # The token's limits are shared with every other copy on this database.
            limiter.budget.share(parts.instances.count)
            parts.counted.append(limiter.budget.share)
        try:
            await set_commands(application.bot)
            await set_staff_commands(application.bot, settings.admin_ids)
        except TelegramError as exc:
            log.warning("could not publish the command menus (the bot works without): %s", exc)

    async def post_shutdown(application: BotApplication) -> None:
        for task in housekeeping:
            task.cancel()
        await asyncio.gather(*housekeeping, return_exceptions=True)
        await running.aclose()
        if application.bot_data.registry_database is not None:
            application.bot_data.registry_database.close()

    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(
                # Sources carry URLs: previews of them would bury the answer.
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                # A reply to a question deleted meanwhile is still sent, just not quoting it.
                allow_sending_without_reply=True,
            )
        )
        .rate_limiter(rate_limiter or RetryingRateLimiter())
        # python-telegram-bot's own pool sizes: 256 for sending, one long poll at a time.
        .request(AiohttpRequest(connection_pool_size=256))
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
        .concurrent_updates(PerChatUpdateProcessor(settings.concurrent_updates))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .job_queue(None)
    )
    if settings.webhook_url:
        builder = builder.updater(None)
    application: BotApplication = builder.build()
    application.bot_data.settings = settings
    add_handlers(application)
    return application
