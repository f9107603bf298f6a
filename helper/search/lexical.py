"""Words: BM25 over title, tags and abstract (``bm25s``), rare-word coverage, and speaker/organisation names.

Built once per agenda; each method answers for one query over every session. ``helper.search.ranking``
turns these into the hybrid score, ``helper.search.explain`` reads the same rules to say why a session matched.
"""

from __future__ import annotations

import logging
import re
from typing import Sequence

import numpy as np
import pandas as pd

from helper.agenda.text import fold

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

    def rare_coverage(self, terms: Sequence[str]) -> np.ndarray:
        """Share of the query's IDF weight found in each session's title, abstract and tags."""
        return self._coverage(terms, self._doc_sets)

    def tag_coverage(self, terms: Sequence[str]) -> np.ndarray:
        """Share of the query's IDF weight found in each session's tags/keywords field (the author's own labels)."""
        return self._coverage(terms, self._tag_sets)

    def held_terms(self, row: int, terms: Sequence[str]) -> tuple[str, ...]:
        """The query words session ``row`` holds (the words its rare-word coverage counted)."""
        return tuple(t for t in terms if t in self._doc_sets[row])

    def name_match(self, text: str) -> np.ndarray:
        """How strongly the query names a speaker or organisation of each session, 0..1."""
        query = set(words(text))
        strength = np.zeros(self.size, dtype=np.float32)
        if query:
            for row in range(self.size):
                strength[row] = self._best_name(row, query)[0]
        return strength

    def matched_name(self, row: int, text: str) -> str:
        """The speaker or organisation of session ``row`` that the query names ("" when none)."""
        return self._best_name(row, set(words(text)))[1]

    def _coverage(self, terms: Sequence[str], word_sets: list[set[str]]) -> np.ndarray:
        coverage = np.zeros(self.size, dtype=np.float32)
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values())
        if not total:
            return coverage
        for row, held in enumerate(word_sets):
            if held:
                coverage[row] = sum(w for t, w in weights.items() if t in held) / total
        return coverage

    def _best_name(self, row: int, query: set[str]) -> tuple[float, str]:
        best, matched = 0.0, ""
        for display, tokens in self._names[row]:
            hits = [t for t in tokens if t in query]
            if not hits or not any(self._distinctive(t) for t in hits):
                continue
            share = len(hits) / len(tokens)
            if share > best:
                best, matched = share, display
        return best, matched

    def _distinctive(self, word: str) -> bool:
        return len(word) > 2 and word not in _STOPWORDS and self._df.get(word, 0) <= self._topic_limit


def _session_names(speakers: Sequence[str], organizations: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    names = []
    for display in (*speakers, *organizations):
        tokens = tuple(dict.fromkeys(w for w in words(display) if w not in _NAME_FILLER and len(w) > 1))
        if tokens:
            names.append((display, tokens))
    return names
