"""Export formats behind the reader interface: each reader accepts its own files only, and the registry names
what a file looks like when no reader takes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.agenda import load_agenda
from helper.agenda.formats import READERS, reader_for
from helper.agenda.formats.base import Source
from helper.errors import AgendaError
from tests.conftest import SAMPLE, SHARED

FRAB = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><acronym>t1</acronym><title>Test</title><time_zone_name>Europe/Berlin</time_zone_name></conference>
  <day date="2024-12-27" index="1">
    <room name="Saal 1">
      <event guid="g-1" id="1">
        <date>2024-12-27T10:30:00+01:00</date><start>10:30</start><duration>00:30</duration><room>Saal 1</room>
        <title>Opening &amp; Welcome</title><subtitle>Four days</subtitle><track>CCC</track><type>Talk</type>
        <abstract>Glad you could make it.</abstract><description>We kick things off.</description>
        <persons><person guid="p1">Ada Lovelace</person><person guid="p2">Grace Hopper</person></persons>
      </event>
      <event guid="g-2" id="2">
        <date>2024-12-27T23:30:00+01:00</date><duration>01:15</duration><room>Saal 1</room>
        <title>Late <b>night</b> hacking</title><type>YOC - Alles, was Lötstationen braucht</type><abstract/><description/><persons/>
      </event>
    </room>
  </day>
</schedule>
"""
SCHEDULE_38C3 = SHARED / "data" / "agendas" / "38c3" / "schedule-38c3-20251206.xml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_frab_xml_is_read_by_its_own_reader(tmp_path):
    agenda = load_agenda(write(tmp_path, "schedule.xml", FRAB), "Europe/Berlin")
    assert agenda.layout.startswith("frab-xml")
    first, late = agenda.sessions.iloc[0], agenda.sessions.iloc[1]
    assert (first["id"], first["title"], first["room"], first["track"]) == ("g-1", "Opening & Welcome", "Saal 1", "CCC")
    assert first["speakers"] == ("Ada Lovelace", "Grace Hopper") and first["tags"] == ("Talk",)
    assert first["abstract"] == "Four days Glad you could make it. We kick things off."
    assert (first["start"].isoformat(), first["end"].isoformat()) == ("2024-12-27T10:30:00+01:00", "2024-12-27T11:00:00+01:00")
    assert late["title"] == "Late night hacking" and late["end"].isoformat() == "2024-12-28T00:45:00+01:00"
    assert late["tags"] == ("YOC - Alles, was Lötstationen braucht",)  # a talk's type is one label, commas and all


def test_each_reader_accepts_only_its_own_kind(tmp_path):
    files = {"frab-xml": write(tmp_path, "s.xml", FRAB), "pretalx-json": write(tmp_path, "s.json", '{"schedule": {}}'), "csv": SAMPLE}
    for kind, path in files.items():
        taken = [r for r in READERS if r.accepts(Source(path))]
        assert len(taken) >= 1 and reader_for(Source(path)) is taken[0]
        assert kind.split("-")[0] in type(taken[0]).__name__.lower()


@pytest.mark.parametrize(
    "text, kind",
    [("<?xml version='1.0'?><rss><channel/></rss>", "an XML document"), ("<!DOCTYPE html><html><body>Agenda</body></html>", "an HTML page"), ("%PDF-1.7\n...", "a PDF document")],
)
def test_a_document_we_do_not_read_is_named_with_the_kinds_we_do(tmp_path, text, kind):
    with pytest.raises(AgendaError) as caught:
        load_agenda(write(tmp_path, "agenda.csv", text))
    line = caught.value.line()
    assert kind in line and "frab/c3voc schedule.xml" in line and "pretalx/frab JSON" in line and "row" not in line


def test_broken_xml_names_the_problem(tmp_path):
    with pytest.raises(AgendaError, match="not well-formed XML"):
        load_agenda(write(tmp_path, "schedule.xml", FRAB[:400]))


def test_the_38c3_schedule_loads_all_its_events():
    if not SCHEDULE_38C3.exists():
        pytest.skip("../shared is absent (a user's clone): skipped")
    agenda = load_agenda(SCHEDULE_38C3, "Europe/Berlin")
    assert len(agenda) == 1007 and agenda.layout.startswith("frab-xml")
    opening = agenda.sessions.set_index("id").loc["270fa44c-821a-577f-8ca3-33e8d4a8c2a7"]
    assert opening["title"] == "38C3: Opening Ceremony" and opening["room"] == "Saal 1"
    assert opening["start"].isoformat() == "2024-12-27T10:30:00+01:00" and opening["end"].isoformat() == "2024-12-27T11:00:00+01:00"
