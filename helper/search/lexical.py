"""Words: BM25 over title, tags and abstract (``bm25s``), rare-word coverage, and speaker/organisation names.

Built once per agenda as sparse (sessions x words) matrices; each method answers for a batch of queries over
every session. ``helper.search.ranking`` turns these into the hybrid score, ``helper.search.explain`` reads the
same rules to say why a session matched.
"""

from __future__ import annotations

import logging
import os
from functools import cached_property, lru_cache
from typing import Callable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helper.search.closed_compounds import COMPOUNDING, closed_parts
from helper.search.levels import BY_NAME, asked_levels, is_level_term, level_term, session_levels, without_levels
from helper.search.names import NameIndex
from helper.search.session_kinds import KIND_WORDS, asked_kinds, asking, passing_kinds, qualifying, without_framing, without_kinds
from helper.search.spelling import LANGUAGE_NAMES, accented_stopwords, agenda_languages, languages_stopwords
from helper.search.tokens import STOPWORDS, cut_out, other_numbers, query_terms, session_labels, tag_text, unbracketed, words

__all__ = ["LexicalIndex", "lexical_document", "query_terms", "words"]

TOPIC_WORD_SHARE = 0.05  # a word in more than this share of titles/abstracts is topic vocabulary, not a name
# A word a session holds only in its abstract counts fully when at most this many sessions of the agenda use it
# ("Selenium"); a word 50 sessions use counts 5/50 there: in that abstract it is most likely a passing mention.
# In the title or tags a word always counts fully: that is where a session says what it is about.
# Chosen holding each labelled agenda out in turn (bench/rules_loo.py): 9 of 11 folds pick 5; docs/quality.md.
PASSING_MENTION_SESSIONS = 5
# A stop word of another language the agenda is written in stays a query word when English uses it this often (Zipf,
# wordfreq's small list): "war", "man" and "die" at 38C3, where "über", "und", "von" are German's stop words. German
# text on the web gives "von" and "der" Zipf 4.2 in English, so the line sits above that.
STILL_AN_ENGLISH_WORD = 4.5
# A level asked for ("… for beginners") weighs at most this share of the topic's words in the rare-word coverage: a
# session on the topic alone still holds 80% of the query (and is lifted), one on the topic and of the level all of it.
# However rare the level is (EEML marks 2 of 168 sessions), it never outweighs the topic. 0.25 over 0.5 and 1 (as rare
# as it is): labelled queries typed "… for beginners" keep P@3 0.586 / 0.581 / 0.537 of 0.596 alone (bench/levels.py).
LEVEL_SHARE = 0.25
# A word of another language than English read in the agenda's form of it (LexicalIndex._inflected) keeps this many first
# letters, and differs in an ending of at most this many: German's "-ern", "-en", "-es" ("Routern", "Router"). With four,
# 38C3's English "keys" and "tales" were read for "Keyser" and "Talern".
STEM_LETTERS = 5
ENDING_LETTERS = 3


def lexical_document(title: str, abstract: str, labels: Sequence[str]) -> list[str]:
    """What BM25 reads for a session: the title and its labels (tags and track, ``session_labels``) twice (they are short
    and precise), the abstract once."""
    tagged = tag_text(labels)
    return [w for w in words(f"{title} {title} {tagged} {tagged} {abstract}") if w not in STOPWORDS]


