"""Why a session matched: its abstract sentence closest to the query (same model), and the name or words it shares.

Computed only for the few results shown, so the cost is one small encoding batch per search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from helper.index import Hit, SearchIndex
from helper.ranking import RARE_FLOOR, LexicalIndex, query_terms

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(“])")
MIN_SENTENCE_CHARS = 25  # shorter fragments ("Join us!") explain nothing


@dataclass(frozen=True)
class Why:
    sentence: str = ""  # the abstract sentence closest to the query, "" when the abstract has one sentence or none
    name: str = ""  # the speaker or organisation the query named
    words: tuple[str, ...] = ()  # the query's rare words this session holds, when they lifted it

    def parts(self) -> list[tuple[str, str]]:
        """(label, text) pairs in display order, the one wording shared by the page's cards and the CLI."""
        parts = []
        if self.name:
            parts.append(("Matches the name", self.name))
        if self.words:
            parts.append(("Mentions", ", ".join(self.words)))
        if self.sentence:
            parts.append(("Closest to your query:", self.sentence))
        return parts

    def to_dict(self) -> dict:
        """The JSON shape (CLI --json): every key always present, empty when it does not apply."""
        return {"name": self.name, "words": list(self.words), "sentence": self.sentence}


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
    return [p for p in parts if len(p) >= MIN_SENTENCE_CHARS] or parts


def explain(index: SearchIndex, query: str, hits: list[Hit]) -> list[Why]:
    """One Why per hit, in the same order."""
    if not hits:
        return []
    cleaned = index.clean_query(query)
    rows = {session_id: row for row, session_id in enumerate(index.sessions["id"])}
    if index.lexical is None:
        index.lexical = LexicalIndex(index.sessions)
    _, names = index.lexical.name_match(cleaned)
    coverage, found = index.lexical.rare_coverage(query_terms(cleaned))
    per_hit = [sentences(hit.abstract) for hit in hits]
    flat = [s for group in per_hit for s in group]
    best_sentence: list[str] = []
    if flat:
        vectors = index.encoder.encode([cleaned, *flat])
        similarity = vectors[1:] @ vectors[0]
        start = 0
        for group in per_hit:
            chosen = ""
            if len(group) > 1:
                chosen = group[int(np.argmax(similarity[start : start + len(group)]))]
            best_sentence.append(chosen)
            start += len(group)
    else:
        best_sentence = [""] * len(hits)
    whys = []
    for hit, sentence in zip(hits, best_sentence):
        row = rows.get(hit.id)
        name = names.get(row, "") if row is not None else ""
        words: tuple[str, ...] = ()
        if row is not None and coverage[row] > RARE_FLOOR:
            words = found.get(row, ())
        # a query that names a speaker says nothing about the abstract: no sentence to highlight then
        whys.append(Why("" if name else sentence, name, words))
    return whys
