"""Concurrent single queries share model runs, and each caller still gets its own vector or its own error."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from helper.search.coalesce import CoalescingEncoder
from tests.fakes import HashingEncoder


class SlowEncoder(HashingEncoder):
    """A model run that takes a while, so callers pile up behind it as they do under load."""

    def __init__(self, seconds: float = 0.02, fail_on: str = "") -> None:
        super().__init__()
        self.seconds = seconds
        self.fail_on = fail_on

    def encode(self, texts, *, progress=False):
        time.sleep(self.seconds)
        if self.fail_on and self.fail_on in texts:
            raise RuntimeError("model run failed")
        return super().encode(texts)


def test_concurrent_queries_are_grouped_and_each_gets_its_own_vector() -> None:
    inner = SlowEncoder()
    encoder = CoalescingEncoder(inner, runs=1)
    texts = [f"query number {i} about topic {i * 7}" for i in range(24)]
    start = threading.Barrier(len(texts))

    def ask(text: str) -> np.ndarray:
        start.wait()
        return encoder.encode([text])

    with ThreadPoolExecutor(len(texts)) as pool:
        vectors = list(pool.map(ask, texts))
    reference = HashingEncoder().encode(texts)
    for text, vector, expected in zip(texts, vectors, reference):
        assert vector.shape == (1, reference.shape[1])
        assert np.allclose(vector[0], expected), text
    assert sum(encoder.batch_sizes) == len(texts)  # every text embedded exactly once
    assert max(encoder.batch_sizes) > 1  # and callers that waited shared a run
    assert len(inner.calls) < len(texts)


def test_a_lone_query_runs_at_once_on_its_own() -> None:
    encoder = CoalescingEncoder(SlowEncoder(seconds=0.0))
    vector = encoder.encode(["just me"])
    assert list(encoder.batch_sizes) == [1]
    assert np.allclose(vector, HashingEncoder().encode(["just me"]))


def test_lists_pass_through_untouched() -> None:
    inner = HashingEncoder()
    encoder = CoalescingEncoder(inner)
    vectors = encoder.encode(["a b", "c d", "e f"])
    assert vectors.shape == (3, inner.dim) and inner.calls == [3] and not encoder.batch_sizes
    assert encoder.model_id == inner.model_id


def test_a_failed_run_raises_for_its_callers_and_the_next_query_works() -> None:
    encoder = CoalescingEncoder(SlowEncoder(seconds=0.0, fail_on="bad"))
    with pytest.raises(RuntimeError, match="model run failed"):
        encoder.encode(["bad"])
    assert encoder.encode(["good"]).shape == (1, 256)
