"""Normalising and lemmatising Polish and English text for matching.

Users write "z jakimi miastami kielce sie przyjaznia" as often as "Z jakimi miastami Kielce się
przyjaźnią?", so every comparison happens on *folded* text: Unicode-normalised, lower-case, with
Polish diacritics removed, punctuation and emoji stripped.

Lemmatisation uses simplemma's Polish and English dictionaries. Loading the Polish one takes
seconds and hundreds of megabytes, and it only knows forms spelled with diacritics, so the bot
never loads it while answering: :class:`Lexicon` keeps just the forms whose lemma occurs in the
knowledge base, indexed by their folded spelling, and caches that table on disk.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .languages import LANGUAGES

__all__ = [
    "STOPWORDS",
    "Lexicon",
    "fold",
    "folded",
    "normalise",
    "spelled",
    "tokens",
]

log = logging.getLogger(__name__)

# Longer input is not a question; capping it keeps every answer within milliseconds.
MAX_QUESTION_CHARS = 1000

_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae"})
_WORD = re.compile(r"[^\W_]+")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text[:MAX_QUESTION_CHARS])
    # Nearly every text is printable: str.isprintable() is False for every format, control and
    # separator character (but the space), so such a text has nothing to drop or replace, and
    # the character-by-character pass below is skipped.
    if text.isprintable():
        return text
    # Format characters (zero-width spaces, right-to-left marks) are invisible inside a word and
    # are dropped; control characters and line separators separate words.
    return "".join(
        "" if category == "Cf" else " " if category in ("Cc", "Zl", "Zp") else ch
        for ch in text
        for category in (unicodedata.category(ch),)
    )


def normalise(text: str) -> str:
    """Return ``text`` as comparable words: NFKC, lower case, no controls, marks or punctuation."""
    return " ".join(_WORD.findall(_clean(text).casefold()))


def spelled(text: str) -> list[str]:
    """The words of ``text`` as written (case and diacritics kept), to quote a name back.

    One per word of :func:`tokens` in nearly every text; callers check, since case folding can
    (rarely) change where words break.
    """
    return _WORD.findall(_clean(text))


def fold(text: str) -> str:
    """Remove diacritics: "Węgrzech" -> "wegrzech", "łódź" -> "lodz"."""
    if text.isascii():
        return text  # nothing to translate, decompose or drop
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Matching reads one question several times (its greeting, its small talk, its words, the
# exact phrasing); the last few are remembered. Bounded: at most this many texts of at most
# MAX_QUESTION_CHARS characters each.
FOLDED_CACHE = 256


def folded(text: str) -> str:
    """``fold(normalise(text))``: a question's words as every comparison reads them."""
    # normalise() reads no further than MAX_QUESTION_CHARS, so neither does the cache's key.
    return _folded(text[:MAX_QUESTION_CHARS])


@functools.lru_cache(maxsize=FOLDED_CACHE)
def _folded(text: str) -> str:
    return fold(normalise(text))


def tokens(text: str) -> list[str]:
    """Folded words of ``text``, in order."""
    return fold(normalise(text)).split()


def _stopwords(words: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words.split())


# Function words and politeness formulas carry no meaning for choosing an answer. Folded, so the
# lists stay short; question words that distinguish answers ("kiedy", "when") are kept.
STOPWORDS: Mapping[str, frozenset[str]] = {
    "pl": _stopwords(
        """a aby albo ale ani bo by być był była było były będzie byc czy czyli dla do go i ich
        ja jak jaka jakie jakiej jaki jakim jakimi jako je jego jej jest jestem jeszcze jeśli już
        ktora ktore który która które którym których mi mnie mną może można mu my na nad nam nas
        nie niech niż o od oraz po pod przez przy się sie są ta tak tam te tego tej ten tę to tu
        ty tych tym u w we wie wiesz z za ze że żeby mi mam ma mają ktoś coś cos no ok okej hej
        cześć czesc dzień dobry witam prosze proszę dziękuję dziekuje pozdrawiam chciał chciała
        chciałbym chciałabym chcialbym chcialabym pytanie pytam powiedz powiedzieć
        podać podaj wiedzieć dowiedzieć the ogóle ogole jakiś jakieś
        jakichś jakies coś taki takie takiego tych tym właściwie wlasciwie serio ej no tylko też
        tez teraz tutaj macie masz mamy możecie mozecie możesz mozesz ten tego xd"""
    ),
    "en": _stopwords(
        """a an and are as at be been by can could did do does for from had has have hi hello
        how i if in into is it its me my of on or our please so tell that the their there these
        they this those to us was we were what which will with would you your about any some
        know want like thanks thank hey dear question"""
    ),
}


