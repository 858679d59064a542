"""Staff commands, for the Telegram user ids in ``ADMIN_IDS``: editing, export and reload.

::

    /add, /dodaj          add a diplomatic contact, an economic mission or a city's fact
    /correct, /popraw     correct one; both are guided conversations (:mod:`.editing`)
    /cancel, /anuluj      end the edit, saving nothing
    /export, /eksport     the registry as a zip of YAML (what ``db import`` reads) and CSV
    /reload, /przeladuj   read the knowledge folder again (kept as it was when invalid), and
                          the registry from the database
    /stats, /statystyki   what the question log says (:mod:`.stats`)
    /admin                these commands

Every staff command and every edit button passes one gate, :func:`staff_only`: it works for an
admin in a private chat only. Anyone else, or an admin in a group, is told politely why, and
nothing changes (statistics quote the public's questions, which a group must not see).

An edit in progress lives in the database (:mod:`bot.state.drafts`), read and written with every
answer, so the answers of one edit may reach different copies of the bot behind one webhook
address, or a restarted one. An admin's new text in a private chat, and every edit button, first
go to :func:`answer_text` and :func:`answer_button`, in a handler group that runs before the
public handlers: with an edit open, the text is its answer and goes no further; without one, it
goes on to be a question. Whatever the admin types while an edit is open is the edit's: an
answer the step cannot take asks the step again, and even a failure never lets it through to the
question handler. The form's prompts are one message, edited in place as the edit goes on
(a new one only when the old cannot be edited, or a preview is too long for one message). An
edit nobody answered for ``EDIT_TIMEOUT`` seconds has ended unsaved
when the admin next writes or presses one of its buttons, and they are told so; no timer runs.

A confirmed edit is written in one transaction with its audit row and the draft's deletion (so
that it is saved once, whichever copies see Confirm), then the bot reads the registry again, so
answers show it at once; when the database refuses, the admin is told that nothing was saved and
may press Confirm again. When the database does not answer as a draft is read or stored, the
admin is told so and nothing changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import io
import logging
import tempfile
import zipfile
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from ..errors import KnowledgeError, Problem, RegistryError
from ..forms.staff import (
    Ask,
    Cancelled,
    Confirmed,
    Draft,
    Mode,
    Outcome,
    Preview,
    begin,
    dump_draft,
    load_draft,
    named_kind,
    pressed,
    typed,
)
from ..registry.editing import Edit, EditConflict, FactEdit, save_edit
from ..registry.export import export_csv, export_yaml
from ..registry.snapshot import RegistryData
from ..sentences import t
from ..state import DraftGone, DraftsUnavailable
from .commands import STAFF_ALIASES, STAFF_MENU
from .context import BotApplication, BotContext
from .editing import EDIT_BUTTONS, keyboard, pressed_option, rendered
from .logs import person
from .split import split_html
from .stats import stats

__all__ = ["add_admin_handlers", "is_admin", "staff_only"]

log = logging.getLogger(__name__)

Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


@dataclass
class _Edit:
    """The admin's edit in progress as read from the database, and where it is asked."""

    draft: Draft
    user_id: int
    chat_id: int
    revision: int  # the stored draft's, which the next write must still find


def is_admin(update: Update, context: BotContext) -> bool:
    """Whether the update comes from one of the ``ADMIN_IDS``."""
    user = update.effective_user
    return user is not None and user.id in context.settings.admin_ids


# Commands --------------------------------------------------------------------------------------


async def add(update: Update, context: BotContext) -> None:
    """Start adding a diplomatic contact, a mission or a city's fact (/add contact)."""
    await _start(update, context, "add")


async def correct(update: Update, context: BotContext) -> None:
    """Start correcting a diplomatic contact, a mission or a city's fact (/correct fact)."""
    await _start(update, context, "correct")


async def cancel(update: Update, context: BotContext) -> None:
    """End the admin's edit, saving nothing."""
    message, user = _message(update), update.effective_user
    assert user is not None
    try:
        ended = await asyncio.to_thread(context.drafts.delete, user.id)
    except DraftsUnavailable:
        await message.reply_text(t(context.lang, "admin.draft.unavailable"))
        return
    await message.reply_text(
        t(context.lang, "admin.cancelled" if ended else "admin.nothing_to_cancel")
    )


