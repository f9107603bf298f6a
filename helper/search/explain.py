"""Why a session matched, from the signals that ranked it: the name the query named, the rare words it holds,
and (on request) its abstract sentence closest to the query, by the same model and the query vector already made.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from helper.search.cache import text_hash
from helper.search.encoder import Encoder
from helper.search.levels import is_level_term
from helper.search.lexical import LexicalIndex
from helper.search.ranking import RARE_FLOOR, Signals
from helper.search.tokens import spelled_out, tag_text, words

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(“])")
MIN_SENTENCE_CHARS = 25  # shorter fragments ("Join us!") explain nothing


@dataclass(frozen=True)
class Why:
    sentence: str = ""  # the abstract sentence closest to the query, "" when the abstract has one sentence or none
    name: str = ""  # the speaker or organisation the query named
    words: tuple[str, ...] = ()  # the query's rare words this session holds, when they lifted it
    tags: tuple[str, ...] = ()  # the session's own tags/keywords holding the query's words, when they lifted it
    track: str = ""  # the session's track, when it holds the query's words and they lifted it
    level: str = ""  # the level the query asks for that the session says it is of ("for beginners")

    @property
    def lifted(self) -> bool:
        """Whether a name or the query's own words lifted the session (else its score is the model's cosine alone)."""
        return bool(self.name or self.words or self.tags or self.track)

    def parts(self) -> list[tuple[str, str]]:
        """(label, text) pairs in display order, the one wording shared by the page's cards and the CLI."""
        parts = []
        if self.name:
            parts.append(("Matches the name", self.name))
        if self.tags:
            parts.append(("Tagged", ", ".join(self.tags)))
        if self.track:
            parts.append(("In the track", self.track))
        tagged = {w for tag in (*self.tags, self.track) for w in words(tag)}
        untagged = [w for w in self.words if not set(words(w)) <= tagged]  # a tag already says the others
        if untagged:
            parts.append(("Mentions", ", ".join(untagged)))
        if self.level:
            parts.append(("Says it is", self.level))
        if self.sentence:
            parts.append(("Closest to your query:", self.sentence))
        return parts

    def to_dict(self) -> dict:
        """The JSON shape (CLI --json): every key always present, empty when it does not apply."""
        return {"name": self.name, "words": list(self.words), "tags": list(self.tags), "track": self.track, "sentence": self.sentence,
                "level": self.level}


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
    return [p for p in parts if len(p) >= MIN_SENTENCE_CHARS] or parts


def abstract_sentences(abstract: str) -> list[str]:
    """The sentences a why-line chooses from: none for an abstract of one sentence (nothing to highlight)."""
    parts = sentences(abstract)
    return parts if len(parts) > 1 else []


def sentence_key(text: str) -> int:
    """A sentence's 64-bit content key, from the embedding cache's content hash (the stored sentence vectors are
    looked up by it, not by position)."""
    return int(text_hash(text)[:16], 16)


