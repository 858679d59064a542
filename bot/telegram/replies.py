"""Sending an :class:`~bot.answers.Answer` to Telegram: split, logged, with buttons and a pin."""

from __future__ import annotations

import logging
import unicodedata
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
from ..assistant import Assistant
from ..render import html
from ..required import CITIES_BY_COUNTRY, CITY_CARD, PARTNER_CITIES
from ..sentences import t
from .callbacks import deep_link
from .context import BotContext
from .keyboards import answer_keyboard
from .split import MESSAGE_LIMIT, split_html, utf16_length

__all__ = ["INLINE_RESULTS", "article", "inline_answers", "send_answer"]

log = logging.getLogger(__name__)

INLINE_RESULTS = 20


async def send_answer(
    context: BotContext,
    answer: Answer,
    *,
    chat_id: int,
    user_id: int | None,
    question: str,
    thread_id: int | None = None,
    reply_to: int | None = None,
) -> None:
    """Send ``answer`` as one or more HTML messages; the last carries the buttons.

    The answer is logged first, so that its 👍/👎 buttons can name it (while the database is
    away the row waits in memory and the answer goes without them). A city's card is
    followed by its map pin.
    """
    answer_id = await context.questions.log(
        context.database, user_id=user_id, question=question, answer=answer
    )
    chunks = split_html(html(answer))
    keyboard = answer_keyboard(answer, answer_id)
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