async def export(update: Update, context: BotContext) -> None:
    """Send the registry as a zip of YAML (what ``db import`` reads back) and CSV."""
    message, lang = _message(update), context.lang
    try:
        data = await asyncio.to_thread(context.registry_database.load)
    except RegistryError as exc:
        log.error("/export: cannot read the registry: %s", exc)
        await message.reply_text(t(lang, "admin.export.failed"))
        return
    payload = await asyncio.to_thread(_zipped, data)
    day = datetime.now(UTC).date().isoformat()
    log.info("/export: the registry sent to %s", person(context.store.pseudonyms, message.chat_id))
    await message.reply_document(
        payload,
        filename=f"kielce-registry-{day}.zip",
        caption=t(lang, "admin.export.done", **_counts(data)),
    )


async def reload(update: Update, context: BotContext) -> None:
    """Read the knowledge folder again (keeping the old one if invalid), then the registry."""
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
        data = await asyncio.to_thread(context.registry_database.load)
        await asyncio.to_thread(assistant.reload_registry, data)
    except RegistryError as exc:
        log.error("/reload: cannot read the registry, the bot keeps the old one: %s", exc)
        await message.reply_text(t(lang, "admin.reload.registry_failed", entries=entries))
        return
    await message.reply_text(t(lang, "admin.reload.done", entries=entries, **_counts(data)))


async def admin_help(update: Update, context: BotContext) -> None:
    """The staff commands."""
    lang = context.lang
    lines = [t(lang, "admin.help")]
    lines += [f"/{name} - {t(lang, f'admin.cmd.{name}')}" for name in STAFF_MENU]
    await _message(update).reply_text("\n".join(lines))


# The edit conversation -------------------------------------------------------------------------


async def answer_text(update: Update, context: BotContext) -> None:
    """Take an admin's text as the answer to their edit's current step; without an edit open,
    the text goes on to be a question."""
    try:
        edit = await _open_edit(update, context)
    except DraftsUnavailable:
        # Admins' questions are answered during an outage too; an answer to an edit is not
        # taken, and the admin hears so.
        await _message(update).reply_text(t(context.lang, "admin.draft.unchecked"))
        return
    if edit is None:
        return
    try:
        await _show(context, edit, typed(edit.draft, context.assistant.brain, _text(update)))
    except Exception:
        # The text was the edit's answer, so it must not go on to the question handler, which
        # it would after an exception; the admin hears that it failed.
        who = person(context.store.pseudonyms, edit.user_id)
        log.exception("a staff edit's answer by %s failed", who)
        await context.bot.send_message(edit.chat_id, t(edit.draft.lang, "tg.error"))
    raise ApplicationHandlerStop


async def answer_button(update: Update, context: BotContext) -> None:
    """Take a button of the admin's edit; one of an older prompt or of an ended edit has expired."""
    query = update.callback_query
    assert query is not None
    try:
        edit = await _open_edit(update, context)
    except DraftsUnavailable:
        await _tell(update, t(context.lang, "admin.draft.unavailable"))
        return
    index = pressed_option(query.data, edit.draft if edit else None)
    if edit is None or index is None:
        await query.answer(t(context.lang, "tg.expired"))
        return
    await query.answer()
    await _show(context, edit, pressed(edit.draft, context.assistant.brain, index))


def _text(update: Update) -> str:
    return _message(update).text or ""


async def _start(update: Update, context: BotContext, mode: Mode) -> None:
    message, user = _message(update), update.effective_user
    assert user is not None
    draft = Draft(context.lang, mode)
    kind = named_kind(context.args or ())
    outcome = begin(draft, context.assistant.brain, kind)
    assert isinstance(outcome, Ask), "an edit starts with a question"
    try:
        revision, replaced = await asyncio.to_thread(
            context.drafts.start, user.id, dump_draft(draft), draft.step
        )
    except DraftsUnavailable:
        await message.reply_text(t(context.lang, "admin.draft.unavailable"))
        return
    if replaced:
        await message.reply_text(t(context.lang, "admin.replaced"))
    await _prompt(context, _Edit(draft, user.id, message.chat_id, revision), outcome)


