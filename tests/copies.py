"""Several copies of the bot on one database, as tests start them."""

from __future__ import annotations

import asyncio

from bot.state import StateStore

__all__ = ["sharing"]


async def sharing(*stores: StateStore, within: float = 10.0) -> None:
    """Wait until every copy keeps people's state in the database: each copy alone takes charge
    of it in memory when it starts, and hands it back at its first heartbeat that counts
    another (bot/conversation/upkeep.py)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while any(store.memory.in_charge for store in stores):
        assert loop.time() < deadline, "the copies did not count each other"
        await asyncio.sleep(0.02)
