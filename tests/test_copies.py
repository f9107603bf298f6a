"""One session the export lists in several rooms at once is one answer, naming every room (helper.agenda.copies)."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.search.filters import Choice
from helper.search.index import SearchIndex, nearest_sessions
from helper.web import calendar, handlers, render
from tests.fakes import HashingEncoder

HEADER = "Unique ID,Name,Description,Start Time,End Time,Location Name,Speaker 1 First Name,Speaker 1 Last Name\n"
SOLDER = "Solder a blinking rocket kit: resistors, LEDs and a battery, for kids and grown-ups alike."
ROWS = [
    ("s1", "Rocket soldering", SOLDER, "2026-12-28 17:00", "2026-12-28 18:00", "Station 1", "Bea", "Gosh"),
    ("s2", "Rocket soldering", SOLDER, "2026-12-28 17:00", "2026-12-28 18:00", "Station 2", "Bea", "Gosh"),
    ("s3", "Rocket soldering", SOLDER, "2026-12-28 17:00", "2026-12-28 18:00", "Station 3", "Bea", "Gosh"),
    # the same kit the next day: the same session held again, named on its answer (tests/test_held_again.py)
    ("s4", "Rocket soldering", SOLDER, "2026-12-29 10:00", "2026-12-29 11:00", "Station 1", "Bea", "Gosh"),
    # the same activity hosted by someone else in that room: kept apart, its host is not the others'
    ("s5", "Rocket soldering", SOLDER, "2026-12-28 17:00", "2026-12-28 18:00", "Station 4", "Ghenny", "Marsh"),
    ("s6", "Soldering surface-mount parts", "Tiny resistors and LEDs soldered with a hot-air station and tweezers.",
     "2026-12-28 17:00", "2026-12-28 18:00", "Hall B", "Ann", "Lee"),
    ("s7", "Lockpicking basics", "Open a pin tumbler lock with a tension wrench and a pick.", "2026-12-28 17:00", "2026-12-28 18:00",
     "Hall C", "Kim", "Oh"),
    ("s8", "Lockpicking basics", "Open a pin tumbler lock with a tension wrench and a pick.", "2026-12-28 17:00", "2026-12-28 18:00",
     "Hall D", "Kim", "Oh"),
]
DURING = datetime(2026, 12, 28, 17, 30, tzinfo=timezone.utc)


@pytest.fixture
def agenda_file(tmp_path):
    path = tmp_path / "workshops.csv"
    path.write_text(HEADER + "".join(",".join(f'"{v}"' for v in row) + "\n" for row in ROWS))
    return path


@pytest.fixture
def index(agenda_file) -> SearchIndex:
    return SearchIndex.build(load_agenda(agenda_file, timezone="UTC"), HashingEncoder(), None)


def test_the_load_counts_the_sessions_listed_in_several_rooms(agenda_file) -> None:
    agenda = load_agenda(agenda_file, timezone="UTC")
    assert len(agenda) == len(ROWS)  # every row stays: the Room filter still finds each room
    assert "found 2 session(s) listed more than once with the same title, abstract, speakers and time (5 rows" in " ".join(agenda.warnings)


def test_a_session_listed_in_several_rooms_is_one_answer_naming_every_room(index) -> None:
    hits = index.search_one("rocket soldering kit", k=4)
    ids = [h.id for h in hits]
    assert ids.count("s1") == 1 and not {"s2", "s3"} & set(ids)
    first = next(h for h in hits if h.id == "s1")
    assert (first.room, first.also_in) == ("Station 1", ("Station 2", "Station 3"))
    assert first.to_dict()["also_in"] == ["Station 2", "Station 3"]
    assert "s5" in ids and "s4" not in ids  # another host's stays an answer of its own; the next day's is named
    assert [(other.id, other.room) for other in first.also_at] == [("s4", "Station 1")]
    assert render.escape("Station 1 (also in Station 2, Station 3)") in render.card(first)


def test_the_room_filter_answers_the_copy_in_that_room(index) -> None:
    hits = handlers.search(index, "rocket soldering kit", Choice(room="Station 3"), DURING).hits
    assert [(h.id, h.room, h.also_in) for h in hits] == [("s3", "Station 3", ("Station 1", "Station 2"))]


def test_listings_and_more_like_this_show_a_copy_once(index) -> None:
    view = handlers.now_next(index, DURING)
    running = [h.id for h in view.running]
    assert sorted(running) == ["s1", "s5", "s6", "s7"]
    listed, count = handlers.listed(index, None, 10)
    assert [h.id for h in listed].count("s7") == 1 and "s8" not in [h.id for h in listed] and count == len(listed)
    for session_id in ("s1", "s2", "s6"):
        near = [h.id for h in index.more_like_this(session_id)]
        assert not {"s2", "s3", "s8"} & set(near), (session_id, near)  # no later copy, and never the session itself
        assert not {"s1", "s2", "s3"} & set(near) if session_id != "s6" else "s1" in near


def test_the_calendar_names_every_room(index, tmp_path) -> None:
    hit = index.session("s1")
    text = calendar.CalendarFiles(tmp_path).path_for([hit], "picks").read_text()
    assert "LOCATION:Station 1 (also in Station 2\\, Station 3)" in text


def test_neighbours_skip_copies_as_the_full_matrix_says() -> None:
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    vectors[[11, 12, 30]] = vectors[10]  # rows 11, 12 and 30 are copies of row 10
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    first = np.arange(40)
    first[[11, 12, 30]] = 10
    full = vectors @ vectors.T
    full[:, [11, 12, 30]] = -np.inf  # a later copy is no neighbour
    for row in range(40):
        full[row, first[row]] = -np.inf  # nor is the session itself
    expected = np.argsort(-full, axis=1, kind="stable")[:, :3]
    for chunk in (1, 7, 1024):
        assert np.array_equal(nearest_sessions(vectors, 3, chunk=chunk, first=first), expected)
