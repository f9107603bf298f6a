from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.index import Filters, SearchIndex, nearest_sessions
from tests.conftest import SAMPLE
from tests.fakes import HashingEncoder


@pytest.fixture
def index(tmp_path, fake_encoder) -> SearchIndex:
    return SearchIndex.build(load_agenda(SAMPLE), fake_encoder, tmp_path)


@pytest.mark.parametrize("method", ["dense", "hybrid"])
def test_batch_search_matches_a_brute_force_reference(index: SearchIndex, method: str) -> None:
    index.method = method
    queries = ["deploying models with docker", "Tableau dashboards", "hospital readmissions", "reinforcement learning"]
    results = index.search(queries, k=5)
    if method == "dense":
        vectors = index.encoder.encode(queries)
        full = np.array([[float(row @ v) for row in index.embeddings] for v in vectors])
    else:
        full = index.scores(queries)
    for scores, hits in zip(full, results):
        reference = sorted(range(len(index.sessions)), key=lambda i: (-scores[i], i))[:5]
        assert [h.id for h in hits] == [index.sessions["id"].iloc[i] for i in reference]
        assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
        assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))


def test_single_query_wraps_the_batch(index: SearchIndex) -> None:
    batch = index.search(["pandas", "geospatial maps"], k=3)
    assert [h.id for h in index.search_one("geospatial maps")] == [h.id for h in batch[1]]


def test_empty_and_whitespace_queries_give_no_results(index: SearchIndex) -> None:
    assert index.search(["", "   ", "\t\n", "pandas"], k=3)[:3] == [[], [], []]


def test_scores_are_cosines(index: SearchIndex) -> None:
    norms = np.linalg.norm(index.embeddings, axis=1)
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5)
    top = index.search_one("Tableau dashboards")[0]
    assert -1.0 <= top.score <= 1.0


def test_filters_are_applied_before_the_top_k_cut(index: SearchIndex) -> None:
    sessions = index.sessions
    track = sessions["track"].value_counts().index[-1]  # the smallest track still has >= 3 sessions
    assert (sessions["track"] == track).sum() >= 3
    hits = index.search_one("deploying models with docker", 3, Filters(tracks=(track,)))
    assert len(hits) == 3 and all(h.track == track for h in hits)
    day = sessions["start"].iloc[-1].date()
    on_day = index.search_one("data", 3, Filters(days=(day,)))
    assert len(on_day) == 3 and all(h.start.date() == day for h in on_day)


def test_filters_with_fewer_matches_than_k_return_what_exists(index: SearchIndex) -> None:
    room = index.sessions["room"].iloc[0]
    first_day: date = index.sessions["start"].iloc[0].date()
    only = Filters(rooms=(room,), days=(first_day,), starts_before=index.sessions["start"].iloc[0] + np.timedelta64(1, "m"))
    hits = index.search_one("anything at all", 3, only)
    assert len(hits) == 1 and hits[0].room == room
    assert index.search_one("anything", 3, Filters(rooms=("No such room",))) == []


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
