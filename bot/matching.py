"""The matching engine: a question becomes an answer, up to three suggestions, or a decline.

It knows nothing of Telegram or the database. A question is folded and lemmatised (see
:mod:`bot.text`), partner cities and countries are recognised in any inflected form and replaced
by the placeholders the knowledge base's phrasings use (``{city}``, ``{country}``), abbreviations
and synonyms are rewritten to one term, and each candidate entry is scored 0-100 from two
signals: IDF-weighted overlap of lemmas with its phrasings, and rapidfuzz's token ratio, which
forgives what lemmatisation misses.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from .knowledge import Entry, KnowledgeBase
from .registry.records import RegistryData
from .text import LANGUAGES, STOPWORDS, Lexicon, fold, normalise

__all__ = ["Candidate", "Entities", "Match", "Matcher", "Outcome", "Thresholds"]

Outcome = Literal["answer", "suggest", "decline"]

CITY, COUNTRY = "@city", "@country"
_PLACEHOLDER = re.compile(r"\{(city|country)\}")
# Kielce is in nearly every question and names no particular answer; it is recognised (so that
# "partners of Radom" can be told from "partners of Kielce") and then dropped.
KIELCE_FORMS = frozenset(
    "kielce kielc kielcach kielcami kielcom kielecki kielecka kieleckie kieleckiego kieleckiej "
    "kieleckim kielczanie kielczan kielczanin kielczanka kielcow kielcu kielcy".split()
)
_ALL_STOPWORDS = STOPWORDS["pl"] | STOPWORDS["en"]
# The longest multi-word name the registry or the synonyms use, in words.
_MAX_NGRAM = 4


@dataclass(frozen=True)
class Thresholds:
    """Score limits (0-100) that decide between answering, suggesting and declining."""

    answer: float = 60.0
    # Below ``confident``, the best entry must lead the next one by ``margin`` to be answered.
    confident: float = 80.0
    margin: float = 6.0
    suggest: float = 40.0


@dataclass(frozen=True)
class Entities:
    """What the question names besides ordinary words."""

    cities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kielce: bool = False
    other_places: tuple[str, ...] = ()
    other_topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    score: float


@dataclass(frozen=True)
class Match:
    """The engine's verdict on one question."""

    outcome: Outcome
    lang: str
    score: int
    candidates: tuple[Candidate, ...]
    entities: Entities
    reason: str
    terms: tuple[str, ...] = field(default=(), compare=False)

    @property
    def entry(self) -> Entry | None:
        return self.candidates[0].entry if self.outcome == "answer" else None


@dataclass(frozen=True)
class _Phrasing:
    terms: tuple[str, ...]
    text: str
    weight: float


