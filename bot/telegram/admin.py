"""Staff commands, for the Telegram user ids in ``ADMIN_IDS``: editing, export and reload.

::

    /add, /dodaj          add a diplomatic contact, an economic mission or a city's fact
    /correct, /popraw     correct one; both are guided conversations (:mod:`.editing`)
    /cancel, /anuluj      end the edit, saving nothing
    /export, /eksport     the registry as a zip of YAML (what ``db import`` reads) and CSV
    /reload, /przeladuj   read the knowledge folder again (kept as it was when invalid), and
                          the registry from the database
    /admin                these commands

They work in a private chat only. Anyone else who sends one, or presses an edit's button, is told
politely that they are for the office's staff, and nothing changes.

A confirmed edit is written in one transaction with its audit row, then the bot reads the registry
again, so answers show it at once; when the database refuses, the admin is told that nothing was
saved and may press Confirm again. An edit nobody answers for ``EDIT_TIMEOUT`` seconds ends
unsaved, and the admin is told. (python-telegram-bot's own conversation timeout needs its
JobQueue, which this bot runs without; a timer on the event loop does the same here.)
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from ..errors import KnowledgeError, Problem, RegistryError
from ..registry.editing import Edit, EditConflict, FactEdit, save_edit
from ..registry.export import export_csv, export_yaml
from ..registry.records import RegistryData
from ..texts import t
from .commands import STAFF_ALIASES, STAFF_MENU
from .context import BotApplication, BotContext
from .editing import (
    Action,
    Ask,
    Cancelled,
    Confirmed,
    Draft,
    Kind,
    Mode,
    Outcome,
    Preview,
    begin,
    pressed,
    typed,
)
from .split import split_html

__all__ = ["add_admin_handlers", "is_admin"]

log = logging.getLogger(__name__)

EDITING = 1
# An edit's button: e|<draft token>|<prompt number>|<option index>.
_BUTTON = re.compile(r"^e\|([0-9a-f]{6})\|(\d{1,6})\|(\d{1,3})$")
_EDIT_BUTTONS = r"^e\|"
# What ``context.application`` is typed as.
AnyApplication = Application[Any, Any, Any, Any, Any, Any]
_DRAFT = "staff-edit"  # the key of the admin's edit in their user_data
# Words after /add or /correct that name what to edit.
_KIND_WORDS: dict[str, Kind] = {
    "contact": "contact",
    "kontakt": "contact",
    "visit": "contact",
    "wizyta": "contact",
    "mission": "mission",
    "misja": "mission",
    "fact": "fact",
    "fakt": "fact",
    "city": "fact",
    "miasto": "fact",
}


@dataclass
class _Edit:
    """The admin's edit in progress: the draft, where it is asked, and its timeout."""

    draft: Draft
    chat_id: int
    user_id: int
    timer: asyncio.TimerHandle | None = None


def is_admin(update: Update, context: BotContext) -> bool:
    """Whether the update comes from one of the ``ADMIN_IDS``."""
    user = update.effective_user
    return user is not None and user.id in context.settings.admin_ids


# Commands --------------------------------------------------------------------------------------


async def add(update: Update, context: BotContext) -> int:
    """Start adding a diplomatic contact, a mission or a city's fact (/add contact)."""
    return await _start(update, context, "add")


async def correct(update: Update, context: BotContext) -> int:
    """Start correcting a diplomatic contact, a mission or a city's fact (/correct fact)."""
    return await _start(update, context, "correct")


async def cancel(update: Update, context: BotContext) -> int:
    """End the admin's edit, saving nothing."""
    if await _admitted(update, context):
        ended = _end(context)
        await _message(update).reply_text(
            t(context.lang, "admin.cancelled" if ended else "admin.nothing_to_cancel")
        )
    return ConversationHandler.END


async def export(update: Update, context: BotContext) -> None:
    """Send the registry as a zip of YAML (what ``db import`` reads back) and CSV."""
    if not await _admitted(update, context):
        return
    message, lang = _message(update), context.lang
    try:
        data = await asyncio.to_thread(context.registry.load)
    except RegistryError as exc:
        log.error("/export: cannot read the registry: %s", exc)
        await message.reply_text(t(lang, "admin.export.failed"))
        return
    payload = await asyncio.to_thread(_zipped, data)
    day = datetime.now(UTC).date().isoformat()
    log.info("/export: the registry sent to user %s", message.chat_id)
    await message.reply_document(
        payload,
        filename=f"kielce-registry-{day}.zip",
        caption=t(lang, "admin.export.done", **_counts(data)),
    )


