"""The handlers: admission, commands, questions, buttons, inline queries and errors.

Each handler is small and names what it answers; :func:`add_handlers` registers them all.
"""

from __future__ import annotations

import logging

from telegram import (
    CallbackQuery,
    InlineQueryResultsButton,
    MaybeInaccessibleMessage,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from ..conversation import Reply, Target, examples, named, shareable_answers
from ..languages import LANGUAGES, from_code
from ..required import (
    CITIES_BY_COUNTRY,
    CITY_CARD,
    DIPLOMATIC_CONTACTS,
    MISSIONS,
    OFFICE_CONTACT,
    PARTNER_CITIES,
    SOURCES,
)
from ..sentences import t
from .admin import add_admin_handlers
from .callbacks import (
    ASK,
    Choose,
    Example,
    Language,
    MapPin,
    Show,
    Vote,
    parse,
    parse_deep_link,
)
from .commands import ALIASES, help_text
from .context import BotApplication, BotContext
from .filters import ADDRESSED, FOR_BOT, without_mention
from .keyboards import examples_keyboard, language_keyboard, mark_vote
from .logs import person
from .replies import Sent, answer_message, article, send_answer, send_pin
from .unknown import unknown_deep_link, unknown_name
from .views import in_one_message, render, swap_view_buttons

__all__ = ["add_handlers"]

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE
# What a refused vote hears.
_VOTE_REFUSALS = {
    "expired": "tg.expired",
    "refused": "tg.feedback.not_yours",
    "failed": "tg.feedback.not_saved",
}
MESSAGES = filters.UpdateType.MESSAGES


# Admission: runs before every other handler --------------------------------------------------


async def admit(update: Update, context: BotContext) -> None:
    """Apply flood control to every update meant for the bot (a message, a button press, an
    inline query: one budget per person) and load the person's language and last turn."""
    if update.effective_user is None:
        return
    admission = await context.conversation.admit(context.person)
    context.admission = admission
    if admission.admitted:
        return
    if admission.verdict == "notify":
        seconds = round(context.settings.flood_mute)
        log.info(
            "flood control: %s is ignored for %d s",
            person(context.store.pseudonyms, context.telegram_user),
            seconds,
        )
        text = t(context.lang, "tg.flood", seconds=str(seconds))
        if update.callback_query:
            await update.callback_query.answer(text, show_alert=True)
        elif update.effective_message and update.inline_query is None:
            await update.effective_message.reply_text(text)
    # Ignored updates get no call at all, not even an answer to a press: the token's sending
    # budget is Telegram's, shared by everyone the bot talks to.
    raise ApplicationHandlerStop


# Commands ------------------------------------------------------------------------------------


async def start(update: Update, context: BotContext) -> None:
    """Greet and offer example questions, or open what a deep link names (/start city_gotha)."""
    if context.args and context.args[0] != ASK:
        target = parse_deep_link(context.args[0], context.lang, context.assistant)
        if target is not None:
            await _open(update, context, target)
            return
        note, chooser = unknown_deep_link(context.lang, context.args[0])
        if chooser is not None:
            await _open(update, context, chooser, note=note)
            return
        await _greet(_message(update), context, note=note)
        return
    await _greet(_message(update), context)


async def help_command(update: Update, context: BotContext) -> None:
    """What the bot answers and the commands, with the example questions as buttons."""
    await _message(update).reply_text(
        help_text(context.lang),
        parse_mode=ParseMode.HTML,
        reply_markup=examples_keyboard(context.lang),
    )


async def partners(update: Update, context: BotContext) -> None:
    """Kielce's partner cities, with a button per city."""
    await _open(update, context, Target(context.lang, PARTNER_CITIES))


async def city(update: Update, context: BotContext) -> None:
    """A partner city's card (/city Gotha), or the cities to choose from."""
    await _open_named(update, context, CITY_CARD)


async def country(update: Update, context: BotContext) -> None:
    """Partner cities in a country (/country Niemcy, /country DE), or the countries."""
    await _open_named(update, context, CITIES_BY_COUNTRY)


async def visits(update: Update, context: BotContext) -> None:
    """Visits of diplomats and diplomatic contacts, for one country when one is named."""
    await _open_named(update, context, DIPLOMATIC_CONTACTS)


async def missions(update: Update, context: BotContext) -> None:
    """Economic missions and local-government organisations."""
    await _open(update, context, Target(context.lang, MISSIONS))


async def contact(update: Update, context: BotContext) -> None:
    """How to reach the international cooperation office."""
    await _open(update, context, Target(context.lang, OFFICE_CONTACT))


async def sources(update: Update, context: BotContext) -> None:
    """Where the bot's information comes from."""
    await _open(update, context, Target(context.lang, SOURCES))


async def language(update: Update, context: BotContext) -> None:
    """Switch the answer language (/language en), or offer the choice as buttons."""
    message = _message(update)
    choice = context.args[0].lower() if context.args else ""
    if choice in LANGUAGES and update.effective_user:
        saved = await context.conversation.set_language(context.person, choice)
        await message.reply_text(
            t(choice, "tg.language.set" if saved else "tg.language.not_saved")
        )
        return
    await message.reply_text(
        t(context.lang, "tg.language.choose"), reply_markup=language_keyboard()
    )


async def unknown_command(update: Update, context: BotContext) -> None:
    """Point a private chat that typed an unknown command at /help."""
    await _message(update).reply_text(t(context.lang, "tg.unknown_command"))


# Messages ------------------------------------------------------------------------------------


async def question(update: Update, context: BotContext) -> None:
    """Answer a question typed as text, or as the caption of a photo or a file; an edited
    question is answered again."""
    message = _message(update)
    text = without_mention(message.text or message.caption or "", context.bot.username)
    if not text:
        await _greet(message, context)
        return
    reply = await context.conversation.ask(
        context.person, text, hint=context.hint, admission=context.admission
    )
    await _reply(update, context, reply)


async def not_text(update: Update, context: BotContext) -> None:
    """Say that the bot answers questions typed as text (not stickers, photos, voice...)."""
    await _message(update).reply_text(t(context.lang, "tg.text_only"))


# Buttons and inline mode ---------------------------------------------------------------------


async def button(update: Update, context: BotContext) -> None:
    """Act on a pressed button; a stale or forged one only hears that it has expired."""
    query = update.callback_query
    assert query is not None
    pressed = parse(query.data, context.assistant)
    message = query.message
    if pressed is None or message is None:
        await query.answer(t(context.lang, "tg.expired"))
        return
    thread_id = message.message_thread_id if isinstance(message, Message) else None
    if isinstance(pressed, Vote):
        result = await context.conversation.vote(context.person, pressed.answer_id, pressed.vote)
        if result != "saved":
            await query.answer(t(context.lang, _VOTE_REFUSALS[result]))
            return
        await query.answer(t(context.lang, "tg.feedback.thanks"))
        if isinstance(message, Message) and message.reply_markup:
            marked = mark_vote(message.reply_markup, pressed)
            if marked is not None:
                await query.edit_message_reply_markup(marked)
        return
    if isinstance(pressed, Language):
        saved = await context.conversation.set_language(context.person, pressed.lang)
        said = t(pressed.lang, "tg.language.set" if saved else "tg.language.not_saved")
        if message.chat.type != ChatType.PRIVATE:
            # Only the person who pressed needs to hear it: a toast, the group hears nothing.
            await query.answer(said)
            return
        await query.answer()
        try:  # the chooser becomes the confirmation, its buttons gone
            await query.edit_message_text(said)
        except BadRequest:  # too old to edit
            await context.bot.send_message(message.chat.id, said)
        return
    if isinstance(pressed, MapPin):
        await _pin(query, context, pressed, message, thread_id)
        return
    await query.answer()
    if isinstance(pressed, Show):
        await _show(query, context, pressed)
        return
    conversation = context.conversation
    if isinstance(pressed, Example):
        reply = await conversation.ask(
            context.person,
            examples(pressed.lang)[pressed.index],
            hint=pressed.lang,
            admission=context.admission,
        )
    else:
        target = pressed.target if isinstance(pressed, Choose) else pressed
        reply = await conversation.open(context.person, target, asked=f"[{query.data}]")
    # A chooser's pick replaces the chooser; anything else comes as a new message.
    chooser = isinstance(pressed, Choose) and isinstance(message, Message)
    replacing = Sent((message.message_id,)) if chooser else Sent(())
    await send_answer(
        context, reply, chat_id=message.chat.id, replacing=replacing, thread_id=thread_id
    )


async def _show(query: CallbackQuery, context: BotContext, pressed: Show) -> None:
    """Edit an answer's message to show it as ``pressed.view`` (details, sources, short);
    the answer is opened again from the knowledge, not logged again."""
    target = pressed.target
    answer = context.assistant.open(
        target.entry, target.lang, city=target.city, country=target.country
    )
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    try:
        await query.edit_message_text(
            render(answer, pressed.view),
            parse_mode=ParseMode.HTML,
            reply_markup=swap_view_buttons(
                markup, answer, pressed.view, fits=in_one_message(answer)
            ),
        )
    except BadRequest as exc:  # pressed twice, or the message is too old to edit
        log.info("answer not shown as %s: %s", pressed.view, exc.message)


async def _pin(
    query: CallbackQuery,
    context: BotContext,
    pressed: MapPin,
    message: MaybeInaccessibleMessage,
    thread_id: int | None,
) -> None:
    """Send a city's map pin as a reply to the answer whose button was pressed, in its chat
    (and topic); the pin is the card's, opened again from the knowledge, not logged."""
    card = context.assistant.open(CITY_CARD, pressed.lang, city=pressed.city)
    if card.pin is None:  # the city has lost its location since the button was sent
        await query.answer(t(context.lang, "tg.expired"))
        return
    await query.answer()
    await send_pin(
        context, card, chat_id=message.chat.id, reply_to=message.message_id, thread_id=thread_id
    )


async def inline_query(update: Update, context: BotContext) -> None:
    """Offer partner-city cards and answers as articles, to share in any chat."""
    query = update.inline_query
    assert query is not None
    # Inline: matching takes well under a millisecond, less than a hand-off to a thread.
    answers = shareable_answers(context.assistant, query.query.strip(), context.lang)
    results = [article(answer, context.bot.username) for answer in answers]
    # Nothing to share: a button above the (empty) results opens a chat with the bot instead.
    ask = None
    if not results:
        ask = InlineQueryResultsButton(t(context.lang, "tg.inline.nothing"), start_parameter=ASK)
    await query.answer(results, cache_time=60, is_personal=True, button=ask)


# Errors --------------------------------------------------------------------------------------


async def error_handler(update: object, context: BotContext) -> None:
    """Log the failed update's id and the exception, then apologise to the user if there is one."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_user is None:
        return
    lang = from_code(update.effective_user.language_code, context.settings.default_lang)
    try:
        # A message in the chat, where there is one (a button's message counts): a button's
        # toast would vanish, and the query may have been answered before the failure.
        if update.effective_message:
            await update.effective_message.reply_text(t(lang, "tg.error"))
        elif update.callback_query:
            await update.callback_query.answer(t(lang, "tg.error"))
    except TelegramError as exc:
        log.warning("could not tell the user about the failure of update %s: %s", update_id, exc)


# Helpers -------------------------------------------------------------------------------------


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None, "message handlers only see updates with a message"
    return message


async def _greet(message: Message, context: BotContext, *, note: str | None = None) -> None:
    greeting = t(context.lang, "tg.start")
    await message.reply_text(
        f"{note}\n\n{greeting}" if note else greeting, reply_markup=examples_keyboard(context.lang)
    )


async def _open_named(update: Update, context: BotContext, entry: str) -> None:
    """``entry`` for the name the command's arguments give; when they name nothing known, the
    choice, after a note saying so."""
    target = await _named(context, entry)
    name = " ".join(context.args or ())
    unknown = name and target.city is None and target.country is None
    note = unknown_name(context.lang, entry, name) if unknown else None
    await _open(update, context, target, note=note)


async def _named(context: BotContext, entry: str) -> Target:
    """``entry`` for the city or country the command's arguments name (/city Gotha, /kraj DE)."""
    text = " ".join(context.args or ())
    return named(context.assistant, entry, text, context.lang)


async def _opened(update: Update, context: BotContext, target: Target) -> Reply:
    """``target``'s answer, logged under the command that asked for it."""
    message = _message(update)
    asked = message.text or message.caption or ""
    return await context.conversation.open(context.person, target, asked=asked)


async def _open(
    update: Update, context: BotContext, target: Target, *, note: str | None = None
) -> None:
    await _reply(update, context, await _opened(update, context, target), note=note)


async def _reply(
    update: Update, context: BotContext, reply: Reply, *, note: str | None = None
) -> None:
    """Answer the update's message (quoted in groups); for an edited one, edit the earlier
    answer in place."""
    await answer_message(
        context, _message(update), reply, edited=update.edited_message is not None, note=note
    )


def add_handlers(application: BotApplication) -> None:
    """Register every handler; the groups and the order within a group matter."""
    # Group -2 runs first; in each group only the first matching handler runs. It applies
    # flood control to every kind of update (stopping further handling) and loads the person's
    # language and last turn.
    application.add_handlers(
        [
            MessageHandler(FOR_BOT, admit),
            CallbackQueryHandler(admit),
            InlineQueryHandler(admit),
        ],
        group=-2,
    )
    # Group -1: while an admin's edit waits for an answer, the text they type is that answer,
    # not a question, and its buttons are not the answers' buttons (both stop further handling).
    # The staff commands go to group 0, before the catch-all handlers.
    add_admin_handlers(application, answers_group=-1)
    commands = {
        "start": start,
        "help": help_command,
        "partners": partners,
        "city": city,
        "country": country,
        "visits": visits,
        "missions": missions,
        "contact": contact,
        "sources": sources,
        "language": language,
    }
    application.add_handlers(
        [
            CommandHandler([name, *ALIASES.get(name, ())], callback)
            for name, callback in commands.items()
        ]
    )
    # After the known commands: anything else starting with "/" (in groups it may be meant for
    # another bot, so only private chats hear about it).
    application.add_handlers(
        [
            MessageHandler(MESSAGES & PRIVATE & filters.COMMAND, unknown_command),
            MessageHandler(
                MESSAGES & filters.TEXT & ~filters.COMMAND & (PRIVATE | ADDRESSED), question
            ),
            # A photo or a file with a caption: the caption is the question.
            MessageHandler(MESSAGES & filters.CAPTION & (PRIVATE | ADDRESSED), question),
            MessageHandler(filters.UpdateType.MESSAGE & PRIVATE & filters.ATTACHMENT, not_text),
            CallbackQueryHandler(button),
            InlineQueryHandler(inline_query),
        ]
    )
    application.add_error_handler(error_handler)
