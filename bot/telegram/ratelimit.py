"""Outgoing calls: Telegram's flood limits, its ``retry_after``, and retries of network faults."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

__all__ = ["RetryingRateLimiter"]

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]


class RetryingRateLimiter(AIORateLimiter):
    """:class:`AIORateLimiter`, which throttles sends and waits out a 429's ``retry_after``,
    plus retries with exponential backoff of network errors and 5xx answers.

    A 429 holds back every request until ``retry_after`` has passed, then repeats the one that
    got it: the reply arrives late, and exactly once.
    """

    __slots__ = ("_network_retries", "_retry_delay")

    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = 3,
        retry_delay: float = 1.0,
        **limits: float,
    ) -> None:
        super().__init__(max_retries=max_retries, **limits)
        self._network_retries = network_retries
        self._retry_delay = retry_delay

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
        never_sent = isinstance(exc.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout)
        return never_sent or not endpoint.startswith("send")
    return True
