"""Loading and validating the YAML knowledge base (``knowledge/``).

Validation collects every problem (bad YAML, a missing language, a duplicate id, an unknown
related id, source or view) with its file and line, so staff fix a file in one pass.

An entry's ``view`` must be one of :data:`bot.views.VIEWS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import KnowledgeError, Problem
from .intent import Focus
from .languages import LANGUAGES, Bilingual
from .provenance import Source
from .registry.kinds import SOURCE
from .required import required_problems, required_source_problems
from .validation import Checker
from .views import STATIC_FOCUSES, VIEWS, View
from .yamlfile import read_yaml, size_problem

__all__ = [
    "MAX_KNOWLEDGE_BYTES",
    "MIN_QUESTIONS",
    "Entry",
    "KnowledgeBase",
    "Synonym",
    "load_knowledge",
    "load_sources",
]

MIN_QUESTIONS = 6
PLACEHOLDERS = ("{city}", "{country}")
# Every YAML file of the knowledge folder together (the registry's included); see
# bot/yamlfile.py's MAX_FILE_BYTES for one file. Today's folder is about 0.2 MB.
MAX_KNOWLEDGE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One question-and-answer entry."""

    id: str
    topic: str
    title: Bilingual
    questions: Mapping[str, tuple[str, ...]]
    keywords: Mapping[str, tuple[str, ...]]
    answer: Bilingual | None
    source: str | None
    view: View | None
    related: tuple[str, ...]
    file: Path
    line: int | None

    @property
    def needs(self) -> str | None:
        """The entity kind ("city", "country") a view needs, if any."""
        return self.view.needs if self.view else None

    @property
    def focuses(self) -> frozenset[Focus]:
        """The focuses the entry answers; any other is read as a general question."""
        return self.view.focuses if self.view else STATIC_FOCUSES


@dataclass(frozen=True)
class Synonym:
    term: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything under ``knowledge/`` except the registry's seed files."""

    folder: Path
    entries: Mapping[str, Entry]
    sources: Mapping[str, Source]
    synonyms: tuple[Synonym, ...]
    other_places: tuple[str, ...]
    other_topics: tuple[str, ...]
    # Places that are no partner of Kielce and no reason to decline ("Lwów": the Polish consulate
    # there is part of Kielce's story); named alone, they get a no.
    named_places: tuple[str, ...] = ()

    def words(self) -> dict[str, list[str]]:
        """Every word the matcher must know, per language: the lexicon is built from these."""
        from .text import normalise

        words: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        shared = [v for s in self.synonyms for v in (s.term, *s.variants)]
        shared += [*self.other_topics]
        for lang in LANGUAGES:
            texts = [*shared]
            for entry in self.entries.values():
                texts += [
                    *entry.questions[lang],
                    *entry.keywords.get(lang, ()),
                    entry.title.get(lang),
                ]
            for text in texts:
                for placeholder in PLACEHOLDERS:
                    text = text.replace(placeholder, " ")
                words[lang].extend(normalise(text).split())
        return words


def load_knowledge(folder: Path) -> KnowledgeBase:
    """Read and validate ``folder``; raise :class:`KnowledgeError` listing every problem."""
    problems: list[Problem] = []
    if not folder.is_dir():
        raise KnowledgeError([Problem(folder, None, "the knowledge folder does not exist")])
    total = sum(path.stat().st_size for path in folder.rglob("*.yaml") if path.is_file())
    too_large = size_problem(folder, total, MAX_KNOWLEDGE_BYTES, "knowledge folder's YAML")
    if too_large:
        raise KnowledgeError([too_large])
    sources = load_sources(folder / "sources.yaml", problems)
    synonyms = _load_synonyms(folder / "synonyms.yaml", problems)
    other_places, other_topics, named_places = _load_out_of_scope(
        folder / "out_of_scope.yaml", problems
    )
    entries = _load_entries(sorted((folder / "entries").glob("*.yaml")), sources, problems)
    if not entries and not problems:
        problems.append(Problem(folder / "entries", None, "no entries (*.yaml) found"))
    elif entries:
        problems += required_problems(entries, folder / "entries")
    if sources:
        problems += required_source_problems(sources, folder / "sources.yaml")
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        folder, entries, sources, synonyms, other_places, other_topics, named_places
    )


def _document(path: Path, problems: list[Problem]) -> tuple[Checker, Any] | None:
    if not path.exists():
        problems.append(Problem(path, None, "the file is missing"))
        return None
    document, problem = read_yaml(path)
    if problem:
        problems.append(problem)
        return None
    return Checker(path, problems), document