class LexicalIndex:
    """BM25, rare-word coverage and name matching over an agenda's sessions. Built once; cheap to query."""

    DERIVED = frozenset({"_weights", "written_in", "_foreign_stopwords", "_stems"})  # made from the rest on first use: not saved

    def __init__(self, sessions: pd.DataFrame, kind_words: frozenset[str] = KIND_WORDS) -> None:
        """``kind_words``: the words that name a kind of session (``helper.search.session_kinds``; empty: none read so)."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
        labels = list(map(session_labels, sessions["tags"], sessions["track"]))
        fields = [(_content(t), _content(tag_text(g)), _content(a)) for t, a, g in zip(sessions["title"], sessions["abstract"], labels)]
        self.size = len(fields)
        self._bm25 = bm25s.BM25()
        # as lexical_document reads a session, each field tokenised once
        self._bm25.index([(t + t + g + g + a) or ["_"] for t, g, a in fields], show_progress=False)
        # a session of a level ("An Introduction to …") holds that level's word in its title (helper.search.levels)
        marked = map(session_levels, sessions["title"], labels, sessions["abstract"])
        declared = [set(t) | set(g) | {level_term(name) for name in levels} for (t, g, _), levels in zip(fields, marked)]
        abstracts = [set(a) - d for (_, _, a), d in zip(fields, declared)]
        tagged = [set(_content(tag_text(map(unbracketed, g)))) for g in labels]
        self.vocabulary: dict[str, int] = {}
        for held in (*declared, *abstracts):
            for word in held:
                self.vocabulary.setdefault(word, len(self.vocabulary))
        # "… last year's FOSS4G workshop" does not make a talk a workshop: that mention holds nothing (but the word is used)
        passing = [passing_kinds(held, a, kind_words) for held, a in zip(abstracts, sessions["abstract"])]
        in_declared, in_abstract = self._matrix(declared), self._matrix([held - p if p else held for held, p in zip(abstracts, passing)])
        self.df = np.asarray((in_declared + in_abstract).sum(axis=0)).ravel()  # sessions using each word, any field
        np.add.at(self.df, [self.vocabulary[w] for p in passing for w in p], 1)
        self._idf = np.log(1.0 + (self.size + 0.5) / (self.df + 0.5))
        # how firmly each session holds each word: 1 in its title/tags; in its abstract only, by how few sessions use it.
        # Kept as (words, sessions): a query reads only its own words' rows.
        passing = np.minimum(1.0, PASSING_MENTION_SESSIONS / np.maximum(self.df, 1)).astype(np.float32)
        self._held = (in_declared + in_abstract @ sp.diags(passing)).T.tocsr()
        self._declared = in_declared.T.tocsr()  # the title/tags part of it: what a session says it is about
        self._declared.sort_indices()
        self._held.sort_indices()  # each word's sessions in order: held_terms looks a session up in them
        self._tagged = self._matrix(tagged).T.tocsr()
        # the sessions whose words a closed compound's parts are (closed_parts): held in a language that writes compounds
        # closed, or in none the agenda declares; 38C3's English talks make "niceties" no "nice" + "ties"
        self._compounding = np.array([not held or bool(COMPOUNDING.intersection(held)) for held in sessions["languages"]], dtype=bool)
        self._kinds = kind_words
        self._topic_limit = max(2, TOPIC_WORD_SHARE * self.size)
        self._names = NameIndex(
            sessions["speakers"], sessions["organizations"], lambda w: self._df(w) > self._topic_limit, set(self.vocabulary), titles=list(sessions["title"]),
            abstracts=list(sessions["abstract"]), languages=self.written_in, holding=lambda word: self._sessions_holding(word, self._held),
        )

    def terms(self, text: str) -> list[str]:
        """A query's words as the lexical signals read them (``query_terms``), each word the agenda never uses read in the
        number it does use: "keynotes" where its titles and tags say "Keynote" (the model reads the query as typed). A
        number counts only when some title or tags hold it ("Day 2"): "Python 101" still finds Python where no title
        says 101, and "5 tips" is not held by every abstract that counts to five. A level asked for ("… for beginners")
        is one word, ``level_term``, when some session is of it; else it is read away (``absent_levels``)."""
        stopped = self._foreign_stopwords | accented_stopwords(text)
        asked = asked_levels(text)
        read = (self._in_agenda_number(t) for t in query_terms(without_levels(text, asked)) if t not in stopped)
        levels = (level_term(name) for _start, _end, name in asked)
        return list(dict.fromkeys([*(t for t in read if not t.isdigit() or self.declares(t)), *filter(self._held_by_some, levels)]))

    @staticmethod
    def topic(text: str) -> str:
        """``text`` as the model reads it: without the level it asks for, which says who a session is for, not what it
        is about (``helper.search.levels``)."""
        return without_levels(text, asked_levels(text))

    def level_of(self, row: int, text: str) -> str:
        """The level a query asks for that session ``row`` says it is of, as a card says it ("for beginners"), or ""."""
        return next((BY_NAME[name].shown for _s, _e, name in asked_levels(text) if self._holds(row, level_term(name), self._declared)), "")

    def absent_levels(self, text: str) -> list[str]:
        """The levels a query asks for that no session here says it is of, as a note says them ("for beginners")."""
        asked = dict.fromkeys(name for _start, _end, name in asked_levels(text))
        return [BY_NAME[name].shown for name in asked if not self._held_by_some(level_term(name))]

    def absent_kinds(self, text: str) -> list[tuple[int, int, str]]:
        """Where a query asks for a kind of session (``asked_kinds``) that no session here is: "workshop on PostGIS" at a
        conference of talks. Such a request asks for nothing the agenda has, so the query is searched without it."""
        return [span for span in asked_kinds(text) if span[2] in self._kinds and not self._held_by_some(self._in_agenda_number(span[2]))]

    def as_searched(self, text: str) -> str:
        """``text`` as the model and the words read it: without its requests for a kind of session no session here is
        (``absent_kinds``), without the asking around its subject ("what should I see about …", ``asking``) unless a
        session's title or tags hold its words and the rest ("Show Me the Data"), without the words around its subject
        that say what every session is ("research on …",
        "… papers": ``without_framing``) and without those that only qualify it ("latest …", "… in practice":
        ``qualifying``) where no session's title or tags use them."""
        text = without_kinds(text, self.absent_kinds(text))
        asked = asking(text)
        if asked and not self._qualifies_here(text[asked[0] : asked[1]], text[asked[1] :]):
            text = text[asked[1] :]
        text = text.rstrip(" ?!") or text  # "healthcare?": the asking says nothing of the subject, and the model reads it
        unheld = [(a, b) for a, b in qualifying(text) if not self._qualifies_here(text[a:b], cut_out(text, [(a, b)]))]
        return without_framing((cut_out(text, unheld) or text) if unheld else text)

    def _qualifies_here(self, qualifier: str, rest: str) -> bool:
        """Whether a session's title or tags hold a word of ``qualifier`` ("practice"; the agenda's stop words are none:
        a 38C3 title holds "es") and the session holds the rest of the query too ("Chromatic Chords in Theory and
        Practice" for "chromatic chords in practice"): then the words are the agenda's own and stay."""
        declaring = np.unique(np.concatenate([self._sessions_holding(w, self._declared) for w in self.terms(qualifier)] or [np.zeros(0, np.int32)]))
        return bool(declaring.size) and bool(np.intersect1d(declaring, self.sessions_with_all(query_terms(rest))).size)

    @cached_property
    def written_in(self) -> tuple[str, ...]:
        """English, and each other language the agenda's texts are written in (``agenda_languages``; not the languages
        sessions are held in, which the agenda declares: ``SearchIndex.languages``)."""
        return agenda_languages(self.vocabulary, self.df, self.size)

    @cached_property
    def _foreign_stopwords(self) -> frozenset[str]:
        """The stop words of the agenda's other languages: "über" and "und" say no more at 38C3 than "about" does."""
        from wordfreq import zipf_frequency

        stopped = languages_stopwords(self.written_in)
        return frozenset(w for w in stopped if zipf_frequency(w, "en", wordlist="small") < STILL_AN_ENGLISH_WORD)

    def _in_agenda_number(self, word: str) -> str:
        """``word`` as some session holds it: as typed, else in the other number ("keynotes" where titles say "Keynote";
        "workshops" where titles say "Workshop" and abstracts only mention "several workshops"), else in the form the
        agenda's other languages give it (``_inflected``: "Routern" where 38C3 says "Router"), else as typed."""
        if self._held_by_some(word):
            return word
        return next((form for form in other_numbers(word) if self._held_by_some(form)), "") or self._inflected(word) or word

    def _inflected(self, word: str) -> str:
        """The agenda's word of ``word``'s stem (Snowball's stemmer, PyStemmer) in a language it is written in besides
        English that differs from ``word`` only in its ending (``_endings_only``): of several, the one with the least
        after the stem (the base: "schilder" -> "schild", not "schildern"), then the one sharing the most first letters
        with ``word`` ("routern" -> "router", not "routen"), then the one the most sessions use; never "persönlichsten"
        -> "personen"; "" when none. English keeps its own rule (``other_numbers``): stemming it lost on the labelled
        agendas (docs/quality.md)."""
        if word in self._names.vocabulary or word in self._names.forms:  # "Kostet", a speaker, is no form of "kosten"
            return ""
        forms = {form: len(form) - len(stem) for language, stems in self._stems.items() if (stem := _stem(word, language)) in stems
                 for form in stems[stem] if _endings_only(word, form)}
        return max(forms, key=lambda form: (-forms[form], len(os.path.commonprefix([word, form])), self._df(form), form), default="")

    def stem_words(self) -> None:
        """Stem the agenda's words now (``_inflected``: 0.05 s for 38C3), not on the first visitor's query that needs them."""
        self._stems  # noqa: B018

    @cached_property
    def _stems(self) -> dict[str, dict[str, list[str]]]:
        """Per language of the agenda besides English that Snowball stems: each stem -> the agenda's words of it."""
        found: dict[str, dict[str, list[str]]] = {}
        for language in (code for code in self.written_in if code in LANGUAGE_NAMES):
            words_of = found.setdefault(language, {})
            for word in self.vocabulary:
                words_of.setdefault(_stem(word, language), []).append(word)
        return found

    def closed_parts(self, word: str) -> tuple[str, str] | None:
        """The two words a folded ``word`` no session holds in any form joins (``closed_compounds.closed_parts``: "wahlcomputer" ->
        "wahl", "computer" at 38C3), where the agenda is written in a language that writes compounds closed; else None.
        The speller reads the query so (``helper.search.spelling``)."""
        if not COMPOUNDING.intersection(self.written_in) or not word.isalpha():
            return None
        if self._held_by_some(word) or self._in_agenda_number(word) != word:
            return None  # a session holds it, or a form of it ("Wahlkämpfen": 38C3's "Wahlkampf")
        return closed_parts(word, self._sessions_using, self.written_in)

    def _sessions_using(self, word: str) -> int:
        """How many sessions held in a language that writes compounds closed (or in none declared) hold ``word``: 0 for
        a stop word, of English or of the agenda's other languages."""
        stopped = word in STOPWORDS or word in languages_stopwords(self.written_in)
        return 0 if stopped else int(self._compounding[self._sessions_holding(word, self._held)].sum())

    def _held_by_some(self, word: str) -> bool:
        """Whether a session holds ``word`` (every word the agenda uses, but a kind it only mentions in passing)."""
        return self._sessions_holding(word, self._held).size > 0

    def idf(self, word: str) -> float:
        """Smoothed inverse document frequency; an unseen word weighs as much as the rarest seen word."""
        return float(np.log(1.0 + (self.size + 0.5) / (self._df(word) + 0.5)))

    def _df(self, word: str) -> int:
        column = self.vocabulary.get(word)
        return 0 if column is None else int(self.df[column])

    def bm25(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 of one query's terms for every session (bm25s's scoring, title and tags counted twice)."""
        return self.bm25_scores([terms])[0]

    def bm25_scores(self, queries: Sequence[Sequence[str]]) -> np.ndarray:
        """``bm25`` for a batch of queries' terms: (queries, sessions), one sparse product for the whole batch.

        bm25s stores each word's BM25 weight in every session that holds it (its "eager" index: a word's row of
        session weights); a query's score is the sum of its words' rows, as ``BM25.get_scores`` adds them, so the
        batch is (queries x words counts) @ (words x sessions weights)."""
        columns = self._bm25.vocab_dict
        cols, ends = [], [0]
        for terms in queries:
            # a word of the agenda (not the placeholder "_"); in the query's order, the order bm25s adds them in
            cols += [columns[t] for t in terms if t in self.vocabulary and t in columns]
            ends.append(len(cols))
        counts = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), cols, ends), shape=(len(queries), self._bm25_weights.shape[0]))
        scores = (counts @ self._bm25_weights).toarray()
        if self._bm25.nonoccurrence_array is not None:  # BM25L / BM25+ (not the default "lucene"): words' base score
            scores += counts @ np.asarray(self._bm25.nonoccurrence_array, dtype=np.float32)[:, None]
        return scores.astype(np.float32, copy=False)

    @property
    def _bm25_weights(self) -> sp.csr_matrix:
        """bm25s's weights as a (words, sessions) sparse matrix over its own arrays (no copy; memory-mapped when
        loaded from a prebuilt index). Made on first use and kept (not saved: store.py saves the engine)."""
        weights = self.__dict__.get("_weights")
        if weights is None:
            weights = self.__dict__["_weights"] = bm25_matrix(self._bm25)
        return weights

    def rare_coverage(self, terms: Sequence[str]) -> np.ndarray:
        """Share of the query's IDF weight each session holds firmly: in its title or tags, or in its abstract when
        few sessions use the word (``PASSING_MENTION_SESSIONS``)."""
        return self.rare_coverages([terms])[0]

    def rare_coverages(
        self, queries: Sequence[Sequence[str]], near: np.ndarray | None = None, word_near: Callable[[list[str]], np.ndarray] | None = None,
    ) -> np.ndarray:
        """``rare_coverage`` for a batch of queries' terms: (queries, sessions). ``near`` (same shape, 0..1): how much of
        the weight a session holds only in its abstract counts (``helper.search.ranking.mention_nearness``);
        ``word_near``: for ``abstract_words`` (words, sessions), 0..1, how much each of those words counts in each
        session's abstract (``helper.search.ranking.word_nearness``). The words of a title and tags always count fully."""
        if near is None and word_near is None:
            return self._coverage(queries, self._held)[0]
        if word_near is None:
            held, declared = self._coverage(queries, self._held, self._declared)
            return declared + near * (held - declared)
        words = self.abstract_words(queries)
        declared, loose = self._coverage(queries, self._declared, self._abstract_only(words, word_near(words)))
        return declared + (loose if near is None else near * loose)

    def abstract_words(self, queries: Sequence[Sequence[str]]) -> list[str]:
        """The words of ``queries`` (their terms) that some session holds only in its abstract, once each."""
        known = dict.fromkeys(t for terms in queries for t in terms if t in self.vocabulary)
        return [t for t in known if self._held[self.vocabulary[t]].nnz > self._declared[self.vocabulary[t]].nnz]

    def _abstract_only(self, words: list[str], factor: np.ndarray) -> sp.csr_matrix:
        """(vocabulary, sessions): how firmly each session holds each of ``words`` in its abstract only, times ``factor``
        (words, sessions); the other words' rows are empty."""
        rows = [self.vocabulary[w] for w in words]
        loose = sp.csr_matrix((self._held[rows] - self._declared[rows]).multiply(factor)) if rows else sp.csr_matrix((0, self.size))
        select = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, np.arange(len(rows)))), shape=(len(self.vocabulary), len(rows)))
        return (select @ loose).tocsr()

    def tag_coverage(self, terms: Sequence[str]) -> np.ndarray:
        """Share of the query's IDF weight found in each session's tags/keywords field (the author's own labels)."""
        return self.tag_coverages([terms])[0]

    def tag_coverages(self, queries: Sequence[Sequence[str]]) -> np.ndarray:
        """``tag_coverage`` for a batch of queries' terms: (queries, sessions)."""
        return self._coverage(queries, self._tagged)[0]

    def held_terms(self, row: int, terms: Sequence[str]) -> tuple[str, ...]:
        """The query words session ``row`` holds in any field: each counted in its rare-word coverage (fully in the
        title or tags or when few sessions use it, partly otherwise). A number only where the title or tags hold it:
        "Tangara Session 1" holds the "2" of "Session 2" only in "there will be 2 sessions"."""
        return tuple(t for t in terms if self._holds(row, t, self._declared if t.isdigit() else self._held))

    def declared_terms(self, row: int, terms: Sequence[str]) -> tuple[str, ...]:
        """The query words session ``row`` holds in its title, tags or track (the others it holds, if any, only in its abstract)."""
        return tuple(t for t in terms if self._holds(row, t, self._declared))

    def _holds(self, row: int, word: str, held: sp.csr_matrix) -> bool:
        sessions = self._sessions_holding(word, held)
        at = int(np.searchsorted(sessions, row))
        return at < len(sessions) and sessions[at] == row

    def declares(self, word: str) -> bool:
        """Whether some session holds ``word`` in its title, tags or track (where a session says what it is about)."""
        return self._sessions_holding(word, self._declared).size > 0

    def sessions_with_all(self, words: Sequence[str]) -> np.ndarray:
        """The rows of the sessions that hold every one of ``words`` (stop words aside) in any field."""
        kept = [w for w in words if w not in STOPWORDS]
        if not kept or any(w not in self.vocabulary for w in kept):
            return np.zeros(0, dtype=np.int32)
        together = self._sessions_holding(kept[0], self._held)
        for word in kept[1:]:
            together = np.intersect1d(together, self._sessions_holding(word, self._held), assume_unique=True)
        return together

    def _sessions_holding(self, word: str, held: sp.csr_matrix) -> np.ndarray:
        """The rows (in order) of the sessions that ``held`` (words x sessions: ``_held`` or ``_declared``) says hold ``word``."""
        column = self.vocabulary.get(word)
        return held.indices[held.indptr[column] : held.indptr[column + 1]] if column is not None else np.zeros(0, dtype=np.int32)

    def _matrix(self, word_sets: Sequence[set[str]]) -> sp.csr_matrix:
        """(sessions, vocabulary), 1 where the session holds the word."""
        rows = [r for r, held in enumerate(word_sets) for w in held if w in self.vocabulary]
        cols = [self.vocabulary[w] for held in word_sets for w in held if w in self.vocabulary]
        return sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(self.size, len(self.vocabulary)))

    def _coverage(self, queries: Sequence[Sequence[str]], *held: sp.csr_matrix) -> list[np.ndarray]:
        """Per query and session: the IDF weight of the query's words the session holds, over the query's whole
        IDF weight (a word the agenda never uses weighs as much as its rarest word, and nobody holds it; a level asked
        for at most ``LEVEL_SHARE`` of the others).
        ``held``: (words, sessions) matrices, one result each; one product a matrix for the batch, reading only the
        rows of the query's words."""
        unseen = float(np.log(1.0 + (self.size + 0.5) / 0.5))
        rows, cols, values, totals = [], [], [], np.zeros(len(queries))
        for q, terms in enumerate(queries):
            weight = {t: float(self._idf[self.vocabulary[t]]) if t in self.vocabulary else unseen for t in terms if not is_level_term(t)}
            topic = sum(weight.values())
            for term in filter(is_level_term, terms):  # who a session is for weighs at most a share of what it is about
                weight[term] = min(self.idf(term), LEVEL_SHARE * topic) if topic else self.idf(term)
            for term, value in weight.items():
                totals[q] += value
                if term in self.vocabulary:
                    rows.append(q)
                    cols.append(self.vocabulary[term])
                    values.append(value)
        weights = sp.csr_matrix((np.asarray(values, dtype=np.float32), (rows, cols)), shape=(len(queries), len(self.vocabulary)))
        out = []
        for matrix in held:
            found = (weights @ matrix).toarray()
            out.append(np.divide(found, totals[:, None], out=np.zeros_like(found), where=totals[:, None] > 0).astype(np.float32))
        return out

    def name_match(self, text: str) -> np.ndarray:
        """How strongly the query names a speaker or organisation of each session, 0..1."""
        return self._names.strengths([text])[0]

    def name_matches(self, texts: Sequence[str]) -> np.ndarray:
        """``name_match`` for a batch: (queries, sessions)."""
        return self._names.strengths(texts)

    def lists_speakers(self) -> bool:
        """Whether the agenda names some session's speaker."""
        return bool(self._names.person.any())

    def lists_organisations(self) -> bool:
        """Whether the agenda says which organisation some speaker is from (a column, or in brackets after a name)."""
        return bool((~self._names.person).any())

    def framed_organisations(self, text: str) -> set[int]:
        """The organisations the query asks for as such ("someone from McGill"; ``NameIndex.framed_organisations``)."""
        return self._names.framed_organisations(text)

    def name_words(self) -> list[str]:
        """Every word of the agenda's speaker and organisation names, and the other ways it is typed ("boeck")."""
        return [*self._names.vocabulary, *self._names.forms]

    def matched_name(self, row: int, text: str) -> str:
        """The speaker or organisation of session ``row`` that the query names ("" when none)."""
        return self._names.matched(row, text)



