"""Sending an :class:`~bot.answers.Answer` to Telegram: split, logged, with buttons and a pin."""

from __future__ import annotations

import logging
import unicodedata
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
from ..assistant import Assistant
from ..render import html
from ..required import CITIES_BY_COUNTRY, CITY_CARD, PARTNER_CITIES
from ..sentences import t
from .callbacks import deep_link
from .context import BotContext
from .keyboards import answer_keyboard
from .split import MESSAGE_LIMIT, split_html, utf16_length
from .views import in_one_message, render, swap_view_buttons

__all__ = [
    "INLINE_RESULTS",
    "Sent",
    "answer_message",
    "article",
    "edit_answer",
    "inline_answers",
]

log = logging.getLogger(__name__)

INLINE_RESULTS = 20


@dataclass(frozen=True)
class Sent:
    """The messages an answer went out as: its text messages, and its map pin."""

    messages: tuple[int, ...]
    pin: int | None = None


async def answer_message(
    context: BotContext,
    message: Message,
    answer: Answer,
    *,
    user_id: int | None,
    question: str | None = None,
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
    sent = await edit_answer(
        context,
        answer,
        chat_id=chat_id,
        user_id=user_id,
        question=question if question is not None else text,
        replacing=Sent(earlier.messages, earlier.pin) if earlier else Sent(()),
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to=message_id if quote else None,
        note=note,
    )
    await context.database.run(
        "remember an answer",
        lambda: memory.remember(chat_id, message_id, text, sent.messages, sent.pin),
        None,
    )


async def edit_answer(
    context: BotContext,
    answer: Answer,
    *,
    chat_id: int,
    user_id: int | None,
    question: str,
    replacing: Sent = Sent(()),
    thread_id: int | None = None,
    reply_to: int | None = None,
    note: str | None = None,
) -> Sent:
    """Send ``answer``, or show it in the messages ``replacing`` names, edited in place (a
    chooser that was pressed, the answer to a question edited since), sending what does not
    fit in them and deleting what is left over.

    The answer goes out as one or more HTML messages, the last with the buttons; a ``note``
    (such as "I cannot find that city") comes first. It is logged first, so that its 👍/👎
    buttons can name it (while the database is away the row waits in memory and the answer
    goes without them). A city's card is followed by its map pin.
    """
    answer_id = await context.questions.log(
        context.database, user_id=user_id, question=question, answer=answer
    )
    keyboard = answer_keyboard(answer, answer_id)
    if not note and in_one_message(answer):
        # One message, its details and sources a tap away in the same message.
        chunks = [render(answer, "short")]
        keyboard = swap_view_buttons(keyboard, answer, "short")
    else:  # several messages (or a note, which a view would lose): everything at once
        text = render(answer, "sources")
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
    if replacing.pin is not None:
        leftover.append(replacing.pin)
    for message_id in leftover:
        await _delete(context, chat_id, message_id)
    pin = None
    if answer.pin:
        countries = context.assistant.brain.registry.countries
        country = countries.get(answer.country or "")
        venue = await context.bot.send_venue(
            chat_id,
            latitude=answer.pin.lat,
            longitude=answer.pin.lon,
            title=answer.pin.name,
            address=country.name.get(answer.lang) if country else answer.title or answer.pin.name,
            message_thread_id=thread_id,
        )
        pin = venue.message_id
    return Sent(tuple(sent), pin)


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


def inline_answers(assistant: Assistant, query: str, lang: str) -> list[Answer]:
    """What inline mode offers for ``query``: the answer or the suggestions, then city cards
    whose name starts with what was typed; with nothing typed, the partner list and every card.
    """
    registry = assistant.brain.registry
    current = [c.id for c in registry.cities.values() if c.status != "historical"]
    if not query:
        answers = [assistant.open(PARTNER_CITIES, lang)]
        answers += [assistant.open(CITY_CARD, lang, city=city) for city in current]
        return answers[:INLINE_RESULTS]
    asked = assistant.ask(query, lang)
    lang = asked.lang
    answers = []
    if asked.outcome == "answer":
        answers.append(asked)
    elif asked.outcome == "suggest":
        answers += [
            assistant.open(s.entry, lang, city=s.city, country=s.country)
            for s in asked.suggestions
        ]
    typed = _fold(query)
    for city in registry.cities.values():
        names = (city.name_pl, city.name_en, city.name_native, *city.forms)
        if any(_fold(name).startswith(typed) for name in names):
            answers.append(assistant.open(CITY_CARD, lang, city=city.id))
    unique: dict[tuple[str | None, str | None, str | None], Answer] = {}
    for answer in answers:
        if answer.outcome == "answer":
            unique.setdefault((answer.entry, answer.city, answer.country), answer)
    return list(unique.values())[:INLINE_RESULTS]


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


def _fold(text: str) -> str:
    """Case and diacritics folded, so that "gav" finds "Gävle" and "LODZ" finds "Łódź"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()
