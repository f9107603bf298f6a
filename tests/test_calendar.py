"""Calendar files parse back (RFC 5545 via icalendar) with the right times, zone, room and abstract."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from helper.agenda import load_agenda
from helper.web.calendar import calendar_for, write_calendar
from helper.search.index import SearchIndex
from tests.conftest import SAMPLE


def _index(fake_encoder, tmp_path, tz="UTC"):
    return SearchIndex.build(load_agenda(SAMPLE, tz), fake_encoder, tmp_path)


def test_one_session_round_trips(fake_encoder, tmp_path):
    index = _index(fake_encoder, tmp_path, "America/Chicago")
    hit = index.hit(1, 1.0)
    cal = Calendar.from_ical(calendar_for([hit]))
    (event,) = cal.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime(2026, 10, 14, 9, 45, tzinfo=ZoneInfo("America/Chicago"))
    assert end == datetime(2026, 10, 14, 10, 30, tzinfo=ZoneInfo("America/Chicago"))
    assert event["dtstart"].params["TZID"] == "America/Chicago"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["America/Chicago"]
    assert str(event["location"]) == "Cumberland A"
    assert "FastAPI application" in str(event["description"])
    assert str(event["summary"]) == hit.title
    assert cal["version"] == "2.0" and "prodid" in cal and "uid" in event and "dtstamp" in event


def test_all_picks_in_one_file(fake_encoder, tmp_path):
    index = _index(fake_encoder, tmp_path)
    hits = [index.hit(i, 0.0) for i in (0, 5, 30)]
    path = write_calendar(hits, tmp_path / "out", "my picks")
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert path.name == "my-picks.ics"
    assert sorted(str(e["uid"]) for e in events) == sorted(f"{h.id}@conference-helper" for h in hits)
    assert [e.decoded("dtstart") for e in events] == [h.start for h in hits]


def test_calendar_files_are_written_once_per_set_of_sessions(fake_encoder, tmp_path):
    from dataclasses import replace

    from helper.web.calendar import CalendarFiles

    index = _index(fake_encoder, tmp_path)
    one, two = index.hit(0, 0.9, 1), index.hit(1, 0.5, 2)
    files = CalendarFiles(tmp_path / "ics")
    first = files.path_for([one], one.title)
    assert files.path_for([replace(one, score=0.1, rank=3)], one.title) == first  # another search, same session
    assert len(list((tmp_path / "ics").rglob("*.ics"))) == 1
    moved = files.path_for([replace(one, room="Moved Room")], one.title)  # a reloaded agenda moved it
    assert moved != first and b"Moved Room" in moved.read_bytes()
    both = files.path_for([one, two], "my-picks")
    assert len(Calendar.from_ical(both.read_bytes()).walk("VEVENT")) == 2