async def reload(update: Update, context: BotContext) -> None:
    """Read the knowledge folder again (keeping the old one if invalid), then the registry."""
    if not await _admitted(update, context):
        return
    message, lang, assistant = _message(update), context.lang, context.assistant
    try:
        await asyncio.to_thread(assistant.reload_knowledge)
    except KnowledgeError as exc:
        log.warning("/reload: the knowledge is invalid, the bot keeps the old one: %s", exc)
        folder = assistant.settings.knowledge_dir
        head = t(lang, "admin.reload.failed", count=str(len(exc.problems)))
        lines = [
            f"<b>{escape(head)}</b>",
            *(f"• {escape(_where(p, folder))}" for p in exc.problems),
        ]
        for chunk in split_html("\n".join(lines)):
            await message.reply_text(chunk, parse_mode=ParseMode.HTML)
        return
    entries = str(len(assistant.brain.knowledge.entries))
    try:
        data = await asyncio.to_thread(context.registry.load)
        await asyncio.to_thread(assistant.reload_registry, data)
    except RegistryError as exc:
        log.error("/reload: cannot read the registry, the bot keeps the old one: %s", exc)
        await message.reply_text(t(lang, "admin.reload.registry_failed", entries=entries))
        return
    await message.reply_text(t(lang, "admin.reload.done", entries=entries, **_counts(data)))


async def admin_help(update: Update, context: BotContext) -> None:
    """The staff commands."""
    if not await _admitted(update, context):
        return
    lang = context.lang
    lines = [t(lang, "admin.help")]
    lines += [f"/{name} - {t(lang, f'admin.cmd.{name}')}" for name in STAFF_MENU]
    await _message(update).reply_text("\n".join(lines))


# The edit conversation -------------------------------------------------------------------------


async def answer_text(update: Update, context: BotContext) -> int:
    """Take what the admin typed as the answer to the current step of their edit."""
    edit = _current(context)
    if edit is None or not await _admitted(update, context):
        return ConversationHandler.END
    text = _message(update).text or ""
    return await _show(context, edit, typed(edit.draft, context.assistant.brain, text))


async def answer_button(update: Update, context: BotContext) -> int:
    """Take a button of the admin's edit; one of an older prompt or of an ended edit has expired."""
    query = update.callback_query
    assert query is not None
    if not await _admitted(update, context):
        return ConversationHandler.END
    edit = _current(context)
    index = _pressed(query.data, edit)
    if edit is None or index is None:
        await query.answer(t(context.lang, "tg.expired"))
        return ConversationHandler.END if edit is None else EDITING
    await query.answer()
    return await _show(context, edit, pressed(edit.draft, context.assistant.brain, index))


async def stale_button(update: Update, context: BotContext) -> None:
    """A button of an edit that has ended (or someone else's): it does nothing."""
    query = update.callback_query
    assert query is not None
    if await _admitted(update, context):
        await query.answer(t(context.lang, "tg.expired"))


async def _start(update: Update, context: BotContext, mode: Mode) -> int:
    if not await _admitted(update, context):
        return ConversationHandler.END
    message, user = _message(update), update.effective_user
    assert user is not None
    assert context.user_data is not None
    if _end(context):
        await message.reply_text(t(context.lang, "admin.replaced"))
    draft = Draft(context.lang, mode)
    edit = _Edit(draft, message.chat_id, user.id)
    context.user_data[_DRAFT] = edit
    kind = next(
        (_KIND_WORDS[w.lower()] for w in context.args or () if w.lower() in _KIND_WORDS), None
    )
    return await _show(context, edit, begin(draft, context.assistant.brain, kind))


