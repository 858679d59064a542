"""Sending an :class:`~bot.answers.Answer` to Telegram: split, logged, with buttons and a pin."""

from __future__ import annotations

import logging
from html import escape

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    ReplyParameters,
)
from telegram.constants import ParseMode

from ..answers import Answer, Link
from ..conversation import Reply
from ..render import html
from ..required import CITIES_BY_COUNTRY, CITY_CARD
from ..sentences import t
from .callbacks import deep_link
from .context import BotContext
from .keyboards import answer_keyboard
from .split import MESSAGE_LIMIT, split_html, utf16_length

__all__ = ["article", "send_answer"]

log = logging.getLogger(__name__)


async def send_answer(
    context: BotContext,
    reply: Reply,
    *,
    chat_id: int,
    thread_id: int | None = None,
    reply_to: int | None = None,
) -> None:
    """Send a logged answer as one or more HTML messages; the last carries the buttons, with
    👍/👎 only under an answer to vote on. A city's card is followed by its map pin."""
    answer = reply.answer
    chunks = split_html(html(answer))
    keyboard = answer_keyboard(answer, reply.answer_id if reply.votable else None)
    for i, chunk in enumerate(chunks):
        await context.bot.send_message(
            chat_id,
            chunk,
            parse_mode=ParseMode.HTML,
            message_thread_id=thread_id,
            reply_parameters=ReplyParameters(reply_to) if reply_to and i == 0 else None,
            reply_markup=keyboard if i == len(chunks) - 1 else None,
        )
    if answer.pin:
        countries = context.assistant.brain.registry.countries
        country = countries.get(answer.country or "")
        await context.bot.send_venue(
            chat_id,
            latitude=answer.pin.lat,
            longitude=answer.pin.lon,
            title=answer.pin.name,
            address=country.name.get(answer.lang) if country else answer.title or answer.pin.name,
            message_thread_id=thread_id,
        )


def article(answer: Answer, bot_username: str) -> InlineQueryResultArticle:
    """An answer as an inline article: its text (cut to one message) and a link to the bot."""
    note = "\n\n<i>" + escape(t(answer.lang, "tg.inline.truncated")) + "</i>"
    chunks = split_html(html(answer), MESSAGE_LIMIT - utf16_length(note))
    text = chunks[0] + note if len(chunks) > 1 else chunks[0]
    link = Link(
        answer.entry or "",
        answer.title or "",
        city=answer.city if answer.entry == CITY_CARD else None,
        country=answer.country if answer.entry == CITIES_BY_COUNTRY else None,
    )
    payload = deep_link(link)
    keyboard = None
    if payload:
        url = f"https://t.me/{bot_username}?start={payload}"
        button = InlineKeyboardButton(t(answer.lang, "tg.inline.open"), url=url)
        keyboard = InlineKeyboardMarkup([[button]])
    return InlineQueryResultArticle(
        id=f"{answer.entry}|{answer.city or answer.country or ''}|{answer.lang}",
        title=answer.title or "",
        description=answer.paragraphs[0][:120] if answer.paragraphs else None,
        input_message_content=InputTextMessageContent(text, parse_mode=ParseMode.HTML),
        reply_markup=keyboard,
    )
