"""The typed context every handler receives: the engine, the databases, the state, the language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from ..assistant import Assistant
from ..config import Settings
from ..conversation import Admission, Conversation, telegram
from ..insights import QuestionLog
from ..languages import from_code
from ..registry.database import RegistryDatabase
from ..state import DatabaseExecutor, DeliveryClaims, DraftStore, StateStore
from ..state.instances import Instances
from ..state.replies import ReplyMemory

__all__ = ["CONTEXT_TYPES", "BotApplication", "BotContext", "BotData"]

T = TypeVar("T")


@dataclass
class BotData:
    """``bot_data``: the settings from the start, the rest from ``post_init``."""

    settings: Settings | None = None
    assistant: Assistant | None = None
    registry_database: RegistryDatabase | None = None
    store: StateStore | None = None
    questions: QuestionLog | None = None
    drafts: DraftStore | None = None
    conversation: Conversation | None = None
    # Database work runs on threads of its own, waited for a bounded time (bot/state/executor.py).
    database: DatabaseExecutor | None = None
    deliveries: DeliveryClaims | None = None  # webhook updates claimed, so each is answered once
    instances: Instances | None = None  # the copies of the bot sharing the token
    replies: ReplyMemory | None = None  # which messages answered which, for edits


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """A :class:`CallbackContext` that knows the bot's parts and the user's language."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        self.telegram_lang: str | None = None  # the user's Telegram interface language
        self.telegram_user: int | None = None  # the update's user
        # Flood verdict, chosen language and last turn, loaded before the handlers run.
        self.admission = Admission("ok")

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, BotContext, Any, Any, Any, Any]
    ) -> BotContext:
        context = super().from_update(update, application)
        if isinstance(update, Update) and update.effective_user:
            context.telegram_lang = update.effective_user.language_code
            context.telegram_user = update.effective_user.id
        return context

    @property
    def settings(self) -> Settings:
        return _ready(self.bot_data.settings, "settings")

    @property
    def assistant(self) -> Assistant:
        return _ready(self.bot_data.assistant, "assistant")

    @property
    def registry_database(self) -> RegistryDatabase:
        return _ready(self.bot_data.registry_database, "registry database")

    @property
    def store(self) -> StateStore:
        return _ready(self.bot_data.store, "state store")

    @property
    def questions(self) -> QuestionLog:
        return _ready(self.bot_data.questions, "question log")

    @property
    def replies(self) -> ReplyMemory:
        return _ready(self.bot_data.replies, "reply memory")

    @property
    def drafts(self) -> DraftStore:
        return _ready(self.bot_data.drafts, "draft store")

    @property
    def conversation(self) -> Conversation:
        return _ready(self.bot_data.conversation, "conversation")

    @property
    def person(self) -> str:
        """The channel-qualified id of the update's user."""
        assert self.telegram_user is not None, "only updates with a user have a person"
        return telegram(self.telegram_user)

    @property
    def database(self) -> DatabaseExecutor:
        return _ready(self.bot_data.database, "database executor")

    @property
    def lang(self) -> str:
        """The language the user chose, else their Telegram language, else the bot's default."""
        return self.admission.chosen or self.hint

    @property
    def hint(self) -> str:
        """The user's Telegram language (else the bot's default): a hint where a question's
        own language is unclear."""
        return from_code(self.telegram_lang, self.settings.default_lang)


def _ready(value: T | None, what: str) -> T:
    if value is None:
        raise RuntimeError(f"the {what} is not ready: handlers run only after post_init")
    return value


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
# ExtBot[int]: the rate limiter's per-call argument is an int (its max_retries).
BotApplication = Application[
    ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], BotData, None
]
