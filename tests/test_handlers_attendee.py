"""Filters (mask before top-k), time awareness, now/next, single-session view, picks and conflicts."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from helper.web import handlers
from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.search.filters import WINDOW_NEXT, WINDOW_RANGE, Choice, FilterError
from helper.search.schedule import badge, is_running
from helper.web import render
from tests.conftest import SAMPLE

UTC = timezone.utc
BEFORE = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)  # conference not running yet
DURING = datetime(2026, 10, 14, 10, 0, tzinfo=UTC)  # day 1, 10:00 (agenda in UTC)


def _rows(index, ids):
    return index.sessions.set_index("id").loc[ids]


def _ids(index, query, choice, now, k=3):
    return handlers.search(index, query, choice, now, k).ids


def test_filter_mask_is_applied_before_top_k_so_three_come_back(index):
    choice = Choice(track="Data Engineering")
    ids = _ids(index, "machine learning models", choice, BEFORE)
    assert len(ids) == 3
    assert set(_rows(index, ids)["track"]) == {"Data Engineering"}
    unfiltered = _ids(index, "machine learning models", Choice(), BEFORE)
    assert ids != unfiltered


def test_day_and_room_filters(index):
    ids = _ids(index, "keeping numbers honest over time", Choice(day="2026-10-15", room="Cumberland A"), BEFORE)
    rows = _rows(index, ids)
    assert len(ids) == 3
    assert set(rows["room"]) == {"Cumberland A"}
    assert {d.date() for d in rows["start"]} == {date(2026, 10, 15)}


def test_chosen_time_range_keeps_only_sessions_starting_inside_it(index):
    ids = _ids(index, "data", Choice(window=WINDOW_RANGE, time_from="13:00", time_until="15:00"), BEFORE, k=50)
    starts = _rows(index, ids)["start"]
    assert ids and all("13:00" <= s.strftime("%H:%M") < "15:00" for s in starts)


def test_bad_filter_values_are_one_line_errors(index):
    with pytest.raises(FilterError, match="YYYY-MM-DD"):
        Choice(day="tomorrow").mask(index.sessions, BEFORE)
    with pytest.raises(FilterError, match="empty"):
        Choice(window=WINDOW_RANGE, time_from="15:00", time_until="13:00").mask(index.sessions, BEFORE)
    with pytest.raises(FilterError, match="any, next or range"):
        Choice(window="tomorrow").mask(index.sessions, BEFORE)


def test_ended_sessions_hidden_while_running_unless_asked(index):
    assert is_running(index.sessions, DURING) and not is_running(index.sessions, BEFORE)
    shown = _rows(index, _ids(index, "data quality trustworthy", Choice(), DURING, k=50))
    assert (shown["end"] > DURING).all()
    everything = _rows(index, _ids(index, "data quality trustworthy", Choice(show_ended=True), DURING, k=50))
    assert (everything["end"] <= DURING).any()
    assert handlers.ENDED_HIDDEN in handlers.search(index, "data", Choice(), DURING).notes
    assert handlers.ENDED_HIDDEN not in handlers.search(index, "data", Choice(), BEFORE).notes


def test_now_and_next_two_hours_window(index):
    rows = _rows(index, _ids(index, "data", Choice(window=WINDOW_NEXT), DURING, k=50))
    assert len(rows) > 0
    assert (rows["end"] > DURING).all() and (rows["start"] < datetime(2026, 10, 14, 12, 0, tzinfo=UTC)).all()


def test_badges():
    start, end = datetime(2026, 10, 14, 10, 15, tzinfo=UTC), datetime(2026, 10, 14, 11, 0, tzinfo=UTC)
    assert badge(start, end, DURING) == "starts in 15 min"
    assert badge(start, end, datetime(2026, 10, 14, 10, 30, tzinfo=UTC)) == "happening now"
    assert badge(start, end, datetime(2026, 10, 14, 11, 0, tzinfo=UTC)) == "ended"
    assert badge(start, end, BEFORE) == ""


def test_cards_carry_badges(index):
    found = handlers.search(index, "Tableau dashboard", Choice(), DURING)
    tableau = found.hits.index(next(h for h in found.hits if "Tableau" in h.title))
    assert found.badges[tableau] == "happening now"  # the Tableau workshop runs 09:45-11:15
    assert "hc-badge-now" in render.results(found)[1][tableau]


def test_now_next_view_lists_current_and_next_slot(index):
    view = handlers.now_next(index, DURING)
    on_now = " ".join(h.title for h in view.running)
    assert "SQL Window Functions" in on_now and "FastAPI" in on_now
    assert all(view.badges[h.id] == "happening now" for h in view.running)
    assert view.upcoming and all(h.start == view.upcoming[0].start > DURING for h in view.upcoming)
    assert "Feature Stores" in " ".join(h.title for h in view.upcoming)  # 10:45 slot


def test_session_view_and_unknown_id(index):
    sid = index.sessions["id"].iloc[2]
    assert [h.title for h in handlers.session(index, sid, BEFORE).hits] == [index.sessions["title"].iloc[2]]
    assert "SQL Window Functions" in index.sessions["title"].iloc[2]
    missing = handlers.session(index, "nope", BEFORE)
    assert missing.hits == [] and "No session has the id nope" in missing.notes[0]


def test_picks_flag_overlaps(index):
    ids = list(index.sessions["id"].iloc[[1, 2, 5]])  # 1 and 2 both 09:45-10:30; 5 at 10:45
    clashes = handlers.conflicts([index.hit(i) for i in (1, 2, 5)])
    assert set(clashes) == {ids[0], ids[1]}
    view = handlers.picks(index, [ids[2], ids[0], "gone", ids[1]], BEFORE)
    assert [h.id for h in view.hits] == ids  # time order; an id the agenda lost is left out
    assert view.conflicts == clashes
    html = render.picks(view)
    assert html.count("hc-conflict") == 2 and "My picks &#40;3&#41;" in html


def test_set_pick_stars_and_unstars_one_session_and_keeps_the_others():
    assert handlers.set_pick(["a", "b"], "c", True) == ["a", "b", "c"]
    assert handlers.set_pick(["a", "b", "c"], "b", False) == ["a", "c"]
    assert handlers.set_pick(["a", "b"], "a", True) == ["b", "a"]  # starred again: no duplicate
    assert handlers.set_pick(None, "a", False) == [] and handlers.set_pick([], "", True) == []


def test_results_are_hits_with_their_why_and_render_to_one_card_each(index):
    found = handlers.search(index, "keeping numbers honest over time", Choice(), DURING)
    assert len(found.hits) == len(found.similar) == len(found.badges) == 3
    head, cards = render.results(found)
    assert all(c.count('class="hc-card"') == 1 for c in cards)
    assert all(render.escape(h.title) in card for h, card in zip(found.hits, cards))
    assert "already ended are hidden" in head
    assert handlers.search(index, "  ", Choice(), DURING).hits == []
    sid = index.sessions["id"].iloc[0]
    assert handlers.session(index, sid, DURING).ids == [sid]
    assert handlers.session(index, "nope", DURING).ids == []


def test_agenda_text_is_escaped_in_attendee_views(fake_encoder, tmp_path):
    csv = tmp_path / "evil.csv"
    csv.write_text('Name,Description,Start Time,End Time,Location Name\n"Talk [link](http://x) <img src=x onerror=alert(1)>","abstract <b>bold</b> [link](http://x)",2026-10-14 9:00,2026-10-14 10:00,<b>Room</b>\n')
    index = SearchIndex.build(load_agenda(csv), fake_encoder, tmp_path / "c")
    sid = index.sessions["id"].iloc[0]
    views = (render.results(handlers.session(index, sid, BEFORE))[1][0], render.picks(handlers.picks(index, [sid], BEFORE)), render.now_next(handlers.now_next(index, BEFORE)))
    for view in views:
        assert "<img" not in view and "<b>" not in view and "](http" not in view