def bm25_matrix(engine) -> sp.csr_matrix:
    """A bm25s index's precomputed weights, (words, sessions): row ``vocab_dict[word]`` holds the word's weight in
    each session that has it. bm25s keeps them as the arrays of exactly such a matrix (``BM25.scores``)."""
    data, indices, indptr = (np.asarray(engine.scores[k]) for k in ("data", "indices", "indptr"))
    # one index type, so scipy wraps the arrays instead of copying them (the pointers are the small array)
    indptr = indptr.astype(indices.dtype) if indices.dtype == np.int32 and len(data) < np.iinfo(np.int32).max else indptr
    return sp.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, engine.scores["num_docs"]), copy=False)


def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


@lru_cache(maxsize=None)
def _stemmer(language: str):
    import Stemmer

    return Stemmer.Stemmer(LANGUAGE_NAMES[language].lower())


def _endings_only(typed: str, form: str) -> bool:
    """Whether two words of one stem differ only in their endings: the same first letters, at least ``STEM_LETTERS``,
    then at most ``ENDING_LETTERS`` each ("routern", "router"; not "caterer", "cat", nor "persönlichsten", "personen")."""
    shared = len(os.path.commonprefix([typed, form]))
    return shared >= STEM_LETTERS and max(len(typed), len(form)) - shared <= ENDING_LETTERS


def _content(text: str) -> list[str]:
    """The words of a field that can carry meaning, in order (as ``lexical_document`` keeps them)."""
    return [w for w in words(text) if w not in STOPWORDS]