class Matcher:
    """Scores questions against a knowledge base; build once, then call :meth:`match` freely."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        registry: RegistryData,
        lexicon: Lexicon,
        thresholds: Thresholds | None = None,
        *,
        lemmatise: bool = True,
        synonyms: bool = True,
    ) -> None:
        self.knowledge = knowledge
        self.lexicon = lexicon
        self.thresholds = thresholds or Thresholds()
        self._lemmatise = lemmatise
        self._entities = _entity_forms(registry)
        self._max_ngram = max((len(k) for k in self._entities), default=1)
        self._fuzzy_entities = {" ".join(k): v for k, v in self._entities.items() if len(k[0]) >= 5}
        self._other_places = frozenset(fold(normalise(p)) for p in knowledge.other_places)
        self._synonyms: dict[tuple[str, ...], str] = {}
        if synonyms:
            for synonym in knowledge.synonyms:
                term = self._lemmas(fold(normalise(synonym.term)).split(), None)
                for variant in synonym.variants:
                    key = tuple(self._lemmas(fold(normalise(variant)).split(), None))
                    if key:
                        self._synonyms[key] = " ".join(term)
        self._synonym_span = max((len(k) for k in self._synonyms), default=1)
        self._other_topics = frozenset(
            " ".join(self._terms(fold(normalise(t)).split(), None)) for t in knowledge.other_topics
        )
        self._build_index()

    # Building ------------------------------------------------------------------------------

    def _build_index(self) -> None:
        self._phrasing_tokens: set[str] = set()
        phrasings: dict[str, list[tuple[str, ...]]] = {}
        vocabulary: dict[str, set[str]] = {}
        for entry in self.knowledge.entries.values():
            term_lists = []
            for lang in LANGUAGES:
                for question in entry.questions[lang]:
                    term_lists.append(tuple(self._analyse_phrasing(question, lang)))
                for keyword in entry.keywords.get(lang, ()):
                    term_lists.append(tuple(self._analyse_phrasing(keyword, lang)))
            term_lists = [t for t in term_lists if t]
            phrasings[entry.id] = term_lists
            vocabulary[entry.id] = {t for terms in term_lists for t in terms}
        count = len(vocabulary) or 1
        document_frequency: dict[str, int] = defaultdict(int)
        for words in vocabulary.values():
            for word in words:
                document_frequency[word] += 1
        self._idf = {w: math.log(1 + count / df) for w, df in document_frequency.items()}
        # A word no entry uses weighs like the rarest known word: it is what the question is
        # about, and no entry explains it.
        self._unknown_weight = math.log(1 + count)
        self._vocabulary = vocabulary
        self._phrasings = {
            entry_id: [
                _Phrasing(terms, " ".join(terms), sum(self._idf[t] for t in set(terms)))
                for terms in term_lists
            ]
            for entry_id, term_lists in phrasings.items()
        }
        self._index: dict[str, list[str]] = defaultdict(list)
        for entry_id, words in vocabulary.items():
            for word in words:
                self._index[word].append(entry_id)
        # Typos are corrected towards the spellings the phrasings use (and the lemmas): a few
        # thousand strings, so one unknown word costs microseconds, not a dictionary scan.
        surface = {
            form: lemma
            for lang in LANGUAGES
            for form, lemma in self.lexicon.forms[lang].items()
            if lemma in document_frequency and form in self._phrasing_tokens
        }
        surface.update({term: term for term in document_frequency if not term.startswith("@")})
        self._surface = {form: lemma for form, lemma in surface.items() if len(form) >= 4}
        self._surface_forms = list(self._surface)
        self._lang_vocabulary = {lang: frozenset(self.lexicon.forms[lang]) for lang in LANGUAGES}

    def _analyse_phrasing(self, text: str, lang: str) -> list[str]:
        text = _PLACEHOLDER.sub(lambda m: f" {m.group(1)}placeholder ", text)
        words = fold(normalise(text)).replace("cityplaceholder", CITY)
        words = words.replace("countryplaceholder", COUNTRY)
        tokens = [w for w in words.split() if w not in KIELCE_FORMS]
        self._phrasing_tokens.update(tokens)
        return self._terms(tokens, lang)

    # Analysing a question --------------------------------------------------------------------

    def _lemmas(self, tokens: Iterable[str], lang: str | None) -> list[str]:
        found = []
        for token in tokens:
            if token in (CITY, COUNTRY) or not self._lemmatise:
                found.append(token)
                continue
            order = (lang, *(x for x in LANGUAGES if x != lang)) if lang else LANGUAGES
            lemma = next((lx for code in order if (lx := self.lexicon.lemma(token, code))), token)
            found.append(lemma)
        return found

    def _terms(self, tokens: Sequence[str], lang: str | None) -> list[str]:
        """Folded tokens -> lemmas without stopwords, with synonyms rewritten."""
        content = [t for t in tokens if t not in _ALL_STOPWORDS]
        lemmas = [t for t in self._lemmas(content, lang) if t not in _ALL_STOPWORDS]
        return self._rewrite_synonyms(lemmas)

    def _rewrite_synonyms(self, lemmas: list[str]) -> list[str]:
        if not self._synonyms:
            return lemmas
        out: list[str] = []
        i = 0
        while i < len(lemmas):
            for span in range(min(self._synonym_span, len(lemmas) - i), 0, -1):
                term = self._synonyms.get(tuple(lemmas[i : i + span]))
                if term is not None:
                    out.extend(term.split())
                    i += span
                    break
            else:
                out.append(lemmas[i])
                i += 1
        return out

    def detect_language(self, tokens: Sequence[str], raw: str, hint: str | None) -> str:
        """pl or en: which language's words the question uses; the user's language breaks ties."""
        score = {lang: 0.0 for lang in LANGUAGES}
        for token in tokens:
            for lang in LANGUAGES:
                if token in STOPWORDS[lang] or token in self._lang_vocabulary[lang]:
                    score[lang] += 1
        if any(ch in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" for ch in raw):
            score["pl"] += 2
        if score["pl"] == score["en"]:
            return hint if hint in LANGUAGES else "pl"
        return "pl" if score["pl"] > score["en"] else "en"

    def _find_entities(self, tokens: list[str]) -> tuple[list[str], Entities]:
        """Replace registry names with placeholders; note Kielce, other places and topics."""
        cities: list[str] = []
        countries: list[str] = []
        others: list[str] = []
        kielce = False
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for span in range(min(self._max_ngram, len(tokens) - i), 0, -1):
                found = self._entities.get(tuple(tokens[i : i + span]))
                if found:
                    kind, ident = found
                    (cities if kind == "city" else countries).append(ident)
                    out.append(CITY if kind == "city" else COUNTRY)
                    i += span
                    break
            else:
                token = tokens[i]
                fuzzy = self._fuzzy_entity(token)
                if token in KIELCE_FORMS:
                    kielce = True
                elif token in self._other_places:
                    others.append(token)
                elif fuzzy:
                    kind, ident = fuzzy
                    (cities if kind == "city" else countries).append(ident)
                    out.append(CITY if kind == "city" else COUNTRY)
                else:
                    out.append(token)
                i += 1
        entities = Entities(
            cities=tuple(dict.fromkeys(cities)),
            countries=tuple(dict.fromkeys(countries)),
            kielce=kielce,
            other_places=tuple(others),
        )
        return out, entities

    def _fuzzy_entity(self, token: str) -> tuple[str, str] | None:
        """A misspelt city or country ("Winica", "Sandvikien"), but never a known word."""
        if len(token) < 5 or token in _ALL_STOPWORDS or token in self._other_places:
            return None
        if any(token in self._lang_vocabulary[lang] for lang in LANGUAGES):
            return None
        best = process.extractOne(
            token, self._fuzzy_entities.keys(), scorer=fuzz.ratio, score_cutoff=86
        )
        return self._fuzzy_entities[best[0]] if best else None

    def _correct_typos(self, terms: list[str]) -> list[str]:
        """Map a word no entry knows to the nearest known form, when it is near enough."""
        corrected = []
        for term in terms:
            if term in self._idf or len(term) < 4 or term.isdigit() or term.startswith("@"):
                corrected.append(term)
                continue
            best = process.extractOne(
                term, self._surface_forms, scorer=fuzz.ratio, score_cutoff=84
            )
            corrected.append(self._surface[best[0]] if best else term)
        return corrected

    def analyse(self, question: str, hint: str | None = None) -> tuple[str, list[str], Entities]:
        """Language, terms and entities of a question."""
        tokens = fold(normalise(question)).split()
        tokens, entities = self._find_entities(tokens)
        lang = self.detect_language(tokens, question, hint)
        terms = self._correct_typos(self._terms(tokens, lang))
        topics = tuple(t for t in self._other_topics if t and _contains(terms, t.split()))
        if topics:
            entities = Entities(
                entities.cities, entities.countries, entities.kielce, entities.other_places, topics
            )
        return lang, terms, entities

    # Scoring ---------------------------------------------------------------------------------

    def _weight(self, term: str) -> float:
        return self._idf.get(term, self._unknown_weight)

    def score(self, terms: Sequence[str], limit: int = 30) -> list[Candidate]:
        """Candidate entries for ``terms``, best first, each scored 0-100."""
        unique = set(terms)
        query_weight = sum(self._weight(t) for t in unique)
        if not query_weight:
            return []
        # Prefilter through the inverted index: only entries sharing a word are scored, best
        # explained first, so cost follows the question, not the size of the knowledge base.
        covered: dict[str, float] = defaultdict(float)
        for term in unique:
            for entry_id in self._index.get(term, ()):
                covered[entry_id] += self._idf[term]
        shortlist = sorted(covered, key=covered.__getitem__, reverse=True)[:limit]
        text = " ".join(terms)
        candidates = []
        for entry_id in shortlist:
            coverage = covered[entry_id] / query_weight
            best = 0.0
            for phrasing in self._phrasings[entry_id]:
                shared = sum(self._idf[t] for t in unique.intersection(phrasing.terms))
                if not shared:
                    continue
                recall, precision = shared / query_weight, shared / phrasing.weight
                overlap = 2 * recall * precision / (recall + precision)
                ratio = fuzz.token_sort_ratio(text, phrasing.text) / 100
                best = max(best, 0.7 * overlap + 0.3 * ratio)
            score = 100 * (0.65 * best + 0.35 * coverage)
            candidates.append(Candidate(self.knowledge.entries[entry_id], score))
        candidates.sort(key=lambda c: c.score, reverse=True)
        return candidates

    def match(self, question: str, hint: str | None = None) -> Match:
        """Decide how to answer ``question``; ``hint`` is the user's language, if known."""
        lang, terms, entities = self.analyse(question, hint)

        def verdict(outcome: Outcome, reason: str, found: Sequence[Candidate] = ()) -> Match:
            score = round(found[0].score) if found else 0
            return Match(outcome, lang, score, tuple(found[:3]), entities, reason, tuple(terms))

        if not terms and not (entities.cities or entities.countries or entities.kielce):
            return verdict("decline", "empty" if not entities.other_places else "other-place")
        if entities.other_topics:
            return verdict("decline", "other-topic")
        if entities.other_places and not (entities.kielce or entities.cities or entities.countries):
            return verdict("decline", "other-place")
        if entities.kielce and not terms and not (entities.cities or entities.countries):
            return verdict("decline", "too-vague")
        candidates = self.score(terms)
        limits = self.thresholds
        if not candidates or candidates[0].score < limits.suggest:
            return verdict("decline", "low-score", candidates)
        best = candidates[0].score
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        if best >= limits.confident or (best >= limits.answer and best - runner_up >= limits.margin):
            return verdict("answer", "match", candidates)
        close = [c for c in candidates if c.score >= max(limits.suggest, best - 15)]
        return verdict("suggest", "close" if best >= limits.answer else "middling", close)


def _contains(terms: Sequence[str], phrase: Sequence[str]) -> bool:
    span = len(phrase)
    return any(list(terms[i : i + span]) == list(phrase) for i in range(len(terms) - span + 1))


def _entity_forms(registry: RegistryData) -> Mapping[tuple[str, ...], tuple[str, str]]:
    """Folded word sequences naming a city or a country -> ("city"|"country", id)."""
    forms: dict[tuple[str, ...], tuple[str, str]] = {}
    for country in registry.countries.values():
        for form in (*country.forms, country.name.pl, country.name.en):
            key = tuple(fold(normalise(form)).split())
            if key:
                forms.setdefault(key, ("country", country.code))
    # Cities after countries: a city name that is also a country form names the city.
    for city in registry.cities.values():
        for form in (*city.forms, city.name_pl, city.name_en, city.name_native):
            key = tuple(fold(normalise(form)).split())
            if key and key != ("kielce",):
                forms[key] = ("city", city.id)
    return forms
