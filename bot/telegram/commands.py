"""The command menus, in Polish and English, for private chats and for groups, and the staff's
own menu in each admin's private chat."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from html import escape

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError

from ..sentences import t

__all__ = [
    "ALIASES",
    "MENU",
    "STAFF_ALIASES",
    "STAFF_MENU",
    "help_text",
    "set_commands",
    "set_staff_commands",
]

log = logging.getLogger(__name__)

# The menu's order; every command also answers to its Polish aliases, typed by hand.
MENU = (
    "start",
    "help",
    "partners",
    "city",
    "country",
    "visits",
    "missions",
    "contact",
    "sources",
    "language",
)
ALIASES: dict[str, tuple[str, ...]] = {
    "help": ("pomoc",),
    "partners": ("miasta", "partnerzy"),
    "city": ("miasto",),
    "country": ("kraj",),
    "visits": ("wizyty",),
    "missions": ("misje",),
    "contact": ("kontakt",),
    "sources": ("zrodla",),
    # /settings: BotFather's convention for a bot's settings, and the language is the only one.
    "language": ("settings", "ustawienia", "jezyk", "lang"),
}


def help_text(lang: str) -> str:
    """/help in Telegram HTML: what the bot answers, then the commands; the example questions
    follow as buttons (:func:`~.keyboards.examples_keyboard`), a tap asks one."""
    commands = [f"/{name} - {escape(t(lang, f'tg.cmd.{name}'))}" for name in MENU]
    return "\n\n".join(
        [
            f"<b>{escape(t(lang, 'help.title'))}</b>",
            escape(t(lang, "help.body")),
            "\n".join([escape(t(lang, "tg.commands")), *commands]),
            escape(t(lang, "help.examples")),
        ]
    )


async def set_commands(bot: Bot) -> None:
    """Publish the menus: English for everyone, Polish for users whose Telegram is in Polish."""
    for lang, language_code in (("en", None), ("pl", "pl")):
        commands = [BotCommand(name, t(lang, f"tg.cmd.{name}")) for name in MENU]
        for scope in (BotCommandScopeAllPrivateChats(), BotCommandScopeAllGroupChats()):
            await bot.set_my_commands(commands, scope=scope, language_code=language_code)


# Staff commands (answered only for ADMIN_IDS, see .admin): in no public menu.
STAFF_MENU = ("add", "correct", "cancel", "export", "reload", "stats", "admin")
STAFF_ALIASES: dict[str, tuple[str, ...]] = {
    "add": ("dodaj",),
    "correct": ("popraw",),
    "cancel": ("anuluj",),
    "export": ("eksport",),
    "reload": ("przeladuj",),
    "stats": ("statystyki",),
}


async def set_staff_commands(bot: Bot, admin_ids: Iterable[int]) -> None:
    """Publish in each admin's private chat the public menu followed by the staff commands.

    Telegram knows no chat with an admin who has never started the bot: that admin's menu is
    skipped (and logged) until the bot's next start.
    """
    for admin in sorted(admin_ids):
        for lang, language_code in (("en", None), ("pl", "pl")):
            commands = [BotCommand(name, t(lang, f"tg.cmd.{name}")) for name in MENU]
            commands += [BotCommand(name, t(lang, f"admin.cmd.{name}")) for name in STAFF_MENU]
            try:
                await bot.set_my_commands(
                    commands, scope=BotCommandScopeChat(admin), language_code=language_code
                )
            except TelegramError as exc:
                log.warning("no staff menu for admin %s (has it started the bot?): %s", admin, exc)
                break