@dataclass(frozen=True)
class Lexicon:
    """Folded word form -> folded lemma, per language, limited to the knowledge base's lemmas."""

    forms: Mapping[str, Mapping[str, str]]

    def lemma(self, token: str, lang: str) -> str | None:
        """The lemma of a folded ``token`` in ``lang``, or None when the lexicon does not know it."""
        return self.forms[lang].get(token)

    @classmethod
    def load_or_build(cls, words: Mapping[str, Iterable[str]], cache_dir: Path | None) -> Lexicon:
        """Read the cached lexicon for these words, or build (and cache) it from simplemma."""
        vocabulary = _vocabulary(words)
        path = cache_dir / _cache_name(vocabulary) if cache_dir else None
        if path and path.exists():
            try:
                return cls(forms=json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError) as exc:
                log.warning("ignoring unreadable lexicon cache %s: %s", path, exc)
        lexicon = cls.build(vocabulary)
        if path:
            _write_atomically(path, json.dumps(lexicon.forms, ensure_ascii=False))
        return lexicon

    @staticmethod
    def cache_file(words: Mapping[str, Iterable[str]], cache_dir: Path) -> Path:
        """Where :meth:`load_or_build` keeps the lexicon of these words in ``cache_dir``."""
        return cache_dir / _cache_name(_vocabulary(words))

    @classmethod
    def build(cls, words: Mapping[str, Iterable[str]]) -> Lexicon:
        """Index every dictionary form whose lemma is the lemma of one of ``words``."""
        # Imported here: only a cold start with changed knowledge pays for simplemma's dictionaries.
        import simplemma
        from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

        log.info("building the lexicon from simplemma's dictionaries (one-off, a few seconds)")
        factory = DEFAULT_DICTIONARY_FACTORY  # the one simplemma.lemmatize uses: loaded once
        forms: dict[str, dict[str, str]] = {}
        for lang in LANGUAGES:
            own: dict[str, str] = {}
            wanted: set[str] = set()
            for word in words[lang]:
                lemma = simplemma.lemmatize(word, lang=lang)
                own[fold(word)] = fold(lemma.casefold())
                wanted.add(lemma)
            table: dict[str, str] = {lemma: lemma for lemma in own.values()}
            # Millions of entries: compare the raw lemma first, fold only the few that match.
            for form, lemma in factory.get_dictionary(lang).items():
                if lemma in wanted:
                    table.setdefault(fold(form.casefold()), fold(lemma.casefold()))
            # The knowledge base's own words keep the lemma simplemma gives them in context-free
            # lookup, so a phrasing and a question spelled alike always agree.
            table.update(own)
            forms[lang] = table
        return cls(forms=forms)


def _vocabulary(words: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    return {lang: sorted({w.casefold() for w in words[lang]}) for lang in LANGUAGES}


def _cache_name(vocabulary: dict[str, list[str]]) -> str:
    """Named after what the lexicon is made of, so that changed words or dictionaries miss."""
    key = hashlib.sha256(
        json.dumps([version("simplemma"), vocabulary], ensure_ascii=False).encode()
    ).hexdigest()[:16]
    return f"lexicon-{key}.json"


def _write_atomically(path: Path, content: str) -> None:
    """Write a cache file so that a concurrent reader sees the old file or the new, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        # A read-only cache folder only costs the next start-up the same few seconds.
        log.warning("could not cache the lexicon in %s: %s", path.parent, exc)
