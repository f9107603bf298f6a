"""Sessionize's JSON API views (tests/data/layouts/FORMATS.md, section 1c): the same sessions as its CSV export, speakers,
rooms and categories resolved whether the view gives them by id ("All") or inline ("GridSmart", "Sessions")."""

from __future__ import annotations

import json

import pytest

from helper.agenda import load_agenda
from helper.errors import AgendaError
from tests.test_agenda import EXPECTED, LAYOUTS, _at

VIEWS = ["sessionize_all.json", "sessionize_gridsmart.json"]


@pytest.mark.parametrize("file_name", VIEWS)
def test_each_view_reads_as_the_csv_export_does(file_name):
    agenda = load_agenda(LAYOUTS / file_name, "Europe/Warsaw")
    assert agenda.layout.startswith("sessionize-json")
    rows = {r.title: r for r in agenda.sessions.itertuples()}
    assert set(rows) == {e[0] for e in EXPECTED} | {"Lunch"}, "each session once, the GridSmart view's time slots too"
    for title, start, end, room, track, speakers in EXPECTED:
        row = rows[title]
        assert (row.start.to_pydatetime(), row.end.to_pydatetime()) == (_at(start), _at(end)), title
        assert (row.room, row.track, row.speakers) == (room, track, speakers)
    assert rows["Lunch"].room == "Main Hall" and rows["Lunch"].speakers == ()  # a service session is on the agenda too
    # the other categories (session format, level) are tags, as the CSV's columns are
    assert set(rows["Deploying Models with FastAPI"].tags) == {"Talk", "Advanced"}


def test_the_views_agree_but_only_the_all_view_has_the_speakers_organisations():
    every = [load_agenda(LAYOUTS / name, "Europe/Warsaw").sessions for name in VIEWS]
    assert every[0].drop(columns="organizations").equals(every[1].drop(columns="organizations"))
    by_title = every[0].set_index("title")["organizations"]
    assert by_title["Fairness Audits for Credit Scoring"] == ("Fairlend",)  # two speakers, one organisation, once
    assert by_title["Panel: Hiring Your First Data Team"] == ("Brightwave", "Harbor Health", "Nordlys Analytics")
    assert by_title["Lunch"] == ()


def test_the_sessions_view_groups_are_read(tmp_path):
    grid = json.loads((LAYOUTS / "sessionize_gridsmart.json").read_text("utf-8"))
    grouped = [{"groupId": None, "groupName": "All", "sessions": [s for day in grid for room in day["rooms"] for s in room["sessions"]]}]
    path = tmp_path / "sessions.json"
    path.write_text(json.dumps(grouped), "utf-8")
    assert len(load_agenda(path)) == 7


def test_a_pretalx_schedule_is_still_read_as_pretalx():
    assert load_agenda(LAYOUTS / "pretalx_schedule.json").layout.startswith("pretalx-json")


@pytest.mark.parametrize("content, message", [
    ('{"sessions": [], "speakers": [], "isServiceSession": false, "startsAt": null}', "holds no sessions"),
    ('{"sessions": [{"startsAt": "2026-05-12T09:00:00", "isServiceSession": false, "title": "x"', "not valid JSON"),
])
def test_a_view_we_cannot_use_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "view.json"
    path.write_text(content, "utf-8")
    with pytest.raises(AgendaError) as error:
        load_agenda(path)
    assert message in str(error.value)
