"""The search index: session embeddings (cached on disk) and batch-first top-k search."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from helper.agenda import Agenda
from helper.cache import EmbeddingCache
from helper.encoder import Encoder
from helper.ranking import DEFAULT_METHOD, LexicalIndex, Signals, combine, signals
from helper.text import clean_text

log = logging.getLogger(__name__)

PROGRESS_FROM = 200  # show a progress bar when embedding at least this many sessions


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    score: float
    start: datetime | None
    end: datetime | None
    room: str
    track: str
    speakers: tuple[str, ...]
    abstract: str
    rank: int = 0
    tags: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """The public shape of a result (API and CLI): times as ISO 8601, speakers as a list."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["start"] = self.start.isoformat() if self.start else None
        data["end"] = self.end.isoformat() if self.end else None
        data["speakers"] = list(self.speakers)
        data["tags"] = list(self.tags)
        data["score"] = round(float(self.score), 4)
        return data


@dataclass(frozen=True)
class Filters:
    """Which sessions may be returned. Applied as a mask before the top-k cut."""

    days: tuple[date, ...] = ()
    tracks: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    starts_after: datetime | None = None
    starts_before: datetime | None = None
    ends_after: datetime | None = None  # hide sessions that ended before this moment
    time_from: time | None = None  # time of day (agenda's clock): sessions starting at or after it
    time_until: time | None = None  # time of day: sessions starting before it

    def mask(self, sessions: pd.DataFrame) -> np.ndarray:
        keep = np.ones(len(sessions), dtype=bool)
        start, end = sessions["start"], sessions["end"]
        if self.days:
            keep &= start.dt.date.isin(self.days).to_numpy()
        if self.tracks:
            keep &= sessions["track"].isin(self.tracks).to_numpy()
        if self.rooms:
            keep &= sessions["room"].isin(self.rooms).to_numpy()
        if self.starts_after is not None:
            keep &= (start >= self.starts_after).to_numpy()
        if self.starts_before is not None:
            keep &= (start < self.starts_before).to_numpy()
        if self.ends_after is not None:
            finish = end.fillna(start)
            keep &= (finish.isna() | (finish > self.ends_after)).to_numpy()
        if self.time_from is not None or self.time_until is not None:
            minutes = (start.dt.hour * 60 + start.dt.minute).to_numpy(dtype=float, na_value=np.nan)  # NaN: no time
            if self.time_from is not None:
                keep &= minutes >= self.time_from.hour * 60 + self.time_from.minute
            if self.time_until is not None:
                keep &= minutes < self.time_until.hour * 60 + self.time_until.minute
        return keep


def session_text(title: str, abstract: str) -> str:
    """What the dense model reads for a session: the title carries much of the meaning, so both."""
    return f"{title}. {abstract}" if abstract else title


