from __future__ import annotations

import json
import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex, nearest_sessions
from helper.search.lexical import query_terms, words
from tests.conftest import SAMPLE
from tests.fakes import HashingEncoder


def _reference_dense(index: SearchIndex, queries: list[str]) -> np.ndarray:
    """Cosines one pair at a time, from texts encoded one by one: nothing shared with the index's matrix path."""
    sessions = [index.encoder.encode([f"{t}. {a}" if a else t])[0] for t, a in zip(index.sessions["title"], index.sessions["abstract"])]
    return np.array([[float(s @ index.encoder.encode([q])[0]) for s in sessions] for q in queries])


def _reference_hybrid(index: SearchIndex, queries: list[str]) -> np.ndarray:
    """The hybrid written out from its documented rule, one session at a time, with its own word counting:
    no rare word held -> the cosine; all of them held in the title/abstract -> lifted by RARE_WEIGHT, half of it
    following BM25 (taken from the index: bm25s is the library under it)."""
    from helper.search.ranking import BM25_SHARE, RARE_FLOOR, RARE_WEIGHT, TAG_WEIGHT

    dense = _reference_dense(index, queries)
    docs = [set(words(f"{t} {a} {' '.join(g)}")) for t, a, g in zip(index.sessions["title"], index.sessions["abstract"], index.sessions["tags"])]
    tags = [set(words(" ".join(g))) for g in index.sessions["tags"]]
    df = {w: sum(w in d for d in docs) for d in docs for w in d}
    n = len(docs)
    out = np.zeros_like(dense)
    for q, query in enumerate(queries):
        terms = query_terms(query)
        idf = {t: np.log(1 + (n + 0.5) / (df.get(t, 0) + 0.5)) for t in terms}
        bm25 = index.lexical.bm25(terms)
        best = max(float(bm25.max()), 1e-9)
        for row in range(n):
            held = sum(w for t, w in idf.items() if t in docs[row]) / sum(idf.values())
            tagged = sum(w for t, w in idf.items() if t in tags[row]) / sum(idf.values())
            lift = lambda share: min(max((share - RARE_FLOOR) / (1 - RARE_FLOOR), 0.0), 1.0)  # noqa: E731
            text = RARE_WEIGHT * lift(held) * ((1 - BM25_SHARE) + BM25_SHARE * bm25[row] / best)
            boost = 1 - (1 - text) * (1 - TAG_WEIGHT * lift(tagged))
            base = min(max(dense[q, row], 0.0), 1.0)
            out[q, row] = base + (1 - base) * boost
    return out


@pytest.mark.parametrize("method", ["dense", "hybrid"])
def test_batch_search_matches_a_brute_force_reference(index: SearchIndex, method: str) -> None:
    index.method = method
    queries = ["deploying models with docker", "Tableau dashboards", "hospital readmissions", "reinforcement learning"]
    results = index.search(queries, k=5)
    full = _reference_dense(index, queries) if method == "dense" else _reference_hybrid(index, queries)
    for scores, hits in zip(full, results):
        assert [h.score for h in hits] == pytest.approx(sorted(scores, reverse=True)[:5], abs=1e-5)
        reference = sorted(range(len(index.sessions)), key=lambda i: (-scores[i], i))[:5]
        assert [h.id for h in hits] == [index.sessions["id"].iloc[i] for i in reference]
        assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
        assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))


def test_single_query_wraps_the_batch(index: SearchIndex) -> None:
    batch = index.search(["pandas", "geospatial maps"], k=3)
    assert [h.id for h in index.search_one("geospatial maps")] == [h.id for h in batch[1]]


def test_empty_and_whitespace_queries_give_no_results(index: SearchIndex) -> None:
    assert index.search(["", "   ", "\t\n", "pandas"], k=3)[:3] == [[], [], []]


def test_dense_scores_are_the_cosines_of_the_texts(index: SearchIndex) -> None:
    norms = np.linalg.norm(index.embeddings, axis=1)
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5)
    index.method = "dense"
    top = index.search_one("Tableau dashboards")[0]
    row = index.row_of(top.id)
    text = f"{top.title}. {top.abstract}" if top.abstract else top.title
    assert top.score == pytest.approx(float(index.encoder.encode(["Tableau dashboards"])[0] @ index.encoder.encode([text])[0]), abs=1e-5)
    assert row is not None and index.session(top.id).title == top.title


