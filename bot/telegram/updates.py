"""Handling updates concurrently across chats, in order within one chat.

Handling one update at a time leaves the bot waiting on each ``sendMessage``: against Telegram's
real round trip of tens of milliseconds that caps the bot at a few dozen updates a second (see
docs/performance.md). Updates of different chats are independent, so they run concurrently;
updates of one chat (a question and its correction, the steps of a staff edit) still run in the
order they arrived.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

__all__ = ["PerChatUpdateProcessor"]


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Up to ``max_concurrent_updates`` at once, never two of the same chat (or user) at once."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # chat -> (its lock, how many updates hold or wait for it); dropped when unused.
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _conversation_of(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up: locks are made as chats appear."""

    async def shutdown(self) -> None:
        """Nothing to free: the locks go with their last update."""


def _conversation_of(update: object) -> int | None:
    """The chat an update belongs to, or its user where it has no chat (inline queries)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None
