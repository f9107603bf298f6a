"""A short load run through the HTTP API of the real app: zero errors. The full run (32 clients, 60 s,
10,000+ requests) is `python bench/load.py`; its figures go in the report, never in an assertion."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow


def test_short_load_run_has_no_errors_and_bounded_memory():
    from bench.load import run

    result = run(clients=8, seconds=5, min_requests=50, max_seconds=60, agenda=SAMPLE)
    assert result["errors"] == 0, result["first_errors"]
    assert result["requests"] >= 50
    # every answer was checked by the run itself (three results each); memory may grow with caches warming,
    # but not without bound: well under twice the start after a few hundred requests
    assert result["rss_mb"]["max"] < 2 * result["rss_mb"]["start"]
