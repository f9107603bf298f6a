from __future__ import annotations

import pytest

from datetime import datetime, timezone

from helper.search.filters import Choice, FilterError
from helper.web import handlers, render

BEFORE = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc)  # the sample conference has not begun


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_empty_query_shows_a_hint_not_an_error(index, query) -> None:
    found = handlers.search(index, query, Choice(), BEFORE)
    assert found.hits == [] and found.notes == [handlers.HINT]
    head, cards = render.results(found)
    assert cards == [] and "Type what you care about" in head


def test_query_gives_three_cards(index) -> None:
    found = handlers.search(index, "keeping numbers honest over time", Choice(), BEFORE)  # lifts nothing: weak places stay
    assert len(found.hits) == 3 and [h.rank for h in found.hits] == [1, 2, 3] and not any(h.why.lifted for h in found.hits)
    assert len(render.results(found)[1]) == 3 and found.notes == []


def test_a_name_or_the_query_words_leave_no_far_session_filling_places(index) -> None:
    found = handlers.search(index, "Dmitri Volkonsky", Choice(), BEFORE)
    assert [h.speakers for h in found.hits] == [("Dmitri Volkonsky",)]  # not two sessions far from the name after it
    assert found.notes == ["Only 1 session is close to “Dmitri Volkonsky”."]
    head, cards = render.results(found)
    assert len(cards) == 1 and "Only 1 session is close to" in head
    found = handlers.search(index, "Tableau dashboards", Choice(), BEFORE)
    assert len(found.hits) == 2 and all(h.why.words for h in found.hits) and "Only 2 sessions are close" in found.notes[0]
    assert len(handlers.api_search(index, "Tableau dashboards", 3, BEFORE)) == 3  # programs get every place, with its score


def test_api_results_say_which_places_the_page_shows_as_answers(index) -> None:
    shown = [h.id for h in handlers.search(index, "Tableau dashboards", Choice(), BEFORE).hits]
    results = handlers.api_search(index, "Tableau dashboards", 3, BEFORE)
    assert [r["id"] for r in results if r["close"]] == shown and len(shown) < len(results)  # the place the page leaves out: false
    assert not handlers.search(index, "Dmitri Volkonsky", Choice(), BEFORE).nothing_close
    far = handlers.search(index, "Jochen Stiasny", Choice(), BEFORE)  # typed as a name; nobody on the sample has it
    assert far.nothing_close and not any(r["close"] for r in handlers.api_search(index, "Jochen Stiasny", 3, BEFORE))


def test_overlong_query_is_cut_with_a_notice(index) -> None:
    found = handlers.search(index, "data " * 1000, Choice(), BEFORE)
    assert any("only its first 500 characters" in n for n in found.notes) and len(found.hits) == 3
    assert len(found.query) <= 500


def test_api_search_validates_top_k(index) -> None:
    assert len(handlers.api_search(index, "pandas", 5)) == 5
    for bad in (0, -1, 51):
        with pytest.raises(ValueError, match="top_k"):
            handlers.api_search(index, "pandas", bad)


def test_api_search_takes_the_public_filters_and_names_what_the_agenda_offers(index) -> None:
    track = index.agenda.tracks()[-1]
    hits = handlers.api_search(index, "machine learning", 3, BEFORE, track=track)
    assert len(hits) == 3 and {h["track"] for h in hits} == {track}
    assert {h["track"] for h in handlers.api_search(index, "machine learning", 10, BEFORE)} != {track}
    with pytest.raises(FilterError, match=f"no track 'Knitting'.*{track}"):
        handlers.api_search(index, "pandas", 3, BEFORE, track="Knitting")
    with pytest.raises(FilterError, match="unknown filter colour"):
        handlers.api_search(index, "pandas", 3, BEFORE, colour="red")


def test_summary_names_file_count_dates_and_model(index) -> None:
    summary = handlers.agenda_summary(index)
    assert "sessions.csv" in summary and f"{len(index.sessions)} sessions" in summary and "Oct" in summary and "fake-hashing" in summary


def test_examples_come_from_the_agenda_tracks(index) -> None:
    examples = handlers.example_queries(index)
    assert examples.source == "tracks" and examples.queries and set(examples.queries) <= set(index.sessions["track"])
