"""The real public exports in ../shared/data/agendas load with `helper check` (exit 0) and show each session at
the local time its source states (skipped without ../shared)."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from helper import cli
from helper.agenda import load_agenda
from tests.conftest import SHARED

AGENDAS = SHARED / "data" / "agendas"
# agenda path (from AGENDAS) -> sessions as the source states them: (title start, start, end, room)
PINS = {
    "colt2020": [
        ("Asymptotic Errors for High-Dimensional Convex", "2020-07-09T08:30:00-04:00", "2020-07-09T11:00:00-04:00", ""),  # Session 1A|1E: the first
        ("Keynote 3: David Blei", "2020-07-11T11:00:00-04:00", "2020-07-11T12:00:00-04:00", ""),
        ("Sharper Bounds for Uniformly Stable Algorithms", "2020-07-09T08:30:00-04:00", "2020-07-09T11:00:00-04:00", ""),
    ],
    "eeml2020": [
        ("Machine Learning Meets a Particle Accelerator", "2020-07-01T09:50:00+00:00", "2020-07-01T11:10:00+00:00", ""),
        ("Balancing Rational and Other-Regarding Preferences", "2020-07-01T09:50:00+00:00", "2020-07-01T11:10:00+00:00", ""),
        ("Attention and memory (Alex)", "2020-07-08T08:20:00+00:00", "2020-07-08T09:30:00+00:00", ""),
    ],
    "icwsm2021": [
        ("Market Forces: Quantifying the Role of Top Credible", "2021-06-10T17:45:00+01:00", "2021-06-10T18:45:00+01:00", "Room A"),  # papers.csv: (16:45-17:45 GMT)
        ("Uncovering Coordinated Networks on Social Media", "2021-06-09T17:45:00+01:00", "2021-06-09T18:45:00+01:00", "Room B"),
        ("Opening remarks", "2021-06-08T14:00:00+01:00", "2021-06-08T14:10:00+01:00", ""),
    ],
    "ismir2023": [
        ("Exploring the Correspondence of Melodic Contour", "2023-11-06T10:30:00+01:00", "2023-11-06T13:15:00+01:00", ""),
        ("TriAD: Capturing Harmonics With 3D Convolutions", "2023-11-06T10:30:00+01:00", "2023-11-06T13:15:00+01:00", ""),
        ("Opening Session", "2023-11-06T09:00:00+01:00", "2023-11-06T09:30:00+01:00", ""),
    ],
    "sigdialinlg2023": [
        ("Overview of MiReportor", "2023-09-15T09:00:00+02:00", "2023-09-15T10:00:00+02:00", "Sun I"),
        ("enunlg: a Python library for reproducible neural", "2023-09-14T17:35:00+02:00", "2023-09-14T18:30:00+02:00", "Foyer"),
        ("Keynote Dupoux", "2023-09-13T09:15:00+02:00", "2023-09-13T10:15:00+02:00", "Sun I"),
    ],
    "foss4g2022/schedule.json": [
        ("Opening Session", "2022-08-24T09:00:00+02:00", "2022-08-24T10:00:00+02:00", "Auditorium"),
        ("Mapathon", "2022-08-22T09:00:00+02:00", "2022-08-22T11:00:00+02:00", "University Auditorium A"),
        ("Youth Mappers documentary's premiere", "2022-08-22T15:30:00+02:00", "2022-08-22T17:30:00+02:00", "University Auditorium B"),
    ],
    "38c3/schedule-38c3-20251206.xml": [
        ("38C3: Opening Ceremony", "2024-12-27T10:30:00+01:00", "2024-12-27T11:00:00+01:00", "Saal 1"),
        ("Wie funktioniert eigentlich das Internet?", "2024-12-28T15:30:00+01:00", "2024-12-28T15:45:00+01:00", "Youth Operation Centre Forum (GF1)"),
        ("Wondrous mathematics: Large numbers grow on trees", "2024-12-30T12:00:00+01:00", "2024-12-30T12:45:00+01:00", '"KliMathematik Augsburg" Table'),
    ],
}
ZONES = {"foss4g2022/schedule.json": "Europe/Rome", "38c3/schedule-38c3-20251206.xml": "Europe/Berlin", "colt2020": "UTC-04:00", "sigdialinlg2023": "UTC+02:00"}


@pytest.fixture(scope="module")
def agendas():
    if not AGENDAS.exists():
        pytest.skip("../shared/data/agendas is absent (a user's clone): skipped")
    return {name: load_agenda(AGENDAS / name) for name in [*PINS, "vis2018"]}


@pytest.mark.parametrize("name", [*PINS, "vis2018"])
def test_helper_check_reads_every_real_export(name, capsys):
    if not AGENDAS.exists():
        pytest.skip("../shared/data/agendas is absent (a user's clone): skipped")
    out = io.StringIO()
    assert cli.main(["check", "--agenda", str(AGENDAS / name)], stdout=out) == 0
    assert "zone:" in out.getvalue() and "sessions:" in out.getvalue()


@pytest.mark.parametrize("name", list(PINS))
def test_sessions_are_shown_at_the_local_time_their_source_states(agendas, name):
    sessions = agendas[name].sessions
    for title, start, end, room in PINS[name]:
        found = sessions[sessions["title"].str.startswith(title)]
        assert len(found) == 1, f"{name}: {title!r} found {len(found)} times"
        row = found.iloc[0]
        assert (row["start"].isoformat(), row["end"].isoformat(), row["room"]) == (start, end, room), title


@pytest.mark.parametrize("name, zone", ZONES.items())
def test_the_agenda_is_shown_in_the_zone_its_export_states(agendas, name, zone):
    assert agendas[name].timezone == zone
    assert agendas[name].sessions["start"].dt.tz == agendas[name].tz


def test_a_given_timezone_overrides_the_stated_one_at_the_same_instants(agendas):
    if not AGENDAS.exists():
        pytest.skip("../shared is absent")
    stated = agendas["foss4g2022/schedule.json"].sessions
    utc = load_agenda(AGENDAS / "foss4g2022/schedule.json", "UTC").sessions
    opening = stated["title"] == "Opening Session"
    assert utc.loc[opening, "start"].iloc[0].isoformat() == "2022-08-24T07:00:00+00:00"
    assert (utc["start"].dropna() == stated["start"].dropna()).all()  # same instants, other wall clock


def test_a_site_without_a_calendar_loads_its_papers_and_says_they_have_no_times(agendas):
    vis = agendas["vis2018"]
    assert len(vis) == 127 and vis.sessions["start"].isna().all()
    assert any("no main_calendar.json" in w for w in vis.warnings)


def test_contact_columns_of_a_real_export_never_reach_the_table(agendas):
    ismir = agendas["ismir2023"]
    assert "@" not in " ".join(ismir.sessions["abstract"]) + " ".join(ismir.sessions["title"])
    assert any("author emails" in w for w in ismir.warnings)


@pytest.mark.parametrize("name", ["ismir2023", "eeml2020"])
def test_an_author_list_written_into_one_field_is_shown_one_person_an_entry(agendas, name):
    # ISMIR: "Preeti Rao (Indian Institute of Technology Bombay)*; Martin Clayton (Durham University)"; EEML: "Chris
    # Tennant1, Adam Carpenter2 and Tom Powers"
    entries = [entry for people in agendas[name].sessions["speakers"] for entry in people]
    outside_brackets = [re.sub(r"\([^)]*\)", "", entry) for entry in entries]
    assert len(entries) > 300
    assert not [e for e in outside_brackets if ";" in e or "*" in e or re.search(r"[a-z]\d\b", e) or " and " in e]


@pytest.mark.parametrize("name", ["foss4g2022/schedule.json", "38c3/schedule-38c3-20251206.xml", "colt2020"])
def test_calendar_files_carry_the_same_absolute_times_as_the_source(agendas, name):
    from icalendar import Calendar

    from helper.search.index import SearchIndex
    from helper.web.calendar import calendar_for
    from tests.fakes import HashingEncoder

    index = SearchIndex.build(agendas[name], HashingEncoder(), cache_dir=None)
    sessions = index.sessions
    rows = [int(sessions.index[sessions["title"].str.startswith(title)][0]) for title, *_ in PINS[name]]
    events = Calendar.from_ical(calendar_for([index.hit(r) for r in rows])).walk("VEVENT")
    for event, (title, start, end, room) in zip(events, PINS[name]):
        assert str(event["SUMMARY"]).startswith(title)
        assert event.decoded("DTSTART") == pd.Timestamp(start) and event.decoded("DTEND") == pd.Timestamp(end)
        assert str(event.get("LOCATION", "")) == room


def test_a_session_a_real_export_lists_in_several_rooms_is_one_session(agendas):
    """38C3 lists "Rockets löten" once per soldering station each hour, and "Legal Destruction" in five Kidspace
    rooms under one host: each is one session with every room; a sixth room's other host keeps a session of its own."""
    from helper.agenda.copies import first_copies, other_rooms

    sessions = agendas["38c3/schedule-38c3-20251206.xml"].sessions
    first = first_copies(sessions)
    rooms = other_rooms(sessions, first)
    rockets = sessions.index[(sessions["title"] == "Rockets löten") & (sessions["room"].str.endswith("Station 1"))]
    assert [rooms[row] for row in rockets].count(("Saal A - Lötstationen Station 2",)) == 7
    legal = sessions.index[sessions["title"].str.startswith("Legal Destruction")]
    assert len(legal) == 6 and len(set(first[legal])) == 2 and sorted(len(rooms[row]) for row in legal) == [0, 4, 4, 4, 4, 4]
    assert (first != range(len(first))).sum() == 11 and len(sessions) == 1007  # rows stay: the Room filter still finds each room
