"""Leave one agenda out: is a ranking rule or constant kept because it helps on agendas it was not chosen on?

    HELPER_CACHE_DIR=/tmp/eval-cache python bench/rules_loo.py [--family NAME ...]

For every labelled agenda present (the repository's three and the real exports in ../shared, helper.eval), the
query vectors are computed once; each candidate rule is then replayed on the same signals. For a family of
candidates (a rule and its constants), each agenda in turn is held out: the candidate with the best objective on
the *other* agendas is chosen, and its objective on the held-out agenda is compared with the rule switched off.
A rule is kept only if that held-out change is positive on more agendas than it is negative and in sum, and the
constant most folds chose breaks the floor (below) in no more places than the rule switched off, in none where the
rule switched off meets it (a rule may not move a loss from one agenda to another), and deepens none it already breaks.

Objective: the mean over (agenda, kind) of (P@3 + nDCG@3) / 2, each kind counting alike, so forty keyword queries
do not drown twelve topic queries. "floor breaks" counts (agenda, kind, metric) cells where the hybrid is below
the better of dense (as the app ranks with `--method dense`: long abstracts read whole) and BM25 (and speaker kinds whose
hit@3 is below 1).

The candidates are re-implemented here (``Variant``), so rejected ideas stay runnable without living in the
app; ``check_kept`` asserts that the kept configuration reproduces ``helper.search.ranking.fuse`` exactly.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helper.agenda import load_agenda  # noqa: E402
from helper.eval import DEFAULT_PAIRS, METRICS, normalise_title, pair_name, query_metrics, ranked, read_labels  # noqa: E402
from helper.search import lexical as lexical_module  # noqa: E402
from helper.search import ranking, reading  # noqa: E402
from helper.search.cache import EmbeddingCache  # noqa: E402
from helper.search.explain import sentences  # noqa: E402
from helper.search.index import SearchIndex  # noqa: E402
from helper.search.reading import session_text  # noqa: E402
from helper.search.levels import asked_levels  # noqa: E402
from helper.search.lexical import LexicalIndex  # noqa: E402
from helper.search.tokens import STOPWORDS, other_numbers, query_terms, singular, tag_text, unbracketed, words  # noqa: E402

KINDS = ("topic", "keyword", "speaker", "lexical")


@dataclass(frozen=True)
class Variant:
    """One candidate ranking. The defaults are the rules kept in helper.search (see check_kept)."""

    abstract: str = "df"  # how firmly an abstract-only word is held: "full" (the old rule), "df" (T / sessions using it), "share" (T x agenda size / sessions)
    T: float = float(lexical_module.PASSING_MENTION_SESSIONS)
    family_df: bool = False  # count a word's sessions by its stem (PyStemmer): "applied" then shares "applications"' count
    stem: bool | str = False  # stem every word (BM25 and matching); "plural": only plurals, read as their singular
    idf: str = "smooth"  # or "robertson" (zero for words in half the sessions)
    idf_power: float = 1.0
    floor: float = ranking.RARE_FLOOR
    rare_weight: float = ranking.RARE_WEIGHT
    bm25_share: float = ranking.BM25_SHARE
    tag_weight: float = ranking.TAG_WEIGHT
    prf: float = 0.0  # pseudo-relevance feedback: query vector + prf x mean of the top prf_k sessions (not for name queries)
    prf_k: int = 5
    prf_from_hybrid: bool = False  # feedback sessions from the hybrid's top k instead of dense's
    bm25_mix: float = 0.0  # add bm25_mix x BM25 / best BM25 to every score (unbounded above 1)
    term_closeness: float = 0.0  # weight each query word by cos(word vector, query vector) ** this
    title_weight: float = 0.0  # the tag rule's twin for the title: a title holding most of the query's weight
    # other dense views of a session, mixed into the cosine: (1 - view_weight) x cos(title + abstract) + view_weight x view
    view: str = ""  # "abstract" (the abstract alone: the `seed` method), "title", "sentences" (the normalised mean of the
    # abstract's sentence vectors), "best-sentence" (the cosine of the abstract's sentence closest to the query)
    view_weight: float = 0.0
    smooth: float = 0.0  # neighbours: (cos + smooth x mean cos of the session's smooth_k nearest sessions) / (1 + smooth)
    smooth_k: int = 5
    hub: float = 0.0  # hubness: cos - hub x the session's mean cosine to its hub_k nearest sessions (0: to all of them)
    hub_k: int = 0
    bm25_evidence: float = 0.0  # BM25 / best BM25 as one more noisy-or evidence on every session (stays below 1, unlike bm25_mix)
    paraphrase_only: bool = False  # the views and bm25_evidence only where no name and no rare-word lift fires
    chunks: str = ""  # a long abstract read in chunks of sentences, each with the title, the vectors averaged: "words"
    # (session_texts: about CHUNK_WORDS words a chunk) or "tokens" (chunk_tokens word pieces a chunk, counted by the model's tokenizer)
    chunk_tokens: int = 200
    chunk_balance: bool = False  # "tokens": as many chunks as needed, their sizes evened out (no short tail chunk)
    chunk_title: bool = True  # each chunk read with its title (False: the chunk alone; a one-text session keeps its title)
    background: float = 0.0  # > 0: an abstract-only word more than this share of the *other* agendas' sessions use counts at most background/share (general academic words)
    once: float = 1.0  # an abstract-only word the abstract uses once counts this share of its strength (a passing mention is used once)
    chunk_pool: str = "mean"  # the session's cosine: of the chunks' mean vector, of its best chunk ("max"), or their average ("meanmax")
    plain_for_names: bool = False  # ... except for queries that name someone (they keep the one-text cosine)
    gate: float = 0.0  # > 0: the text lift (not tags, not names) fades to nothing for a session this far below the query's best cosine
    chunk_tags: bool = False  # the model also reads the session's tags/keywords, after its title ("title. tag, tag. abstract")
    idf_blend: float = 0.0  # > 0: each query word's weight is IDF here ** (1 - this) x IDF over the *other* agendas' sessions ** this
    centre: float = 0.0  # > 0: query and session vectors less centre x the agenda's mean session vector before the cosine
    centre_mix: float = 1.0  # the centred cosine's share of the dense signal (the rest: the plain cosine)
    # the field's usual hybrids, in place of the lift (a query that names someone keeps the kept rules): "rrf", reciprocal-rank
    # fusion (Cormack et al. 2009) of fusion_base's order and BM25's; "convex", (1 - w) x fusion_base + w x BM25 / best BM25
    fusion: str = ""
    fusion_base: str = "dense"  # or "hybrid" (the kept rules' scores)
    fusion_weight: float = 0.5  # BM25's share
    rrf_k: int = 60
    # > 0: a word held only in the abstract counts towards the text lift by the session's own cosine, in full from this
    # cosine up, fading to nothing at 0 (the model must see the session as near the query at all: "lunch" in "nothing to
    # do with your lunch"); words in the title or tags count as before
    mention_gate: float = ranking.MENTION_NEAR
    number: bool = True  # a query word the agenda never uses is matched (words only, not the model) in its other number
    track: str = "tags"  # the session's track read as one of its tags (tag rule, matching and BM25): the agenda's own structure;
    # "declared": as words the session declares (a word there is held fully, like one in the title) but not as a tag; "": not read
    # > 0: a word held only in the abstract also counts by the model's cosine between the word read alone and the session, in
    # full from this cosine up, fading to nothing at 0 ("applied" in a paper about humming: a word the session is not about)
    word_near: float = ranking.WORD_NEAR
    # > 0: the dense signal mixes in the IDF-weighted mean of the cosines between each query word read alone and the session
    # (a bag of the query's words, each matched by meaning): (1 - word_mix) x cos + word_mix x that; not for name queries
    word_mix: float = 0.0
    # > 0: the same, measured against the word's mean cosine over the agenda's sessions (is this session more about the word
    # than sessions are in general?): full from this much above the mean, nothing at the mean or below
    word_above: float = 0.0


# all-MiniLM-L6-v2 reads the first 256 word pieces of a text and drops the rest; these agendas' titles and abstracts run
# 1.6 word pieces a word, so past about 150 words the end of an abstract is never read (over half the sessions of COLT,
# ICWSM, VIS and FOSS4G). Both numbers follow from the window; neither was tuned.
WINDOW_WORDS = 150
CHUNK_WORDS = 120  # a chunk with its title: about 200 word pieces


def session_texts(title: str, abstract: str) -> list[str]:
    """The `chunks` candidate: "title. abstract" when it fits the model's window, else the abstract's sentences packed
    into chunks of about CHUNK_WORDS words, each read with the title (the session's vector is their mean)."""
    whole = session_text(title, abstract)
    if len(whole.split()) <= WINDOW_WORDS:
        return [whole]
    budget = max(CHUNK_WORDS - len(title.split()), 1)
    chunks: list[str] = []
    current: list[str] = []
    for sentence in sentences(abstract):
        if current and sum(len(x.split()) for x in current) + len(sentence.split()) > budget:
            chunks.append(session_text(title, " ".join(current)))
            current = []
        current.append(sentence)
    chunks.append(session_text(title, " ".join(current)))
    return chunks


def token_chunks(title: str, abstract: str, size: int, balance: bool) -> list[str]:
    """The `chunks="tokens"` candidates: the app's reading (helper.search.reading) with another chunk size or packing."""
    from helper.search.onnx_encoder import MAX_TOKENS

    count = _token_counter()
    return reading.reading_texts(title, abstract, lambda texts: [count(t) for t in texts], MAX_TOKENS, size, balance)


_COUNTER = None


def _token_counter():
    global _COUNTER
    if _COUNTER is None:
        from tokenizers import Tokenizer

        from helper.search.model_files import bundled_model_dir

        tokenizer = Tokenizer.from_file(str(bundled_model_dir() / "tokenizer.json"))
        tokenizer.no_truncation()  # the file truncates and pads to the model's window: a count must not
        tokenizer.no_padding()
        _COUNTER = lambda text: len(tokenizer.encode(text, add_special_tokens=False).ids)  # noqa: E731
    return _COUNTER


class Words:
    """An agenda's words by field, as sparse matrices, with or without stemming."""

    def __init__(self, sessions, stem: bool, track: str = "") -> None:
        import bm25s
        import Stemmer

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.stemmer = Stemmer.Stemmer("english")
        self.stem = stem
        norm = (lambda ws: [singular(w) for w in ws]) if stem == "plural" else self.stemmer.stemWords if stem else (lambda ws: ws)
        self.norm = norm
        tokens = lambda text: norm([w for w in words(text) if w not in STOPWORDS])  # noqa: E731
        title = [tokens(t) for t in sessions["title"]]
        tracks = [tokens(k) if track else [] for k in sessions["track"]]
        tags = [tokens(tag_text(t)) + (k if track == "tags" else []) for t, k in zip(sessions["tags"], tracks)]
        abstract = [tokens(a) for a in sessions["abstract"]]
        self.size = len(title)
        self.vocabulary: dict[str, int] = {}
        for field in (title, tags, abstract, tracks):
            for doc in field:
                for w in doc:
                    self.vocabulary.setdefault(w, len(self.vocabulary))
        declared = self._matrix([set(t) | set(g) | set(k) for t, g, k in zip(title, tags, tracks)])
        self.titled = self._matrix([set(t) for t in title])
        # a tag declares its topic without what it says in brackets ("(e.g. networks, time series)": tokens.unbracketed)
        self.tagged = self._matrix([set(tokens(tag_text(map(unbracketed, g)))) | set(k if track == "tags" else []) for g, k in zip(sessions["tags"], tracks)])
        self.in_abstract = self._matrix([set(a) for a in abstract])
        self.abstract_counts = self._counts(abstract)
        self.declared = declared
        self.df = np.asarray(((declared + self.in_abstract) > 0).sum(axis=0)).ravel().astype(np.float64)
        stem_df: dict[str, int] = {}
        for t, g, a in zip(title, tags, abstract):
            for s in set(self.stemmer.stemWords(list(set(t) | set(g) | set(a)))):
                stem_df[s] = stem_df.get(s, 0) + 1
        self.stem_df = stem_df
        self.bm25 = bm25s.BM25()
        extra = tracks if track == "declared" else [[] for _ in tracks]
        self.bm25.index([(t + t + g + g + k + k + a) or ["_"] for t, g, k, a in zip(title, tags, extra, abstract)], show_progress=False)

    def _counts(self, docs) -> sp.csc_matrix:
        """(sessions, vocabulary): how many times each session's field uses each word."""
        rows = [r for r, doc in enumerate(docs) for _ in doc]
        cols = [self.vocabulary[w] for doc in docs for w in doc]
        return sp.csc_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(self.size, len(self.vocabulary)))  # duplicates summed

    def _matrix(self, sets) -> sp.csc_matrix:
        rows = [r for r, held in enumerate(sets) for _ in held]
        cols = [self.vocabulary[w] for held in sets for w in held]
        return sp.csc_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(self.size, len(self.vocabulary)))

    def terms(self, query: str, number: bool = False) -> list[str]:
        terms = query_terms(query)
        if number and not self.stem:  # a word the agenda never uses, matched in the number it does use (words only)
            terms = list(dict.fromkeys(self.other_number(t) for t in terms))
        return list(dict.fromkeys(self.norm(terms))) if self.stem else terms

    def other_number(self, term: str) -> str:
        if term in self.vocabulary:
            return term
        return next((form for form in other_numbers(term) if form in self.vocabulary), term)

    def sessions_using(self, terms: list[str], family: bool) -> np.ndarray:
        if family:
            return np.array([self.stem_df.get(self.stemmer.stemWord(t), 0) for t in terms], dtype=np.float64)
        return np.array([self.df[self.vocabulary[t]] if t in self.vocabulary else 0 for t in terms], dtype=np.float64)

    def held(self, terms: list[str], v: Variant, background: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(sessions, terms): how firmly each session holds each term, and whether its tags and its title do."""
        using = self.sessions_using(terms, v.family_df)
        strength = np.zeros((self.size, len(terms)), np.float32)
        tagged = np.zeros_like(strength)
        titled = np.zeros_like(strength)
        for j, t in enumerate(terms):
            if t not in self.vocabulary:
                continue
            c = self.vocabulary[t]
            declared = self.declared[:, c].toarray().ravel() > 0
            in_abstract = self.in_abstract[:, c].toarray().ravel() > 0
            if v.abstract == "full":
                loose = 1.0
            elif v.abstract == "df":
                loose = min(1.0, v.T / max(using[j], 1))
            else:
                loose = min(1.0, v.T * self.size / max(using[j], 1))
            if background is not None and background[j] > v.background:
                loose = loose * v.background / background[j]
            if v.once < 1.0:
                used = self.abstract_counts[:, c].toarray().ravel()
                loose = loose * np.where(used >= 2, 1.0, v.once)
            strength[:, j] = np.where(declared, 1.0, in_abstract * loose)
            tagged[:, j] = self.tagged[:, c].toarray().ravel() > 0
            titled[:, j] = self.titled[:, c].toarray().ravel() > 0
        return strength, tagged, titled

    def declared_of(self, terms: list[str]) -> np.ndarray:
        """(sessions, terms): whether the session holds the term in its title, tags or track."""
        out = np.zeros((self.size, len(terms)), bool)
        for j, t in enumerate(terms):
            if t in self.vocabulary:
                out[:, j] = self.declared[:, self.vocabulary[t]].toarray().ravel() > 0
        return out

    def weights(self, terms: list[str], v: Variant) -> np.ndarray:
        using = self.sessions_using(terms, v.family_df)
        if v.idf == "robertson":
            w = np.maximum(np.log((self.size - using + 0.5) / (using + 0.5)), 0.0)
        else:
            w = np.log(1.0 + (self.size + 0.5) / (using + 0.5))
        return w**v.idf_power

    def bm25_scores(self, terms: list[str]) -> np.ndarray:
        known = [t for t in terms if t in self.vocabulary]
        return np.asarray(self.bm25.get_scores(known), np.float32) if known else np.zeros(self.size, np.float32)


@dataclass
class Case:
    name: str
    sessions: object
    embeddings: np.ndarray
    vectors: np.ndarray  # query vectors
    queries: list[str]
    labels: list
    names: np.ndarray  # name strengths (queries, sessions), from the app's NameIndex
    dense: np.ndarray
    bm25: np.ndarray
    term_vectors: dict
    paraphrase: np.ndarray  # per query: no name matches and no session holds more than RARE_FLOOR of its rare weight


class Bench:
    def __init__(self, only: list[str] | None = None) -> None:
        from helper.search.encoder import load_encoder
        from helper.settings import BUNDLED_MODEL

        encoder = load_encoder(BUNDLED_MODEL)
        cache = Path(os.environ.get("HELPER_CACHE_DIR", "/tmp/eval-cache"))
        self.encoder, self.cache = encoder, EmbeddingCache(cache, encoder.model_id)
        self.cases: dict[str, Case] = {}
        self.indexes: dict[str, SearchIndex] = {}
        for agenda_path, labels_path in DEFAULT_PAIRS:
            name = pair_name((agenda_path, labels_path))
            if not agenda_path.exists() or (only and name not in only):
                continue
            index = SearchIndex.build(load_agenda(agenda_path), encoder, cache)
            labels = read_labels(labels_path)
            typed = [index.clean_query(item.query) for item in labels]
            queries = [index.read_query(q) for q in typed]  # as the app reads them: a slip mended, names matched as typed
            lexical = LexicalIndex(index.sessions)
            # and as the model reads them: an abbreviation the agenda defines spelled out, a level asked for left out
            vectors = encoder.encode([lexical.topic(index.read_query(q, by_the_model=True)) for q in typed])
            terms = sorted({t for q in queries for t in query_terms(q)})
            term_vectors = dict(zip(terms, encoder.encode(terms))) if terms else {}
            bm25 = lexical.bm25_scores([query_terms(q) for q in queries])
            # the model reading each session as one text ("title. abstract"): what every dense view starts from
            one_text = index.whole if index.whole is not None else index.embeddings
            dense = vectors @ one_text.T
            names = lexical.name_matches(typed)
            paraphrase = (lexical.rare_coverages([query_terms(q) for q in queries]).max(axis=1) <= ranking.RARE_FLOOR) & (names.max(axis=1) == 0)
            self.cases[name] = Case(name, index.sessions, np.asarray(one_text), vectors, queries, labels, names, dense, bm25, term_vectors, paraphrase)
            self.indexes[name] = index
        self._words: dict[tuple[str, bool, str], Words] = {}
        self._views: dict[tuple[str, str], np.ndarray] = {}
        self._similar: dict[str, np.ndarray] = {}
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        self._tables: dict[tuple[str, str], dict] = {}

    def words(self, case: Case, stem: bool, track: str = "") -> Words:
        key = (case.name, stem, track)
        if key not in self._words:
            self._words[key] = Words(case.sessions, stem, track)
        return self._words[key]

    def background(self, case: Case, terms: list[str]) -> np.ndarray:
        """Per term: the share of the other agendas' sessions that use it (pooled), a general-vocabulary measure."""
        others = [self.words(c, False) for name, c in self.cases.items() if name != case.name]
        used = np.array([sum(o.df[o.vocabulary[t]] if t in o.vocabulary else 0 for o in others) for t in terms], dtype=np.float64)
        return used / max(sum(o.size for o in others), 1)

    def _embed(self, texts: list[str]) -> np.ndarray:
        return self.cache.embed(texts, lambda batch: self.encoder.encode(batch, progress=len(batch) >= 200))[0]

    def view(self, case: Case, view: str) -> np.ndarray:
        """(queries, sessions): the cosine of each query with another view of each session (cached on disk)."""
        key = (case.name, view)
        if key not in self._views:
            s = case.sessions
            if view == "abstract":
                out = case.vectors @ self._embed([a or t for t, a in zip(s["title"], s["abstract"])]).T
            elif view == "title":
                out = case.vectors @ self._embed(list(s["title"])).T
            elif view.startswith("chunks"):
                _, how, size, balance, pool, titled, tagged = (view.split(":") + ["mean", "1", "0"])[:7]
                heads = [f"{t}. {', '.join(g)}" if tagged == "1" and g else t for t, g in zip(s["title"], s["tags"])]
                groups = [session_texts(t, a) if how == "words" else token_chunks(t, a, int(size), balance == "1") for t, a in zip(heads, s["abstract"])]
                if titled == "0":
                    groups = [[x[len(t) + 2 :] for x in g] if len(g) > 1 else g for g, t in zip(groups, heads)]
                flat = self._embed([x for g in groups for x in g])
                owner = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
                vectors = np.zeros((len(s), flat.shape[1]), np.float32)
                np.add.at(vectors, owner, flat)
                vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
                self._vectors[key] = vectors
                out = case.vectors @ vectors.T
                if pool != "mean":  # the best chunk's cosine, alone or averaged with the mean's
                    best = np.full((len(case.queries), len(s)), -1.0, np.float32)
                    np.maximum.at(best.T, owner, (case.vectors @ flat.T).T)
                    out = best if pool == "max" else (out + best) / 2
            else:
                parts = [sentences(a) if a else [] for a in s["abstract"]]
                owner = np.array([row for row, p in enumerate(parts) for _ in p], dtype=np.int64)
                flat = [x for p in parts for x in p]
                vectors = self._embed(flat) if flat else np.zeros((0, case.vectors.shape[1]), np.float32)
                alone = self.view(case, "abstract")  # a session without a sentence: its abstract-or-title vector
                has = np.zeros(len(s), bool)
                has[owner] = True
                if view == "sentences":
                    mean = np.zeros((len(s), case.vectors.shape[1]), np.float32)
                    np.add.at(mean, owner, vectors)
                    mean /= np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-9)
                    out = case.vectors @ mean.T
                else:  # best-sentence
                    out = np.full((len(case.queries), len(s)), -1.0, np.float32)
                    np.maximum.at(out.T, owner, (case.vectors @ vectors.T).T)
                out[:, ~has] = alone[:, ~has]
            self._views[key] = out
        return self._views[key]

    def term_vectors(self, case: Case, terms: list[str]) -> np.ndarray:
        """(terms, dim): each word read alone by the model (a word read in its other number is encoded here)."""
        missing = [t for t in terms if t not in case.term_vectors]
        if missing:
            case.term_vectors.update(zip(missing, self.encoder.encode(missing)))
        return np.vstack([case.term_vectors[t] for t in terms])

    def bench_vectors(self, case: Case) -> np.ndarray:
        """(sessions, dim): the app's session vectors (the chunks' mean for a long abstract)."""
        return self.indexes[case.name].embeddings

    def similar(self, case: Case) -> np.ndarray:
        """(sessions, sessions): title + abstract cosines, the diagonal -inf."""
        if case.name not in self._similar:
            sim = case.embeddings @ case.embeddings.T
            np.fill_diagonal(sim, -np.inf)
            self._similar[case.name] = sim
        return self._similar[case.name]

    def dense(self, case: Case, v: Variant) -> np.ndarray:
        if v.centre:
            plain = self.dense(case, replace(v, centre=0.0))
            if v.chunks:
                key = f"chunks:{v.chunks}:{v.chunk_tokens}:{int(v.chunk_balance)}:{v.chunk_pool}:{int(v.chunk_title)}:{int(v.chunk_tags)}"
                self.view(case, key)
                sessions = self._vectors[(case.name, key)]
            else:
                sessions = case.embeddings
            mean = sessions.mean(axis=0)
            d = sessions - v.centre * mean
            q = case.vectors - v.centre * mean
            centred = (q / np.linalg.norm(q, axis=1, keepdims=True)) @ (d / np.linalg.norm(d, axis=1, keepdims=True)).T
            out = (1 - v.centre_mix) * plain + v.centre_mix * centred
            named = case.names.max(axis=1) > 0
            return np.where(named[:, None], plain, out).astype(np.float32)
        if v.chunks:
            chunked = self.view(case, f"chunks:{v.chunks}:{v.chunk_tokens}:{int(v.chunk_balance)}:{v.chunk_pool}:{int(v.chunk_title)}:{int(v.chunk_tags)}")
            if v.plain_for_names:
                chunked = np.where((case.names.max(axis=1) > 0)[:, None], case.dense, chunked)
            return self.dense(replace(case, dense=chunked), replace(v, chunks="", plain_for_names=False))
        if v.view or v.smooth or v.hub:
            out = case.dense
            if v.view:
                out = (1 - v.view_weight) * out + v.view_weight * self.view(case, v.view)
            if v.smooth:
                near = np.argsort(-self.similar(case), axis=1, kind="stable")[:, : v.smooth_k]
                out = (out + v.smooth * out[:, near].mean(axis=2)) / (1 + v.smooth)
            if v.hub:
                sim = self.similar(case)
                closeness = np.where(np.isinf(sim), np.nan, sim)
                crowd = np.nanmean(closeness, axis=1) if not v.hub_k else -np.sort(-sim, axis=1)[:, : v.hub_k].mean(axis=1)
                out = out - v.hub * crowd[None, :]
            keep = case.names.max(axis=1) > 0  # a name query keeps the plain cosine
            if v.paraphrase_only:
                keep = keep | ~case.paraphrase
            return np.where(keep[:, None], case.dense, out).astype(np.float32)
        if v.word_mix:
            plain = self.dense(case, replace(v, word_mix=0.0))
            w = self.words(case, False, v.track)
            vectors = self.bench_vectors(case)
            out = plain.copy()
            for r, query in enumerate(case.queries):
                terms = w.terms(query, v.number)
                if not terms or case.names[r].max() > 0:
                    continue
                weights = w.weights(terms, v)
                out[r] = (1 - v.word_mix) * plain[r] + v.word_mix * (weights @ (self.term_vectors(case, terms) @ vectors.T)) / weights.sum()
            return out
        if not v.prf:
            return case.dense
        source = self.hybrid(case, replace(v, prf=0.0)) if v.prf_from_hybrid else case.dense
        top = np.argsort(-source, axis=1, kind="stable")[:, : v.prf_k]
        fed = case.vectors + v.prf * case.embeddings[top].mean(axis=1)
        fed /= np.linalg.norm(fed, axis=1, keepdims=True)
        out = fed @ case.embeddings.T
        named = case.names.max(axis=1) > 0
        out[named] = case.dense[named]  # a name query's nearest sessions say nothing about its topic
        return out

    def fused(self, case: Case, v: Variant) -> np.ndarray:
        kept = self.hybrid(case, replace(v, fusion=""))
        base = kept if v.fusion_base == "hybrid" else self.dense(case, v)
        bm, w = case.bm25, v.fusion_weight
        if v.fusion == "rrf":
            rank = lambda m: np.argsort(np.argsort(-m, axis=1, kind="stable"), axis=1, kind="stable") + 1  # noqa: E731
            # a session holding none of the query's words has no BM25 rank to give (else ties are ordered arbitrarily)
            out = (1 - w) / (v.rrf_k + rank(base)) + np.where(bm > 0, w / (v.rrf_k + rank(bm)), 0.0)
        else:
            out = (1 - w) * base + w * bm / np.maximum(bm.max(axis=1, keepdims=True), 1e-9)
        return np.where((case.names.max(axis=1) > 0)[:, None], kept, out).astype(np.float32)

    def hybrid(self, case: Case, v: Variant) -> np.ndarray:
        if v.fusion:
            return self.fused(case, v)
        w = self.words(case, v.stem, v.track)
        dense = self.dense(case, v)
        out = np.zeros_like(dense)
        above = lambda share: np.clip((share - v.floor) / (1 - v.floor), 0, 1)  # noqa: E731
        for r, query in enumerate(case.queries):
            terms = w.terms(query, v.number)
            lexical = np.zeros(dense.shape[1])
            bm = np.zeros(dense.shape[1], np.float32)
            if terms:
                weights = w.weights(terms, v)
                if v.idf_blend:
                    others = sum(c.sessions.shape[0] for n, c in self.cases.items() if n != case.name)
                    used = self.background(case, terms) * others
                    weights = weights ** (1 - v.idf_blend) * np.log(1.0 + (others + 0.5) / (used + 0.5)) ** v.idf_blend
                if v.term_closeness and not v.stem:
                    closeness = np.vstack([case.term_vectors[t] for t in terms]) @ case.vectors[r]
                    weights = weights * np.clip(closeness, 0, 1) ** v.term_closeness
                total = weights.sum()
                strength, tagged, titled = w.held(terms, v, self.background(case, terms) if v.background else None)
                if v.mention_gate:
                    near = np.clip(dense[r] / v.mention_gate, 0, 1)[:, None]
                    strength = np.where(w.declared_of(terms), strength, strength * near)
                if (v.word_near or v.word_above) and not v.stem:  # (sessions, terms): each word read alone against each session
                    cos = self.bench_vectors(case) @ self.term_vectors(case, terms).T
                    near = np.clip(cos / v.word_near, 0, 1) if v.word_near else 1.0
                    if v.word_above:
                        near = near * np.clip((cos - cos.mean(axis=0, keepdims=True)) / v.word_above, 0, 1)
                    strength = np.where(w.declared_of(terms), strength, strength * near)
                rare = strength @ weights / total if total else np.zeros(w.size)
                tag = tagged @ weights / total if total else np.zeros(w.size)
                title = titled @ weights / total if total else np.zeros(w.size)
                bm = w.bm25_scores(terms)
                best = max(float(bm.max()), 1e-9)
                text = v.rare_weight * above(rare) * ((1 - v.bm25_share) + v.bm25_share * bm / best)
                if v.gate:
                    d = np.clip(dense[r], 0, 1)
                    text = text * np.clip((d - (d.max() - v.gate)) / v.gate, 0, 1)
                lexical = 1 - (1 - text) * (1 - v.tag_weight * above(tag)) * (1 - v.title_weight * above(title))
                if v.bm25_evidence and (case.paraphrase[r] or not v.paraphrase_only):
                    lexical = 1 - (1 - lexical) * (1 - v.bm25_evidence * bm / best)
                if v.bm25_mix:
                    bm = v.bm25_mix * bm / best
                else:
                    bm = np.zeros_like(bm)
            boost = 1 - (1 - ranking.NAME_WEIGHT * case.names[r]) * (1 - lexical)
            base = np.clip(dense[r], 0, 1)
            out[r] = base + (1 - base) * boost + bm
        return out

    def table(self, case: Case, scores: np.ndarray) -> dict:
        titles = [normalise_title(t) for t in case.sessions["title"]]
        per: dict[str, list] = {}
        for r, item in enumerate(case.labels):
            per.setdefault(item.kind, []).append(query_metrics([titles[i] for i in ranked(scores[r])[:50]], item.relevant))
        return {k: {m: float(np.mean([x[m] for x in rows])) for m in METRICS} for k, rows in per.items()}

    def single(self, case: Case, method: str) -> dict:
        key = (case.name, method)
        if key not in self._tables:
            self._tables[key] = self.table(case, self.dense(case, KEPT) if method == "dense" else case.bm25)
        return self._tables[key]

    def run(self, v: Variant) -> dict[str, dict]:
        return {name: self.table(case, self.hybrid(case, v)) for name, case in self.cases.items()}

    def floor_breaks(self, tables: dict[str, dict]) -> list[str]:
        breaks = []
        for name, table in tables.items():
            case = self.cases[name]
            for kind, values in table.items():
                for metric in ("P@3", "nDCG@3"):
                    best = max(self.single(case, "dense")[kind][metric], self.single(case, "bm25")[kind][metric])
                    if values[metric] < best - 1e-9:
                        breaks.append(f"{name} {kind} {metric} {values[metric]:.3f} < {best:.3f}")
                if kind == "speaker" and values["hit@3"] < 1.0:
                    breaks.append(f"{name} speaker hit@3 {values['hit@3']:.2f}")
        return breaks


