"""Lexical ranking (BM25 over title, abstract and tags), exact name matching and their fusion with dense scores.

Every signal is a matrix of shape (queries, sessions). The hybrid keeps the dense cosine as its base
and only lifts a session when a boost really fires:

* ``name``: the query contains a distinctive word of a speaker's name or organisation (accent- and
  case-insensitive; "Chrupala" finds "Chrupała"). Distinctive = not a word the agenda's titles and
  abstracts use as topic vocabulary, so "data" in "Data Science Institute" never fires.
* ``rare``: the share of the query's rare-word weight (IDF) that a session's title, abstract and tags
  contain. A one-word query such as "Selenium" matches fully; a long paraphrase in the attendee's own
  words rarely has one session holding more than half of it, so below that floor nothing is added and
  it is ranked exactly as the dense model ranks it. Among sessions that do hold the words, BM25
  (title and tags counted twice) orders them.
* ``tagged``: the same share, counted in the session's own tags/keywords field only. Authors choose those
  words to say what the session is *about*; an abstract may mention a term in passing ("secure
  aggregation and differential privacy prevent the attack..."). A tag that holds most of the query's
  rare weight is a second, independent piece of lexical evidence, so it joins by the same noisy-or.

Fusion is a noisy-or on top of the cosine: ``score = dense + (1 - dense) * boost``. A boost of 0 leaves
the dense order untouched, scores stay below 1 and stay readable as "how close".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from helper.settings import METHODS  # noqa: F401 (re-exported: hybrid, dense, bm25; chosen by --method / HELPER_METHOD)
from helper.text import fold

DEFAULT_METHOD = "hybrid"

# Fusion constants. They are shares (of the query's rare-word weight, of the distance between the cosine
# and 1), not scores of any one agenda, so they mean the same on a 50-session meetup and a 2,000-paper venue.
NAME_WEIGHT = 0.9  # a real name match outranks any topical match
RARE_WEIGHT = 0.7  # a session holding every rare word of the query gets most of the way up
RARE_FLOOR = 0.5  # ... and one holding half of the rare weight or less gets nothing (paraphrases stay dense)
BM25_SHARE = 0.5  # among sessions that hold the words, half the lift follows BM25 (title and tag hits first)
# A session whose tags/keywords hold most of the query's rare weight declares that topic: extra lift on top
# of the text's. Evidence, not proof (1.0 would score every fully tagged session 1.0, whatever its cosine);
# every value from 0.2 to 0.9 gives the same metrics on all three label sets (docs/quality.md).
TAG_WEIGHT = 0.5
# Below this best score the page says "nothing close" (hybrid score; picked from the label sets plus
# off-topic queries: no query with a relevant session in its top 3 falls below it, see docs/quality.md)
NOTHING_CLOSE = 0.28
TOPIC_WORD_SHARE = 0.05  # a word in more than this share of titles/abstracts is topic vocabulary, not a name

_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here hers him
    his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while who whom why will with would you your
    yours talk talks session sessions speaker speakers presentation presented given gives present by from someone
    anything something want wants looking like learn learning about i'm im me""".split()
)
# Words of an organisation's or person's name that say nothing about who it is.
_NAME_FILLER = frozenset(
    """of the and for de la le du van der von den di da dr prof mr ms mrs inc llc ltd co corp corporation company
    group university institute college school department dept center centre lab labs laboratory foundation
    association society team jr sr phd""".split()
)


