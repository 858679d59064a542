"""Limits of the web API that are about HTTP, not about the conversation: body size, and
requests per client address.

A person's own flood budget is the conversation's (per session, in the shared database, so it
holds across copies). The per-address limit stops one address from opening session after
session; it is kept in this copy's memory (a load balancer in front shares the load among the
copies, and an address over the limit at one copy is over it everywhere soon enough).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from starlette.requests import Request

__all__ = ["MAX_BODY", "AddressLimit", "BodyTooLarge", "read_body"]

# A question is at most 1000 characters: its JSON is well under this.
MAX_BODY = 16 * 1024


class BodyTooLarge(Exception):
    pass


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request's body; raises :class:`BodyTooLarge` as soon as it passes ``limit`` bytes,
    without reading the rest (a declared length says so before anything is read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdecimal() and int(declared) > limit:
        raise BodyTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge
    return bytes(body)


class AddressLimit:
    """At most ``per_minute`` requests a minute from one address (a token bucket each)."""

    def __init__(
        self, per_minute: int, *, clock: Callable[[], float] = time.monotonic, size: int = 10_000
    ) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.size = size
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, when)
        self._lock = threading.Lock()

    def retry_after(self, address: str) -> int | None:
        """Count a request; None when it may go on, else the seconds until it may."""
        now = self.clock()
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, when = self._buckets.get(address, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - when) * rate)
            if tokens < 1:
                self._buckets[address] = (tokens, now)
                return max(1, math.ceil((1 - tokens) / rate))
            self._buckets[address] = (tokens - 1, now)
            if len(self._buckets) > self.size:
                self._forget_full(now, rate)
        return None

    def _forget_full(self, now: float, rate: float) -> None:
        """Drop buckets that have refilled: they hold nothing a fresh one would not."""
        full = [
            address
            for address, (tokens, when) in self._buckets.items()
            if tokens + (now - when) * rate >= self.per_minute
        ]
        for address in full:
            del self._buckets[address]