def objective(tables: dict[str, dict], names) -> float:
    return float(np.mean([(tables[n][k]["P@3"] + tables[n][k]["nDCG@3"]) / 2 for n in names for k in KINDS if k in tables[n]]))


def leave_one_out(bench: Bench, label: str, off: Variant, on: list[dict]) -> None:
    names = list(bench.cases)
    base = bench.run(off)
    runs = [bench.run(replace(off, **o)) for o in on]
    print(f"\n### {label}\n\nrule off: objective {objective(base, names):.4f}, floor breaks {len(bench.floor_breaks(base))}\n")
    print("| candidate | objective (all) | floor breaks |\n|---|---|---|")
    for o, r in zip(on, runs):
        print(f"| `{json.dumps(o)}` | {objective(r, names):.4f} | {len(bench.floor_breaks(r))} |")
    print("\n| held out | chosen on the others | held-out change |\n|---|---|---|")
    better = worse = 0
    total = 0.0
    picks = []
    for held in names:
        train = [n for n in names if n != held]
        # the floor first (issue 12's goal: no agenda and kind below the best single method), then the objective
        chosen = max(range(len(on)), key=lambda i: (-len(bench.floor_breaks({n: runs[i][n] for n in train})), objective(runs[i], train)))
        picks.append(chosen)
        change = objective(runs[chosen], [held]) - objective(base, [held])
        better += change > 1e-9
        worse += change < -1e-9
        total += change
        print(f"| {held} | `{json.dumps(on[chosen])}` | {change:+.4f} |")
    usual = max(set(picks), key=picks.count)
    on_breaks, off_breaks = bench.floor_breaks(runs[usual]), bench.floor_breaks(base)
    # a break where the rule switched off meets the floor is a new one, whatever the count: a rule may not move a loss
    # from one agenda to another (issue 12: "do not worsen any other agenda")
    off_cells = {_cell(x): _value(x) for x in off_breaks}
    new = [b for b in on_breaks if _cell(b) not in off_cells]
    # nor deepen one that is there already: a known gap may not grow
    deeper = [f"{b} (was {off_cells[_cell(b)]:.3f})" for b in on_breaks if _cell(b) in off_cells and _value(b) < off_cells[_cell(b)] - 1e-9]
    verdict = "KEEP" if better > worse and total > 0 and len(on_breaks) <= len(off_breaks) and not new and not deeper else "REJECT"
    changed = [(n, k, m, base[n][k][m], runs[usual][n][k][m]) for n in names for k in base[n] for m in ("P@3", "nDCG@3") if abs(base[n][k][m] - runs[usual][n][k][m]) > 1e-9]
    if changed:
        print("\n| agenda, kind, metric | off → usual choice |\n|---|---|")
        for n, k, m, a, b in changed:
            print(f"| {n} {k} {m} | {a:.3f} → {b:.3f} |")
    print(f"\n**{verdict}**: held-out better on {better}, worse on {worse} of {len(names)}; summed change {total:+.4f}; "
          f"floor breaks {len(off_breaks)} off, {len(on_breaks)} with the usual choice `{json.dumps(on[usual])}`"
          + (f"; new floor breaks: {'; '.join(new)}" if new else "") + (f"; deeper: {'; '.join(deeper)}" if deeper else ""))


