"""Which messages are for the bot: everything in a private chat, only some in a group."""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.ext import filters

__all__ = ["ADDRESSED", "FOR_BOT", "AddressedToBot", "without_mention"]


class AddressedToBot(filters.MessageFilter):
    """A message that mentions the bot (@name, in its text or its caption) or replies to one of
    the bot's messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        reply = message.reply_to_message
        if reply and reply.from_user and reply.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".casefold()
        kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
        mentions = message.parse_entities(kinds) | message.parse_caption_entities(kinds)
        for entity, text in mentions.items():
            if text.casefold() == mention or (entity.user and entity.user.id == bot.id):
                return True
        return False


ADDRESSED = AddressedToBot(name="AddressedToBot")
# Every message some handler acts on: flood control counts exactly these.
FOR_BOT = filters.UpdateType.MESSAGES & (filters.ChatType.PRIVATE | filters.COMMAND | ADDRESSED)


def without_mention(text: str, username: str) -> str:
    """The question with the bot's @name taken out (``@KielceBot gotha`` -> ``gotha``)."""
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()
