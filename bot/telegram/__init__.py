"""The Telegram bot: handlers, keyboards and the Application factory (python-telegram-bot 22)."""

from .app import build_application
from .context import BotApplication, BotContext, BotData
from .run import Running, run_bot, started

__all__ = [
    "BotApplication",
    "BotContext",
    "BotData",
    "Running",
    "build_application",
    "run_bot",
    "started",
]
