"""Days that run past midnight: a frab/pretalx schedule files a 00:15 talk under the day before (38C3's days run to
06:00), and the Day filter, the parts of the day and "today" read it the way the export does."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.search.filters import Choice, Columns, FilterError, agenda_options
from helper.search.schedule import agenda_day
from tests.conftest import SAMPLE, SHARED

DAY = """<day date="{date}" index="{index}"><room name="Saal 1">{events}</room></day>"""
EVENT = """<event guid="{guid}" id="{guid}"><date>{start}</date><duration>00:45</duration><room>Saal 1</room>
<title>{title}</title><abstract>About {title}.</abstract><persons/></event>"""


def schedule(tmp_path: Path, days: dict[str, list[tuple[str, str]]]) -> Path:
    """A frab schedule.xml: per filed date, (title, start) of its talks."""
    blocks = []
    for index, (date, talks) in enumerate(days.items(), start=1):
        events = "".join(EVENT.format(guid=f"{date}-{n}", start=start, title=title) for n, (title, start) in enumerate(talks))
        blocks.append(DAY.format(date=date, index=index, events=events))
    text = ("<?xml version='1.0' encoding='UTF-8'?><schedule><conference><title>T</title>"
            "<time_zone_name>Europe/Berlin</time_zone_name></conference>" + "".join(blocks) + "</schedule>")
    path = tmp_path / "schedule.xml"
    path.write_text(text, "utf-8")
    return path


NIGHT = {
    "2024-12-27": [("Opening", "2024-12-27T10:30:00+01:00"), ("Late talk", "2024-12-27T23:30:00+01:00"),
                   ("After midnight", "2024-12-28T01:15:00+01:00")],
    "2024-12-28": [("Morning talk", "2024-12-28T11:00:00+01:00")],
}


def test_a_talk_after_midnight_filed_under_the_day_before_is_on_that_day(tmp_path) -> None:
    agenda = load_agenda(schedule(tmp_path, NIGHT))
    assert agenda.day_begins == 2 * 60  # the hour after the latest such start; before every talk filed on its own date
    columns = Columns(agenda.sessions, agenda.day_begins)
    titles = agenda.sessions["title"].to_numpy()
    friday = Choice(day="2024-12-27").mask(columns, datetime(2024, 12, 1))
    assert set(titles[friday]) == {"Opening", "Late talk", "After midnight"}
    assert [value for _label, value in agenda_options(columns)["day"]] == ["", "2024-12-27", "2024-12-28"]
    evening = Choice(day="2024-12-27", window="range", time_from="17:00").mask(columns, datetime(2024, 12, 1))
    assert set(titles[evening]) == {"Late talk", "After midnight"}
    night = Choice(window="range", time_from="23:00", time_until="02:00").mask(columns, datetime(2024, 12, 1))
    assert set(titles[night]) == {"Late talk", "After midnight"}  # a range over midnight, not an empty one
    # the premise: read by the calendar date, the talk after midnight is Saturday's
    plain = Columns(agenda.sessions)
    assert "After midnight" not in set(titles[Choice(day="2024-12-27").mask(plain, datetime(2024, 12, 1))])
    with pytest.raises(FilterError):
        Choice(window="range", time_from="23:00", time_until="02:00").mask(plain, datetime(2024, 12, 1))


def test_today_at_one_in_the_morning_is_still_the_night_before_where_days_run_late(tmp_path) -> None:
    agenda = load_agenda(schedule(tmp_path, NIGHT))
    late = datetime(2024, 12, 28, 1, 0, tzinfo=agenda.tz)
    assert agenda_day(late, agenda.day_begins).isoformat() == "2024-12-27"
    assert agenda_day(late.replace(hour=9), agenda.day_begins).isoformat() == "2024-12-28"


def test_a_filing_that_says_nothing_consistent_keeps_calendar_days(tmp_path) -> None:
    # a talk filed under its own date starts before one filed after midnight under the day before: no one boundary
    muddled = {**NIGHT, "2024-12-28": [("Early bird", "2024-12-28T00:30:00+01:00")]}
    assert load_agenda(schedule(tmp_path, muddled)).day_begins == 0
    assert load_agenda(SAMPLE).day_begins == 0  # a CSV files nothing: calendar days


def test_38c3_files_its_night_talks_under_the_day_before() -> None:
    export = SHARED / "data" / "agendas" / "38c3" / "schedule-38c3-20251206.xml"
    if not export.exists():
        pytest.skip("../shared/data/agendas is absent (a user's clone): skipped")
    agenda = load_agenda(export)
    assert agenda.day_begins == 6 * 60  # as its <day end="…T06:00:00+01:00"> says
    columns = Columns(agenda.sessions, agenda.day_begins)
    friday = Choice(day="2024-12-27").mask(columns, datetime(2024, 12, 1))
    late = agenda.sessions[friday & (agenda.sessions["start"].dt.date.astype(str) == "2024-12-28").to_numpy()]
    assert "Desiring Technology. Über Porno, Abhängigkeit und Fortschritt" in set(late["title"])  # Saal 1, 00:15
    assert np.all(late["start"].dt.hour < 6)


def test_a_plan_shows_the_talk_after_midnight_under_the_day_it_is_filed_on(tmp_path, fake_encoder) -> None:
    from helper.search.index import SearchIndex
    from helper.web import handlers, render

    agenda = load_agenda(schedule(tmp_path, NIGHT))
    index = SearchIndex.build(agenda, fake_encoder, cache_dir=None)
    found = handlers.plan(index, "talk", Choice(day="2024-12-27"), datetime(2024, 12, 1, tzinfo=agenda.tz))
    assert found.day_begins == agenda.day_begins == 120
    # the two night talks as the plan would hold them (which ones the fake encoder ranks in is beside the point)
    found.hits = [index.session(i) for i in index.sessions["id"] if index.session(i).title in ("Late talk", "After midnight")]
    html = render.plan(found)
    assert html.count('class="hc-day"') == 1 and "Friday 27 December" in html and "Saturday" not in html
    found.day_begins = 0  # the premise: by the calendar date the night talk heads a Saturday of its own
    assert "Saturday 28 December" in render.plan(found)