def test_filters_are_applied_before_the_top_k_cut(index: SearchIndex) -> None:
    sessions = index.sessions
    track = sessions["track"].value_counts().index[-1]  # the smallest track still has >= 3 sessions
    assert (sessions["track"] == track).sum() >= 3
    hits = index.search_one("deploying models with docker", 3, (sessions["track"] == track).to_numpy())
    assert len(hits) == 3 and all(h.track == track for h in hits)
    day = sessions["start"].iloc[-1].date()
    on_day = index.search_one("data", 3, (sessions["start"].dt.date == day).to_numpy())
    assert len(on_day) == 3 and all(h.start.date() == day for h in on_day)


def test_filters_with_fewer_matches_than_k_return_what_exists(index: SearchIndex) -> None:
    only = np.zeros(len(index.sessions), dtype=bool)
    only[4] = True
    hits = index.search_one("anything at all", 3, only)
    assert [h.id for h in hits] == [index.sessions["id"].iloc[4]]
    assert index.search_one("anything", 3, np.zeros(len(index.sessions), dtype=bool)) == []


def test_each_query_of_a_batch_can_have_its_own_mask(index: SearchIndex) -> None:
    tracks = index.agenda.tracks()[:2]
    masks = [(index.sessions["track"] == t).to_numpy() for t in tracks]
    results = index.search(["data", "data"], 3, masks)
    assert [{h.track for h in hits} for hits in results] == [{tracks[0]}, {tracks[1]}]


def test_hit_to_dict_has_the_api_fields_and_iso_times(index: SearchIndex) -> None:
    data = index.search_one("pandas")[0].to_dict()
    assert {"id", "title", "score", "start", "end", "room", "track", "speakers", "abstract"} <= set(data)
    assert isinstance(data["speakers"], list)
    assert data["start"][:4] == "2026" and "T" in data["start"]
    json.dumps(data)


def test_cache_reembeds_only_new_or_changed_sessions(tmp_path) -> None:
    encoder = HashingEncoder()
    agenda = load_agenda(SAMPLE)
    SearchIndex.build(agenda, encoder, tmp_path)
    assert encoder.calls == [len(agenda)]
    SearchIndex.build(agenda, encoder, tmp_path)
    assert encoder.calls == [len(agenda)], "a warm cache embeds nothing"
    agenda.sessions.loc[0, "abstract"] = "A changed abstract about knitting."
    again = SearchIndex.build(agenda, encoder, tmp_path)
    assert encoder.calls == [len(agenda), 1]
    assert np.allclose(again.embeddings[0], encoder.encode([f"{agenda.sessions.loc[0, 'title']}. A changed abstract about knitting."])[0])


def test_cache_is_per_model(tmp_path) -> None:
    agenda = load_agenda(SAMPLE)
    first, second = HashingEncoder(model_id="model-a"), HashingEncoder(dim=128, model_id="model-b")
    SearchIndex.build(agenda, first, tmp_path)
    index = SearchIndex.build(agenda, second, tmp_path)
    assert second.calls == [len(agenda)]
    assert index.embeddings.shape == (len(agenda), 128)


def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path) -> None:
    agenda = load_agenda(SAMPLE)
    SearchIndex.build(agenda, HashingEncoder(), tmp_path)
    for npy in tmp_path.rglob("embeddings-*.npy"):
        npy.write_bytes(b"not numpy")
    encoder = HashingEncoder()
    index = SearchIndex.build(agenda, encoder, tmp_path)
    assert encoder.calls == [len(agenda)]
    assert any("unreadable" in w for w in index.warnings)
    assert SearchIndex.build(agenda, HashingEncoder(), tmp_path).warnings == [], "the rebuilt cache is good again"


def test_unwritable_cache_runs_from_memory(tmp_path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    index = SearchIndex.build(load_agenda(SAMPLE), HashingEncoder(), blocker / "cache")
    assert len(index.search_one("pandas")) == 3
    assert any("running from memory" in w for w in index.warnings)


@pytest.mark.parametrize("chunk", [1, 7, 1024])
def test_more_like_this_neighbours_match_the_full_similarity_matrix(chunk: int) -> None:
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(60, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    full = vectors @ vectors.T
    np.fill_diagonal(full, -np.inf)
    expected = np.argsort(-full, axis=1, kind="stable")[:, :3]
    assert np.array_equal(nearest_sessions(vectors, 3, chunk=chunk), expected)
    assert nearest_sessions(vectors[:2], 3).tolist() == [[1], [0]]  # fewer others than k: all of them
