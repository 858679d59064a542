"""The command menus, in Polish and English, for private chats and for groups."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats

from ..texts import t

__all__ = ["ALIASES", "MENU", "set_commands"]

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
    "language": ("jezyk", "lang"),
}


async def set_commands(bot: Bot) -> None:
    """Publish the menus: English for everyone, Polish for users whose Telegram is in Polish."""
    for lang, language_code in (("en", None), ("pl", "pl")):
        commands = [BotCommand(name, t(lang, f"tg.cmd.{name}")) for name in MENU]
        for scope in (BotCommandScopeAllPrivateChats(), BotCommandScopeAllGroupChats()):
            await bot.set_my_commands(commands, scope=scope, language_code=language_code)