async def _open_edit(update: Update, context: BotContext) -> _Edit | None:
    """The admin's edit in progress, read from the database; None when there is none.

    Raises :class:`DraftsUnavailable` when the database does not answer. When the edit has just
    expired, the admin is told so and the update goes no further.
    """
    user, chat = update.effective_user, update.effective_chat
    assert user is not None
    assert chat is not None
    stored = await asyncio.to_thread(context.drafts.load, user.id)
    if stored is None:
        return None
    draft = load_draft(stored.draft)
    if stored.expired:
        log.info(
            "staff edit by %s timed out, nothing saved", person(context.store.pseudonyms, user.id)
        )
        if update.callback_query:
            await update.callback_query.answer(t(context.lang, "tg.expired"))
        minutes = str(max(1, round(context.settings.edit_timeout / 60)))
        await context.bot.send_message(chat.id, t(draft.lang, "admin.timeout", minutes=minutes))
        raise ApplicationHandlerStop
    return _Edit(draft, user.id, chat.id, stored.revision)


async def _show(context: BotContext, edit: _Edit, outcome: Outcome) -> None:
    """Store the edit as the answer left it and show what it asks next; or end it."""
    match outcome:
        case Ask() | Preview():
            if await _kept(context, edit):
                await _prompt(context, edit, outcome)
        case Cancelled(reason):
            if await _ended(context, edit):
                await _retire(context, edit)
                await context.bot.send_message(edit.chat_id, t(edit.draft.lang, reason))
        case Confirmed(change):
            await _save(context, edit, change)


async def _prompt(context: BotContext, edit: _Edit, outcome: Ask | Preview) -> None:
    """Show the prompt in the edit's prompt message, edited in place; where that cannot be,
    send it anew and remember that message (stored with the draft)."""
    draft = edit.draft
    text, markup = rendered(outcome, draft.lang), keyboard(draft)
    chunks = split_html(text)
    if draft.shown_in is not None:
        if len(chunks) == 1:
            try:
                await context.bot.edit_message_text(
                    text,
                    chat_id=edit.chat_id,
                    message_id=draft.shown_in,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                )
                return
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    return
                # Deleted meanwhile, or too old to edit: the prompt goes in a new message.
                log.info("staff edit prompt not edited in place (%s); sending it anew", exc)
        await _retire(context, edit)
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        sent = await context.bot.send_message(
            edit.chat_id,
            chunk,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if last else None,
        )
    draft.shown_in = sent.message_id
    await _kept(context, edit)


async def _retire(context: BotContext, edit: _Edit) -> None:
    """Take the buttons off the edit's prompt message, which no longer asks anything."""
    if edit.draft.shown_in is None:
        return
    with contextlib.suppress(TelegramError):
        await context.bot.edit_message_reply_markup(
            chat_id=edit.chat_id, message_id=edit.draft.shown_in, reply_markup=None
        )


async def _kept(context: BotContext, edit: _Edit) -> bool:
    """Store the draft; False when it could not be (the admin is told why, if it matters)."""
    draft = edit.draft
    try:
        revision = await asyncio.to_thread(
            context.drafts.save,
            edit.user_id,
            dump_draft(draft),
            draft.step,
            revision=edit.revision,
        )
    except DraftsUnavailable:
        await context.bot.send_message(edit.chat_id, t(draft.lang, "admin.draft.unavailable"))
        return False
    if revision is None:
        _overtaken(edit)
        return False
    edit.revision = revision
    return True


async def _ended(context: BotContext, edit: _Edit) -> bool:
    """Delete the draft; False when it could not be (the admin is told why, if it matters)."""
    try:
        deleted = await asyncio.to_thread(
            context.drafts.delete, edit.user_id, revision=edit.revision
        )
    except DraftsUnavailable:
        await context.bot.send_message(edit.chat_id, t(edit.draft.lang, "admin.draft.unavailable"))
        return False
    if not deleted:
        _overtaken(edit)
    return deleted


def _overtaken(edit: _Edit) -> None:
    # Another copy of the bot took an answer to this edit meanwhile (a button pressed twice,
    # a /cancel): its reply is the one the admin sees.
    log.info("a staff edit moved on elsewhere; this answer is dropped")