@dataclass
class SearchIndex:
    agenda: Agenda
    encoder: Encoder
    embeddings: np.ndarray
    max_query_chars: int = 500
    warnings: list[str] = field(default_factory=list)
    method: str = DEFAULT_METHOD  # "hybrid", or a single signal ("dense", "bm25") for comparison
    lexical: LexicalIndex | None = None  # built on first use when not given
    neighbours: np.ndarray | None = None  # row -> rows of the nearest other sessions, best first ("more like this")

    @classmethod
    def build(cls, agenda: Agenda, encoder: Encoder, cache_dir: Path | None, max_query_chars: int = 500, method: str = DEFAULT_METHOD) -> "SearchIndex":
        texts = [session_text(t, a) for t, a in zip(agenda.sessions["title"], agenda.sessions["abstract"])]
        if cache_dir is None:
            embeddings, computed, cache_warnings = encoder.encode(texts, progress=len(texts) >= PROGRESS_FROM), len(texts), []
        else:
            cache = EmbeddingCache(cache_dir, encoder.model_id)

            def encode(batch: list[str]) -> np.ndarray:
                return encoder.encode(batch, progress=len(batch) >= PROGRESS_FROM)

            embeddings, computed = cache.embed(texts, encode)
            cache_warnings = cache.warnings
        log.info("embedded %d of %d sessions (%d from cache)", computed, len(texts), len(texts) - computed)
        embeddings = np.ascontiguousarray(embeddings, dtype=np.float32)
        return cls(agenda, encoder, embeddings, max_query_chars, list(cache_warnings), method=method, lexical=LexicalIndex(agenda.sessions), neighbours=nearest_sessions(embeddings))

    @property
    def sessions(self) -> pd.DataFrame:
        return self.agenda.sessions

    def clean_query(self, query: str) -> str:
        return clean_text(query)[: self.max_query_chars]

    def dense_scores(self, queries: Sequence[str]) -> np.ndarray:
        """Cosine similarity of each query to each session, shape (len(queries), len(sessions))."""
        vectors = self.encoder.encode(list(queries))
        return vectors @ self.embeddings.T

    def signals(self, queries: Sequence[str]) -> Signals:
        """Dense, BM25, rare-word and name signals for each query (see helper.ranking)."""
        if self.lexical is None:
            self.lexical = LexicalIndex(self.sessions)
        return signals(self.lexical, self.dense_scores(queries), queries)

    def scores(self, queries: Sequence[str], method: str | None = None) -> np.ndarray:
        """Ranking scores of each query for each session, shape (len(queries), len(sessions))."""
        method = method or self.method
        if method == "dense":
            return self.dense_scores(queries)
        return combine(self.signals(queries), method)

    def search(self, queries: Sequence[str], k: int = 3, filters: Filters | Sequence[Filters | None] | None = None) -> list[list[Hit]]:
        """The k best sessions for each query, best first. Empty queries give empty lists."""
        cleaned = [self.clean_query(q or "") for q in queries]
        wanted = [i for i, q in enumerate(cleaned) if q]
        results: list[list[Hit]] = [[] for _ in queries]
        if not wanted or k <= 0:
            return results
        per_query = filters if isinstance(filters, (list, tuple)) else [filters] * len(queries)
        scores = self.scores([cleaned[i] for i in wanted])
        for row, i in enumerate(wanted):
            mask = per_query[i].mask(self.sessions) if per_query[i] is not None else None
            results[i] = self._top_k(scores[row], k, mask)
        return results

    def more_like_this(self, session_id: str, k: int = 3) -> list[Hit]:
        """The ``k`` sessions nearest to one session (dense title + abstract), precomputed at build time."""
        if self.neighbours is None:
            self.neighbours = nearest_sessions(self.embeddings)
        rows = np.flatnonzero(self.sessions["id"].to_numpy() == session_id)
        if rows.size == 0:
            return []
        row = int(rows[0])
        near = self.neighbours[row][:k]
        return [self.hit(int(j), float(self.embeddings[row] @ self.embeddings[j]), rank) for rank, j in enumerate(near, start=1)]

    def search_one(self, query: str, k: int = 3, filters: Filters | None = None) -> list[Hit]:
        return self.search([query], k, [filters])[0]

    def _top_k(self, scores: np.ndarray, k: int, mask: np.ndarray | None) -> list[Hit]:
        candidates = np.flatnonzero(mask) if mask is not None else np.arange(len(scores))
        if candidates.size == 0:
            return []
        values = scores[candidates]
        if k < candidates.size:
            part = np.argpartition(-values, k - 1)[:k]
        else:
            part = np.arange(candidates.size)
        # ties broken by agenda order, so results are stable
        order = part[np.lexsort((candidates[part], -values[part]))]
        return [self.hit(int(candidates[j]), float(values[j]), rank) for rank, j in enumerate(order, start=1)]

    def hit(self, row: int, score: float, rank: int = 0) -> Hit:
        return Hit(score=score, rank=rank, **self._fields[row])

    @cached_property
    def _fields(self) -> list[dict]:
        """Each session's Hit fields as plain Python values, read from the table once (not per request)."""
        s = self.sessions
        columns = zip(s["id"], s["title"], s["start"], s["end"], s["room"], s["track"], s["speakers"], s["abstract"], s["tags"])
        return [
            dict(id=i, title=t, start=_py_datetime(a), end=_py_datetime(b), room=r, track=k, speakers=tuple(sp), abstract=ab, tags=tuple(tg))
            for i, t, a, b, r, k, sp, ab, tg in columns
        ]


def nearest_sessions(embeddings: np.ndarray, k: int = 3, chunk: int = 1024) -> np.ndarray:
    """For each session, the rows of its ``k`` nearest other sessions by cosine, best first.

    Computed ``chunk`` rows at a time, so a 50,000-paper agenda needs a few hundred MB, not an N x N matrix."""
    count = len(embeddings)
    if count < 2:
        return np.zeros((count, 0), dtype=np.int64)
    k = min(k, count - 1)
    out = np.empty((count, k), dtype=np.int64)
    for start in range(0, count, chunk):
        similarity = embeddings[start : start + chunk] @ embeddings.T
        rows = np.arange(similarity.shape[0])
        similarity[rows, rows + start] = -np.inf
        near = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        values = np.take_along_axis(similarity, near, axis=1)
        # best first; ties by row number, so the result does not depend on the chunk size
        order = np.lexsort((near, -values), axis=1)
        out[start : start + chunk] = np.take_along_axis(near, order, axis=1)
    return out


def _py_datetime(value: pd.Timestamp) -> datetime | None:
    return None if pd.isna(value) else value.to_pydatetime()
