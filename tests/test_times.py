"""Times an attendee can trust: one date reading per file, the zone an export states, daylight-saving changes."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from helper import cli
from helper.agenda import load_agenda
from helper.errors import SettingsError
from helper.settings import load_settings

HEADER = "title,abstract,start,end\n"


def agenda_of(tmp_path, rows: list[str], name: str = "agenda.csv", **options):
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), "utf-8")
    return load_agenda(path, **options)


def starts(agenda) -> dict[str, str]:
    return {t: s.isoformat() for t, s in zip(agenda.sessions["title"], agenda.sessions["start"])}


def test_a_day_first_column_is_read_day_first_for_every_value(tmp_path):
    agenda = agenda_of(tmp_path, ["First,About it.,12/05/2026 09:00,", "Second,About it.,13/05/2026 09:00,"])
    assert starts(agenda) == {"First": "2026-05-12T09:00:00+00:00", "Second": "2026-05-13T09:00:00+00:00"}
    assert agenda.dates.order == "day-first" and "13/05/2026" in agenda.dates.because
    assert agenda.warnings == []


def test_the_end_column_follows_the_reading_the_start_column_settled(tmp_path):
    agenda = agenda_of(tmp_path, ["Talk,About it.,13/05/2026 09:00,01/06/2026 10:00"])
    assert agenda.sessions["end"].iloc[0].isoformat() == "2026-06-01T10:00:00+00:00"


def test_a_month_first_column_is_read_month_first(tmp_path):
    agenda = agenda_of(tmp_path, ["First,About it.,05/12/2026 09:00,", "Second,About it.,05/13/2026 09:00,"])
    assert starts(agenda) == {"First": "2026-05-12T09:00:00+00:00", "Second": "2026-05-13T09:00:00+00:00"}
    assert agenda.dates.order == "month-first"


def test_an_ambiguous_column_warns_with_the_reading_used_and_the_setting_that_changes_it(tmp_path):
    rows = ["First,About it.,05/06/2026 09:00,", "Second,About it.,06/07/2026 09:00,"]
    agenda = agenda_of(tmp_path, rows)
    assert starts(agenda) == {"First": "2026-05-06T09:00:00+00:00", "Second": "2026-06-07T09:00:00+00:00"}
    assert any("month-first" in w and "--date-order day-first" in w for w in agenda.warnings)
    day_first = agenda_of(tmp_path, rows, date_order="day-first")
    assert starts(day_first) == {"First": "2026-06-05T09:00:00+00:00", "Second": "2026-07-06T09:00:00+00:00"}
    assert day_first.warnings == [] and day_first.dates.because == "set with --date-order"


def test_a_file_mixing_both_readings_still_reads_one_way_and_says_so(tmp_path):
    agenda = agenda_of(tmp_path, ["A,About it.,13/05/2026 09:00,", "B,About it.,05/13/2026 09:00,"])
    assert any("mix day-first" in w for w in agenda.warnings)
    assert agenda.sessions["start"].notna().sum() == 1  # 05/13 read day-first is no date: left empty and counted
    assert any("could not be read" in w for w in agenda.warnings)


def test_iso_dates_need_no_reading(tmp_path):
    agenda = agenda_of(tmp_path, ["A,About it.,2026-05-06 09:00,"])
    assert agenda.dates.order == "" and agenda.warnings == []


def test_naive_local_times_across_a_daylight_saving_change(tmp_path):
    rows = ["Before,About it.,2026-03-28 10:00,", "After,About it.,2026-03-29 10:00,", "Skipped,About it.,2026-03-29 02:30,", "Twice,About it.,2026-10-25 02:30,"]
    agenda = agenda_of(tmp_path, rows, timezone="Europe/Berlin")
    assert starts(agenda) == {
        "Before": "2026-03-28T10:00:00+01:00",
        "After": "2026-03-29T10:00:00+02:00",
        "Skipped": "2026-03-29T03:00:00+02:00",  # 02:30 does not exist that night: moved forward
        "Twice": "2026-10-25T02:30:00+02:00",  # happens twice: the first
    }
    assert any("2 local time(s) fall in a daylight-saving change of Europe/Berlin" in w for w in agenda.warnings)


def test_a_stated_zone_is_kept_across_its_daylight_saving_change_and_durations_are_real_minutes(tmp_path):
    talks = [
        {"title": "Late", "date": "2026-10-25T01:30:00+02:00", "duration": "02:00", "room": "A"},
        {"title": "Morning", "date": "2026-10-25T10:00:00+01:00", "duration": "00:30", "room": "A"},
    ]
    schedule = {"schedule": {"conference": {"time_zone_name": "Europe/Berlin", "days": [{"rooms": {"A": talks}}]}}}
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(schedule), "utf-8")
    agenda = load_agenda(path)
    assert agenda.timezone == "Europe/Berlin" and agenda.zone.because == "stated by the export"
    late = agenda.sessions.iloc[0]
    assert late["start"].isoformat() == "2026-10-25T01:30:00+02:00"
    assert late["end"].isoformat() == "2026-10-25T02:30:00+01:00"  # two real hours later: the clock went back
    assert starts(agenda)["Morning"] == "2026-10-25T10:00:00+01:00"


def test_times_with_one_offset_and_no_zone_are_shown_at_that_offset(tmp_path):
    agenda = agenda_of(tmp_path, ["A,About it.,2020-07-12T23:00:00-04:00,2020-07-13T01:00:00-04:00"])
    assert agenda.timezone == "UTC-04:00" and starts(agenda)["A"] == "2020-07-12T23:00:00-04:00"


def test_the_date_order_setting_is_checked(monkeypatch):
    assert load_settings({"date_order": "day-first"}).date_order == "day-first"
    assert load_settings(env={"HELPER_DATE_ORDER": "Month-First"}).date_order == "month-first"
    with pytest.raises(SettingsError, match="day-first or month-first"):
        load_settings(env={"HELPER_DATE_ORDER": "yes"})


def test_check_reports_the_zone_and_the_date_reading(tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_text(HEADER + "A,About it.,13/05/2026 09:00,\n", "utf-8")
    out = io.StringIO()
    assert cli.main(["check", "--agenda", str(path), "--timezone", "Europe/Vienna"], stdout=out) == 0
    text = out.getvalue()
    assert "zone:     Europe/Vienna (given with --timezone)" in text
    assert "read as day-first (settled by '13/05/2026 09:00')" in text
    assert pd.Timestamp("2026-05-13 09:00", tz="Europe/Vienna").strftime("%Y-%m-%d %H:%M") in text
