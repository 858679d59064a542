"""The matching engine: a question becomes an answer, up to three suggestions, or a decline.

It knows nothing of Telegram or the database. A question is folded and lemmatised (see
:mod:`bot.text`), partner cities and countries are recognised in any inflected form and replaced
by the placeholders the knowledge base's phrasings use (``{city}``, ``{country}``), abbreviations
and synonyms are rewritten to one term, and each candidate entry is scored 0-100 from two
signals: IDF-weighted overlap of lemmas with its phrasings, and rapidfuzz's token ratio, which
forgives what lemmatisation misses.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from rapidfuzz import fuzz, process

from . import cues
from .intent import CITY_FOCUSES, CONTACT_FOCUSES, Focus, SmallTalk, Turn
from .knowledge import Entry, KnowledgeBase
from .languages import LANGUAGES, tie_break
from .registry.snapshot import RegistryData
from .required import PARTNERSHIP_EVENTS
from .text import MAX_QUESTION_CHARS, STOPWORDS, Lexicon, fold, folded, normalise, spelled
from .views import View

__all__ = ["Candidate", "Entities", "Match", "Matcher", "Outcome", "Thresholds"]

# How many words each matcher remembers the fuzzy lookups of (see Matcher.__init__).
WORD_CACHE = 4096

Outcome = Literal["answer", "suggest", "decline"]

CITY, COUNTRY = "@city", "@country"
_PLACEHOLDER = re.compile(r"\{(city|country)\}")
# Kielce is in nearly every question and names no particular answer; it is recognised (so that
# "partners of Radom" can be told from "partners of Kielce") and then dropped.
KIELCE_FORMS = frozenset(
    [
        "kielce",
        "kielc",
        "kielcach",
        "kielcami",
        "kielcom",
        "kielecki",
        "kielecka",
        "kieleckie",
        "kieleckiego",
        "kieleckiej",
        "kieleckim",
        "kielczanie",
        "kielczan",
        "kielczanin",
        "kielczanka",
        "kielcow",
        "kielcu",
        "kielcy",
    ]
)
_ALL_STOPWORDS = STOPWORDS["pl"] | STOPWORDS["en"]
# Verbs so common that they say nothing about the answer ("jak się masz" -> "mieć").
_STOP_LEMMAS = _ALL_STOPWORDS | frozenset(
    ["miec", "byc", "moc", "chciec", "wiedziec", "zostac", "robic", "musiec", "sie", "get", "make"]
)
# Question words separate "when" from "who" questions but alone are no evidence of a topic.
_QUESTION_WORDS = frozenset(
    [
        "co",
        "kto",
        "kiedy",
        "gdzie",
        "ile",
        "jaki",
        "dlaczego",
        "czemu",
        "czy",
        "jak",
        "what",
        "who",
        "when",
        "where",
        "why",
        "how",
        "which",
    ]
)
# Lemmas of one root ("partnerstwo", "partnerski", "partner") share a stem: the first seven
# letters. Long enough to keep "konsul" apart from "konsultacje".
_STEM = 7


def _stem(term: str) -> str:
    return term if term.startswith("@") else term[:_STEM]


_MARKS = {
    "city": cues.CITY_MARK,
    "country": cues.COUNTRY_MARK,
    "other": cues.PLACE_MARK,
    "kielce": "kielce",
}


@dataclass(frozen=True)
class _Marked:
    """A question's folded words with names marked, and each one's spelling as written."""

    words: tuple[str, ...]
    written: tuple[str, ...]


_CONTACT_ENTRIES = frozenset(["office-contact", "content-responsibility"])


def _fit(focus: Focus | None, entry: Entry, entities: Entities) -> Focus:
    """The focus ``entry`` answers for a question that asks ``focus``."""
    if focus in entry.focuses:
        return focus
    if entry.view is View.CITY_CARD and focus in CONTACT_FOCUSES:
        return "unanswerable"
    if entry.view is View.CITIES_BY_COUNTRY:
        return "cities_of_country"
    return "overview"


@dataclass(frozen=True)
class Thresholds:
    """Score limits (0-100) that decide between answering, suggesting and declining."""

    answer: float = 45.0
    # Below ``confident``, the best entry must lead the next one by ``margin`` to be answered.
    confident: float = 70.0
    margin: float = 3.0
    suggest: float = 40.0
    # The least weight of words a question must share with an entry, as a share of the
    # rarest word's weight: "help" alone is enough, "what" alone is not.
    evidence: float = 0.6
    # How the score is made (see Matcher.score). Tuned by coordinate descent on the development
    # set (tests/data/), then checked on the held-out set (eval/), which tuning never sees.
    overlap: float = 0.7
    phrasing: float = 0.7
    coverage_power: float = 0.25
    unknown_short: float = 1.3
    unknown_long: float = 0.05
    entity_bonus: float = 20.0
    missing_entity: float = 0.5
    long_beta2: float = 0.05
    # The score kept when nothing but a city or country name is explained ("capital of France").
    entity_only: float = 0.35


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
    # What the question asks of the entry (see bot.intent): the composer answers that first.
    focus: Focus = "overview"
    year: int | None = None  # "what happened in 2005?"
    # "When was the agreement signed?": a "when" answered with the agreements' dates, not with
    # the first contact's (Vinnytsia: contacts since 1958, the first agreement in 1974).
    agreement: bool = False
    place: str | None = None  # a place named that the registry does not know ("Lwów")
    small_talk: SmallTalk | None = None

    @property
    def entry(self) -> Entry | None:
        """The entry answered; None for suggestions, declines and small talk."""
        if self.outcome != "answer" or not self.candidates:
            return None
        return self.candidates[0].entry


@dataclass(frozen=True, slots=True)
class _Phrasing:
    terms: tuple[str, ...]
    # Its words sorted: fuzz.ratio of two sorted texts is token_sort_ratio, without sorting
    # the same phrasing again for every question.
    sorted_text: str
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
        self._registry = registry
        self._entities = _entity_forms(registry)
        for place in knowledge.other_places:
            self._entities.setdefault(tuple(fold(normalise(place)).split()), ("other", place))
        for place in knowledge.named_places:
            self._entities.setdefault(tuple(fold(normalise(place)).split()), ("named", place))
        for form in KIELCE_FORMS:
            self._entities[(form,)] = ("kielce", "kielce")
        self._city_country = {c.id: c.country for c in registry.cities.values()}
        # The longest name starting with each word: most words start none, and are looked up
        # once, not once for every length a name can have.
        self._entity_span = _longest_from(self._entities)
        self._fuzzy_entities = {
            " ".join(k): v
            for k, v in self._entities.items()
            if v[0] in ("city", "country") and len(k[0]) >= 5
        }
        # "kielse", "kilece": Kielce misspelt is still Kielce, not an unknown word.
        self._fuzzy_entities["kielce"] = ("kielce", "kielce")
        self._synonyms: dict[tuple[str, ...], str] = {}
        if synonyms:
            # Keys are built per language, the way a question in that language is analysed,
            # so "Ministry of Foreign Affairs" is read as English words, not Polish ones.
            for synonym in knowledge.synonyms:
                for lang in LANGUAGES:
                    term = self._content(fold(normalise(synonym.term)).split(), lang)
                    for variant in synonym.variants:
                        key = tuple(self._content(fold(normalise(variant)).split(), lang))
                        if key and term:
                            self._synonyms.setdefault(key, " ".join(term))
        self._synonym_from = _longest_from(self._synonyms)
        self._other_topics = frozenset(
            tuple(self._terms(fold(normalise(topic)).split(), lang))
            for topic in knowledge.other_topics
            for lang in LANGUAGES
        ) - {()}
        self._topic_words = frozenset(t[0] for t in self._other_topics if len(t) == 1)
        self._topic_phrases = tuple(t for t in self._other_topics if len(t) > 1)
        self._build_index()
        # Questions made only of common words ("what can you do?") leave no terms to score;
        # a question written exactly like one of the knowledge base's phrasings still matches.
        exact: dict[str, set[str]] = defaultdict(set)
        for entry in knowledge.entries.values():
            for lang in LANGUAGES:
                for phrasing in entry.questions[lang]:
                    if not _PLACEHOLDER.search(phrasing):
                        exact[fold(normalise(phrasing))].add(entry.id)
        self._exact = {text: ids.pop() for text, ids in exact.items() if len(ids) == 1}
        # Whether a word is a misspelt name, and which spelling a typo stands for, depend on
        # the word alone (and on what was built above), and words recur from question to
        # question: each matcher remembers the last WORD_CACHE words of each (a reloaded
        # knowledge base builds a new matcher, which starts afresh).
        self._fuzzy_entity_of = functools.lru_cache(maxsize=WORD_CACHE)(self._fuzzy_entity)
        self._typo_of = functools.lru_cache(maxsize=WORD_CACHE)(self._correct_typo)

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
            # An entry answered from the registry also knows the registry's words: "Xu Jian",
            # "kongres robotów" or "uchwała" find the view whose records mention them.
            for lang, text in _view_documents(self._registry, entry.view):
                vocabulary[entry.id].update(self._terms(fold(normalise(text)).split(), lang))
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
                _Phrasing(terms, _sorted_text(terms), sum(self._idf[t] for t in set(terms)))
                for terms in term_lists
            ]
            for entry_id, term_lists in phrasings.items()
        }
        # Which of an entry's phrasings use a term: a question shares a word with about one
        # phrasing in seven, and scoring walks only those instead of testing every phrasing.
        self._phrasings_with: dict[str, dict[str, tuple[int, ...]]] = {}
        for entry_id, entry_phrasings in self._phrasings.items():
            with_term: dict[str, list[int]] = defaultdict(list)
            for number, phrasing in enumerate(entry_phrasings):
                for term in dict.fromkeys(phrasing.terms):
                    with_term[term].append(number)
            self._phrasings_with[entry_id] = {t: tuple(n) for t, n in with_term.items()}
        self._index: dict[str, list[str]] = defaultdict(list)
        for entry_id, words in vocabulary.items():
            for word in words:
                self._index[word].append(entry_id)
        # Typos are corrected towards the spellings the phrasings use: a few thousand strings,
        # so one unknown word costs microseconds, not a dictionary scan.
        surface = {}
        for token in self._phrasing_tokens:
            lemma = self._lemmas([token], None)[0]
            if len(token) >= 4 and _stem(lemma) in document_frequency:
                surface[token] = lemma
        # A synonym's one-word variants are spellings too: "sistr" is corrected to "sister",
        # which is then read as "partner".
        for key, term in self._synonyms.items():
            if len(key) == 1 and len(key[0]) >= 4 and _stem(term.split()[0]) in document_frequency:
                surface.setdefault(key[0], key[0])
        self._surface = surface
        # Candidates for a typo share its first letter (people rarely mistype that one) and have
        # a length that can reach the cut-off's ratio: a typo is compared with a few hundred
        # spellings, however large the knowledge base.
        self._surface_by_initial: dict[tuple[str, int], list[str]] = defaultdict(list)
        for form in surface:
            self._surface_by_initial[form[0], len(form)].append(form)
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
        order = (lang, *(x for x in LANGUAGES if x != lang)) if lang else LANGUAGES
        for token in tokens:
            if token in (CITY, COUNTRY) or not self._lemmatise:
                found.append(token)
                continue
            lemma = next((lx for code in order if (lx := self.lexicon.lemma(token, code))), token)
            found.append(lemma)
        return found

    def _content(self, tokens: Sequence[str], lang: str | None) -> list[str]:
        """Folded tokens -> lemmas of the words that carry meaning."""
        content = [t for t in tokens if t not in _ALL_STOPWORDS]
        return [t for t in self._lemmas(content, lang) if t not in _STOP_LEMMAS]

    def _terms(self, tokens: Sequence[str], lang: str | None) -> list[str]:
        """Folded tokens -> the terms that are compared: stemmed lemmas, synonyms rewritten."""
        return [_stem(t) for t in self._rewrite_synonyms(self._content(tokens, lang))]

    def _rewrite_synonyms(self, lemmas: list[str]) -> list[str]:
        if not self._synonyms:
            return lemmas
        out: list[str] = []
        i = 0
        while i < len(lemmas):
            longest = self._synonym_from.get(lemmas[i], 0)
            for span in range(min(longest, len(lemmas) - i), 0, -1):
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
            return tie_break(hint)
        return "pl" if score["pl"] > score["en"] else "en"

    def _find_entities(
        self, tokens: list[str], surface: Sequence[str] = ()
    ) -> tuple[list[str], Entities, _Marked]:
        """Replace registry names with placeholders; note Kielce and other places.

        Also returns the words with every name marked (``cues.CITY_MARK``...) beside their
        spelling as written, for reading what the question asks (:mod:`bot.cues`).
        """
        found: dict[str, list[str]] = defaultdict(list)
        out: list[str] = []
        marked: list[str] = []
        written: list[str] = []
        aligned = len(surface) == len(tokens)
        i = 0
        while i < len(tokens):
            for span in range(min(self._entity_span.get(tokens[i], 1), len(tokens) - i), 0, -1):
                entity = self._entities.get(tuple(tokens[i : i + span]))
                if entity:
                    break
            else:
                span, entity = 1, self._fuzzy_entity_of(tokens[i])
            written.append(" ".join(surface[i : i + span] if aligned else tokens[i : i + span]))
            if entity is None:
                out.append(tokens[i])
                marked.append(tokens[i])
            elif entity[0] == "named":
                # Scored as the words it is ("konsul we Lwowie"); only read as a place.
                out.extend(tokens[i : i + span])
                marked.append(cues.PLACE_MARK)
            else:
                kind, ident = entity
                found[kind].append(ident)
                if kind in ("city", "country"):
                    out.append(CITY if kind == "city" else COUNTRY)
                marked.append(_MARKS[kind])
            i += span
        cities = list(dict.fromkeys(found["city"]))
        # "duński Herning", "Orange, Francja": a city's own country only qualifies the city.
        own = {self._city_country[c] for c in cities}
        countries = [c for c in dict.fromkeys(found["country"]) if c not in own]
        entities = Entities(
            cities=tuple(cities),
            countries=tuple(countries),
            kielce=bool(found["kielce"]),
            other_places=tuple(found["other"]),
        )
        return out, entities, _Marked(tuple(marked), tuple(written))

    def _fuzzy_entity(self, token: str) -> tuple[str, str] | None:
        """A misspelt city or country ("Winica", "Sandvikien"), but never a known word."""
        if len(token) < 5 or token in _ALL_STOPWORDS:
            return None
        if any(token in self._lang_vocabulary[lang] for lang in LANGUAGES):
            return None
        best = process.extractOne(
            token, self._fuzzy_entities.keys(), scorer=fuzz.ratio, score_cutoff=80
        )
        return self._fuzzy_entities[best[0]] if best else None

    def _correct_typo(self, lemma: str) -> str:
        """A word no entry knows, as the nearest spelling the phrasings use, if near enough."""
        if _stem(lemma) in self._idf or len(lemma) < 4 or lemma.isdigit() or lemma[0] == "@":
            return lemma
        # fuzz.ratio >= 84 needs the longer word at most 1.38 times the shorter one.
        size = len(lemma)
        best: tuple[str, float] | None = None
        for length in range(math.ceil(size / 1.38), math.floor(size * 1.38) + 1):
            found = process.extractOne(
                lemma,
                self._surface_by_initial.get((lemma[0], length), ()),
                scorer=fuzz.ratio,
                score_cutoff=best[1] if best else 84,
            )
            if found and (best is None or found[1] > best[1]):
                best = (found[0], found[1])
        return self._surface[best[0]] if best else lemma

    def analyse(self, question: str, hint: str | None = None) -> tuple[str, list[str], Entities]:
        """Language, terms and entities of a question."""
        lang, terms, entities, _ = self._analyse(question, hint)
        return lang, terms, entities

    def _analyse(
        self, question: str, hint: str | None
    ) -> tuple[str, list[str], Entities, _Marked]:
        tokens = folded(question).split()
        tokens, entities, marked = self._find_entities(tokens, spelled(question))
        lang = self.detect_language(tokens, question, hint)
        content = self._content(tokens, lang)
        # Topics are looked for before typo correction, which would turn a word the knowledge
        # base does not know ("szczepionki") into one it does.
        stems = [_stem(t) for t in self._rewrite_synonyms(content)]
        # One-word topics by set lookup; only the few longer ones whose first word the question
        # has are searched for in order (most questions have none of those words).
        present = set(stems)
        topics = tuple(
            " ".join(t)
            for t in (*((s,) for s in self._topic_words.intersection(stems)), *self._topic_phrases)
            if len(t) == 1 or (t[0] in present and _contains(stems, t))
        )
        if topics:
            entities = replace(entities, other_topics=topics)
        corrected = [self._typo_of(lemma) for lemma in content]
        return lang, [_stem(t) for t in self._rewrite_synonyms(corrected)], entities, marked

    # Scoring ---------------------------------------------------------------------------------

    def _weight(self, term: str) -> float:
        if term in _QUESTION_WORDS:
            return min(self._idf.get(term, 1.0), 1.0)
        return self._idf.get(term, self._unknown_weight)

    def score(
        self, terms: Sequence[str], entities: Entities | None = None, limit: int = 30
    ) -> list[Candidate]:
        """Candidate entries for ``terms``, best first, each scored 0-100."""
        unique = set(terms)
        weights = {t: self._weight(t) for t in unique}
        tuning = self.thresholds
        # Unknown words weigh fully in a short question ("stolica Francji" is about a capital,
        # not about France's partner cities) and less in a long message, which says much the
        # bot need not understand.
        length = min(max(len(unique) - 3, 0) / 5, 1.0)
        unknown = tuning.unknown_short + (tuning.unknown_long - tuning.unknown_short) * length
        query_weight = sum(w if t in self._idf else w * unknown for t, w in weights.items())
        if not query_weight:
            return []
        # Prefilter through the inverted index: only entries sharing a word are scored, best
        # explained first, so cost follows the question, not the size of the knowledge base.
        # A word in a large share of the entries picks out nothing; when the question has rarer
        # words, its long posting list is not walked (coverage below still counts it).
        known = [t for t in unique if t in self._index]
        common = max(200, len(self._vocabulary) // 20)
        selective = [t for t in known if len(self._index[t]) <= common] or known
        covered: dict[str, float] = defaultdict(float)
        for term in selective:
            for entry_id in self._index[term]:
                covered[entry_id] += weights[term]
        shortlist = heapq.nlargest(limit, covered, key=covered.__getitem__)
        text = _sorted_text(terms)
        has = {
            CITY: bool(entities and entities.cities),
            COUNTRY: bool(entities and entities.countries),
        }
        candidates = []
        minimum_evidence = tuning.evidence * self._unknown_weight
        beta2 = 1 - (1 - tuning.long_beta2) * length
        # Word order means little in a long message: rapidfuzz's ratio gives way to overlap.
        overlap_weight = tuning.overlap + (1 - tuning.overlap) * length
        ratio_weight = 1 - overlap_weight
        weight_of = weights.__getitem__  # the phrasing loop's sums, without a generator each
        rest = {
            t: w
            for t, w in weights.items()
            if t not in (CITY, COUNTRY) and t not in _QUESTION_WORDS
        }
        rest_weight = sum(rest.values())
        named_entity = CITY in unique or COUNTRY in unique
        keyword_lookup = (
            len(unique) <= 2
            and all(t in self._idf for t in unique)
            and not unique & _QUESTION_WORDS
        )
        for entry_id in shortlist:
            vocabulary = self._vocabulary[entry_id]
            evidence = sum(
                w for t, w in weights.items() if t in vocabulary and t not in _QUESTION_WORDS
            )
            # Too little evidence to answer: a keyword lookup of broad but known words ("umowy",
            # "embassy") is still offered suggestions; a real question ("kto jest prezydentem")
            # or one with unknown words is not.
            weak = evidence < minimum_evidence
            if weak and (not evidence or not keyword_lookup):
                continue
            coverage = min(sum(weights[t] for t in known if t in vocabulary) / query_weight, 1.0)
            best = 0.0
            entry_phrasings = self._phrasings[entry_id]
            with_term = self._phrasings_with[entry_id]
            # Only the phrasings that share a term can score (the best is a max: their order
            # does not matter); each sum is taken as before, over the same set, so the scores
            # stay the same to the last bit.
            sharing = {n for t in unique if t in with_term for n in with_term[t]}
            for number in sharing:
                phrasing = entry_phrasings[number]
                shared = sum(map(weight_of, unique.intersection(phrasing.terms)))
                if not shared:
                    continue
                recall, precision = shared / query_weight, shared / phrasing.weight
                # F-beta: in a long message, finding a whole phrasing inside it (precision)
                # matters more than explaining every word of it (recall).
                overlap = (1 + beta2) * recall * precision / (beta2 * precision + recall)
                # The ratio is at most 1, and rounding is monotonic: when even a ratio of 1
                # cannot beat the best, this phrasing cannot either (the best stays exact).
                part = overlap_weight * overlap
                if part + ratio_weight <= best:
                    continue
                ratio = fuzz.ratio(text, phrasing.sorted_text) / 100
                value = part + ratio_weight * ratio
                if value > best:
                    best = value
            score = 100 * (tuning.phrasing * best + (1 - tuning.phrasing) * coverage)
            score *= coverage**tuning.coverage_power
            if named_entity and rest_weight:
                # A city's name does not make "who is the mayor of Gotha" a question about the
                # partnership: the other words must be explained too.
                explained = sum(w for t, w in rest.items() if t in vocabulary) / rest_weight
                score *= tuning.entity_only + (1 - tuning.entity_only) * explained
            entry = self.knowledge.entries[entry_id]
            # An entry about one city (or country) needs one named: without it, it is a guess;
            # with it, the question is most likely about that city.
            if entry.needs in ("city", "country"):
                named = has[CITY] if entry.needs == "city" else has[COUNTRY]
                score = (
                    min(score + tuning.entity_bonus, 100.0)
                    if named
                    else score * tuning.missing_entity
                )
            if weak:
                # Into the suggestion band, keeping the order: offered, never answered.
                score = tuning.suggest + (tuning.answer - tuning.suggest) * 0.99 * score / 100
            candidates.append(Candidate(entry, score))
        candidates.sort(key=lambda c: c.score, reverse=True)
        return candidates

    def match(
        self,
        question: str,
        hint: str | None = None,
        context: Turn | None = None,
        *,
        now: float | None = None,
    ) -> Match:
        """Decide how to answer ``question``; ``hint`` is the user's language, if known.

        ``context`` is the chat's previous turn: a follow-up ("a od kiedy?", "a z Orange?") is
        read against it; an expired turn (``now`` is ``time.time()`` unless given) or a change
        of subject leaves it unused.
        """
        part = cues.question_part(question)
        if part is not question:
            part = self._keep_the_subject(part, question)
        # "hi! quick question - when did ...": the greeting is not part of the question.
        words = spelled(part)
        skip = cues.preamble(folded(part).split())
        if skip and len(words) == len(folded(part).split()):
            part = " ".join(words[skip:])
        hint = hint or (context.lang if context else None)
        lang, terms, entities, marked = self._analyse(part, hint)
        reading = cues.read(marked.words, marked.written)
        chat = cues.small_talk(folded(part).split())
        if chat is not None and not (entities.cities or entities.countries):
            return Match(
                "answer",
                lang,
                100,
                (),
                entities,
                "small-talk",
                tuple(terms),
                focus="small_talk",
                small_talk=chat,
            )
        own = self._understood(part, lang, terms, entities, reading)
        if context is not None and not context.expired(time.time() if now is None else now):
            follow_up = self._follow_up(own, terms, reading, context)
            if follow_up is not None:
                return follow_up
        return own

    def _keep_the_subject(self, part: str, question: str) -> str:
        """The question sentence of a long message, with the partner city the message is about
        when the sentence itself names none ("... Piszę o Gotha. Od kiedy trwa współpraca?")."""
        _, _, named, _ = self._analyse(part, None)
        if named.cities or named.countries:
            return part
        cities: dict[str, int] = defaultdict(int)
        step = MAX_QUESTION_CHARS
        for start in range(0, len(question), step):
            _, found, _ = self._find_entities(folded(question[start : start + step]).split())
            for city in found.cities:
                cities[city] += 1
        if not cities:
            return part
        city = max(cities, key=cities.__getitem__)
        return f"{part} ({self._registry.cities[city].name_pl})"

    def _understood(
        self,
        question: str,
        lang: str,
        terms: list[str],
        entities: Entities,
        reading: cues.Reading,
    ) -> Match:
        """The entry's verdict, then what the question asks of it."""
        found = self._entry_verdict(question, lang, terms, entities, reading)
        return self._focused(found, reading)

    def _entry_verdict(
        self,
        question: str,
        lang: str,
        terms: list[str],
        entities: Entities,
        reading: cues.Reading,
    ) -> Match:
        def verdict(outcome: Outcome, reason: str, found: Sequence[Candidate] = ()) -> Match:
            score = round(found[0].score) if found else 0
            return Match(outcome, lang, score, tuple(found[:3]), entities, reason, tuple(terms))

        def answer(entry_id: str, reason: str, score: float = 80.0) -> Match:
            return verdict("answer", reason, [Candidate(self.knowledge.entries[entry_id], score)])

        if entities.other_topics:
            return verdict("decline", "other-topic")
        if reading.own_affairs:
            # "Gotha's other twin towns": the partner city's own affairs, not Kielce's.
            return verdict("decline", "other-place")
        # "czy Lwów jest miastem partnerskim?", "Paryż?": any place, known or not, gets a yes
        # or a no from the list of partners; a country from the list of its cities.
        if reading.focus == "is_partner":
            if reading.place_mark == cues.COUNTRY_MARK and entities.countries:
                return answer("cities-by-country", "is-partner")
            if reading.place is not None and (
                reading.place_mark == cues.PLACE_MARK or self._looks_like_a_name(reading.place)
            ):
                return answer("partner-cities", "is-partner")
        if reading.place_mark == cues.CITY_MARK and entities.cities:
            return answer("city-card", "status", 85.0)
        found = self._scored(question, lang, terms, entities, verdict)
        if found.outcome == "decline" and found.reason not in ("low-score", "too-vague"):
            return found
        entry = found.entry.id if found.entry else None
        if reading.unanswerable == "office-holder" and entities.cities:
            return answer("city-card", "unanswerable")
        if (
            reading.unanswerable == "future"
            and entities.cities
            and entry in (None, PARTNERSHIP_EVENTS)
        ):
            # "the next visit from Vinnytsia": what the sources say of that city, and not more.
            return answer("city-card", "unanswerable")
        if reading.unanswerable == "future" and entry is None:
            return answer(PARTNERSHIP_EVENTS, "unanswerable")
        if (
            reading.unanswerable == "cost"
            and entry is None
            and cues.mentions_mission(folded(question))
        ):
            return answer("mission-costs", "unanswerable")
        offered = {c.entry.id for c in found.candidates}
        if (
            reading.focus in CONTACT_FOCUSES
            and entry not in _CONTACT_ENTRIES
            and entry is None
            and (len(terms) <= 3 or (found.outcome == "suggest" and "office-contact" in offered))
        ):
            return answer("office-contact", "contact")
        if reading.focus == "events" and reading.year and reading.asks_events and entry is None:
            return answer(PARTNERSHIP_EVENTS, "events")
        if reading.focus == "count" and entry is None and "partner" in terms:
            return answer("partner-cities", "count")
        if (
            reading.focus in CITY_FOCUSES
            and entities.cities
            and entry is None
            and "city-card" in offered
            and len(set(terms) - {CITY}) <= 3
        ):
            return answer("city-card", "city-focus", 60.0)
        return found

    def _looks_like_a_name(self, place: str) -> bool:
        """A word no entry and no dictionary of the bot knows: "Lwów", "Barcelona", not
        "konsul"."""
        words = folded(place).split()
        return bool(words) and any(
            not any(w in self._lang_vocabulary[lang] for lang in LANGUAGES)
            and w not in _ALL_STOPWORDS
            and _stem(w) not in self._idf
            for w in words
        )

    def _focused(self, found: Match, reading: cues.Reading) -> Match:
        """``found`` with the focus the question's words ask for, as the entry can give it."""
        entry = found.entry
        if entry is None:
            return replace(found, year=reading.year)
        focus = _fit(reading.focus, entry, found.entities)
        place = reading.place if focus == "is_partner" and reading.place else None
        agreement = focus == "when" and reading.asks_agreement
        return replace(found, focus=focus, year=reading.year, place=place, agreement=agreement)

    def _follow_up(
        self, own: Match, terms: list[str], reading: cues.Reading, context: Turn
    ) -> Match | None:
        """``own`` read against the previous turn, or None when it stands on its own."""
        if own.outcome == "decline" and own.reason in ("other-topic", "other-place"):
            return None
        entities = own.entities
        names = bool(entities.cities or entities.countries)
        topical = [t for t in terms if t not in (CITY, COUNTRY) and t not in _QUESTION_WORDS]
        short = len(topical) <= 3 or (reading.follow_up_start and len(topical) <= 4)
        if not short:
            return None
        if context.entry is None or context.entry not in self.knowledge.entries:
            return None
        if (
            not names
            and reading.place is None
            and context.focus in ("is_partner", "status")
            and reading.lone_name
            and self._looks_like_a_name(reading.lone_name)
        ):
            # "czy Paryż ...?" - "a Lwów?": the same yes-or-no of a place no list knows.
            reading = replace(reading, place=reading.lone_name)
        if names or reading.place is not None:
            # "a z Orange?", "a w Niemczech?", "a Lwów?": the same question of another place.
            if own.outcome == "answer" and not reading.follow_up_start and own.focus != "overview":
                return None
            return self._another_place(own, reading, context)
        if reading.focus is None:
            return None
        # "a od kiedy?", "and their phone number?": the same subject, another question.
        if (
            own.entry is not None
            and own.score >= 70
            and own.entry.id != context.entry
            and not reading.follow_up_start
        ):
            return None
        return self._same_subject(own, reading, context)

    def _another_place(self, own: Match, reading: cues.Reading, context: Turn) -> Match | None:
        entities = own.entities
        keep: Focus = context.focus if reading.focus in (None, "status") else reading.focus
        if entities.cities:
            entry_id = "city-card"
            if keep in ("cities_of_country", "count", "is_partner"):
                keep = "status"
        elif entities.countries:
            entry_id = "cities-by-country"
            if keep not in ("is_partner", "count", "cities_of_country"):
                keep = "cities_of_country"
        elif reading.place is not None and self._looks_like_a_name(reading.place):
            entry_id, keep = "partner-cities", "is_partner"
        else:
            return None
        entry = self.knowledge.entries[entry_id]
        focus = _fit(keep, entry, entities)
        return Match(
            "answer",
            own.lang,
            max(own.score, 70),
            (Candidate(entry, max(own.score, 70.0)),),
            entities,
            "follow-up",
            own.terms,
            focus=focus,
            year=reading.year,
            place=reading.place if focus == "is_partner" else None,
            agreement=focus == "when" and reading.asks_agreement,
        )

    def _same_subject(self, own: Match, reading: cues.Reading, context: Turn) -> Match | None:
        focus = reading.focus
        assert focus is not None
        if focus in CONTACT_FOCUSES or (focus == "who" and context.entry in _CONTACT_ENTRIES):
            entry_id = "office-contact" if focus in CONTACT_FOCUSES else context.entry
        else:
            entry_id = context.entry
        assert entry_id is not None
        entry = self.knowledge.entries[entry_id]
        entities = replace(
            own.entities,
            cities=(context.city,) if context.city and entry.needs == "city" else (),
            countries=(context.country,) if context.country else (),
        )
        if entry.needs == "city" and not entities.cities:
            return None
        fitted = _fit(focus, entry, entities)
        return Match(
            "answer",
            own.lang,
            80,
            (Candidate(entry, 80.0),),
            entities,
            "follow-up",
            own.terms,
            focus=fitted,
            year=reading.year,
            place=context.place if fitted == "is_partner" else None,
            agreement=fitted == "when" and reading.asks_agreement,
        )

    def _scored(
        self,
        question: str,
        lang: str,
        terms: list[str],
        entities: Entities,
        verdict: Callable[..., Match],
    ) -> Match:
        """The entry the question's words point to, by score (see :meth:`score`)."""

        exact = self._exact.get(folded(question))
        if exact:
            return verdict("answer", "exact", [Candidate(self.knowledge.entries[exact], 100.0)])
        if not terms and not (entities.cities or entities.countries or entities.kielce):
            return verdict("decline", "empty" if not entities.other_places else "other-place")
        if entities.other_topics:
            return verdict("decline", "other-topic")
        # "ambasada Niemiec w Warszawie": another place, and neither Kielce nor a partner city.
        if entities.other_places and not (entities.kielce or entities.cities):
            return verdict("decline", "other-place")
        if entities.kielce and not terms and not (entities.cities or entities.countries):
            return verdict("decline", "too-vague")
        candidates = self.score(terms, entities)
        limits = self.thresholds
        if not candidates or candidates[0].score < limits.suggest:
            return verdict("decline", "low-score", candidates)
        best = candidates[0].score
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        if best >= limits.confident or (
            best >= limits.answer and best - runner_up >= limits.margin
        ):
            return verdict("answer", "match", candidates)
        close = [c for c in candidates if c.score >= max(limits.suggest, best - 15)]
        return verdict("suggest", "close" if best >= limits.answer else "middling", close)


def _longest_from(keys: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """The first word of each key -> the length of the longest key starting with it."""
    longest: dict[str, int] = {}
    for key in keys:
        if key:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


def _contains(terms: Sequence[str], phrase: Sequence[str]) -> bool:
    span = len(phrase)
    return any(list(terms[i : i + span]) == list(phrase) for i in range(len(terms) - span + 1))


def _entity_forms(registry: RegistryData) -> dict[tuple[str, ...], tuple[str, str]]:
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


def _view_documents(registry: RegistryData, view: View | None) -> Iterable[tuple[str, str]]:
    """(language, text) of the registry records a view shows."""
    for text in view.texts(registry) if view else ():
        yield "pl", text.pl
        yield "en", text.en


def _sorted_text(terms: Sequence[str]) -> str:
    """The words of ``terms`` sorted and joined, as rapidfuzz's token_sort_ratio compares them."""
    return " ".join(sorted(" ".join(terms).split()))