async def _show(context: BotContext, edit: _Edit, outcome: Outcome) -> int:
    """Send what the edit says next; end it, or wait for the next answer."""
    draft, bot = edit.draft, context.bot
    match outcome:
        case Ask(text, problem):
            if problem:
                text = f"{escape(problem)}\n\n{text}"
            await _send(context, edit.chat_id, text, _keyboard(draft))
        case Preview(text):
            await _send(context, edit.chat_id, text, _keyboard(draft))
        case Cancelled(reason):
            _end(context)
            await bot.send_message(edit.chat_id, t(draft.lang, reason))
            return ConversationHandler.END
        case Confirmed(change):
            who = f"telegram:{edit.user_id}"
            try:
                await asyncio.to_thread(save_edit, context.registry, change, who=who)
            except EditConflict as exc:
                log.warning("staff edit by %s refused: %s", who, exc)
                _end(context)
                await bot.send_message(edit.chat_id, t(draft.lang, "admin.save.conflict"))
                return ConversationHandler.END
            except RegistryError as exc:
                # The preview's buttons stay valid: Confirm again tries again.
                log.error("staff edit by %s not saved: %s", who, exc)
                text = t(draft.lang, "admin.save.failed")
                await bot.send_message(edit.chat_id, text, reply_markup=_keyboard(draft))
                _arm(context, edit)
                return EDITING
            _end(context)
            await _reload_registry(context, edit, change)
            return ConversationHandler.END
    _arm(context, edit)
    return EDITING


async def _reload_registry(context: BotContext, edit: _Edit, change: Edit) -> None:
    """After a saved edit: read the registry again, so that answers show the change."""
    record = change.city if isinstance(change, FactEdit) else change.after.id
    log.info("staff edit by telegram:%s saved: %s %s", edit.user_id, type(change).__name__, record)
    lang = edit.draft.lang
    try:
        data = await asyncio.to_thread(context.registry.load)
        await asyncio.to_thread(context.assistant.reload_registry, data)
    except RegistryError as exc:
        log.error("a saved staff edit could not be read back: %s", exc)
        await context.bot.send_message(edit.chat_id, t(lang, "admin.save.not_reloaded"))
        return
    await context.bot.send_message(edit.chat_id, t(lang, "admin.save.done"))


# Helpers ---------------------------------------------------------------------------------------


async def _admitted(update: Update, context: BotContext) -> bool:
    """Whether an admin sent this in a private chat; says why not to anyone else."""
    lang, chat = context.lang, update.effective_chat
    if not is_admin(update, context):
        user = update.effective_user
        log.info("staff command refused to user %s", user.id if user else None)
        await _tell(update, t(lang, "admin.refused"))
        return False
    if chat is None or chat.type != ChatType.PRIVATE:
        await _tell(update, t(lang, "admin.private_only"))
        return False
    return True


async def _tell(update: Update, text: str) -> None:
    if update.callback_query:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message:
        await update.effective_message.reply_text(text)


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None, "command handlers only see updates with a message"
    return message


def _current(context: BotContext) -> _Edit | None:
    edit = context.user_data.get(_DRAFT) if context.user_data is not None else None
    return edit if isinstance(edit, _Edit) else None


def _end(context: BotContext) -> bool:
    """Forget the admin's edit; True when there was one."""
    edit = context.user_data.pop(_DRAFT, None) if context.user_data is not None else None
    if isinstance(edit, _Edit) and edit.timer is not None:
        edit.timer.cancel()
    return isinstance(edit, _Edit)


def _arm(context: BotContext, edit: _Edit) -> None:
    """(Re)start the edit's timeout."""
    if edit.timer is not None:
        edit.timer.cancel()
    seconds = context.settings.edit_timeout
    notice = t(edit.draft.lang, "admin.timeout", minutes=str(max(1, round(seconds / 60))))
    application: AnyApplication = context.application
    edit.timer = asyncio.get_running_loop().call_later(seconds, _expire, application, edit, notice)


def _expire(application: AnyApplication, edit: _Edit, notice: str) -> None:
    """End an edit nobody answered in time, and say so."""
    user_data = application.user_data.get(edit.user_id)
    if user_data is None or user_data.get(_DRAFT) is not edit:
        return
    del user_data[_DRAFT]
    log.info("staff edit by telegram:%s timed out, nothing saved", edit.user_id)
    if application.running:
        application.create_task(_notify(application, edit.chat_id, notice))


async def _notify(application: AnyApplication, chat_id: int, text: str) -> None:
    try:
        await application.bot.send_message(chat_id, text)
    except TelegramError as exc:
        log.warning("could not tell chat %s that its edit timed out: %s", chat_id, exc)


def _pressed(data: str | None, edit: _Edit | None) -> int | None:
    """The option a button of the current prompt stands for; None for any other button."""
    match = _BUTTON.match(data or "")
    if match is None or edit is None:
        return None
    token, serial, index = match.group(1), int(match.group(2)), int(match.group(3))
    draft = edit.draft
    if token != draft.token or serial != draft.serial or index >= len(draft.options):
        return None
    return index


