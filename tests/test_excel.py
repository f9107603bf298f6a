"""Excel workbooks (.xlsx), as Sessionize's and Whova's organiser pages export them: read as their CSV twins are, with
what is left out of the workbook counted, and a clear message for a workbook we cannot read."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd
import pytest

from helper import cli
from helper.agenda import load_agenda
from helper.errors import AgendaError
from tests.test_agenda import EXPECTED, LAYOUTS, _at


def _csv_cells(file_name) -> pd.DataFrame:
    with open(LAYOUTS / file_name, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return pd.DataFrame(rows[1:], columns=rows[0])


def _workbook(path, sheets: dict[str, pd.DataFrame], above: list[list[str]] | None = None):
    with pd.ExcelWriter(path) as writer:
        for sheet, table in sheets.items():
            start = len(above or []) if sheet == next(iter(sheets)) else 0
            table.to_excel(writer, sheet_name=sheet, index=False, startrow=start)
            if start:
                pd.DataFrame(above).to_excel(writer, sheet_name=sheet, index=False, header=False)
    return path


def _same_sessions(agenda) -> None:
    rows = {r.title: r for r in agenda.sessions.itertuples()}
    assert set(rows) == {e[0] for e in EXPECTED}
    for title, start, end, room, track, speakers in EXPECTED:
        row = rows[title]
        assert (row.start.to_pydatetime(), row.end.to_pydatetime()) == (_at(start), _at(end)), title
        assert (row.room, row.track, row.speakers) == (room, track, speakers)


@pytest.mark.parametrize("file_name, layout", [("sessionize.csv", "sessionize"), ("sessionize_flattened.csv", "sessionize"),
                                               ("whova.csv", "whova"), ("sched.csv", "sched"), ("pretalx.csv", "pretalx")])
def test_a_workbook_of_each_layout_reads_as_its_csv(tmp_path, file_name, layout):
    agenda = load_agenda(_workbook(tmp_path / "agenda.xlsx", {"Sessions": _csv_cells(file_name)}), "Europe/Warsaw")
    assert agenda.layout.startswith(layout)
    _same_sessions(agenda)
    assert "@" not in agenda.sessions.astype(str).to_string()  # e-mail columns dropped, as from the CSV


def test_the_real_nas2021_export_saved_as_a_workbook_reads_as_the_csv(tmp_path, nas2021):
    from_csv = load_agenda(nas2021, "America/Chicago")
    from_workbook = load_agenda(_workbook(tmp_path / "nas2021.xlsx", {"Agenda": _csv_cells(nas2021)}), "America/Chicago")
    assert from_workbook.layout == from_csv.layout
    pd.testing.assert_frame_equal(from_workbook.sessions, from_csv.sessions)


def test_date_and_time_cells_are_read_as_the_times_they_show(tmp_path):
    cells = _csv_cells("sessionize.csv")
    typed = cells.assign(**{"Scheduled At": pd.to_datetime(cells["Scheduled At"], format="%d %b %Y %I:%M %p"),
                            "Scheduled Duration": pd.to_numeric(cells["Scheduled Duration"])})
    _same_sessions(load_agenda(_workbook(tmp_path / "typed.xlsx", {"Sessions": typed}), "Europe/Warsaw"))


def test_rows_above_the_header_and_other_sheets_are_counted_not_read(tmp_path):
    speakers = pd.DataFrame({"Name": ["Ana Kowalski", "Priya Raman"], "Bio": ["MLOps", "Python"]})
    path = _workbook(tmp_path / "export.xlsx", {"Accepted sessions": _csv_cells("sessionize.csv"), "Speakers": speakers},
                     above=[["My Conference 2026: accepted sessions"], ["exported 2026-04-01"]])
    agenda = load_agenda(path, "Europe/Warsaw")
    _same_sessions(agenda)
    assert any("skipped 2 row(s) above the header row of sheet 'Accepted sessions'" in w for w in agenda.warnings)
    assert any("1 other sheet(s) not read: 'Speakers' (3 rows with text)" in w for w in agenda.warnings)


def test_the_sessions_sheet_is_found_when_it_is_not_the_first(tmp_path):
    notes = pd.DataFrame({"Read me": ["Sessions are on the next sheet"]})
    agenda = load_agenda(_workbook(tmp_path / "agenda.xlsx", {"Notes": notes, "Agenda": _csv_cells("whova.csv")}), "Europe/Warsaw")
    _same_sessions(agenda)
    assert any("read sheet 'Agenda'; 1 other sheet(s) not read: 'Notes' (2 rows with text)" in w for w in agenda.warnings)


def test_columns_mapped_by_hand_pick_the_sheet_and_header_row(tmp_path):
    table = pd.DataFrame({"Session Name": ["Graph databases"], "Blurb": ["Property graphs and Cypher."], "Begins": ["2026-05-12 10:00"]})
    path = _workbook(tmp_path / "own.xlsx", {"Program": table}, above=[["Our own layout"]])
    agenda = load_agenda(path, columns={"title": "Session Name", "abstract": "Blurb", "start": "Begins"})
    assert list(agenda.sessions["title"]) == ["Graph databases"]
    assert agenda.sessions["abstract"].iat[0] == "Property graphs and Cypher."


def test_a_workbook_without_a_header_we_know_names_its_sheet_and_columns(tmp_path):
    path = _workbook(tmp_path / "odd.xlsx", {"Blatt1": pd.DataFrame({"Vortrag": ["x"], "Saal": ["A"]})})
    with pytest.raises(AgendaError) as error:
        load_agenda(path)
    assert "odd.xlsx, sheet 'Blatt1'" in str(error.value) and "vortrag, saal" in str(error.value)
    assert "--columns" in error.value.fix


def test_a_damaged_workbook_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "not xml at all <")
    with pytest.raises(AgendaError) as error:
        load_agenda(path)
    assert "not a readable Excel workbook" in str(error.value) and ".xlsx" in error.value.fix


def test_helper_check_reads_a_workbook(tmp_path):
    path = _workbook(tmp_path / "agenda.xlsx", {"Sessions": _csv_cells("sched.csv")})
    out = io.StringIO()
    assert cli.main(["check", "--agenda", str(path), "--timezone", "Europe/Warsaw"], stdout=out) == 0
    assert "sched" in out.getvalue() and "sessions: 6" in out.getvalue()
