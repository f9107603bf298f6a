"""The search index: session embeddings (cached on disk), the lexical index, and batch-first top-k search.

``search`` is the one real search: a batch of queries is encoded in one model run, every signal is computed
once, filters are masks applied before the top-k cut, and each hit carries why it matched from the same
signals that ranked it.
"""

from __future__ import annotations

import logging
import re
import weakref
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from helper.agenda import Agenda
from helper.agenda.copies import first_copies, held_again, listed_once, other_rooms, other_times
from helper.agenda.text import clean_text
from helper.search.abbreviations import Abbreviations
from helper.search.cache import EmbeddingCache
from helper.search.encoder import Encoder
from helper.search.explain import SentenceVectors, StoredSentences, Why, closest_sentences, lexical_why
from helper.search.levels import is_level_term
from helper.search.lexical import LexicalIndex
from helper.search.names import typed_as_a_name
from helper.search.filters import Columns, agenda_options
from helper.search.ranking import DEFAULT_METHOD, Signals, combine, fillers, mention_counted, signals, word_nearness
from helper.search.reading import read_sessions
from helper.search.schedule import Span, conference_span, lunches
from helper.search.spelling import Speller
from helper.search.tokens import session_labels

log = logging.getLogger(__name__)

PROGRESS_FROM = 200  # show a progress bar when embedding at least this many sessions
WORDS_KEPT = 4096  # words read alone by the model kept per encoder (ranking.word_nearness): 6 MB at most
# a word read alone is the same whatever the agenda: every index of one encoder shares them, so a reload keeps them
_WORDS_READ: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# A session held more than once is shown at the first of its times that rank within this of its best: 38C3's "Elektrobausteine
# - Tag 2" and "- Tag 4" differ by the day their titles name (0.01), "(theatre game)" by the word a query asks for (0.2)
SAME_ANSWER = 0.02
Masks = np.ndarray | Sequence[np.ndarray | None] | None  # which sessions a search may return


