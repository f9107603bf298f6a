"""Who a query names: speakers and organisations, matched accent-, case- and typo-tolerantly.

Names carry no meaning for the embedding model, so they are matched as words. A session's strength for a query
is the best share of one of its names' words that the query holds, counted only when one of the held words is
*distinctive* (not the agenda's topic vocabulary, so "data" never names the "Data Science Institute").
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from helper.agenda.people import BRACKETS, split_people
from helper.search.tokens import STOPWORDS, words

TYPO_MIN_LETTERS = 4  # a query word this long that the agenda never uses may be a name word typed with one slip
# Words of an organisation's or person's name that say nothing about who it is.
_NAME_FILLER = frozenset(
    """of the and for de la le du van der von den di da dr prof mr ms mrs inc llc ltd co corp corporation company
    group university institute college school department dept center centre lab labs laboratory foundation
    association society team jr sr phd""".split()
)
def people_in(entry: str) -> list[str]:
    """The people an export's speaker entry names, for matching: each as ``split_people`` reads them, without the
    bracketed affiliation, whose words ("RISM Digital") would make a topic word ("digital") look like a name."""
    names = (" ".join(BRACKETS.sub(" ", person).split()).strip(" ,;") for person in split_people(entry))
    return [name for name in names if name]


def name_tokens(display: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in words(display) if w not in _NAME_FILLER and len(w) > 1))


class NameIndex:
    """Every speaker and organisation name of an agenda, as a sparse (words x names) matrix."""

    def __init__(self, speakers: Iterable[Sequence[str]], organizations: Iterable[Sequence[str]], is_topic_word: Callable[[str], bool], known_words: set[str]) -> None:
        self.displays: list[str] = []
        owners, rows, cols = [], [], []
        self.vocabulary: dict[str, int] = {}
        sessions = 0
        for row, (people, orgs) in enumerate(zip(speakers, organizations)):
            sessions += 1
            for display in _names_of(people, orgs):
                tokens = name_tokens(display)
                if not tokens:
                    continue
                for token in tokens:
                    rows.append(len(self.displays))
                    cols.append(self.vocabulary.setdefault(token, len(self.vocabulary)))
                owners.append(row)
                self.displays.append(display)
        self.sessions = sessions
        self.owner = np.asarray(owners, dtype=np.int64)  # name -> session row
        matrix = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(self.displays), len(self.vocabulary)))
        self.length = np.asarray(matrix.sum(axis=1)).ravel()  # words per name
        self.by_word = matrix.T.tocsr().astype(np.float64)  # (words, names): a query reads only its own words' rows
        self.named = float(self.length.max(initial=0) + 1)  # see _name_shares
        tokens = list(self.vocabulary)
        self.distinctive = np.array([len(t) > 2 and t not in STOPWORDS and not is_topic_word(t) for t in tokens], dtype=bool)
        self._tokens = tokens
        self._known = known_words | set(tokens) | STOPWORDS

    def strengths(self, texts: Sequence[str]) -> np.ndarray:
        """(queries, sessions): how strongly each query names a speaker or organisation of each session, 0..1."""
        out = np.zeros((len(texts), self.sessions), dtype=np.float32)
        queries, names, shares = self._name_shares(texts)
        np.maximum.at(out, (queries, self.owner[names]), shares)  # a session's strength: its best name's share
        return out

    def matched(self, row: int, text: str) -> str:
        """The name of session ``row`` the query names best ("" when none)."""
        first, last = np.searchsorted(self.owner, [row, row + 1])  # names are listed session by session
        _queries, names, shares = self._name_shares([text])
        mine = (names >= first) & (names < last)
        if not mine.any():
            return ""
        best = np.flatnonzero(mine)[np.lexsort((names[mine], -shares[mine]))[0]]  # the best share; the first name on a tie
        return self.displays[int(names[best])]

    def _query_columns(self, text: str) -> tuple[list[int], list[int]]:
        """Vocabulary columns the query holds as typed, and those one slip (swap, drop, double, wrong key) away
        from a query word the agenda never uses."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        exact, slipped = [], []
        for word in dict.fromkeys(words(text)):
            if word in self.vocabulary:
                exact.append(self.vocabulary[word])
            elif len(word) >= TYPO_MIN_LETTERS and word not in self._known:
                near = process.extract(word, self._tokens, scorer=OSA.distance, score_cutoff=1, limit=None)
                slipped += [self.vocabulary[token] for token, _, _ in near]
        return exact, slipped

    def _name_shares(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query, name, share) of every name a query names: the share of the name's words the query holds. A name
        counts only when the query holds one of its distinctive words exactly; then a slip in another of its words
        is forgiven ("Daniel Kefe" is Daniel Keefe). A slip alone names nobody: "vegan" is one letter from "Megan",
        "write" from "White".

        One sparse product for the batch: a word the query holds adds 1 to each name that has it, and a distinctive
        word typed exactly adds ``self.named`` more (more than any name has words), so the product says both how
        many of a name's words are held (the remainder) and whether the name is named (at least ``self.named``)."""
        rows, cols, weights = [], [], []
        for q, text in enumerate(texts):
            exact, slipped = self._query_columns(text)
            typed = {c: 1.0 + self.named * self.distinctive[c] for c in exact}
            held = typed | {c: 1.0 for c in slipped if c not in typed}
            rows += [q] * len(held)
            cols += held
            weights += held.values()
        query = sp.csr_matrix((np.asarray(weights, dtype=np.float64), (rows, cols)), shape=(len(texts), len(self.vocabulary)))
        found = (query @ self.by_word).tocoo()
        keep = found.data >= self.named
        held = (found.data[keep] % self.named).astype(np.float32)
        names = found.col[keep]
        return found.row[keep], names, held / np.maximum(self.length, 1)[names]


def _names_of(people: Sequence[str], organisations: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([p for entry in people for p in people_in(entry)] + [o for o in organisations if o]))
