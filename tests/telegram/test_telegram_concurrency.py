"""Updates of different chats are handled concurrently, those of one chat in order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, Update, User

from bot.assistant import Assistant
from bot.config import Settings
from bot.errors import ConfigError
from bot.telegram.updates import PerChatUpdateProcessor
from tests.telegram.fake_bot_api import FakeBotApi
from tests.telegram.harness import running_bot


def update_in(chat_id: int, update_id: int) -> Update:
    user = User(id=chat_id, first_name="Ala", is_bot=False)
    chat = Chat(id=chat_id, type=Chat.PRIVATE)
    message = Message(
        message_id=update_id, date=datetime.now(UTC), chat=chat, from_user=user, text="x"
    )
    return Update(update_id=update_id, message=message)


async def test_one_chat_in_order_and_other_chats_alongside() -> None:
    processor = PerChatUpdateProcessor(8)
    events: list[str] = []
    first_may_finish = asyncio.Event()

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        events.append(f"{name} starts")
        if wait is not None:
            await wait.wait()
        events.append(f"{name} ends")

    first = asyncio.create_task(
        processor.process_update(update_in(1, 1), handle("chat 1 first", first_may_finish))
    )
    second = asyncio.create_task(
        processor.process_update(update_in(1, 2), handle("chat 1 second"))
    )
    other = asyncio.create_task(processor.process_update(update_in(2, 3), handle("chat 2")))
    await other
    # The other chat was answered while chat 1's first update still waited; chat 1's second
    # update has not started.
    assert events == ["chat 1 first starts", "chat 2 starts", "chat 2 ends"]
    first_may_finish.set()
    await asyncio.gather(first, second)
    assert events[3:] == [
        "chat 1 first ends",
        "chat 1 second starts",
        "chat 1 second ends",
    ]
    assert processor._locks == {}  # no lock outlives its chat's updates


async def test_many_chats_at_once_each_answered_once(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    users = [
        {"id": 5000 + n, "is_bot": False, "first_name": f"U{n}", "language_code": "pl"}
        for n in range(20)
    ]
    async with running_bot(api, assistant, bot_settings, concurrent_updates=8) as bot:
        mark = len(api.calls)
        for user in users:
            api.push(api.message("Jakie miasta partnerskie mają Kielce?", user=user))

        def answered() -> list[int]:
            return [
                c.chat_id
                for c in api.calls[mark:]
                if c.method == "sendMessage" and c.chat_id is not None
            ]

        await api.wait_for(lambda: len(set(answered())) == len(users))
        await asyncio.sleep(0.2)  # anything sent twice would have arrived by now
        assert sorted(answered()) == sorted(u["id"] for u in users)
        assert bot.application.bot_data.settings.concurrent_updates == 8


def test_concurrency_setting_is_validated() -> None:
    assert Settings.from_env({}).concurrent_updates == 8
    assert Settings.from_env({"CONCURRENT_UPDATES": "1"}).concurrent_updates == 1
    for bad in ("0", "-3", "many", "1000"):
        with pytest.raises(ConfigError, match="CONCURRENT_UPDATES"):
            Settings.from_env({"CONCURRENT_UPDATES": bad})
