"""A session the agenda holds more than once is one answer, at its best time, naming the others (helper.agenda.copies)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.agenda.copies import held_again
from helper.search.filters import Choice
from helper.search.index import SearchIndex
from helper.web import handlers, render
from tests.fakes import HashingEncoder, csv_index

HEADER = "Unique ID,Name,Description,Start Time,End Time,Location Name,Speaker 1 First Name,Speaker 1 Last Name\n"
VOXELS = "Build and program a tiny voxel cube: an LED matrix, a microcontroller and some soldering, for every age."
LONGER = VOXELS + " On this day we also flash the new firmware and try the sound module that arrived last week."
ROWS = [
    ("v1", "VoxelBox hacking (Day 1)", VOXELS, "2026-12-27 11:00", "2026-12-27 13:00", "Kidspace", "Ada", "Lux"),
    ("v2", "VoxelBox hacking (Day 2)", LONGER, "2026-12-28 11:00", "2026-12-28 13:00", "Kidspace", "Ada", "Lux"),
    ("v3", "VoxelBox hacking (for 8-10 year olds)", VOXELS, "2026-12-29 15:00", "2026-12-29 17:00", "Hall B", "Ada", "Lux"),
    # the same text by someone else: a session of its own
    ("w1", "VoxelBox hacking (Day 1)", VOXELS, "2026-12-27 15:00", "2026-12-27 17:00", "Hall C", "Bo", "Kern"),
    # a placeholder abstract says nothing: two talks of one speaker stay two
    ("t1", "Voxel rendering on the GPU", "TBD", "2026-12-27 11:00", "2026-12-27 12:00", "Saal 1", "Cy", "Dorn"),
    ("t2", "Voxel worlds in games", "TBD", "2026-12-28 11:00", "2026-12-28 12:00", "Saal 1", "Cy", "Dorn"),
    ("x1", "Soldering for beginners", "Learn to solder a blinking badge with an iron, solder and patience, step by step.",
     "2026-12-27 11:00", "2026-12-27 13:00", "Hall D", "Eve", "Fox"),
]
BEFORE = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
DAY_TWO = datetime(2026, 12, 28, 14, 0, tzinfo=timezone.utc)


@pytest.fixture
def index(tmp_path) -> SearchIndex:
    text = HEADER + "".join(",".join(f'"{v}"' for v in row) + "\n" for row in ROWS)
    return csv_index(tmp_path, text)


def test_the_same_speakers_opening_the_same_abstract_under_the_same_first_title_word_hold_one_session(index) -> None:
    again = held_again(index.sessions)
    ids = list(index.sessions["id"])
    groups = {ids[row]: ids[again[row]] for row in range(len(ids))}
    assert groups["v2"] == groups["v3"] == "v1"  # another day, an added paragraph, another audience: the same session
    assert groups["w1"] == "w1" and groups["t2"] == "t2" and groups["x1"] == "x1"


def test_a_session_held_three_times_is_one_answer_naming_the_other_times(index) -> None:
    hits = index.search_one("voxelbox hacking", k=4)
    ids = [h.id for h in hits]
    assert len({"v1", "v2", "v3"} & set(ids)) == 1 and "w1" in ids
    shown = next(h for h in hits if h.id in {"v1", "v2", "v3"})
    assert shown.id == "v1"  # before the conference, equal answers show the first time
    assert [other.id for other in shown.also_at] == ["v2", "v3"]
    assert shown.to_dict()["also_at"][1] == {"id": "v3", "title": "VoxelBox hacking (for 8-10 year olds)", "start": "2026-12-29T15:00:00+00:00",
                                             "end": "2026-12-29T17:00:00+00:00", "room": "Hall B"}
    assert next(h for h in hits if h.id == "w1").also_at == ()


def test_a_filter_or_the_clock_picks_the_time_shown(index) -> None:
    on_day_two = handlers.search(index, "voxelbox hacking", Choice(day="2026-12-28"), BEFORE).hits
    assert [h.id for h in on_day_two] == ["v2"]
    # on day two after the workshop, the next time it is held is the answer; the days before are hidden as ended
    later = handlers.search(index, "voxelbox hacking", Choice(), DAY_TWO).hits
    assert "v3" in [h.id for h in later] and not {"v1", "v2"} & {h.id for h in later}
    assert next(h for h in later if h.id == "v3").also_at == ()  # nor are they named as other times
    shown = handlers.search(index, "voxelbox hacking", Choice(show_ended=True), DAY_TWO).hits
    assert [o.id for h in shown if h.id in {"v1", "v2", "v3"} for o in h.also_at]  # asked for: the ended times are named


def test_the_card_says_when_else_and_what_a_title_adds_beyond_its_day(index) -> None:
    shown = index.session("v1")
    text = render.also_held(shown)
    assert text == "Also held Mon 28 Dec · 11:00, Tue 29 Dec · 15:00 ((for 8-10 year olds))"
    assert render.escape(text) in render.card(shown)
    assert render.also_held(index.session("x1")) == "" and "hc-also" not in render.card(index.session("x1"))


def test_more_like_this_names_other_sessions_not_the_repeats(index) -> None:
    near = [h.id for h in index.more_like_this("v1", k=3)]
    assert not {"v1", "v2", "v3"} & set(near)


AGENDA_38C3 = Path(__file__).resolve().parents[2] / "shared" / "data" / "agendas" / "38c3" / "schedule-38c3-20251206.xml"


@pytest.mark.skipif(not AGENDA_38C3.exists(), reason="../shared/data/agendas is absent")
def test_38c3s_repeated_sessions_take_one_place_each_in_a_top_3() -> None:
    index = SearchIndex.build(load_agenda(AGENDA_38C3), HashingEncoder(), None)
    again = index.same_session
    queries = ["chaos", "Miniatur Wunderland", "hacker values", "Elektrobausteine", "soldering", "theatre", "Linux"]
    for query, hits in zip(queries, index.search(queries)):
        rows = [index.row_of(h.id) for h in hits]
        assert len({int(again[row]) for row in rows}) == len(rows) == 3, query
    chaos = index.search_one("Kurzvorstellung chaos.jetzt")[0]
    assert chaos.title.startswith("Kurzvorstellung chaos.jetzt") and len(chaos.also_at) == 3
    starts = [chaos.start, *(other.start for other in chaos.also_at)]
    assert starts == sorted(starts) and len(set(starts)) == 4
    assert int(np.sum(again != np.arange(len(again)))) > 0


def test_a_session_held_many_times_names_a_few_on_its_card(tmp_path) -> None:
    rows = "".join(f'"c{day}","Coffee break","","2026-12-{day:02d} 10:00","2026-12-{day:02d} 10:30","Foyer","",""\n' for day in range(20, 27))
    shown = csv_index(tmp_path, HEADER + rows).search_one("coffee break")
    assert len(shown) == 1 and len(shown[0].also_at) == 6
    assert render.also_held(shown[0]).endswith("Thu 24 Dec · 10:00 and 2 more times")


def test_a_plan_holds_a_session_once_at_a_time_that_fits(index) -> None:
    plan = handlers.plan(index, "voxelbox hacking", Choice(), BEFORE)
    ids = [h.id for h in plan.hits]
    assert len({"v1", "v2", "v3"} & set(ids)) == 1 and "w1" in ids


def test_of_times_that_rank_alike_the_next_one_is_shown(index) -> None:
    order = np.zeros(len(index.sessions))
    row = {sid: r for r, sid in enumerate(index.sessions["id"])}
    order[[row["v1"], row["v2"], row["v3"]]] = [0.50, 0.505, 0.52]  # "(Day 2)" in a title may rank a hair above "(Day 1)"
    kept = index._best_row_each(order, None)
    assert kept[row["v1"]] and not kept[row["v2"]] and not kept[row["v3"]]
    order[row["v3"]] = 0.70  # a time whose title holds what the query asks for is that answer
    kept = index._best_row_each(order, None)
    assert kept[row["v3"]] and not kept[row["v1"]]


def test_a_listing_of_what_is_on_then_names_no_other_times(index) -> None:
    shown = index.session("v1")
    assert "hc-also" in render.card(shown) and "hc-also" not in render.card(shown, scored=False)