# letters NFKD does not decompose, so fold() keeps them: spelled as people type them without the key
_EXTRA_FOLD = str.maketrans({"ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "đ": "d", "Đ": "D", "ı": "i"})


def words(text: str) -> list[str]:
    """Folded (lower-case, accent-free) word tokens."""
    return _WORD.findall(fold(text.translate(_EXTRA_FOLD)))


def query_terms(text: str) -> list[str]:
    """The words of a query that can carry meaning: no stop words, no one-letter tokens, each once."""
    return list(dict.fromkeys(w for w in words(text) if w not in _STOPWORDS and len(w) > 1 and not w.isdigit()))


def lexical_document(title: str, abstract: str, tags: Sequence[str]) -> list[str]:
    """What BM25 reads for a session: the title and tags twice (they are short and precise), the abstract once."""
    tag_text = " ".join(tags)
    return [w for w in words(f"{title} {title} {tag_text} {tag_text} {abstract}") if w not in _STOPWORDS]


@dataclass
class Signals:
    """All per-session signals for a batch of queries, each of shape (queries, sessions)."""

    dense: np.ndarray
    bm25: np.ndarray
    rare: np.ndarray  # share of the query's rare-word weight each session holds, 0..1
    name: np.ndarray  # strength of a speaker/organisation name match, 0..1
    matched_names: list[dict[int, str]]  # per query: session row -> the name or organisation that matched
    matched_terms: list[dict[int, tuple[str, ...]]]  # per query: session row -> query words the session holds
    tagged: np.ndarray | None = None  # share of the query's rare-word weight in each session's tags/keywords, 0..1


class LexicalIndex:
    """BM25 plus name matching over an agenda's sessions. Built once; cheap to query."""

    def __init__(self, sessions: pd.DataFrame) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
        documents = [lexical_document(t, a, tags) for t, a, tags in zip(sessions["title"], sessions["abstract"], sessions["tags"])]
        self.size = len(documents)
        self._bm25 = bm25s.BM25()
        self._bm25.index([doc or ["_"] for doc in documents], show_progress=False)
        self._doc_sets = [set(doc) for doc in documents]
        self._tag_sets = [set(words(" ".join(tags))) for tags in sessions["tags"]]
        counts: dict[str, int] = {}
        for doc in self._doc_sets:
            for word in doc:
                counts[word] = counts.get(word, 0) + 1
        self._df = counts
        self._topic_limit = max(2, TOPIC_WORD_SHARE * self.size)
        self._names = [_session_names(s, o) for s, o in zip(sessions["speakers"], sessions["organizations"])]

    def idf(self, word: str) -> float:
        """Smoothed inverse document frequency; an unseen word weighs as much as the rarest seen word."""
        return float(np.log(1.0 + (self.size + 0.5) / (self._df.get(word, 0) + 0.5)))

    def bm25(self, terms: Sequence[str]) -> np.ndarray:
        known = [t for t in terms if t in self._df]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def rare_coverage(self, terms: Sequence[str]) -> tuple[np.ndarray, dict[int, tuple[str, ...]]]:
        """Share of the query's IDF weight found in each session, and which words were found where."""
        coverage = np.zeros(self.size, dtype=np.float32)
        found: dict[int, tuple[str, ...]] = {}
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values())
        if not total:
            return coverage, found
        for row, doc in enumerate(self._doc_sets):
            hits = tuple(t for t in terms if t in doc)
            if hits:
                coverage[row] = sum(weights[t] for t in hits) / total
                found[row] = hits
        return coverage, found

    def tag_coverage(self, terms: Sequence[str]) -> np.ndarray:
        """Share of the query's IDF weight found in each session's tags/keywords field (the author's own labels)."""
        coverage = np.zeros(self.size, dtype=np.float32)
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values())
        if not total:
            return coverage
        for row, tag_words in enumerate(self._tag_sets):
            if tag_words:
                coverage[row] = sum(w for t, w in weights.items() if t in tag_words) / total
        return coverage

    def name_match(self, text: str) -> tuple[np.ndarray, dict[int, str]]:
        """How strongly the query names a speaker or organisation of each session (0..1), and which."""
        query = set(words(text))
        strength = np.zeros(self.size, dtype=np.float32)
        matched: dict[int, str] = {}
        if not query:
            return strength, matched
        for row, names in enumerate(self._names):
            for display, tokens in names:
                hits = [t for t in tokens if t in query]
                if not hits or not any(self._distinctive(t) for t in hits):
                    continue
                share = len(hits) / len(tokens)
                if share > strength[row]:
                    strength[row] = share
                    matched[row] = display
        return strength, matched

    def _distinctive(self, word: str) -> bool:
        return len(word) > 2 and word not in _STOPWORDS and self._df.get(word, 0) <= self._topic_limit


