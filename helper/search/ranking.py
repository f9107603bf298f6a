"""The ranking signals of a batch of queries and their fusion into the hybrid score.

Every signal is a matrix of shape (queries, sessions). The hybrid keeps the dense cosine as its base
and only lifts a session when a boost really fires:

* ``name``: the query contains a distinctive word of a speaker's name or organisation (accent- and
  case-insensitive; "Chrupala" finds "Chrupała"; one slip forgiven beside an exact word of the same name).
  Distinctive = not a word the agenda's titles and abstracts use as topic vocabulary, so "data" in "Data
  Science Institute" never fires (helper.search.names).
* ``rare``: the share of the query's rare-word weight (IDF) that a session holds *firmly*: in its title or
  tags, or in its abstract when few sessions of the agenda use the word (``PASSING_MENTION_SESSIONS``,
  helper.search.lexical). A one-word query such as "Selenium" matches fully; an abstract that lists words a
  dozen sessions use ("parsing, tagging, ... across languages") holds them loosely. A long paraphrase in the
  attendee's own words rarely has one session holding more than half of it, so below that floor nothing is
  added and it is ranked exactly as the dense model ranks it. Among sessions that do hold the words, BM25
  (title and tags counted twice) orders them. A word held only in the abstract also needs the model to put the
  session somewhere near the query (``MENTION_NEAR``): "lunch" in "nothing to do with your lunch" lifts nothing; and
  the word, read alone, somewhere near the session (``WORD_NEAR``): "applied" in a paper on humming lifts nothing.
* ``tagged``: the same share, counted in the session's own tags/keywords field only. Authors choose those
  words to say what the session is *about*; an abstract may mention a term in passing ("secure
  aggregation and differential privacy prevent the attack..."). A tag that holds most of the query's
  rare weight is a second, independent piece of lexical evidence, so it joins by the same noisy-or.

Fusion is a noisy-or on top of the cosine: ``score = dense + (1 - dense) * boost``. A boost of 0 leaves
the dense order untouched, scores stay below 1 and stay readable as "how close".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from helper.search.lexical import LexicalIndex
from helper.settings import METHODS  # hybrid, dense, bm25; chosen by --method / HELPER_METHOD

DEFAULT_METHOD = "hybrid"

# Fusion constants. They are shares (of the query's rare-word weight, of the distance between the cosine
# and 1), not scores of any one agenda, so they mean the same on a 50-session meetup and a 2,000-paper venue.
NAME_WEIGHT = 0.9  # a real name match outranks any topical match
RARE_WEIGHT = 0.7  # a session holding every rare word of the query gets most of the way up
RARE_FLOOR = 0.5  # ... and one holding half of the rare weight or less gets nothing (paraphrases stay dense)
BM25_SHARE = 0.5  # among sessions that hold the words, half the lift follows BM25 (title and tag hits first)
# A word a session holds only in its abstract counts in full from this cosine up and fades to nothing at 0: a mention
# the model puts nowhere near the query is in passing ("lunch" in FOSS4G's "... has nothing to do with your lunch" lifted
# that talk to 0.72). The words of a title or tags always count. Labelled queries: neutral (bench/rules_loo.py
# --family mention-gate); venue words: bench/venue_words.py.
MENTION_NEAR = 0.1
# ... and counts by the model's cosine between the word read alone and the session, in full from this cosine up and
# nothing at 0: a word the session is not about at all ("applied" in an ISMIR paper on query-by-humming, cosine 0.02;
# abstract-only mentions in sessions labelled relevant have a median of 0.23 and a tenth of 0.07 to 0.13 by kind).
# The only candidate that breaks no floor and held out agenda by agenda the only change: ISMIR topics, P@3 0.493 ->
# 0.500, nDCG@3 0.356 -> 0.363 (bench/rules_loo.py --family word-near; 0.1 and up break the floor elsewhere).
WORD_NEAR = 0.05
# A session whose tags/keywords hold most of the query's rare weight declares that topic: extra lift on top
# of the text's. Evidence, not proof (1.0 would score every fully tagged session 1.0, whatever its cosine);
# held out agenda by agenda it helps on 4 of 11 and hurts none; 0.3 to 0.9 are within 0.003. 0.7 since long abstracts
# are read whole: chosen in every fold, better held-out on VIS keywords, worse nowhere (docs/quality.md).
TAG_WEIGHT = 0.7
# Below this best score the page says "nothing close" (hybrid score; re-checked on eleven labelled agendas plus
# off-topic queries: no query with a relevant session in its top 3 falls below it, see docs/quality.md)
NOTHING_CLOSE = 0.28
# ... and below this one when the results hold no word of the query and none was found by a name: then the model's cosine
# is all there is, and a short title read alone ("Keynote di Eugenio", "Laura Fiore") is close to any person's name.
# Chosen on the sample, NAS, Mini-Conf, COLT and EEML (people of the other agendas typed there: 584 -> 681 of 700
# caught), checked on the others (700 -> 863 of 900); one labelled answer of 869 falls below it (bench/absent_names.py,
# docs/quality.md).
NOTHING_CLOSE_UNHELD = 0.40


def answer_floor(held: bool) -> float:
    """The score below which a session is no answer to a query; ``held``: its results hold a word of the query, or one
    was found by a name (``SearchIndex.holds``)."""
    return NOTHING_CLOSE if held else NOTHING_CLOSE_UNHELD


def far_from_query(best: float, held: bool) -> bool:
    """Whether a query's best score is too far to call an answer (the page's "nothing close")."""
    return best < answer_floor(held)


def fillers(scores: Sequence[float], lifted: Sequence[bool], bar: float = NOTHING_CLOSE) -> list[bool]:
    """Which of a query's hits (best first) only fill places: the first was lifted by a name or the query's own words
    and is close, and this one was lifted by neither and is below ``bar`` (the page's cards: far from the query,
    ``NOTHING_CLOSE``; a plan asks more, ``worth_planning``). A person's
    name filled places 2 and 3 by the name's cosine alone ("Registration", "Coffee Break 1E"): over the labelled
    queries of the eleven agendas and five Mini-Conf sites read whole, such places held 401 wrong sessions and one
    right one; under a paraphrase that lifted nothing, weak places stay (a third of them are right; docs/quality.md)."""
    if not scores or not lifted[0] or scores[0] < NOTHING_CLOSE:
        return [False] * len(scores)
    return [i > 0 and not up and score < bar for i, (score, up) in enumerate(zip(scores, lifted))]


def worth_planning(scores: Sequence[float], lifted: Sequence[bool], held: bool, bar: float = NOTHING_CLOSE_UNHELD) -> list[bool]:
    """Which of a query's sessions (best first) a plan may take: those at ``answer_floor(held)`` or above; and when the
    first was lifted by a name or the query's own words, one that neither lifted only at ``bar`` or above, the bar of a
    query only the cosine speaks for (not tuned again here). A plan fills every free slot with its best candidate, so
    a weak one takes a slot: over the labelled queries of the agendas with times, plans kept 494 of 514 right sessions
    and 535 of 859 wrong ones on the agendas that bar was chosen on (the sample, NAS, COLT's and EEML's sites), 316 of
    317 and 1,283 of 1,471 on the others (FOSS4G, ICWSM's, ISMIR's and SIGDIAL's sites); the topic queries alone, whose
    labels do not follow the words: 194 of 200 and 381 of 439, 214 of 215 and 1,245 of 1,314 (bench/plan_fillers.py)."""
    floor = answer_floor(held)
    return [score >= floor and not filler for score, filler in zip(scores, fillers(scores, lifted, bar))]


@dataclass
class Signals:
    """Every per-session signal for a batch of queries, each of shape (queries, sessions)."""

    dense: np.ndarray
    bm25: np.ndarray
    rare: np.ndarray  # share of the query's rare-word weight each session holds firmly, 0..1
    name: np.ndarray  # strength of a speaker/organisation name match, 0..1
    tagged: np.ndarray  # share of the query's rare-word weight in each session's tags/keywords, 0..1
    terms: list[list[str]]  # per query: the words the lexical signals counted


def signals(
    lexical: LexicalIndex,
    dense: np.ndarray,
    queries: Sequence[str],
    plain: Callable[[np.ndarray], np.ndarray] | None = None,
    typed: Sequence[str] | None = None,
    word_near: Callable[[list[str]], np.ndarray] | None = None,
) -> Signals:
    """Every signal for ``queries`` (cleaned); ``dense`` is the cosine matrix the encoder already gave. Each lexical
    signal is one sparse product for the whole batch (helper.search.lexical): no loop over sessions. ``plain``: the
    one-text cosines of some query rows (helper.search.reading), which a query naming someone keeps. ``typed``: the
    queries as typed, when ``queries`` are read with slips mended (helper.search.spelling): names are matched in them.
    ``word_near``: for words some session holds only in its abstract, how much each counts in each session
    (``word_nearness`` of the words' vectors, which the index reads with the model when asked)."""
    terms = [lexical.terms(q) for q in queries]
    name = lexical.name_matches(typed if typed is not None else queries).reshape(dense.shape)
    named = np.flatnonzero(name.max(axis=1) > 0) if plain is not None and name.size else ()
    if len(named):
        dense = dense.copy()
        dense[named] = plain(named)
    near = mention_nearness(dense)
    rare = lexical.rare_coverages(terms, near).reshape(dense.shape)
    # a word's own cosine only lowers a share, so it is read (a model run) only for queries that lift some session
    lifting = np.flatnonzero((rare > RARE_FLOOR).any(axis=1)) if word_near is not None and rare.size else ()
    if len(lifting):
        rare[lifting] = lexical.rare_coverages([terms[r] for r in lifting], near[lifting], word_near)
    return Signals(
        dense=dense,
        bm25=lexical.bm25_scores(terms).reshape(dense.shape),
        rare=rare,
        name=name,
        tagged=lexical.tag_coverages(terms).reshape(dense.shape),
        terms=terms,
    )


def mention_nearness(dense: np.ndarray) -> np.ndarray:
    """0..1 per session: how much a word it holds only in its abstract counts, by how near the model puts the session
    (full from ``MENTION_NEAR`` up, nothing at a cosine of 0 or below)."""
    return _nearness(dense, MENTION_NEAR)


def word_nearness(sessions: np.ndarray, words: np.ndarray) -> np.ndarray:
    """(words, sessions) 0..1: how much each word counts where a session holds it only in its abstract, by the model's
    cosine between the word read alone and the session (full from ``WORD_NEAR`` up, nothing at 0 or below)."""
    return _nearness(words @ sessions.T, WORD_NEAR)


def mention_counted(cosine: float, word_cosine: float) -> bool:
    """Whether a word a session holds only in its abstract counted towards its lift at all: the model puts the session
    somewhere near the query (``mention_nearness``, from ``cosine``) and the word read alone somewhere near the session
    (``word_nearness``, from ``word_cosine``). A why-line names only the words that counted."""
    return bool(_nearness(np.float32(cosine), MENTION_NEAR) > 0 and _nearness(np.float32(word_cosine), WORD_NEAR) > 0)


def _nearness(cosine: np.ndarray, full_from: float) -> np.ndarray:
    """0 at a cosine of 0 or below, rising linearly to 1 at ``full_from``; 1 everywhere when ``full_from`` is 0 (the rule off)."""
    return np.clip(cosine / full_from, 0.0, 1.0) if full_from > 0 else np.ones_like(cosine)


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
