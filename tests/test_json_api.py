"""``POST /api/search``: the same answers as the Gradio ``/search`` endpoint in one plain JSON round trip, and bad
input as HTTP 400 with one line. In-process app, fake encoder."""

from __future__ import annotations

import httpx
import pytest

from tests.live_server import call_api, serving


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from helper.agenda import load_agenda
    from helper.search.index import SearchIndex
    from tests.conftest import SAMPLE
    from tests.fakes import HashingEncoder

    index = SearchIndex.build(load_agenda(SAMPLE), HashingEncoder(), tmp_path_factory.mktemp("cache"))
    with serving(index) as url:
        yield url


@pytest.mark.parametrize(("body", "gradio_data"), [
    ({"query": "deploying models"}, ["deploying models", 3]),
    ({"query": "Tableau", "top_k": 5}, ["Tableau", 5]),
    ({"query": "machine learning", "top_k": 3, "track": "Machine Learning"}, ["machine learning", 3, "", "Machine Learning", ""]),
])
def test_answers_as_the_gradio_search_endpoint(base, body, gradio_data) -> None:
    with httpx.Client(timeout=30) as client:
        plain = client.post(f"{base}api/search", json=body)
        event, through_gradio = call_api(client, base, gradio_data)
    assert plain.status_code == 200 and plain.headers["content-type"] == "application/json"
    assert event == "complete" and plain.json() == through_gradio
    assert len(plain.json()) == body.get("top_k", 3)


@pytest.mark.parametrize(("body", "status", "says"), [
    (b"not json", 400, "the body is not JSON"),
    (b'{"top_k": 3}', 400, 'a "query" string'),
    (b'["graphs", 3]', 400, 'a "query" string'),
    (b'{"query": "graphs", "top_k": 500}', 400, "top_k must be a whole number from 1 to 50"),
    (b'{"query": "graphs", "top_k": "3"}', 400, "top_k must be a whole number"),
    (b'{"query": "graphs", "colour": "red"}', 400, "unknown field(s) colour"),
    (b'{"query": "graphs", "track": "Underwater Basket Weaving"}', 400, "this agenda has no track 'Underwater Basket Weaving'. Fix: use one of:"),
])
def test_bad_input_is_400_with_one_line(base, body, status, says) -> None:
    answer = httpx.post(f"{base}api/search", content=body, headers={"Content-Type": "application/json"}, timeout=30)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert says in error and "\n" not in error and "Traceback" not in error


def test_other_methods_and_an_empty_query(base) -> None:
    assert httpx.get(f"{base}api/search", timeout=30).status_code == 405
    assert httpx.post(f"{base}api/search", json={"query": "   "}, timeout=30).json() == []
    assert httpx.get(base, timeout=30).status_code == 200  # the page is still Gradio's


def test_health_answers_from_the_event_loop_with_the_session_count(base) -> None:
    from tests.conftest import SAMPLE
    from helper.agenda import load_agenda

    answer = httpx.get(f"{base}api/health", timeout=30)
    assert answer.status_code == 200 and answer.json() == {"sessions": len(load_agenda(SAMPLE))}
    assert httpx.post(f"{base}api/health", timeout=30).status_code != 200  # not an endpoint for changes
