"""Words: BM25 over title, tags and abstract (``bm25s``), rare-word coverage, and speaker/organisation names.

Built once per agenda; each method answers for one query over every session. ``helper.search.ranking``
turns these into the hybrid score, ``helper.search.explain`` reads the same rules to say why a session matched.
"""

from __future__ import annotations

import logging
from typing import Sequence

import numpy as np
import pandas as pd

from helper.search.names import NameIndex
from helper.search.tokens import STOPWORDS, query_terms, words

__all__ = ["LexicalIndex", "lexical_document", "query_terms", "words"]

TOPIC_WORD_SHARE = 0.05  # a word in more than this share of titles/abstracts is topic vocabulary, not a name


def lexical_document(title: str, abstract: str, tags: Sequence[str]) -> list[str]:
    """What BM25 reads for a session: the title and tags twice (they are short and precise), the abstract once."""
    tag_text = " ".join(tags)
    return [w for w in words(f"{title} {title} {tag_text} {tag_text} {abstract}") if w not in STOPWORDS]


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
        self._names = NameIndex(sessions["speakers"], sessions["organizations"], lambda w: self._df.get(w, 0) > self._topic_limit, set(counts))

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
        return self._names.strengths([text])[0]

    def name_matches(self, texts: Sequence[str]) -> np.ndarray:
        """``name_match`` for a batch: (queries, sessions)."""
        return self._names.strengths(texts)

    def matched_name(self, row: int, text: str) -> str:
        """The speaker or organisation of session ``row`` that the query names ("" when none)."""
        return self._names.matched(row, text)

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
