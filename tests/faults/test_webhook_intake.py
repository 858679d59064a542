"""The webhook's intake through the real Application: bodies that are not updates, repeats.

Telegram posts an update again when it saw no answer in time, possibly to another copy of the
bot behind the same address: each update must be answered once, and a body that is not an
update must get 400 and one log line, never a 500 with a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import httpx
import pytest

from bot.assistant import Assistant
from bot.config import Settings
from tests.postgres import fresh_schema
from tests.telegram.fake_bot_api import Call, FakeBotApi
from tests.telegram.harness import WEBHOOK_SECRET, Bot, running_bot

GOTHA = "Od kiedy Gotha jest miastem partnerskim?"


async def _post(bot: Bot, body: bytes) -> httpx.Response:
    url = f"http://127.0.0.1:{bot.webhook_port}{bot.settings.webhook_path}"
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    async with httpx.AsyncClient() as client:
        return await client.post(url, content=body, headers=headers)


def _answers(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"[]", id="list"),
        pytest.param(b'"x"', id="string"),
        pytest.param(b"null", id="null"),
        pytest.param(b"123", id="number"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deep-nesting"),
        pytest.param(b'{"message": {"text": "hi"}}', id="no-update-id"),
        pytest.param(b'{"update_id": "7"}', id="update-id-a-string"),
        pytest.param(b'{"update_id": true}', id="update-id-a-boolean"),
        pytest.param(b'{"update_id": 7, "message": "x"}', id="message-a-string"),
        pytest.param(b'{"update_id": 7, "message": {"chat": 5}}', id="malformed-message"),
        pytest.param(b"{not json", id="not-json"),
    ],
)
async def test_a_body_that_is_not_an_update_gets_400_and_one_log_line(
    api: FakeBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
) -> None:
    async with running_bot(api, assistant, bot_settings, webhook=True) as bot:
        caplog.clear()
        caplog.set_level(logging.DEBUG)
        response = await _post(bot, body)
        assert response.status_code == 400
        # Still answering afterwards.
        assert _answers(await bot.send(api.message(GOTHA)))
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    refused = [r for r in lines if "refused a webhook request" in r.getMessage()]
    assert len(refused) == 1, [r.getMessage() for r in lines]
    assert "\n" not in refused[0].getMessage()
    assert not any(r.exc_info for r in caplog.records), "no traceback"
    assert not [r for r in lines if r.levelno >= logging.ERROR]


async def test_an_update_posted_twice_is_answered_once(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(api, assistant, bot_settings, webhook=True) as bot:
        update = api.message(GOTHA)
        first = await bot.post(update, secret=WEBHOOK_SECRET)
        again = await bot.post(update, secret=WEBHOOK_SECRET)
        calls = await bot.send()
        assert (first.status_code, again.status_code) == (200, 200)
    assert len([c for c in api.calls if c.method == "sendMessage"]) == 1, calls


async def test_the_answer_is_sent_before_the_update_is_acknowledged(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    """A 200 tells Telegram never to send the update again: it must mean "answered"."""
    async with running_bot(api, assistant, bot_settings, webhook=True) as bot:
        api.delay("sendMessage", 1.0)
        response = await bot.post(api.message(GOTHA), secret=WEBHOOK_SECRET)
        assert response.status_code == 200
        assert len(_answers(api.calls)) == 1, "answered by the time of the 200"


@pytest.fixture
def url() -> Iterator[str]:
    with fresh_schema() as server:
        yield server.url


@pytest.mark.postgres
async def test_an_update_posted_to_two_copies_is_answered_once(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, url: str
) -> None:
    async with (
        running_bot(api, assistant, bot_settings, webhook=True, database_url=url) as a,
        running_bot(api, assistant, bot_settings, webhook=True, database_url=url) as b,
    ):
        updates = [api.message(GOTHA), api.message("/start"), api.message("/help")]
        for update in updates:
            assert (await a.post(update, secret=WEBHOOK_SECRET)).status_code == 200
        for update in reversed(updates):
            assert (await b.post(update, secret=WEBHOOK_SECRET)).status_code == 200
        await a.send()
        await b.send()
    sent = [c for c in api.calls if c.method == "sendMessage"]
    assert len(sent) == 3, [c.text[:40] for c in sent]


async def test_no_access_log_line_per_request_by_default(
    api: FakeBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with running_bot(api, assistant, bot_settings, webhook=True) as bot:
        caplog.clear()
        caplog.set_level(logging.INFO)
        for _ in range(3):
            await bot.send(api.message(GOTHA))
    path = bot.settings.webhook_path
    # httpx's lines are the test's own client's.
    server = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert not [r.getMessage() for r in server if path in r.getMessage()]


async def test_access_log_on_request_logs_each_request(
    api: FakeBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with running_bot(api, assistant, bot_settings, webhook=True, access_log=True) as bot:
        caplog.clear()
        caplog.set_level(logging.INFO)
        await bot.send(api.message(GOTHA))
    path = bot.settings.webhook_path
    server = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert [r for r in server if path in r.getMessage()]


def test_the_json_of_an_update_of_the_stand_in_is_an_update(api: FakeBotApi) -> None:
    """The parametrised bodies above differ from a real update only where they say."""
    assert isinstance(json.loads(json.dumps(api.message(GOTHA)))["update_id"], int)