def load_sources(path: Path, problems: list[Problem]) -> dict[str, Source]:
    """Read ``sources.yaml``, adding what is wrong with it to ``problems``."""
    loaded = _document(path, problems)
    if loaded is None:
        return {}
    check, document = loaded
    sources: dict[str, Source] = {}
    for node in check.items(document, "sources"):
        source = SOURCE.read(check, node, {})
        if source is not None and source.id in sources:
            check.problem(node, f"duplicate source id {source.id!r}")
        elif source is not None:
            sources[source.id] = source
    return sources


def _load_synonyms(path: Path, problems: list[Problem]) -> tuple[Synonym, ...]:
    loaded = _document(path, problems)
    if loaded is None:
        return ()
    check, document = loaded
    found = []
    for node in check.items(document, "synonyms"):
        term = check.string(node, "term")
        variants = check.word_list(node, "variants", required=True)
        if term and variants:
            found.append(Synonym(term, tuple(variants)))
    return tuple(found)


def _load_out_of_scope(path: Path, problems: list[Problem]) -> tuple[tuple[str, ...], ...]:
    loaded = _document(path, problems)
    if loaded is None:
        return (), (), ()
    check, document = loaded
    node = check.mapping(document, "the file", None)
    if node is None:
        return (), (), ()
    return (
        tuple(check.word_list(node, "other_places")),
        tuple(check.word_list(node, "topics")),
        tuple(check.word_list(node, "named_places")),
    )


def _load_entries(
    paths: list[Path], sources: Mapping[str, Source], problems: list[Problem]
) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    where: dict[str, tuple[Checker, dict[str, Any]]] = {}
    for path in paths:
        loaded = _document(path, problems)
        if loaded is None:
            continue
        check, document = loaded
        for node in check.items(document, "entries"):
            entry = _entry(check, node, sources)
            if entry is None:
                continue
            if entry.id in entries:
                first = entries[entry.id]
                check.problem(
                    node, f"duplicate id {entry.id!r} (first at {first.file}:{first.line})"
                )
                continue
            entries[entry.id] = entry
            where[entry.id] = (check, node)
    for ident, entry in entries.items():
        check, node = where[ident]
        for related in entry.related:
            if related not in entries:
                check.problem(
                    node, f"entry {ident!r}: 'related' names an unknown entry {related!r}"
                )
    return entries


def _entry(check: Checker, node: dict[str, Any], sources: Mapping[str, Source]) -> Entry | None:
    ident = check.identifier(node)
    label = f"entry {ident!r}: " if ident else ""
    topic = check.string(node, "topic")
    title = check.bilingual(node, "title")
    questions = _per_language(check, node, "questions", label, minimum=MIN_QUESTIONS)
    keywords = _per_language(check, node, "keywords", label, minimum=0)
    view = check.string(node, "view", required=False)
    answer = check.bilingual(node, "answer", required=False)
    source = None
    if view is not None:
        if view not in VIEWS:
            check.problem(
                node, f"{label}unknown registry view {view!r}; known: {', '.join(VIEWS)}"
            )
        if answer is not None or node.get("source") is not None:
            check.problem(node, f"{label}an entry has either 'view' or 'answer' and 'source'")
    elif answer is None:
        check.problem(node, f"{label}needs 'answer' (with 'pl' and 'en') or 'view'")
    else:
        source = check.reference(node, "source", sources, "source")
    related = tuple(check.word_list(node, "related"))
    if not (ident and topic and title and questions) or (view is None and not source):
        return None
    if view is not None and view not in VIEWS:
        return None
    return Entry(
        id=ident,
        topic=topic,
        title=title,
        questions=questions,
        keywords=keywords or {lang: () for lang in LANGUAGES},
        answer=answer,
        source=source,
        view=VIEWS[view] if view is not None else None,
        related=related,
        file=check.path,
        line=node.line if hasattr(node, "line") else None,
    )


def _per_language(
    check: Checker, node: dict[str, Any], key: str, label: str, *, minimum: int
) -> dict[str, tuple[str, ...]] | None:
    value = node.get(key)
    if value is None and minimum == 0:
        return None
    texts = check.mapping(value, f"{label}'{key}' (with 'pl' and 'en')", node)
    if texts is None:
        return None
    found: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        items = check.word_list(texts, lang, required=minimum > 0)
        if len(items) < minimum:
            check.problem(
                texts, f"{label}'{key}' needs at least {minimum} in '{lang}', has {len(items)}"
            )
            return None
        found[lang] = tuple(items)
    return found
