"""The assistant: knowledge, registry and matcher together, answering one question at a time.

Channels (the console, ``ask``, Telegram) talk only to :class:`Assistant`. It holds an in-memory
copy of the registry, so answering never waits for the database, and it swaps in new knowledge
only when the new knowledge is valid.
"""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import dataclass, replace

from .answers import Answer, Composer
from .config import Settings
from .intent import Focus, Turn
from .knowledge import KnowledgeBase, load_knowledge
from .matching import Match, Matcher
from .registry.database import RegistryDatabase
from .registry.files import load_registry_files
from .registry.snapshot import RegistryData
from .text import Lexicon

__all__ = ["Assistant", "Brain", "seed_data", "start_assistant"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Brain:
    """One consistent generation of knowledge: swapped whole, never half-updated."""

    knowledge: KnowledgeBase
    registry: RegistryData  # the registry as read into memory
    matcher: Matcher
    composer: Composer

    @classmethod
    def build(cls, knowledge: KnowledgeBase, registry: RegistryData, settings: Settings) -> Brain:
        lexicon = Lexicon.load_or_build(knowledge.words(), settings.cache_dir)
        matcher = Matcher(knowledge, registry, lexicon)
        return cls(knowledge, registry, matcher, Composer(knowledge, registry))


class Assistant:
    """Answers questions; safe to share between concurrent tasks (it never mutates in place)."""

    def __init__(self, brain: Brain, settings: Settings) -> None:
        self.brain = brain
        self.settings = settings

    def match(
        self, question: str, lang: str | None = None, *, context: Turn | None = None
    ) -> Match:
        return self.brain.matcher.match(question, lang, context)

    def ask(
        self,
        question: str,
        lang: str | None = None,
        *,
        context: Turn | None = None,
        chosen: str | None = None,
    ) -> Answer:
        """Answer ``question``; ``lang`` is the user's language, a hint when the text is unclear."""
        return self.consider(question, lang, context=context, chosen=chosen)[1]

    def consider(
        self,
        question: str,
        lang: str | None = None,
        *,
        context: Turn | None = None,
        chosen: str | None = None,
    ) -> tuple[Match, Answer]:
        """The match of ``question`` and its answer.

        ``context`` is the chat's previous turn, against which a follow-up ("a od kiedy?") is
        read. ``chosen`` is the language the person chose: it wins over the language the
        question is written in (which ``lang``, a mere hint, does not).
        """
        brain = self.brain
        match = brain.matcher.match(question, lang, context)
        if chosen is not None and match.lang != chosen:
            match = replace(match, lang=chosen)
        return match, brain.composer.compose(match)

    def open(
        self,
        entry_id: str,
        lang: str,
        *,
        city: str | None = None,
        country: str | None = None,
        focus: Focus = "overview",
        year: int | None = None,
    ) -> Answer:
        """The answer of one entry, as a button or a command asks for it."""
        return self.brain.composer.open(
            entry_id, lang, city=city, country=country, focus=focus, year=year
        )

    def reload_knowledge(self) -> None:
        """Load the knowledge folder again; on any problem raise and keep the current knowledge."""
        knowledge = load_knowledge(self.settings.knowledge_dir)
        self.brain = Brain.build(knowledge, self.brain.registry, self.settings)
        log.info("knowledge reloaded: %d entries", len(knowledge.entries))

    def reload_registry(self, registry: RegistryData) -> None:
        self.brain = Brain.build(self.brain.knowledge, registry, self.settings)


def start_assistant(settings: Settings) -> tuple[Assistant, RegistryDatabase]:
    """Load and validate the knowledge, create and seed the registry on first run, build the brain.

    Raises :class:`KnowledgeError` or :class:`RegistryError` with a message that says what to fix.
    """
    started = time.perf_counter()
    knowledge = load_knowledge(settings.knowledge_dir)
    database = RegistryDatabase(settings.database_url)
    try:
        if database.ensure_seeded(lambda: seed_data(knowledge)):
            log.info("registry created and seeded from %s", settings.knowledge_dir / "registry")
        data = database.load()
    except BaseException:
        database.close()
        raise
    assistant = Assistant(Brain.build(knowledge, data, settings), settings)
    # The knowledge, lexicon and registry live as long as the process: out of the collector's
    # scans, a full collection no longer walks them (it took 15-23 ms, an answer's whole p99
    # at 500 requests a second; docs/performance.md).
    gc.freeze()
    log.info(
        "ready in %.2f s: %d entries, %d cities",
        time.perf_counter() - started,
        len(knowledge.entries),
        len(data.cities),
    )
    return assistant, database


def seed_data(knowledge: KnowledgeBase) -> RegistryData:
    """The registry as the YAML seed files describe it (validated)."""
    return load_registry_files(knowledge.folder / "registry", knowledge.sources)
