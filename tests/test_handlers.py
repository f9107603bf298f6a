from __future__ import annotations

import pytest

from helper import handlers
from helper.agenda import load_agenda
from helper.index import SearchIndex
from tests.conftest import SAMPLE


@pytest.fixture
def index(tmp_path, fake_encoder) -> SearchIndex:
    return SearchIndex.build(load_agenda(SAMPLE), fake_encoder, tmp_path)


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_empty_query_shows_a_hint_not_an_error(index, query) -> None:
    view = handlers.results_view(index, query)
    assert "hc-card" not in view and "Type what you care about" in view


def test_query_gives_three_cards(index) -> None:
    assert handlers.results_view(index, "Tableau dashboards").count('class="hc-card"') == 3


def test_overlong_query_is_cut_with_a_notice(index) -> None:
    view = handlers.results_view(index, "data " * 1000)
    assert "only its first 500 characters" in view and view.count('class="hc-card"') == 3


def test_api_search_validates_top_k(index) -> None:
    assert len(handlers.api_search(index, "pandas", 5)) == 5
    for bad in (0, -1, 51):
        with pytest.raises(ValueError, match="top_k"):
            handlers.api_search(index, "pandas", bad)


def test_summary_names_file_count_dates_and_model(index) -> None:
    summary = handlers.agenda_summary(index)
    assert "sessions.csv" in summary and f"{len(index.sessions)} sessions" in summary and "Oct" in summary and "fake-hashing" in summary


def test_examples_come_from_the_agenda_tracks(index) -> None:
    examples = handlers.example_queries(index)
    assert examples and set(examples) <= set(index.sessions["track"])