@dataclass(frozen=True)
class Occurrence:
    """Another time the agenda holds a session (helper.agenda.copies.held_again): its own id, title and room."""

    id: str
    title: str
    start: datetime | None
    end: datetime | None
    room: str

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None, "room": self.room}


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
    languages: tuple[str, ...] = ()  # codes ("de", "en"), where the agenda holds sessions in more than one language
    organizations: tuple[str, ...] = ()  # the speakers' organisations, where the export gives them a column
    also_in: tuple[str, ...] = ()  # the other rooms the agenda lists this same session in at the same time (helper.agenda.copies)
    also_at: tuple[Occurrence, ...] = ()  # the other times it holds this same session, by start (helper.agenda.copies.held_again)
    why: Why = Why()  # what lifted it; the closest sentence only when the search was asked to explain

    def to_dict(self) -> dict:
        """The public shape of a result (API and CLI): times as ISO 8601, speakers as a list; no why (CLI adds it)."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "why"}
        data["start"] = self.start.isoformat() if self.start else None
        data["end"] = self.end.isoformat() if self.end else None
        data["speakers"] = list(self.speakers)
        data["tags"] = list(self.tags)
        data["languages"] = list(self.languages)
        data["organizations"] = list(self.organizations)
        data["also_in"] = list(self.also_in)
        data["also_at"] = [other.to_dict() for other in self.also_at]
        data["score"] = round(float(self.score), 4)
        return data

    @property
    def place(self) -> str:
        """Where it is, as a card or a calendar says it: the room, and the others it is also held in."""
        return f"{self.room} (also in {', '.join(self.also_in)})" if self.also_in else self.room


def fills_only(hits: Sequence[Hit]) -> list[bool]:
    """Which of a query's hits (best first) only fill places (helper.search.ranking.fillers, read off the hits)."""
    return fillers([h.score for h in hits], [h.why.lifted for h in hits])


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
    # "title. abstract" read as one text, for name queries, when some session's abstract was read in chunks
    # (then ``embeddings`` holds the chunk means: helper.search.reading); None when the two are the same
    whole: np.ndarray | None = None
    explained: SentenceVectors = field(default_factory=SentenceVectors)  # abstract sentences the why-lines embedded

    @classmethod
    def build(cls, agenda: Agenda, encoder: Encoder, cache_dir: Path | None, max_query_chars: int = 500, method: str = DEFAULT_METHOD) -> "SearchIndex":
        titles, abstracts = list(agenda.sessions["title"]), list(agenda.sessions["abstract"])
        cache = EmbeddingCache(cache_dir, encoder.model_id) if cache_dir is not None else None
        cached = _cached_embedding(encoder, cache)
        counts = {"texts": 0, "computed": 0}

        def embed(texts: list[str]) -> np.ndarray:
            counts["texts"] = len(texts)
            vectors, counts["computed"] = cached(texts)
            return vectors

        count = getattr(encoder, "count_tokens", None)
        embeddings, whole = read_sessions(titles, abstracts, embed, count, getattr(encoder, "window", 0))
        log.info("embedded %d of %d texts for %d sessions (%d from cache)", counts["computed"], counts["texts"], len(titles), counts["texts"] - counts["computed"])
        index = cls(
            agenda, encoder, embeddings, max_query_chars, list(cache.warnings if cache else []), method=method, lexical=LexicalIndex(agenda.sessions),
            whole=whole,
        )
        index.neighbours = nearest_sessions(embeddings, first=index.same_session)
        return index

    def store_sentences(self, cache_dir: Path | None) -> int:
        """Embed every abstract sentence now (vectors cached like the sessions'), so that no why-line runs the model:
        what ``python -m helper build --agenda`` stores beside the index. Returns how many sentences."""
        cached = _cached_embedding(self.encoder, EmbeddingCache(cache_dir, self.encoder.model_id) if cache_dir is not None else None)
        self.explained.stored = StoredSentences.embed(list(self.sessions["abstract"]), lambda texts: cached(texts)[0])
        return len(self.explained.stored)

    @property
    def sessions(self) -> pd.DataFrame:
        return self.agenda.sessions

    def clean_query(self, query: str) -> str:
        return clean_text(query)[: self.max_query_chars]

    def holds(self, cleaned: str, hits: Sequence["Hit"]) -> bool:
        """Whether one of ``hits`` (the query's results) holds a word of the query as read (slips mended; both words of a
        word read as two) or was found by a name: else only the model's cosine speaks for them. A word the agenda uses
        elsewhere says nothing for these results."""
        if any(h.why.name for h in hits):
            return True
        lexical = self.words()
        # a word typed that is read as two ("Liebesroman": "liebe roman") is held by a session that holds both, not "Liebe" alone
        joined = [group for _, read in self.speller.corrections(cleaned) if len(group := tuple(lexical.terms(read))) > 1]
        apart = {term for group in joined for term in group}
        terms = [t for t in lexical.terms(self.read_query(cleaned)) if not is_level_term(t) and t not in apart]  # a level is no topic
        groups = [*joined, *((t,) for t in terms)]
        rows = [row for row in map(self.row_of, (h.id for h in hits)) if row is not None]
        return any(len(lexical.held_terms(row, group)) == len(group) for row in rows for group in groups)

    def names_nobody(self, cleaned: str, hits: Sequence["Hit"], held: bool | None = None) -> bool:
        """Whether the query is typed as a person's name (``typed_as_a_name``, in the agenda's languages) and ``hits`` (its
        results) neither were found by a name nor hold a word of it (``holds``; ``held``: already known): then none of them
        is an answer, however close the model puts it (38C3: "Jochen Stiasny" 0.46 with "Liebe Werte Stiften Alles"; a
        name's cosine is noise)."""
        if not typed_as_a_name(cleaned, self.speller.common):
            return False
        return not (self.holds(cleaned, hits) if held is None else held)

    def words(self) -> LexicalIndex:
        """The agenda's words (built on first use, or loaded with a prebuilt index)."""
        if self.lexical is None:
            self.lexical = LexicalIndex(self.sessions)
        return self.lexical

    def read_query(self, cleaned: str, by_the_model: bool = False) -> str:
        """A cleaned query as the model and the words read it: each word typed with a slip as the agenda's word, without the
        level it asks for ("… for beginners"), a kind of session no session is ("workshop on" at a conference of talks) or
        the words that say what every session is ("research on …", "… papers"). ``by_the_model``: as the model reads it, a
        compound written closed also as typed ("Wahlcomputer wahl computer"; ``Speller.read_as``), and an abbreviation the
        agenda defines as what it stands for ("RL" as "reinforcement learning"; ``abbreviations``)."""
        read = self.words().as_searched(self.speller.read_as(cleaned, by_the_model))
        return self.abbreviations.for_the_model(read) if by_the_model else read

    def signals(self, queries: Sequence[str]) -> tuple[Signals, np.ndarray]:
        """Every ranking signal for ``queries`` (already cleaned), and their vectors: one model run (and one for the query
        words some abstract holds, read alone, when a query lifts a session: ``words_alone``). A word typed with
        a slip is read as the agenda's word by the model and the lexical signals (``read_query``); names are matched as
        typed."""
        lexical = self.words()
        read = [self.read_query(q) for q in queries]
        seen = (self.read_query(q, by_the_model=True) for q in queries)
        vectors = self.encoder.encode([lexical.topic(r) for r in seen])  # "… for beginners": the words read the level
        whole = self.whole
        plain = None if whole is None else (lambda rows: vectors[rows] @ whole.T)
        word_near = lambda words: word_nearness(self.embeddings, self.words_alone(words))  # noqa: E731
        return signals(lexical, vectors @ self.embeddings.T, read, plain, typed=queries, word_near=word_near), vectors

    def _mentioned(self, found: Signals, query_row: int, row: int) -> Callable[[str], bool]:
        """Whether a query word session ``row`` holds only in its abstract counted for it (the why-line's words)."""
        cosine = float(found.dense[query_row, row])
        return lambda term: mention_counted(cosine, float(self.words_alone([term])[0] @ self.embeddings[row]))

    def words_alone(self, words: Sequence[str]) -> np.ndarray:
        """(words, dims): each word read alone by the model, in one run for the words not read before. ``_words_read``
        keeps up to ``WORDS_KEPT`` for the encoder (attendees type the same words again; a run costs about as much as the
        query's)."""
        kept, once = self._words_read, dict.fromkeys(words)
        found = {w: v for w in once if (v := kept.get(w)) is not None}  # get: another thread may clear it
        missing = [w for w in once if w not in found]
        if missing:
            fresh = dict(zip(missing, self.encoder.encode(missing)))
            if len(kept) + len(fresh) > WORDS_KEPT:
                kept.clear()
            kept.update(fresh)
            found.update(fresh)
        return np.array([found[w] for w in words]) if words else np.zeros((0, self.embeddings.shape[1]), np.float32)

    @property
    def _words_read(self) -> dict[str, np.ndarray]:
        return _WORDS_READ.setdefault(self.encoder, {})

    def scores(self, queries: Sequence[str], method: str | None = None) -> np.ndarray:
        """Ranking scores of each query for each session, shape (len(queries), len(sessions))."""
        return combine(self.signals(queries)[0], method or self.method)

    def search(
        self, queries: Sequence[str], k: int = 3, where: Masks = None, explain: bool = False, cleaned: bool = False, nudge: np.ndarray | None = None,
        at_least: float | None = None, each_time: bool = False,
    ) -> list[list[Hit]]:
        """The k best sessions for each query, best first; empty queries give empty lists.

        ``where``: a boolean mask over the sessions (one for all queries, or one per query; None keeps all),
        applied before the top-k cut. Each hit's ``why`` holds the name and words that lifted it; with
        ``explain``, also its abstract sentence closest to the query (one more model run, for the shown hits only).
        ``cleaned``: the queries already went through ``clean_query``. ``nudge``: added per session (or, as a queries x
        sessions array, per query and session) to the scores that order the hits (time awareness,
        helper.search.schedule.timeliness); each hit keeps its relevance score.
        ``at_least``: only sessions scoring this much or more (a plan's candidates: no hit made for the others).
        ``each_time``: a session held more than once is a hit at each of its times (a plan chooses among them), not once.
        """
        texts = [q or "" for q in queries] if cleaned else [self.clean_query(q or "") for q in queries]
        wanted = [i for i, q in enumerate(texts) if q]
        results: list[list[Hit]] = [[] for _ in queries]
        if not wanted or k <= 0:
            return results
        masks = list(where) if isinstance(where, (list, tuple)) else [where] * len(queries)
        batch = [texts[i] for i in wanted]
        found, vectors = self.signals(batch)
        scores = combine(found, self.method)
        order = scores if nudge is None else scores + (nudge[wanted] if nudge.ndim == 2 else nudge)
        for q, i in enumerate(wanted):
            mask = masks[i]
            if at_least is not None:  # compared as the hits' float scores are
                above = scores[q] >= np.float64(at_least)
                mask = above if mask is None else mask & above
            mask = self._best_row_each(order[q], mask, self.first_copy if each_time else None)
            top = _top_k(order[q], k, mask)
            tags, tracks, spelled = self.sessions["tags"], self.sessions["track"], self.speller.spelled
            results[i] = [
                self.hit(row, float(scores[q, row]), rank, lexical_why(
                    self.lexical, found, q, batch[q], row, tags.iat[row], spelled, tracks.iat[row], self._mentioned(found, q, row)))
                for rank, (row, _) in enumerate(top, start=1)
            ]
        if explain:
            sentences = closest_sentences(self.encoder, vectors, [[h.abstract for h in results[i]] for i in wanted], self.explained)
            for i, chosen in zip(wanted, sentences):
                # a query that names a speaker says nothing about the abstract: no sentence to highlight then
                results[i] = [h if h.why.name else replace(h, why=replace(h.why, sentence=sentence)) for h, sentence in zip(results[i], chosen)]
        return results

    def search_one(
        self, query: str, k: int = 3, where: np.ndarray | None = None, explain: bool = False, cleaned: bool = False, nudge: np.ndarray | None = None,
        at_least: float | None = None, each_time: bool = False,
    ) -> list[Hit]:
        return self.search([query], k, [where], explain, cleaned, nudge, at_least, each_time)[0]

    def more_like_this(self, session_id: str, k: int = 3) -> list[Hit]:
        """The ``k`` sessions nearest to one session (dense title + abstract), precomputed at build time."""
        if self.neighbours is None:
            self.neighbours = nearest_sessions(self.embeddings, first=self.same_session)
        row = self.row_of(session_id)
        if row is None:
            return []
        near = self.neighbours[row][:k]
        return [self.hit(int(j), float(self.embeddings[row] @ self.embeddings[j]), rank) for rank, j in enumerate(near, start=1)]

    def row_of(self, session_id: str) -> int | None:
        """The table row of a session id, or None when the agenda has no such session."""
        return self._rows.get(str(session_id).strip())

    def session(self, session_id: str) -> Hit | None:
        row = self.row_of(session_id)
        return None if row is None else self.hit(row, 1.0, 1)

    def hit(self, row: int, score: float = 0.0, rank: int = 0, why: Why = Why()) -> Hit:
        return Hit(score=score, rank=rank, why=why, **self._fields[row])

    @cached_property
    def speller(self) -> Speller:
        """Reads a word typed with a slip as the agenda's word (helper.search.spelling), once per index."""
        lexical = self.words()
        s = self.sessions
        texts = (_fields_text(*fields) for fields in zip(s["title"], s["tags"], s["track"], s["abstract"]))
        count_pieces = getattr(self.encoder, "count_tokens", None)
        lexical.stem_words()  # the words read in another case are read as the agenda's too (LexicalIndex._inflected)
        return Speller(
            lexical.vocabulary, lexical.df, lexical.name_words(), count_pieces, texts, self._written_apart, lexical.written_in,
            lexical.closed_parts,
        )

    def _written_apart(self, words: Sequence[str], enough: int) -> int:
        """How many sessions write ``words`` (folded) one after another, apart ("open source" for ["open", "source"]),
        counted up to ``enough``."""
        phrase = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
        s, found = self.sessions, 0
        for row in self.words().sessions_with_all(words):
            # lower case, not folded: a tenth of the time, and a word with accents is only ever undercounted
            found += bool(phrase.search(_fields_text(*(s[f].iat[row] for f in ("title", "tags", "track", "abstract"))).lower()))
            if found >= enough:
                break
        return found

    @cached_property
    def span(self) -> Span:
        """When the conference runs (schedule.conference_span), worked out once per index."""
        return conference_span(self.sessions)

    @cached_property
    def columns(self) -> Columns:
        """What the filters and the time nudge read of the sessions, as arrays made once per index."""
        return Columns(self.sessions, self.agenda.day_begins)

    @cached_property
    def lunches(self) -> dict:
        """When the agenda's own lunch starts and ends, by day (``schedule.lunches``): what "after lunch" reads."""
        return lunches(self.sessions, self.agenda.day_begins)

    @cached_property
    def languages(self) -> list[str]:
        """The codes of the languages the agenda says its sessions are held in ("de", "en"); [] when it says none."""
        return sorted(code for _label, code in self.filter_options["language"] if code)

    @cached_property
    def filter_options(self) -> dict[str, list[tuple[str, str]]]:
        """Each filter's choices on this agenda (filters.agenda_options), worked out once per index."""
        return agenda_options(self.columns)

    @cached_property
    def first_copy(self) -> np.ndarray:
        """Row -> the first row listing the same session, for sessions the agenda lists in several rooms at once."""
        return first_copies(self.sessions)

    def listed_once(self, rows: Sequence[int]) -> list[int]:
        """``rows`` in their order, a session listed in several rooms only at its first row among them."""
        return listed_once(np.asarray(rows, dtype=np.int64), self.first_copy).tolist()

    def make_ready(self) -> "SearchIndex":
        """Read now what the first visitor's search would otherwise wait for: the agenda's spellings (0.1 s for 1,000
        sessions) and which rows hold one session (0.2 s for 10,000). Returns the index."""
        self.speller  # noqa: B018
        self.same_session  # noqa: B018
        self.abbreviations  # noqa: B018
        return self

    @cached_property
    def abbreviations(self) -> Abbreviations:
        """The abbreviations the agenda's titles and abstracts define ("reinforcement learning (RL)"), once per index."""
        return Abbreviations.of(self.sessions)

    @cached_property
    def same_session(self) -> np.ndarray:
        """Row -> the first row of the same session at any time or room (``first_copy``, and its repeats: held_again)."""
        return held_again(self.sessions)

    def _best_row_each(self, order: np.ndarray, mask: np.ndarray | None, groups: np.ndarray | None = None) -> np.ndarray | None:
        """``mask`` keeping one row of each session held more than once (``groups``: row -> its first row;
        ``same_session`` when None): the first to start among those ``order`` puts within ``SAME_ANSWER`` of the best
        (its times differ only in a day their titles name), so the page shows the next time, not "Tag 4" for "Tag 2"."""
        rows = self._held_more_than_once if groups is None else _in_groups_of_two_or_more(groups)
        groups = self.same_session if groups is None else groups
        if rows.size == 0:
            return mask
        kept = np.ones(len(order), dtype=bool) if mask is None else mask.copy()
        kept[rows] = False
        rows = rows[mask[rows]] if mask is not None else rows
        if rows.size == 0:
            return kept
        group = groups[rows]
        best = np.full(len(order), -np.inf)
        np.maximum.at(best, group, order[rows])
        near = order[rows] >= best[group] - SAME_ANSWER
        pick = np.lexsort((rows, self._start_rank[rows], ~near, group))  # by group, near first, then earliest
        kept[rows[pick][np.r_[True, group[pick][1:] != group[pick][:-1]]]] = True
        return kept

    @cached_property
    def _start_rank(self) -> np.ndarray:
        """Each row's place when the sessions are sorted by start (those without a time last)."""
        return self.sessions["start"].rank(method="first", na_option="bottom").to_numpy(dtype=np.int64)

    @cached_property
    def _held_more_than_once(self) -> np.ndarray:
        return _in_groups_of_two_or_more(self.same_session)

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {session_id: row for row, session_id in enumerate(self.sessions["id"])}

    @cached_property
    def _fields(self) -> list[dict]:
        """Each session's Hit fields as plain Python values, read from the table once (not per request)."""
        s = self.sessions
        names = ("id", "title", "start", "end", "room", "track", "speakers", "abstract", "tags", "languages", "organizations")
        columns = zip(*(s[name] for name in names), other_rooms(s, self.first_copy))
        several = len(self.languages) > 1  # "English" on every card of an English agenda says nothing
        fields = [
            dict(id=i, title=t, start=_py_datetime(a), end=_py_datetime(b), room=r, track=k, speakers=tuple(sp), abstract=ab, tags=tuple(tg),
                 languages=tuple(lg) if several else (), organizations=tuple(og), also_in=also)
            for i, t, a, b, r, k, sp, ab, tg, lg, og, also in columns
        ]
        times = [Occurrence(f["id"], f["title"], f["start"], f["end"], f["room"]) for f in fields]
        for one, others in zip(fields, other_times(s, self.same_session, self.first_copy)):
            one["also_at"] = tuple(times[row] for row in others)
        return fields