def _keyboard(draft: Draft) -> InlineKeyboardMarkup:
    """The prompt's choices in rows of ``draft.columns``; keep first, the other actions last."""

    def button(index: int) -> InlineKeyboardButton:
        data = f"e|{draft.token}|{draft.serial}|{index}"
        return InlineKeyboardButton(draft.options[index].label, callback_data=data)

    keep = [i for i, o in enumerate(draft.options) if o.value is Action.KEEP]
    actions = [
        i
        for i, o in enumerate(draft.options)
        if isinstance(o.value, Action) and o.value is not Action.KEEP
    ]
    choices = [i for i, o in enumerate(draft.options) if not isinstance(o.value, Action)]
    rows = [[button(i)] for i in keep]
    rows += [
        [button(i) for i in choices[n : n + draft.columns]]
        for n in range(0, len(choices), draft.columns)
    ]
    rows.append([button(i) for i in actions])
    return InlineKeyboardMarkup(rows)


async def _send(
    context: BotContext, chat_id: int, text: str, keyboard: InlineKeyboardMarkup
) -> None:
    """Send Telegram HTML, split when long; the buttons go with the last part."""
    chunks = split_html(text)
    for i, chunk in enumerate(chunks):
        await context.bot.send_message(
            chat_id,
            chunk,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard if i == len(chunks) - 1 else None,
        )


def _where(problem: Problem, folder: Path) -> str:
    """A knowledge problem with its file named from the knowledge folder down."""
    try:
        path = str(problem.path.relative_to(folder))
    except ValueError:
        path = str(problem.path)
    where = f"{path}:{problem.line}" if problem.line else path
    return f"{where}: {problem.message}"


def _counts(data: RegistryData) -> dict[str, str]:
    return {
        "contacts": str(len(data.contacts)),
        "missions": str(len(data.missions)),
        "cities": str(len(data.cities)),
        "facts": str(sum(len(c.facts) for c in data.cities.values())),
        "sources": str(len(data.sources)),
    }


def _zipped(data: RegistryData) -> bytes:
    """The registry as ``db export --out`` writes it (``yaml/`` and ``csv/``), zipped."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written = export_yaml(data, root / "yaml") + export_csv(data, root / "csv")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(written):
                archive.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()


class _Editing(filters.MessageFilter):
    """A message from an admin whose edit is waiting for an answer."""

    def __init__(self, application: BotApplication) -> None:
        super().__init__(name="Editing")
        self._application = application

    def filter(self, message: Message) -> bool:
        user = message.from_user
        if user is None:
            return False
        return isinstance(self._application.user_data.get(user.id, {}).get(_DRAFT), _Edit)


def add_admin_handlers(application: BotApplication) -> None:
    """Register the staff commands and the edit conversation.

    They must come before the public handlers of their group: while an admin's edit waits for
    an answer, their text is that answer, not a question.
    """
    # New text in a private chat; an edited message is not a new answer.
    answers = (
        filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    )
    with warnings.catch_warnings():
        # The buttons belong to the admin's one edit, not to a message: the draft's token and
        # prompt number, not per-message tracking, tell an old button from a current one.
        warnings.filterwarnings("ignore", ".*per_message=False", PTBUserWarning)
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[
                CommandHandler(["add", *STAFF_ALIASES["add"]], add),
                CommandHandler(["correct", *STAFF_ALIASES["correct"]], correct),
            ],
            states={
                EDITING: [
                    CallbackQueryHandler(answer_button, pattern=_EDIT_BUTTONS),
                    MessageHandler(answers & _Editing(application), answer_text),
                ]
            },
            fallbacks=[CommandHandler(["cancel", *STAFF_ALIASES["cancel"]], cancel)],
            allow_reentry=True,
            name="staff-edit",
        )
    commands = {"cancel": cancel, "export": export, "reload": reload, "admin": admin_help}
    application.add_handlers(
        [
            conversation,
            *(
                CommandHandler([name, *STAFF_ALIASES.get(name, ())], callback)
                for name, callback in commands.items()
            ),
            # An edit's button outside an edit: expired for admins, refused to everyone else.
            CallbackQueryHandler(stale_button, pattern=_EDIT_BUTTONS),
        ]
    )