async def _save(context: BotContext, edit: _Edit, change: Edit) -> None:
    """Write the confirmed edit, deleting its draft in the same transaction."""
    who, lang = f"telegram:{edit.user_id}", edit.draft.lang
    drafts = context.drafts
    discard = functools.partial(drafts.discard, user_id=edit.user_id, revision=edit.revision)
    try:
        await asyncio.to_thread(
            save_edit, context.registry_database, change, who=who, also=discard
        )
    except DraftGone:
        _overtaken(edit)
        return
    except EditConflict as exc:
        log.warning("staff edit by %s refused: %s", who, exc)
        with contextlib.suppress(DraftsUnavailable):
            await asyncio.to_thread(drafts.delete, edit.user_id, revision=edit.revision)
        await context.bot.send_message(edit.chat_id, t(lang, "admin.save.conflict"))
        return
    except RegistryError as exc:
        # The draft was not deleted either, so the preview's buttons stay valid: Confirm again
        # tries again.
        log.error("staff edit by %s not saved: %s", who, exc)
        text = t(lang, "admin.save.failed")
        await context.bot.send_message(edit.chat_id, text, reply_markup=keyboard(edit.draft))
        return
    await _retire(context, edit)
    await _reload_registry(context, edit, change)


async def _reload_registry(context: BotContext, edit: _Edit, change: Edit) -> None:
    """After a saved edit: read the registry again, so that answers show the change."""
    record = change.city if isinstance(change, FactEdit) else change.after.id
    who = person(context.store.pseudonyms, edit.user_id)
    log.info("staff edit by %s saved: %s %s", who, type(change).__name__, record)
    lang = edit.draft.lang
    try:
        data = await asyncio.to_thread(context.registry_database.load)
        await asyncio.to_thread(context.assistant.reload_registry, data)
    except RegistryError as exc:
        log.error("a saved staff edit could not be read back: %s", exc)
        await context.bot.send_message(edit.chat_id, t(lang, "admin.save.not_reloaded"))
        return
    await context.bot.send_message(edit.chat_id, t(lang, "admin.save.done"))


# Helpers ---------------------------------------------------------------------------------------


def staff_only(callback: Handler) -> Handler:
    """``callback`` for an admin in a private chat; anyone else is told why, and nothing runs.

    The one gate of every staff command and button.
    """

    @functools.wraps(callback)
    async def gated(update: Update, context: BotContext) -> None:
        if await _admitted(update, context):
            await callback(update, context)

    return gated


async def _admitted(update: Update, context: BotContext) -> bool:
    """Whether an admin sent this in a private chat; says why not to anyone else."""
    lang, chat = context.lang, update.effective_chat
    if not is_admin(update, context):
        user = update.effective_user
        who = person(context.store.pseudonyms, user.id if user else None)
        log.info("staff command refused to %s", who)
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


def add_admin_handlers(application: BotApplication, *, answers_group: int) -> None:
    """Register the staff commands, and the answers to an edit in ``answers_group``.

    That group must run before the public handlers' group: while an admin's edit waits for an
    answer, their text is that answer, not a question, and its buttons are not the answers'.
    """
    settings = application.bot_data.settings
    assert settings is not None, "the settings come before the handlers"
    # New text from an admin in a private chat; an edited message is not a new answer.
    answers = (
        filters.UpdateType.MESSAGE
        & filters.TEXT
        & ~filters.COMMAND
        & filters.ChatType.PRIVATE
        & filters.User(user_id=settings.admin_ids)
    )
    application.add_handlers(
        [
            # Every edit button, whoever presses it: refused to all but admins, and no further.
            CallbackQueryHandler(_stopping(staff_only(answer_button)), pattern=EDIT_BUTTONS),
            MessageHandler(answers, answer_text),
        ],
        group=answers_group,
    )
    commands: dict[str, Handler] = {
        "add": add,
        "correct": correct,
        "cancel": cancel,
        "export": export,
        "reload": reload,
        "stats": stats,
        "admin": admin_help,
    }
    application.add_handlers(
        [
            CommandHandler([name, *STAFF_ALIASES.get(name, ())], staff_only(callback))
            for name, callback in commands.items()
        ]
    )


def _stopping(callback: Handler) -> Handler:
    """``callback``, after which the update goes to no other handler."""

    @functools.wraps(callback)
    async def stopping(update: Update, context: BotContext) -> None:
        await callback(update, context)
        raise ApplicationHandlerStop

    return stopping
