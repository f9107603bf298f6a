"""Calendar files parse back (RFC 5545 via icalendar) with the right times, zone, room, speakers, abstract and
link back to the session; their file names are readable."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from helper.agenda import load_agenda
from helper.web.calendar import calendar_for, file_name, write_calendar
from helper.search.index import SearchIndex
from tests.conftest import ROOT, SAMPLE


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
    path = write_calendar(hits, tmp_path / "out", "My conference picks")
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert path.name == "My conference picks.ics"
    assert sorted(str(e["uid"]) for e in events) == sorted(f"{h.id}@conference-helper" for h in hits)
    assert [e.decoded("dtstart") for e in events] == [h.start for h in hits]


def test_an_event_is_at_the_agendas_absolute_time_in_the_agendas_zone_with_its_vtimezone(fake_encoder, tmp_path):
    """An export may state a time with another offset (09:45 Chicago written as 16:45+02:00): the event keeps
    the instant and is written on the agenda's clock, with that zone's VTIMEZONE."""
    index = _index(fake_encoder, tmp_path, "America/Chicago")
    hit = index.hit(1, 1.0)
    offset = timezone(timedelta(hours=2))
    moved = replace(hit, start=hit.start.astimezone(offset), end=hit.end.astimezone(offset))
    cal = Calendar.from_ical(calendar_for([moved], zone="America/Chicago"))
    (event,) = cal.walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "America/Chicago" and event["dtend"].params["TZID"] == "America/Chicago"
    assert event.decoded("dtstart") == hit.start == datetime(2026, 10, 14, 9, 45, tzinfo=ZoneInfo("America/Chicago"))
    assert event.decoded("dtstart").utcoffset() == timedelta(hours=-5)  # on the agenda's clock, not +02:00
    assert event.decoded("dtend") == hit.end
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["America/Chicago"]


def test_an_event_names_its_room_its_speakers_and_links_back_to_its_session(fake_encoder, tmp_path):
    index = _index(fake_encoder, tmp_path)
    hit = index.hit(1, 1.0)
    assert hit.speakers and hit.room
    link = lambda session_id: f"https://conf.example/helper/?session={session_id}"  # noqa: E731
    (event,) = Calendar.from_ical(calendar_for([hit], zone="UTC", link=link)).walk("VEVENT")
    assert str(event["location"]) == hit.room
    assert str(event["url"]) == f"https://conf.example/helper/?session={hit.id}"
    description = str(event["description"])
    assert description.startswith("With " + ", ".join(hit.speakers))
    assert f"https://conf.example/helper/?session={hit.id}" in description
    (plain,) = Calendar.from_ical(calendar_for([hit])).walk("VEVENT")  # no page address known: no link
    assert "url" not in plain and "Session page" not in str(plain["description"])


def test_file_names_are_the_title_cut_at_a_word():
    assert file_name("SQL Window Functions Without Tears") == "SQL Window Functions Without Tears.ics"
    assert file_name("Keynote - 2021: The Tipping Point / Data Literacy?") == "Keynote - 2021 The Tipping Point Data Literacy.ics"
    long = file_name("Detecting Disease Biomarkers from Multimodal Healthcare Data using Machine Learning at Scale in Hospitals")
    assert long == "Detecting Disease Biomarkers from Multimodal Healthcare Data using Machine.ics" and len(long) <= 84
    assert file_name("../../etc/passwd") == "etc passwd.ics"
    assert file_name("<>:/") == "session.ics" and file_name("Ünïcode Café") == "Ünïcode Café.ics"


def test_calendar_files_are_written_once_per_set_of_sessions(fake_encoder, tmp_path):
    from helper.web.calendar import CalendarFiles

    index = _index(fake_encoder, tmp_path)
    one, two = index.hit(0, 0.9, 1), index.hit(1, 0.5, 2)
    files = CalendarFiles(tmp_path / "ics")
    first = files.path_for([one], one.title)
    assert files.path_for([replace(one, score=0.1, rank=3)], one.title) == first  # another search, same session
    assert len(list((tmp_path / "ics").rglob("*.ics"))) == 1
    moved = files.path_for([replace(one, room="Moved Room")], one.title)  # a reloaded agenda moved it
    assert moved != first and b"Moved Room" in moved.read_bytes()
    both = files.path_for([one, two], "My conference picks")
    assert len(Calendar.from_ical(both.read_bytes()).walk("VEVENT")) == 2 and both.name == "My conference picks.ics"
    elsewhere = files.path_for([one], one.title, base_url="https://conf.example")  # another public address: another link
    assert elsewhere != first and b"https://conf.example/?session=" in elsewhere.read_bytes()


def test_the_folder_a_server_writes_its_calendar_files_in_is_removed_when_it_exits(tmp_path):
    import subprocess
    import sys

    script = (
        "from datetime import datetime, timezone\n"
        "from helper.search.index import Hit\n"
        "from helper.web.calendar import CalendarFiles\n"
        "start = datetime(2026, 10, 14, 9, tzinfo=timezone.utc)\n"
        "hit = Hit('s1', 'Talk', 1.0, start, None, 'Room 1', '', (), '')\n"
        "path = CalendarFiles().path_for([hit], 'Talk')\n"
        "print(path.parent.parent)\n"
        "assert path.is_file()\n"
    )
    environment = {"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=environment)
    assert done.returncode == 0, done.stderr
    root = Path(done.stdout.strip())
    assert root.parent == tmp_path and root.name.startswith("hc-ics-") and not root.exists()


@pytest.mark.slow
@pytest.mark.parametrize("settle", [0.0, 3.0])  # at once when the port answers (Gradio may still be starting), or serving
def test_a_server_stopped_by_sigterm_exits_normally_and_removes_its_calendar_folder(tmp_path, settle):
    """systemd, Docker and a Space stop a server with SIGTERM; it used to end the process at once, leaving /tmp/hc-ics-*."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = (
        "from datetime import datetime, timezone\n"
        "import gradio as gr\n"
        "from helper.ops.serve import launch\n"
        "from helper.search.index import Hit\n"
        "from helper.settings import Settings\n"
        "from helper.web.calendar import CalendarFiles\n"
        "hit = Hit('s1', 'Talk', 1.0, datetime(2026, 10, 14, 9, tzinfo=timezone.utc), None, 'Room 1', '', (), '')\n"
        "print(CalendarFiles().path_for([hit], 'Talk').parent.parent, flush=True)\n"
        "with gr.Blocks() as demo:\n"
        "    gr.Markdown('up')\n"
        f"launch(demo, Settings(host='127.0.0.1', port={port}, mcp=False))\n"
        "print('closed', flush=True)\n"
    )
    environment = {**os.environ, "TMPDIR": str(tmp_path), "GRADIO_ANALYTICS_ENABLED": "False"}
    server = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=environment)
    try:
        root = Path(server.stdout.readline().strip())
        assert root.is_dir()
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(settle)
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    finally:
        server.kill()
    assert server.returncode == 0, err[-2000:]
    assert "closed" in out and not root.exists()
