"""``/stats`` for the office's staff (``ADMIN_IDS``): what the question log says, in the chat."""

from __future__ import annotations

from telegram import Update

from ..sentences import t
from .context import BotContext

__all__ = ["stats"]


async def stats(update: Update, context: BotContext) -> None:
    """Questions per day, the answers given most, top unanswered questions, feedback."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    lang = context.lang
    if user is None or user.id not in context.settings.admin_ids:
        await message.reply_text(t(lang, "tg.stats.refused"))
        return
    text = await context.conversation.stats_text(lang)
    await message.reply_text(text if text is not None else t(lang, "tg.stats.unavailable"))
