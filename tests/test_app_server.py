"""Launch the real app (python app.py) on a free localhost port and use it as a program would."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT, SAMPLE
from tests.live_server import AppDidNotStart, app_command, app_process, free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    try:
        with app_process(SAMPLE, tmp_path_factory.mktemp("log") / "app.log", tmp_path_factory.mktemp("cache")) as url:
            yield url + "/"
    except AppDidNotStart as exc:
        pytest.fail(str(exc))


def test_search_endpoint_answers_gradio_client(server) -> None:
    from gradio_client import Client

    client = Client(server, verbose=False)
    results = client.predict("deploying models", 3, api_name="/search")
    assert len(results) == 3
    assert {"id", "title", "score", "start", "end", "room", "track", "speakers", "abstract"} <= set(results[0])
    assert results[0]["score"] >= results[2]["score"]
    assert client.predict("   ", 3, api_name="/search") == []
    five = client.predict("Tableau", 5, api_name="/search")
    assert len(five) == 5


def test_invalid_top_k_is_a_clear_error_and_the_app_keeps_serving(server) -> None:
    from gradio_client import Client

    client = Client(server, verbose=False)
    with pytest.raises(Exception, match="top_k must be a whole number from 1 to 50"):
        client.predict("pandas", 500, api_name="/search")
    assert len(client.predict("pandas", 3, api_name="/search")) == 3


def test_launch_with_a_bad_agenda_prints_one_line_and_exits_2(tmp_path) -> None:
    bad = tmp_path / "agenda.csv"
    bad.write_text("Foo,Bar\n1,2\n")
    done = subprocess.run(app_command(bad, free_port()), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "Conference Helper cannot start: agenda.csv: no title column found" in done.stderr
