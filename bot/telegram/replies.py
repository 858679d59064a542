"""Sending an :class:`~bot.answers.Answer` to Telegram: split, logged, with buttons; a city's
map pin when its button is pressed."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    ReplyParameters,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError

from ..answers import Answer, Link
from ..conversation import Reply
from ..render import html
from ..required import CITIES_BY_COUNTRY, CITY_CARD
from ..sentences import t
from . import split
from .callbacks import deep_link
from .context import BotContext
from .keyboards import answer_keyboard
from .split import split_html, telegram_length
from .views import in_one_message, render, swap_view_buttons, whole

__all__ = ["Sent", "answer_message", "article", "send_answer", "send_pin"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sent:
    """The messages an answer went out as: its text messages, and its map pin."""

    messages: tuple[int, ...]
    # Answers now send their pin only on demand (send_pin), so a new answer has none; an answer
    # sent before that (remembered 48 hours) may, and editing or replacing it deletes the pin.
    pin: int | None = None


async def answer_message(
    context: BotContext,
    message: Message,
    reply: Reply,
    *,
    edited: bool = False,
    note: str | None = None,
) -> None:
    """Answer a person's ``message`` (quoted in groups), and remember which messages did.

    For an ``edited`` message answered before: when its text is as it was, nothing; else the
    earlier answer is edited in place. An edited message the bot does not remember answering
    (or answered more than 48 hours ago) is answered anew, quoting it.
    """
    text = message.text or message.caption or ""
    chat_id, message_id, memory = message.chat_id, message.message_id, context.replies
    earlier = None
    if edited:
        earlier = await context.database.run(
            "recall an answer", lambda: memory.recall(chat_id, message_id, text), None
        )
        if earlier is not None and earlier.same_text:
            return
    quote = message.chat.type != ChatType.PRIVATE or (edited and earlier is None)
    sent = await send_answer(
        context,
        reply,
        chat_id=chat_id,
        replacing=Sent(earlier.messages, earlier.pin) if earlier else Sent(()),
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to=message_id if quote else None,
        note=note,
    )
    if memory.note(chat_id, message_id, text, sent.messages, sent.pin):
        return
    await context.database.run(
        "remember an answer",
        lambda: memory.remember(chat_id, message_id, text, sent.messages, sent.pin),
        None,
    )


async def send_answer(
    context: BotContext,
    reply: Reply,
    *,
    chat_id: int,
    replacing: Sent = Sent(()),
    thread_id: int | None = None,
    reply_to: int | None = None,
    note: str | None = None,
) -> Sent:
    """Send a logged answer, or show it in the messages ``replacing`` names, edited in place
    (a chooser that was pressed, the answer to a question edited since), sending what does not
    fit in them and deleting what is left over.

    An answer whose views all fit one message goes out short, with buttons to its details and
    sources (:mod:`.views`); a longer one whole, as several HTML messages, the last with the
    buttons. 👍/👎 only under an answer to vote on; a ``note`` (such as "I cannot find that
    city") comes first. A city's card has a button that sends its map pin (:func:`send_pin`);
    the pin no longer comes with it.
    """
    answer = reply.answer
    keyboard = answer_keyboard(answer, reply.answer_id if reply.votable else None)
    text = whole(answer)  # rendered and measured once
    if not note and in_one_message(answer, text):
        chunks = [render(answer, "short")]
        keyboard = swap_view_buttons(keyboard, answer, "short", fits=True)
    else:  # several messages (or a note, which a view would lose): everything at once
        chunks = split_html(f"<i>{escape(note)}</i>\n\n{text}" if note else text)
    sent: list[int] = []
    for i, chunk in enumerate(chunks):
        markup = keyboard if i == len(chunks) - 1 else None
        if i < len(replacing.messages) and await _edited(
            context, chat_id, replacing.messages[i], chunk, markup
        ):
            sent.append(replacing.messages[i])
            continue
        message = await context.bot.send_message(
            chat_id,
            chunk,
            parse_mode=ParseMode.HTML,
            message_thread_id=thread_id,
            reply_parameters=ReplyParameters(reply_to) if reply_to and not sent else None,
            reply_markup=markup,
        )
        sent.append(message.message_id)
    leftover = [*replacing.messages[len(chunks) :]]
    if replacing.pin is not None:  # an answer's pin from before pins came on demand
        leftover.append(replacing.pin)
    for message_id in leftover:
        await _delete(context, chat_id, message_id)
    return Sent(tuple(sent))


async def send_pin(
    context: BotContext,
    answer: Answer,
    *,
    chat_id: int,
    reply_to: int,
    thread_id: int | None = None,
) -> None:
    """Send ``answer``'s map pin (its city's name, and its country's, in the answer's language)
    as a reply to message ``reply_to``; nothing when the answer has no pin."""
    if answer.pin is None:
        return
    countries = context.assistant.brain.registry.countries
    country = countries.get(answer.country or "")
    await context.bot.send_venue(
        chat_id,
        latitude=answer.pin.lat,
        longitude=answer.pin.lon,
        title=answer.pin.name,
        address=country.name.get(answer.lang) if country else answer.title or answer.pin.name,
        message_thread_id=thread_id,
        # The answer may have been deleted meanwhile: the pin still comes.
        reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True),
    )


async def _edited(
    context: BotContext,
    chat_id: int,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> bool:
    """Whether the message now shows ``text``: False when Telegram will not edit it (deleted
    meanwhile, too old), and the caller sends a new one instead."""
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
    except BadRequest as exc:
        if "not modified" in exc.message:  # it shows exactly this already
            return True
        log.info("message not edited in place (%s); sending a new one", exc.message)
        return False
    return True


async def _delete(context: BotContext, chat_id: int, message_id: int) -> None:
    try:
        await context.bot.delete_message(chat_id, message_id)
    except TelegramError as exc:  # deleted already, or too old to delete: it stays
        log.info("message not deleted (%s)", exc)


def article(answer: Answer, bot_username: str) -> InlineQueryResultArticle:
    """An answer as an inline article: its text (cut to one message) and a link to the bot."""
    note = "\n\n<i>" + escape(t(answer.lang, "tg.inline.truncated")) + "</i>"
    chunks = split_html(html(answer), split.MESSAGE_LIMIT - telegram_length(note))
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
        description=answer.summary[:120] or None,
        input_message_content=InputTextMessageContent(text, parse_mode=ParseMode.HTML),
        reply_markup=keyboard,
    )
