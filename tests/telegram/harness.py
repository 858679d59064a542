"""The bot under test: the real Application, started against the fake Bot API.

``await bot.send(update)`` delivers an update (by long polling or to the webhook) and returns
the calls the bot made while handling it. It knows handling is over when a sentinel button
press, delivered after the update, has been answered: updates are handled one at a time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import httpx

from bot.assistant import Assistant
from bot.config import Settings
from bot.registry import RegistryDatabase
from bot.state import StateStore
from bot.telegram import BotApplication, build_application, started
from bot.telegram.ratelimit import Limits, RetryingRateLimiter, TokenBudget
from bot.telegram.webhook import SECRET_HEADER
from tests.telegram.fake_bot_api import SENTINEL_USER, Call, FakeBotApi

__all__ = ["Bot", "running_bot"]

WEBHOOK_SECRET = "test-secret_123"


@dataclass
class Bot:
    api: FakeBotApi
    application: BotApplication
    settings: Settings
    webhook_port: int | None
    _sentinels: int = 0

    @property
    def store(self) -> StateStore:
        store = self.application.bot_data.store
        assert store is not None
        return store

    async def send(self, *updates: dict[str, Any], within: float = 10.0) -> list[Call]:
        """Deliver ``updates``, wait until they are handled, return the bot's calls meanwhile."""
        mark = len(self.api.calls)
        for update in updates:
            await self.deliver(update)
        # A sentinel user of its own each time: flood control now counts presses too, and must
        # not silence the sentinel of a test that sends many updates.
        self._sentinels += 1
        user = {**SENTINEL_USER, "id": SENTINEL_USER["id"] * 1000 + self._sentinels}
        sentinel = self.api.press("sentinel", user=user)
        await self.deliver(sentinel)
        query_id = sentinel["callback_query"]["id"]

        def answered(call: Call) -> bool:
            return (
                call.method == "answerCallbackQuery"
                and call.params.get("callback_query_id") == query_id
            )

        await self.api.wait_for(lambda: any(answered(c) for c in self.api.calls[mark:]), within)
        return [c for c in self.api.calls[mark:] if c.method != "getUpdates" and not answered(c)]

    async def deliver(self, update: dict[str, Any]) -> httpx.Response | None:
        if self.webhook_port is None:
            self.api.push(update)
            return None
        return await self.post(update, secret=WEBHOOK_SECRET)

    async def post(self, update: dict[str, Any], *, secret: str | None) -> httpx.Response:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        url = f"http://127.0.0.1:{self.webhook_port}{self.settings.webhook_path}"
        async with httpx.AsyncClient() as client:
            return await client.post(url, json=update, headers=headers)


@asynccontextmanager
async def running_bot(
    api: FakeBotApi,
    assistant: Assistant,
    settings: Settings,
    *,
    webhook: bool = False,
    limits: Limits | None = None,
    **changes: Any,
) -> AsyncIterator[Bot]:
    """The bot, on ``settings`` pointed at ``api``, with the session's ``assistant``.

    Updates are handled one at a time here: :meth:`Bot.send` knows the bot is done when a
    sentinel update sent last is answered, which only holds in order. Concurrency has tests of
    its own (test_telegram_concurrency.py). ``limits``: Telegram's send limits for the token.
    """
    settings = replace(
        settings,
        telegram_token=api.token,
        telegram_base_url=api.base_url,
        telegram_base_file_url=api.base_file_url,
        # A long database wait: on a busy test machine a healthy database may take longer than
        # production's 0.5 s; tests of a hung database set their own.
        **{"concurrent_updates": 1, "database_wait": 10.0, **changes},
    )
    if webhook:
        settings = replace(
            settings,
            webhook_url="https://bot.example.org/telegram/updates",
            webhook_secret=WEBHOOK_SECRET,
            webhook_listen="127.0.0.1",
            webhook_port=0,
        )

    def start(settings: Settings) -> tuple[Assistant, RegistryDatabase]:
        registry = RegistryDatabase(settings.database_url)
        registry.upgrade()
        return assistant, registry

    application = build_application(
        settings,
        start=start,
        rate_limiter=RetryingRateLimiter(retry_delay=0.05, budget=TokenBudget(limits)),
    )
    async with started(application, settings, poll_timeout=2) as running:
        yield Bot(api, application, settings, running.webhook_port)
