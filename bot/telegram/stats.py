"""``/stats`` for the office's staff (``ADMIN_IDS``, in a private chat: registered behind
:func:`bot.telegram.admin.staff_only`): what the question log says."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ParseMode

from ..sentences import t
from .context import BotContext

__all__ = ["stats"]


async def stats(update: Update, context: BotContext) -> None:
    """Questions per day, the answers given most, top unanswered questions, feedback."""
    message = update.effective_message
    if message is None:
        return
    lang = context.lang
    text = await context.conversation.stats_text(lang)
    if text is None:
        await message.reply_text(t(lang, "tg.stats.unavailable"))
        return
    # In <pre>: the columns of figures line up, as in a terminal.
    await message.reply_text(f"<pre>{escape(text)}</pre>", parse_mode=ParseMode.HTML)
