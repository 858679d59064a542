"""The Bot API's HTTP client: python-telegram-bot's errors and timeouts, over real sockets.

Every other Telegram test sends through it too (the stand-in server answers it); these check
what only a failing network shows: a refused connection, a server that never answers, a full
pool, and that a request which never left is told from one that may have reached Telegram.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.telegram.ratelimit import RetryingRateLimiter
from bot.telegram.transport import AiohttpRequest, never_sent

from .fake_bot_api import TOKEN, FakeBotApi


@pytest.fixture
async def silent_server() -> AsyncIterator[str]:
    """A URL whose server accepts connections, reads the requests and never answers."""
    held: list[asyncio.StreamWriter] = []

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)
        await reader.read(65536)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/bot{TOKEN}/getMe"
    for writer in held:
        writer.close()
    server.close()
    await server.wait_closed()


def _closed_port() -> int:
    with socket.socket() as probe:  # bound, never listening: connecting is refused
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_it_posts_the_parameters_and_returns_the_answer(api: FakeBotApi) -> None:
    parameters = {"chat_id": 1001, "text": "Zażółć"}
    data = RequestData([RequestParameter.from_input(k, v) for k, v in parameters.items()])
    async with AiohttpRequest() as request:  # BaseRequest's: initialize, then shutdown
        status, payload = await request.do_request(
            f"{api.base_url}{TOKEN}/sendMessage", "POST", data
        )
    assert status == 200
    assert json.loads(payload)["ok"] is True
    (call,) = [c for c in api.calls if c.method == "sendMessage"]
    assert call.params == {"chat_id": "1001", "text": "Zażółć"}


async def test_a_refused_connection_is_a_network_error() -> None:
    async with AiohttpRequest() as request:
        with pytest.raises(NetworkError) as raised:
            await request.do_request(f"http://127.0.0.1:{_closed_port()}/bot/getMe", "POST")
    assert not isinstance(raised.value, TimedOut)
    assert "aiohttp.ClientConnectorError" in raised.value.message


async def test_a_server_that_never_answers_times_out_after_the_read_timeout(
    silent_server: str,
) -> None:
    async with AiohttpRequest(read_timeout=0.3) as request:
        started = time.perf_counter()
        with pytest.raises(TimedOut) as raised:
            await request.do_request(silent_server, "POST")
    assert 0.25 < time.perf_counter() - started < 3
    # The request was sent: Telegram may have acted on it, so a send is not repeated.
    assert not never_sent(raised.value)


async def test_a_full_pool_times_out_before_sending(silent_server: str) -> None:
    # Waiting for a pooled connection and connecting share aiohttp's one "connect" bound.
    pooled = AiohttpRequest(
        connection_pool_size=1, read_timeout=5, pool_timeout=0.2, connect_timeout=0.2
    )
    async with pooled as request:
        holding = asyncio.create_task(request.do_request(silent_server, "POST"))
        await asyncio.sleep(0.1)  # the one connection is taken
        started = time.perf_counter()
        with pytest.raises(TimedOut) as raised:
            await request.do_request(silent_server, "POST")
        assert time.perf_counter() - started < 2
        assert never_sent(raised.value), "it never left: repeating it is safe"
        holding.cancel()


@pytest.mark.parametrize(
    ("cause", "attempts"),
    [
        pytest.param(aiohttp.ConnectionTimeoutError(), 2, id="never-sent-is-repeated"),
        pytest.param(aiohttp.SocketTimeoutError(), 1, id="maybe-delivered-is-not"),
    ],
)
async def test_a_send_is_repeated_only_when_it_never_left(
    cause: BaseException, attempts: int
) -> None:
    limiter = RetryingRateLimiter(network_retries=1, retry_delay=0.01)
    made: list[int] = []

    async def send(*args: object, **kwargs: object) -> bool:
        made.append(1)
        if len(made) == 1:
            raise TimedOut() from cause  # as AiohttpRequest.do_request raises it
        return True

    try:
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 1}, None)
    except TimedOut:
        assert attempts == 1
    assert len(made) == attempts


async def test_it_can_be_initialised_again_after_a_shutdown(api: FakeBotApi) -> None:
    request = AiohttpRequest()
    for _ in range(2):
        await request.initialize()
        status, _ = await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")
        assert status == 200
        await request.shutdown()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")


async def test_an_outgoing_proxy_from_the_environment_is_used(
    api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTPS_PROXY and HTTP_PROXY are honoured, as python-telegram-bot's default client does:
    with a proxy that is down, the request fails at the proxy instead of reaching the API."""
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{_closed_port()}")
    async with AiohttpRequest() as request:
        with pytest.raises(NetworkError) as raised:
            await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")
    assert "Proxy" in raised.value.message
    assert not [c for c in api.calls if c.method == "getMe"], "nothing reached the API directly"