def _cell(floor_break: str) -> str:
    """The (agenda, kind, metric) of a floor break ("ismir2023 topic P@3 0.473 < 0.487" -> "ismir2023 topic P@3")."""
    return " ".join(floor_break.split()[:3])


def _value(floor_break: str) -> float:
    """The hybrid's value in a floor break ("ismir2023 topic P@3 0.473 < 0.487" -> 0.473)."""
    return float(floor_break.split()[3])


# the rules the app ranks with (helper.search.ranking, helper.search.reading)
KEPT = Variant(chunks="tokens", chunk_tokens=reading.CHUNK_TOKENS, chunk_balance=True, plain_for_names=True)
ONE_TEXT = replace(KEPT, chunks="", plain_for_names=False)  # each session read as one text (before the chunk-size family)
OLD = replace(KEPT, abstract="full")  # before issue 12: every abstract word held fully
FAMILIES = {
    "passing": ("abstract-only words count by how many sessions use them (count or share of the agenda)", OLD,
                [dict(abstract="df", T=t) for t in (2.0, 3.0, 5.0, 8.0, 12.0)] + [dict(abstract="share", T=x) for x in (0.02, 0.05, 0.1)]),
    "floor": ("the floor a session's share must pass before any text lift", KEPT, [dict(floor=f) for f in (0.3, 0.4, 0.6, 0.7, 0.8, 0.9)]),
    "once": ("an abstract-only word used once in its abstract counts less (a passing mention is used once; a subject recurs)", KEPT,
             [dict(once=x) for x in (0.0, 0.25, 0.5, 0.75)]),
    "background": ("an abstract-only word that many sessions of the *other* agendas use (general academic vocabulary) counts less", KEPT,
                   [dict(background=x) for x in (0.005, 0.01, 0.02, 0.05)]),
    "stem": ("stemming (PyStemmer english) for BM25 and matching", KEPT, [dict(stem=True)]),
    "family": ("a word's sessions counted by its stem (matching stays exact)", KEPT, [dict(family_df=True)]),
    "idf": ("how discriminating: IDF form and power", KEPT, [dict(idf_power=2.0), dict(idf="robertson"), dict(idf="robertson", idf_power=2.0)]),
    "prf": ("pseudo-relevance feedback in embedding space (not for name queries)", KEPT,
            [dict(prf=b, prf_k=k) for b in (0.2, 0.4, 0.7) for k in (3, 5, 10)]),
    "prf-hybrid": ("pseudo-relevance feedback from the hybrid's top k", KEPT,
                   [dict(prf=b, prf_k=k, prf_from_hybrid=True) for b in (0.2, 0.4, 0.7) for k in (3, 5, 10)]),
    "mix": ("a gentle BM25 term added to every score", KEPT, [dict(bm25_mix=m) for m in (0.02, 0.05, 0.1)]),
    "closeness": ("each query word weighted by its own closeness to the query (the model)", KEPT, [dict(term_closeness=x) for x in (0.5, 1.0, 2.0)]),
    "title": ("the title as a declared field of its own, like the tags", KEPT, [dict(title_weight=x) for x in (0.2, 0.3, 0.5, 0.7)]),
    "tags": ("the tag rule (before issue 12), off vs its weights", replace(KEPT, tag_weight=0.0), [dict(tag_weight=x) for x in (0.3, 0.5, 0.7, 0.9)]),
    "weights": ("text lift weight and tag weight", KEPT, [dict(rare_weight=r, tag_weight=t) for r in (0.5, 0.7, 0.9) for t in (0.3, 0.5, 0.7) if (r, t) != (0.7, 0.5)]),
    "bm25-share": ("the share of the text lift that follows BM25", KEPT, [dict(bm25_share=x) for x in (0.0, 0.25, 0.75, 1.0)]),
    # issue 12, second round: other dense views of a session and the agenda's own neighbourhoods (in the view, neighbour and
    # hubness families a name query keeps the plain cosine). Chunks have no constant to choose: both follow from the window.
    "chunks": ("a long abstract read in chunks of sentences, each with the title (the vectors averaged)", ONE_TEXT,
               [dict(chunks="words"), dict(chunks="words", plain_for_names=True)]),
    "chunk-size": ("a long abstract read in chunks of whole sentences packed by counted word pieces (name queries keep the one-text cosine)", ONE_TEXT,
                   [dict(chunks="tokens", chunk_tokens=n, chunk_balance=b, plain_for_names=True) for n in (64, 96, 128, 160, 200, 256) for b in (False, True)]),
    "chunk-title": ("each chunk read without its title (the chunks' mean still one vector per session)", KEPT,
                    [dict(chunk_title=False, chunk_tokens=n) for n in (128, 200)]),
    "chunk-tags": ("the model also reads the session's tags/keywords after its title, in the one text and in every chunk", KEPT,
                   [dict(chunk_tags=True)]),
    "gate": ("the text lift fades for a session far below the query's best cosine (a passing mention far from the query's meaning)", KEPT,
             [dict(gate=m) for m in (0.1, 0.15, 0.2, 0.3, 0.4)]),
    "idf-blend": ("how discriminating a word is in general: its IDF here blended with its IDF over the other agendas", KEPT,
                  [dict(idf_blend=x) for x in (0.2, 0.35, 0.5, 0.75)]),
    "centre": ("query and sessions centred on the agenda's mean session vector (what every session shares says nothing)", KEPT,
               [dict(centre=c, centre_mix=m) for c in (0.5, 0.8, 1.0) for m in (0.3, 0.6, 1.0)]),
    "chunk-pool": ("a chunked session's cosine: of its best chunk, or the best and the mean averaged, instead of the mean's", KEPT,
                   [dict(chunk_pool=p, chunk_tokens=n) for p in ("max", "meanmax") for n in (64, 128, 200)]),
    "abstract-view": ("the abstract-only cosine (`seed`) mixed into the title + abstract cosine", KEPT,
                      [dict(view="abstract", view_weight=w) for w in (0.2, 0.35, 0.5, 0.65)]
                      + [dict(view="abstract", view_weight=w, paraphrase_only=True) for w in (0.2, 0.35, 0.5)]),
    "title-view": ("the title-only cosine mixed in", KEPT, [dict(view="title", view_weight=w) for w in (0.1, 0.2, 0.3)]),
    "sentence-views": ("the abstract's sentences: the mean of their vectors, or the best sentence's cosine, mixed in", KEPT,
                       [dict(view="sentences", view_weight=w) for w in (0.15, 0.25, 0.35, 0.5)]
                       + [dict(view="sentences", view_weight=w, paraphrase_only=True) for w in (0.15, 0.25, 0.35)]
                       + [dict(view="best-sentence", view_weight=w) for w in (0.2, 0.35, 0.5)]),
    "neighbours": ("each session's cosine smoothed with its nearest sessions' (the agenda's own clusters)", KEPT,
                   [dict(smooth=x, smooth_k=k) for x in (0.1, 0.25, 0.5) for k in (3, 5, 10)]),
    "hubness": ("a session close to many others (a hub) pays for it: cos - x mean cos to its k nearest", KEPT,
                [dict(hub=x, hub_k=k) for k in (0, 3, 10, 30) for x in (0.1, 0.2, 0.3, 0.5)]),
    "bm25-evidence": ("BM25 / best BM25 as one more bounded noisy-or evidence on every session", KEPT,
                      [dict(bm25_evidence=x) for x in (0.02, 0.05, 0.1, 0.15, 0.2)]
                      + [dict(bm25_evidence=x, paraphrase_only=True) for x in (0.02, 0.05, 0.1)]),
    # eighth round: the fusions search engines ship (Elasticsearch/OpenSearch RRF, txtai's and Weaviate's convex mix)
    "rrf": ("reciprocal-rank fusion of the dense (or the kept hybrid's) order with BM25's, instead of the lift", KEPT,
            [dict(fusion="rrf", fusion_base=b, rrf_k=k, fusion_weight=w)
             for b in ("dense", "hybrid") for k in (10, 60) for w in (0.25, 0.5)]),
    # ninth round (issue 12, twelfth session): the agenda's declared structure
    "mention-gate": ("a word held only in the abstract counts by the session's own cosine (fading below it): a passing mention the model "
                     "sees as far from the query lifts nothing", replace(KEPT, mention_gate=0.0),
                     [dict(mention_gate=c) for c in (0.05, 0.1, 0.15, 0.2, 0.3)]),
    "number": ("a query word the agenda never uses matched in the number the agenda uses ('beginners' as 'beginner'), for the "
               "words only: the model reads the query as typed", replace(KEPT, number=False), [dict(number=True)]),
    "track": ("the session's track read as one of its tags (the tag rule, matching and BM25), or as words it declares (like title words)",
              replace(KEPT, track=""), [dict(track="tags"), dict(track="declared")]),
    "plural": ("plurals read as their singular (an S-stemmer: \"beginners\" is \"beginner\") for BM25 and matching", KEPT,
               [dict(stem="plural")]),
    # twenty-seventh session: the cause the issue names, measured per word and session by the model
    "word-near": ("a word held only in the abstract counts by the model's cosine between the word alone and the session: a word the "
                  "session is not about ('applied' in a paper on humming) lifts less", replace(KEPT, word_near=0.0),
                  [dict(word_near=c) for c in (0.05, 0.1, 0.15, 0.2, 0.3)]),
    "word-mix": ("the dense signal mixes in the IDF-weighted mean cosine of each query word read alone with the session (not for name "
                 "queries)", KEPT, [dict(word_mix=x) for x in (0.1, 0.2, 0.3, 0.5)]),
    "word-above": ("on top of word-near: an abstract-only word counts by how far the word's cosine with the session is above its mean "
                   "cosine with the agenda's sessions", KEPT, [dict(word_above=x) for x in (0.02, 0.05, 0.1, 0.2)]),
    "convex": ("a convex mix of the cosine (or the kept hybrid) with BM25 / best BM25, instead of the lift", KEPT,
               [dict(fusion="convex", fusion_base=b, fusion_weight=w) for b in ("dense", "hybrid") for w in (0.1, 0.2, 0.3, 0.5)]),
}


