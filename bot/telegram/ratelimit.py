"""Outgoing calls: Telegram's flood limits, its ``retry_after``, and retries of network faults.

Telegram's limits (about 30 messages a second in all, 20 a minute in one group) belong to the
bot's token: every copy of the bot sending with it draws on the same allowance. So each copy
sends at most its share, the limits divided by the number of copies alive on the shared database
(:class:`~bot.state.instances.Instances`, recounted by the conversation's upkeep every half
second, :mod:`bot.conversation.upkeep`). A copy that has just started is counted by the others
within that time; meanwhile, should the token go over the limit, Telegram's 429 and its
``retry_after`` hold every request back, as before.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.constants import FloodLimit
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

from .transport import never_sent

__all__ = [
    "UNLIMITED",
    "Limits",
    "RetryingRateLimiter",
    "TokenBudget",
]

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]


@dataclass(frozen=True)
class Limits:
    """Telegram's limits for one token: ``overall`` requests to chats per ``overall_period``
    seconds, and ``group`` per ``group_period`` in any one group or channel."""

    overall: float = FloodLimit.MESSAGES_PER_SECOND
    overall_period: float = 1.0
    group: float = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP
    group_period: float = 60.0


# No limits at all (0 switches one off, as in AIORateLimiter): for benchmarks of the bot itself.
UNLIMITED = Limits(overall=0, group=0)


class TokenBudget:
    """This copy's share of the token's :class:`Limits`: leaky buckets, one overall and one per
    group, each holding the limit divided by the number of copies."""

    # Buckets of groups that have gone quiet are dropped beyond this many, as PTB does.
    _GROUPS_KEPT = 512

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.instances = 1
        self._overall = self._bucket(self.limits.overall, self.limits.overall_period)
        self._groups: dict[int | str, AsyncLimiter] = {}

    def share(self, instances: int) -> None:
        """Take ``1/instances`` of the limits from now on."""
        instances = max(1, instances)
        if instances == self.instances:
            return
        if instances > self.instances:
            log.info("%d copies of the bot share the token's rate limits", instances)
        self.instances = instances
        self._overall = self._bucket(self.limits.overall, self.limits.overall_period)
        self._groups.clear()

    def has_room(self, chat_id: int | str | None) -> bool:
        """Whether a request to ``chat_id`` could go now, without waiting."""
        return all(bucket.has_capacity() for bucket in self._buckets(chat_id, create=False))

    @asynccontextmanager
    async def slot(self, chat_id: int | str | None) -> AsyncIterator[None]:
        """Wait until a request to ``chat_id`` fits this copy's share, and count it."""
        async with AsyncExitStack() as stack:
            for bucket in self._buckets(chat_id, create=True):
                await stack.enter_async_context(bucket)
            yield

    def _buckets(self, chat_id: int | str | None, *, create: bool) -> list[AsyncLimiter]:
        if chat_id is None:  # not a request to a chat (getUpdates, answerCallbackQuery...)
            return []
        overall = [self._overall] if self._overall is not None else []
        group = _group(chat_id)
        if group is None or not self.limits.group:
            return overall
        bucket = self._groups.get(group)
        if bucket is None:
            bucket = self._bucket(self.limits.group, self.limits.group_period)
            assert bucket is not None
            if create:
                self._forget_quiet_groups()
                self._groups[group] = bucket
        return [bucket, *overall]

    def _bucket(self, rate: float, period: float) -> AsyncLimiter | None:
        return AsyncLimiter(rate / self.instances, period) if rate and period else None

    def _forget_quiet_groups(self) -> None:
        if len(self._groups) < self._GROUPS_KEPT:
            return
        for key, bucket in list(self._groups.items()):
            if bucket.has_capacity(bucket.max_rate):
                del self._groups[key]


def _group(chat_id: int | str) -> int | str | None:
    """The group or channel a request goes to (negative ids, @names); None for a person."""
    try:
        number = int(chat_id)
    except (TypeError, ValueError):
        return chat_id
    return number if number < 0 else None


class RetryingRateLimiter(AIORateLimiter):
    """Throttles sends to this copy's share of the token's limits (a :class:`TokenBudget`),
    waits out a 429's ``retry_after`` (:class:`AIORateLimiter`), and retries with exponential
    backoff network errors and 5xx answers.

    A 429 holds back every request until ``retry_after`` has passed, then repeats the one that
    got it: the reply arrives late, and exactly once.
    """

    __slots__ = ("_network_retries", "_retry_delay", "budget")

    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = 3,
        retry_delay: float = 1.0,
        budget: TokenBudget | None = None,
    ) -> None:
        # AIORateLimiter's own buckets are off: they cannot be shared out among copies. It
        # still handles RetryAfter.
        super().__init__(max_retries=max_retries, overall_max_rate=0, group_max_rate=0)
        self._network_retries = network_retries
        self._retry_delay = retry_delay
        self.budget = budget or TokenBudget()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        attempt = 0
        while True:
            try:
                async with self.budget.slot(data.get("chat_id")):
                    return await super().process_request(
                        callback, args, kwargs, endpoint, data, rate_limit_args
                    )
            except NetworkError as exc:
                if attempt >= self._network_retries or not _worth_retrying(exc, endpoint):
                    raise
                delay = self._retry_delay * 2**attempt
                attempt += 1
                log.warning(
                    "%s failed (%s); retry %d of %d in %.2f s",
                    endpoint,
                    exc,
                    attempt,
                    self._network_retries,
                    delay,
                )
                await asyncio.sleep(delay)


def _worth_retrying(exc: NetworkError, endpoint: str) -> bool:
    if isinstance(exc, BadRequest):  # a subclass of NetworkError, but the request is at fault
        return False
    if isinstance(exc, TimedOut):
        # A read or write timeout may come after Telegram has acted on the request: repeating a
        # send could deliver the message twice. Requests that never left are safe to repeat.
        return never_sent(exc) or not endpoint.startswith("send")
    return True
