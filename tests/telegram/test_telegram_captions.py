"""A photo or a file sent with a caption that asks a question: the caption is answered."""

from __future__ import annotations

from typing import Any

import pytest

from bot.sentences import t
from tests.telegram.fake_bot_api import GROUP, Call
from tests.telegram.harness import Bot

GOTHA = "Od kiedy Gotha jest miastem partnerskim?"
PHOTO = {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]}
DOCUMENT = {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "plan.pdf"}}


def _messages(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


def _captioned(caption: str) -> dict[str, Any]:
    """A caption as Telegram delivers it, @mentions marked as caption entities."""
    fields: dict[str, Any] = {"caption": caption}
    mentions = [
        {"type": "mention", "offset": caption.index(word), "length": len(word)}
        for word in caption.split()
        if word.startswith("@")
    ]
    if mentions:
        fields["caption_entities"] = mentions
    return fields


@pytest.mark.parametrize(
    "media", [pytest.param(PHOTO, id="photo"), pytest.param(DOCUMENT, id="file")]
)
async def test_a_captioned_photo_or_file_gets_its_caption_answered(
    bot: Bot, media: dict[str, Any]
) -> None:
    (reply,) = _messages(await bot.send(bot.api.message(**media, **_captioned(GOTHA))))
    assert "Gotha" in reply.text
    assert reply.text != t("pl", "tg.text_only")


async def test_in_a_group_a_caption_is_answered_when_it_mentions_the_bot(bot: Bot) -> None:
    silent = bot.api.message(chat=GROUP, **PHOTO, **_captioned(GOTHA))
    assert await bot.send(silent) == []
    update = bot.api.message(chat=GROUP, **PHOTO, **_captioned(f"@KielceTestBot {GOTHA}"))
    (reply,) = _messages(await bot.send(update))
    assert "Gotha" in reply.text
    assert reply.json("reply_parameters")["message_id"] == update["message"]["message_id"]


async def test_a_photo_without_a_caption_still_gets_the_short_note(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message(**PHOTO)))
    assert reply.text == t("pl", "tg.text_only")