REAL_TOPICS = ("colt2020", "eeml2020", "icwsm2021", "ismir2023", "sigdialinlg2023", "foss4g2022")  # the real exports with topic labels


def pooled_topics(bench: Bench, scores_of) -> str:
    """P@3 / nDCG@3 over every topic query of the real exports together (each query counts once)."""
    cases = [c for n, c in bench.cases.items() if n in REAL_TOPICS]
    rows = [(bench.table(c, scores_of(c))["topic"], sum(x.kind == "topic" for x in c.labels)) for c in cases]
    n = sum(k for _, k in rows)
    if not n:
        return "no topic labels"
    return " / ".join(f"{sum(t[m] * k for t, k in rows) / n:.3f}" for m in ("P@3", "nDCG@3")) + f" ({n} queries)"


def print_pooled(bench: Bench, families: list[str]) -> None:
    print("\n### Real topic queries pooled, P@3 / nDCG@3\n\n| ranking | pooled |\n|---|---|")
    print(f"| dense | {pooled_topics(bench, lambda c: bench.dense(c, KEPT))} |\n| bm25 | {pooled_topics(bench, lambda c: c.bm25)} |")
    print(f"| kept | {pooled_topics(bench, lambda c: bench.hybrid(c, KEPT))} |")
    for key in families:
        _, off, on = FAMILIES[key]
        for o in on:
            print(f"| {key} `{json.dumps(o)}` | {pooled_topics(bench, lambda c: bench.hybrid(c, replace(off, **o)))} |")


