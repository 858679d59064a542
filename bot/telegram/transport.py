"""The bot's HTTP client for the Bot API: python-telegram-bot's requests sent through aiohttp.

python-telegram-bot sends through httpx by default. httpcore's connection pool checks every
pooled connection (a ``select`` on its socket, through anyio) each time a request is added to
it or leaves it, so a request's cost grows with the connections a bot answering several chats
at once keeps open: with the bot's concurrent updates that was about a third of its CPU per
answer (docs/performance.md, *The hot path against the echo bot*). aiohttp's connector hands
out a pooled connection without walking the pool.

The timeouts keep python-telegram-bot's meaning and defaults (connect, read, write and pool, 5 s,
5 s, 5 s and 1 s; 20 s of writing for an upload); aiohttp names them differently:

* ``sock_connect``: the connect timeout;
* ``connect``: waiting for a pooled connection plus connecting (pool + connect timeout);
* ``sock_read``: the read timeout, between pieces of the response;
* ``total``: all four together, so that a server that takes the request and never answers
  still ends in a :class:`~telegram.error.TimedOut`: aiohttp has no write timeout of its own.

Failures become python-telegram-bot's errors: :class:`~telegram.error.TimedOut` (with the
aiohttp error as its cause; :func:`never_sent` tells the ones where the request never left) and
:class:`~telegram.error.NetworkError` for every other failure of the connection.
"""

from __future__ import annotations

import aiohttp

# The types python-telegram-bot's BaseRequest declares its timeouts with.
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

__all__ = ["AiohttpRequest", "never_sent"]

# python-telegram-bot's defaults for its own HTTPXRequest.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0
POOL_TIMEOUT = 1.0


class AiohttpRequest(BaseRequest):
    """A :class:`~telegram.request.BaseRequest` over one :class:`aiohttp.ClientSession`,
    made in :meth:`initialize` (the session must be made inside the running event loop) and
    closed in :meth:`shutdown`; initialising it again after a shutdown makes a new one."""

    def __init__(
        self,
        connection_pool_size: int = 1,
        *,
        connect_timeout: float | None = CONNECT_TIMEOUT,
        read_timeout: float | None = READ_TIMEOUT,
        write_timeout: float | None = WRITE_TIMEOUT,
        pool_timeout: float | None = POOL_TIMEOUT,
        media_write_timeout: float | None = MEDIA_WRITE_TIMEOUT,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._pool_size = connection_pool_size
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            # No timeout for the whole session: each request sets its own (see do_request).
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(total=None),
                # An outgoing proxy from HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as httpx (the
                # default client) reads them: a city's network may allow no other way out.
                trust_env=True,
            )

    async def shutdown(self) -> None:
        if self._session is None or self._session.closed:
            return
        await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data else None
        read = _given(read_timeout, self._read_timeout)
        write = _given(write_timeout, self._media_write_timeout if files else self._write_timeout)
        connect = _given(connect_timeout, self._connect_timeout)
        pool = _given(pool_timeout, self._pool_timeout)
        timeout = aiohttp.ClientTimeout(
            total=_sum(pool, connect, write, read),
            connect=_sum(pool, connect),
            sock_connect=connect,
            sock_read=read,
        )
        headers = {"User-Agent": self.USER_AGENT}
        body: aiohttp.FormData | bytes | None = None
        if files:
            form = aiohttp.FormData(request_data.json_parameters if request_data else {})
            for name, (filename, content, mime_type) in files.items():
                form.add_field(name, content, filename=filename, content_type=mime_type)
            body = form
        elif request_data:
            # JSON, not a form: the standard library encodes it in C, where percent-encoding a
            # long HTML answer into a form is a loop in Python (8 % of the bot's CPU). Telegram
            # reads a JSON field that is a string as the same text a form field would carry,
            # so the fields python-telegram-bot encodes as JSON text (keyboards) arrive as one.
            body = request_data.json_payload
            headers["Content-Type"] = "application/json"
        try:
            async with session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are TimeoutErrors
            raise TimedOut(_timed_out(exc)) from exc
        except aiohttp.ClientError as exc:
            # The class name says what failed when the message is empty.
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def never_sent(exc: TimedOut) -> bool:
    """Whether a timeout came before the request left (no connection in time): repeating it
    cannot make Telegram act twice."""
    return isinstance(exc.__cause__, aiohttp.ConnectionTimeoutError)


def _timed_out(exc: TimeoutError) -> str:
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return "Timed out waiting for a connection: the request was not sent"
    return "Timed out"


def _given(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def _sum(*parts: float | None) -> float | None:
    """Timeouts added up; None (no limit) when any of them is None."""
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
