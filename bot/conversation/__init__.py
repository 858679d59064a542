"""The channel-neutral conversation every channel calls: admit (flood control, the language),
ask (with the chat's follow-up context), open a suggestion or a related entry, vote, log, look up
a named city or country, statistics. It knows nothing of Telegram or HTTP."""

from .core import NOT_VOTABLE, Admission, Conversation, Reply, votable
from .lookups import SHARED_RESULTS, named, shareable_answers
from .parts import ConversationParts, open_conversation, running_conversation
from .people import CHANNELS, channel_of, new_session, telegram, web
from .stats import STATS_DAYS, stats_text
from .targets import Target, examples, target, target_of

__all__ = [
    "CHANNELS",
    "NOT_VOTABLE",
    "SHARED_RESULTS",
    "STATS_DAYS",
    "Admission",
    "Conversation",
    "ConversationParts",
    "Reply",
    "Target",
    "channel_of",
    "examples",
    "named",
    "new_session",
    "open_conversation",
    "running_conversation",
    "shareable_answers",
    "stats_text",
    "target",
    "target_of",
    "telegram",
    "votable",
    "web",
]