def _in_groups_of_two_or_more(groups: np.ndarray) -> np.ndarray:
    """The rows whose group (row -> its first row) holds another row too."""
    return np.flatnonzero(np.bincount(groups, minlength=len(groups))[groups] > 1)


def _top_k(scores: np.ndarray, k: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
    """(row, score) of the k best sessions among those ``mask`` keeps, best first; ties in agenda order."""
    candidates = np.flatnonzero(mask) if mask is not None else np.arange(len(scores))
    if candidates.size == 0:
        return []
    values = scores[candidates]
    part = np.argpartition(-values, k - 1)[:k] if k < candidates.size else np.arange(candidates.size)
    order = part[np.lexsort((candidates[part], -values[part]))]
    return [(int(candidates[j]), float(values[j])) for j in order]


def _cached_embedding(encoder: Encoder, cache: EmbeddingCache | None) -> Callable[[list[str]], tuple[np.ndarray, int]]:
    """Vectors of texts through the embedding cache when there is one, and how many the model computed."""

    def embed(texts: list[str]) -> tuple[np.ndarray, int]:
        encode = lambda batch: encoder.encode(batch, progress=len(batch) >= PROGRESS_FROM)  # noqa: E731
        return cache.embed(texts, encode) if cache is not None else (encode(texts), len(texts))

    return embed


def nearest_sessions(embeddings: np.ndarray, k: int = 3, chunk: int = 1024, first: np.ndarray | None = None) -> np.ndarray:
    """For each session, the rows of its ``k`` nearest other sessions by cosine, best first. ``first``: row -> the first
    row listing the same session (helper.agenda.copies); a session's copies are not "other", and a session listed in
    several rooms is near only at its first row.

    Computed ``chunk`` rows at a time, so a 50,000-paper agenda needs a few hundred MB, not an N x N matrix."""
    count = len(embeddings)
    first = np.arange(count) if first is None else np.asarray(first)
    others = np.flatnonzero(first == np.arange(count))  # a later copy is never a neighbour
    if len(others) < 2:
        return np.zeros((count, 0), dtype=np.int64)
    k = min(k, len(others) - 1)
    out = np.empty((count, k), dtype=np.int64)
    pool = embeddings if len(others) == count else embeddings[others]
    for start in range(0, count, chunk):
        similarity = embeddings[start : start + chunk] @ pool.T
        if pool is not embeddings:
            similarity = _spread(similarity, others, count)
        rows = np.arange(similarity.shape[0])
        similarity[rows, first[rows + start]] = -np.inf
        near = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        values = np.take_along_axis(similarity, near, axis=1)
        # best first; ties by row number, so the result does not depend on the chunk size
        order = np.lexsort((near, -values), axis=1)
        out[start : start + chunk] = np.take_along_axis(near, order, axis=1)
    return out


def _spread(values: np.ndarray, columns: np.ndarray, count: int) -> np.ndarray:
    """``values`` placed at ``columns`` of rows ``count`` wide, -inf elsewhere."""
    out = np.full((len(values), count), -np.inf, dtype=values.dtype)
    out[:, columns] = values
    return out


def _fields_text(title: str, tags: Sequence[str], track: str, abstract: str) -> str:
    """A session's words as the speller reads them: each field, tag and its track apart, so no two words run across a border."""
    return " | ".join([title, *session_labels(tags, track), abstract])


def _py_datetime(value: pd.Timestamp) -> datetime | None:
    return None if pd.isna(value) else value.to_pydatetime()
