"""What the server turns off in Gradio before it serves: per-event bookkeeping that costs CPU and memory."""

from __future__ import annotations

import os
import sys

import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.ops.serve import enable_queue
from helper.web.page import build_demo
from tests.conftest import SAMPLE


def test_enable_queue_turns_off_gradios_per_event_bookkeeping(tmp_path, fake_encoder, monkeypatch):
    for name in ("GRADIO_ANALYTICS_MAX_EVENTS", "GRADIO_ANALYTICS_CACHE_FREQUENCY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delitem(sys.modules, "matplotlib", raising=False)
    demo = build_demo(SearchIndex.build(load_agenda(SAMPLE), fake_encoder, tmp_path))
    enable_queue(demo)
    # Gradio's queue reads these when it starts: at most 100 event records, not 10,000, and no pandas
    # summary rebuilt after every event
    assert int(os.environ["GRADIO_ANALYTICS_MAX_EVENTS"]) <= 100
    assert int(os.environ["GRADIO_ANALYTICS_CACHE_FREQUENCY"]) >= 10**6
    with pytest.raises(ImportError):  # Gradio's per-event matplotlib probe fails at once
        import matplotlib  # noqa: F401


def test_an_operator_can_still_choose_gradios_settings(tmp_path, fake_encoder, monkeypatch):
    monkeypatch.setenv("GRADIO_ANALYTICS_MAX_EVENTS", "5000")
    demo = build_demo(SearchIndex.build(load_agenda(SAMPLE), fake_encoder, tmp_path))
    enable_queue(demo)
    assert os.environ["GRADIO_ANALYTICS_MAX_EVENTS"] == "5000"


def test_a_serving_process_keeps_numpy_blas_to_one_thread() -> None:
    from threadpoolctl import threadpool_info

    from helper.ops.serve import one_blas_thread

    limiter = one_blas_thread()
    try:
        blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
        assert blas and all(pool["num_threads"] == 1 for pool in blas)
    finally:
        limiter.restore_original_limits()