def _session_names(speakers: Sequence[str], organizations: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    names = []
    for display in (*speakers, *organizations):
        tokens = tuple(dict.fromkeys(w for w in words(display) if w not in _NAME_FILLER and len(w) > 1))
        if tokens:
            names.append((display, tokens))
    return names


def signals(lexical: LexicalIndex, dense: np.ndarray, queries: Sequence[str]) -> Signals:
    """Every signal for ``queries``; ``dense`` is the cosine matrix the encoder already gave."""
    bm25, rare, tagged, name, names, terms = [], [], [], [], [], []
    for query in queries:
        words_ = query_terms(query)
        bm25.append(lexical.bm25(words_))
        coverage, found = lexical.rare_coverage(words_)
        rare.append(coverage)
        tagged.append(lexical.tag_coverage(words_))
        terms.append(found)
        strength, matched = lexical.name_match(query)
        name.append(strength)
        names.append(matched)
    shape = dense.shape
    return Signals(
        dense=dense,
        bm25=np.vstack(bm25).reshape(shape) if bm25 else np.zeros(shape, dtype=np.float32),
        rare=np.vstack(rare).reshape(shape) if rare else np.zeros(shape, dtype=np.float32),
        name=np.vstack(name).reshape(shape) if name else np.zeros(shape, dtype=np.float32),
        matched_names=names,
        matched_terms=terms,
        tagged=np.vstack(tagged).reshape(shape) if tagged else np.zeros(shape, dtype=np.float32),
    )


def _above_floor(share: np.ndarray) -> np.ndarray:
    """0 up to RARE_FLOOR of the query's rare weight, rising linearly to 1 when all of it is held."""
    return np.clip((share - RARE_FLOOR) / (1.0 - RARE_FLOOR), 0.0, 1.0)


def lexical_boost(s: Signals) -> np.ndarray:
    """0..1: fires only for sessions that hold most of the query's rare-word weight.

    The text's evidence (up to RARE_WEIGHT, half of it following BM25) and the tags' evidence (up to
    TAG_WEIGHT) are combined by noisy-or, so a session whose keywords name the query outranks one whose
    abstract only mentions it, unless the dense model finds the latter much closer.
    """
    best = np.maximum(s.bm25.max(axis=1, keepdims=True), 1e-9) if s.bm25.size else 1.0
    text = RARE_WEIGHT * _above_floor(s.rare) * ((1.0 - BM25_SHARE) + BM25_SHARE * s.bm25 / best)
    if s.tagged is None:
        return text
    return 1.0 - (1.0 - text) * (1.0 - TAG_WEIGHT * _above_floor(s.tagged))


def fuse(s: Signals) -> np.ndarray:
    """The hybrid score: the cosine, lifted towards 1 by a name match or by holding the query's rare words (text, tags)."""
    boost = 1.0 - (1.0 - NAME_WEIGHT * s.name) * (1.0 - lexical_boost(s))
    base = np.clip(s.dense, 0.0, 1.0)
    return (base + (1.0 - base) * boost).astype(np.float32)


def combine(s: Signals, method: str) -> np.ndarray:
    """Scores for one ranking method: the hybrid (default) or a single signal, for comparison."""
    if method == "hybrid":
        return fuse(s)
    if method == "dense":
        return s.dense
    if method == "bm25":
        return s.bm25
    raise ValueError(f"unknown ranking method {method!r}; choose one of {', '.join(METHODS)}")