def check_kept(bench: Bench) -> None:
    """The kept variant is what the app ranks with: the replayed scores equal helper.search.ranking.fuse."""
    skipped = 0
    for name, case in bench.cases.items():
        typed = [bench.indexes[name].clean_query(item.query) for item in case.labels]
        # the level a query asks for ("… for beginners", helper.search.levels) is not replayed: those rows are left out
        rows = [r for r, q in enumerate(typed) if not asked_levels(q)]
        skipped += len(typed) - len(rows)
        app = bench.indexes[name].scores(typed)
        gap = float(np.abs(bench.hybrid(case, KEPT)[rows] - app[rows]).max())
        assert gap < 1e-5, f"{name}: the replayed kept rules differ from the app by {gap}"
    print(f"The replay equals the app's fuse on every labelled query but {skipped} that ask for a level (not replayed).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these rule families (default: all)")
    parser.add_argument("--only", action="append", metavar="NAME", help="only these labelled agendas")
    parser.add_argument("--pooled", action="store_true", help="also each candidate's P@3 / nDCG@3 over the real topic queries pooled")
    args = parser.parse_args(argv)
    bench = Bench(args.only)
    check_kept(bench)
    kept = bench.run(KEPT)
    print(f"Agendas: {', '.join(bench.cases)}. Kept rules: `{json.dumps(asdict(KEPT))}`")
    print(f"Kept: objective {objective(kept, list(bench.cases)):.4f}; floor breaks: {bench.floor_breaks(kept) or 'none'}")
    for key in args.family or list(FAMILIES):
        label, off, on = FAMILIES[key]
        leave_one_out(bench, f"{key}: {label}", off, on)
    if args.pooled:
        print_pooled(bench, args.family or list(FAMILIES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