class StoredSentences:
    """Every abstract sentence's vector, made once at build (``python -m helper build --agenda``) and memory-mapped
    when served: a why-line then runs no model on sentences, the first visitor to see a session included. Rows are
    in the order of their sorted keys; float16 (the closest sentence is an argmax over a handful: half precision
    chooses the same one; it halves the file: about 60 MB for 10,000 distinct long abstracts of 8 sentences)."""

    def __init__(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        self.keys, self.vectors = keys, vectors

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def embed(cls, abstracts: Sequence[str], embed: Callable[[list[str]], np.ndarray]) -> "StoredSentences":
        """The sentences of ``abstracts`` (each once), embedded by ``embed`` (the index's cached embedding)."""
        texts = list(dict.fromkeys(s for a in abstracts for s in abstract_sentences(a)))
        keys = np.array([sentence_key(t) for t in texts], dtype=np.uint64)
        order = np.argsort(keys, kind="stable")
        vectors = np.asarray(embed(texts), dtype=np.float16) if texts else np.zeros((0, 0), dtype=np.float16)
        return cls(keys[order], vectors[order])

    def find(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors of those ``texts`` it holds (float32)."""
        if not len(self.keys) or not texts:
            return {}
        keys = np.array([sentence_key(t) for t in texts], dtype=np.uint64)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        held = self.keys[at] == keys
        return {t: np.asarray(self.vectors[row], dtype=np.float32) for t, row, ok in zip(texts, at, held) if ok}


def lexical_why(
    lexical: LexicalIndex,
    s: Signals,
    query_row: int,
    query: str,
    session_row: int,
    tags: Sequence[str] = (),
    spelled: Callable[[str], str] = str,
    track: str = "",
    mentioned: Callable[[str], bool] = lambda term: True,
) -> Why:
    """The name, words, tags (of the session's ``tags``) and ``track`` that lifted ``session_row`` for query ``query_row``,
    by the rules that scored it, and the level asked for that it says it is of; the words ``spelled`` as the agenda
    writes them ("künstliche", not "kunstliche"). ``mentioned``: whether a word the session holds only in its abstract
    counted (``ranking.mention_counted``); one that did not is not named."""
    name = lexical.matched_name(session_row, query) if s.name[query_row, session_row] > 0 else ""
    lifted = s.rare[query_row, session_row] > RARE_FLOOR
    held = lexical.held_terms(session_row, s.terms[query_row]) if lifted else ()
    declared = set(lexical.declared_terms(session_row, held))
    held = tuple(spelled(t) for t in held if not is_level_term(t) and (t in declared or mentioned(t)))
    terms = set(s.terms[query_row])
    labelled = s.tagged[query_row, session_row] > RARE_FLOOR
    tagged = tuple(spelled_out(t) for t in tags if terms & set(words(tag_text([t])))) if labelled else ()
    in_track = track if labelled and track not in tags and terms & set(words(track)) else ""
    return Why(name=name, words=held, tags=tagged, track=in_track, level=lexical.level_of(session_row, query))


class SentenceVectors:
    """The vectors of abstract sentences already explained, newest kept: at a venue the same few sessions answer
    many visitors' queries, and each explanation would otherwise run the model over all their sentences again
    (about 30 sentences, 350 ms, for three long abstracts on 2 cores). Bounded (``limit`` sentences, 1.5 KB each),
    safe to share between the server's threads."""

    def __init__(self, limit: int = 20_000, stored: StoredSentences | None = None) -> None:
        self.limit = limit
        self.stored = stored  # every sentence made at build, when the index was prebuilt with them
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def encode(self, encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts``: those seen before from memory, the others in one model run."""
        distinct = list(dict.fromkeys(texts))
        with self._lock:
            known = {t: self._vectors[t] for t in distinct if t in self._vectors}
            for text in known:
                self._vectors.move_to_end(text)
        if self.stored is not None:
            known.update(self.stored.find([t for t in distinct if t not in known]))
        missing = [t for t in distinct if t not in known]
        if missing:
            fresh = dict(zip(missing, encoder.encode(missing)))
            known.update(fresh)
            with self._lock:
                self._vectors.update(fresh)
                while len(self._vectors) > self.limit:
                    self._vectors.popitem(last=False)
        return np.stack([known[t] for t in texts]).astype(np.float32, copy=False)


def closest_sentences(encoder: Encoder, query_vectors: np.ndarray, abstracts: Sequence[Sequence[str]], memory: SentenceVectors | None = None) -> list[list[str]]:
    """For each query (a row of ``query_vectors``), the sentence of each of its abstracts closest to it:
    one model run for every sentence of the batch (``memory``: only for sentences it does not hold yet); "" for an
    abstract of one sentence or none."""
    split = [[abstract_sentences(a) for a in group] for group in abstracts]
    flat = [s for group in split for parts in group for s in parts]
    width = query_vectors.shape[1] if query_vectors.ndim == 2 else 0
    if not flat:
        vectors = np.zeros((0, width), dtype=np.float32)
    else:
        vectors = memory.encode(encoder, flat) if memory is not None else encoder.encode(flat)
    out, start = [], 0
    for q, group in enumerate(split):
        chosen = []
        for parts in group:
            similarity = vectors[start : start + len(parts)] @ query_vectors[q]
            chosen.append(parts[int(np.argmax(similarity))] if parts else "")
            start += len(parts)
        out.append(chosen)
    return out
