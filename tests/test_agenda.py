from __future__ import annotations

import csv
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from helper.agenda import load_agenda
from helper.errors import AgendaError
from tests.conftest import DATA, SAMPLE

LAYOUTS = DATA / "layouts"
WARSAW = ZoneInfo("Europe/Warsaw")

# The same six sessions, written by each tool's export (see tests/data/layouts/FORMATS.md).
EXPECTED = [
    ("Opening Keynote: Data Science in 2026", (5, 12, 9, 0), (5, 12, 9, 45), "Main Hall", "Keynote", ("José Núñez",)),
    ("Deploying Models with FastAPI", (5, 12, 10, 0), (5, 12, 10, 45), "Hall B", "MLOps", ("Ana Kowalski",)),
    ("Fairness Audits for Credit Scoring", (5, 12, 11, 0), (5, 12, 11, 40), "Room 101", "Responsible AI", ("Zoë Lindqvist", "Marcus Oyelaran")),
    ("Lightning Talk: Pandas Tips You Missed", (5, 12, 13, 30), (5, 12, 13, 40), "Hall B", "Python", ("Priya Raman",)),
    ("Workshop: Time Series Forecasting from Scratch", (5, 13, 14, 0), (5, 13, 15, 30), "Room 101", "Forecasting", ("Björn Åkesson",)),
    ("Panel: Hiring Your First Data Team", (5, 13, 16, 0), (5, 13, 17, 0), "Main Hall", "Careers", ("Tomás O'Brien", "Mei-Ling Chen", "Ana Kowalski")),
]


def _at(parts: tuple[int, int, int, int]) -> datetime:
    month, day, hour, minute = parts
    return datetime(2026, month, day, hour, minute, tzinfo=WARSAW)


@pytest.mark.parametrize(
    "file_name, layout",
    [
        ("whova.csv", "whova"),
        ("sessionize.csv", "sessionize"),
        ("sessionize_flattened.csv", "sessionize"),
        ("sched.csv", "sched"),
        ("pretalx.csv", "pretalx"),
        ("pretalx_schedule.json", "pretalx-json"),
    ],
)
def test_each_export_layout_normalises_to_the_same_sessions(file_name: str, layout: str) -> None:
    agenda = load_agenda(LAYOUTS / file_name, "Europe/Warsaw")
    assert agenda.layout.startswith(layout)
    rows = {r.title: r for r in agenda.sessions.itertuples()}
    assert set(rows) == {e[0] for e in EXPECTED}
    for title, start, end, room, track, speakers in EXPECTED:
        row = rows[title]
        assert row.start.to_pydatetime() == _at(start), title
        assert row.end.to_pydatetime() == _at(end), title
        assert (row.room, row.track, row.speakers) == (room, track, speakers)
    assert list(agenda.sessions["start"]) == sorted(agenda.sessions["start"]), "sessions come in time order"


def test_miniconf_papers_have_authors_and_keywords_but_no_times() -> None:
    agenda = load_agenda(LAYOUTS / "miniconf_papers.csv")
    assert agenda.layout.startswith("miniconf")
    panel = agenda.sessions.set_index("title").loc["Panel: Hiring Your First Data Team"]
    assert panel["speakers"] == ("Tomás O'Brien", "Mei-Ling Chen", "Ana Kowalski")
    assert panel["tags"] == ("careers", "hiring")
    assert agenda.sessions["start"].isna().all()


def test_contact_columns_are_dropped_and_counted() -> None:
    agenda = load_agenda(LAYOUTS / "whova.csv", "Europe/Warsaw")
    assert not any("mail" in c or "phone" in c for c in agenda.mapping.values())
    flat = agenda.sessions.astype(str).to_string()
    assert "@" not in flat
    assert any("e-mail/phone column" in w and "4" in w for w in agenda.warnings)
    assert agenda.sessions.set_index("title").loc["Deploying Models with FastAPI", "organizations"] == ("Nordlys Analytics",)


def test_missing_abstract_is_searchable_and_counted() -> None:
    agenda = load_agenda(LAYOUTS / "sched.csv")
    assert (agenda.sessions["abstract"] == "").sum() == 1
    assert any("1 session(s) have no abstract" in w for w in agenda.warnings)


def test_naive_times_take_the_agenda_time_zone_and_aware_times_are_converted() -> None:
    naive = load_agenda(LAYOUTS / "sched.csv", "America/Chicago")
    assert str(naive.sessions["start"].iloc[0].tz) == "America/Chicago"
    assert naive.sessions["start"].iloc[0].hour == 9
    aware = load_agenda(LAYOUTS / "pretalx.csv", "UTC")
    assert aware.sessions["start"].iloc[0].hour == 7  # 09:00+02:00


def test_sample_agenda_is_a_complete_two_day_summit() -> None:
    agenda = load_agenda(SAMPLE)
    sessions = agenda.sessions
    assert len(sessions) >= 40
    assert sessions["start"].dt.date.nunique() == 2
    for column in ("room", "track"):
        assert (sessions[column] != "").all(), column
    assert sessions["speakers"].map(len).gt(0).mean() > 0.9
    assert sessions["tags"].map(len).gt(0).all()
    assert "@" not in sessions.astype(str).to_string()


def test_nas2021_real_export_loads_clean(nas2021) -> None:
    agenda = load_agenda(nas2021, "America/Chicago")
    assert agenda.layout.startswith("whova")
    assert len(agenda) == 52
    text = " ".join(agenda.sessions["abstract"])
    assert "‚Äô" not in text and "&amp;" not in text, "mojibake and entities are repaired"
    assert agenda.sessions["start"].notna().all()


def test_text_is_cleaned_of_html_and_mojibake(tmp_path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'Title,Abstract\n"Caf\u00c3\u00a9 &amp; <b>Data</b>","<p>Line one</p><script>alert(1)</script><p>Line&nbsp;two</p>"\n',
        encoding="utf-8",
    )
    row = load_agenda(path).sessions.iloc[0]
    assert row["title"] == "Café & Data"
    assert row["abstract"] == "Line one Line two"


def test_markdown_in_abstracts_is_read_as_plain_text_and_counted(tmp_path) -> None:
    path = tmp_path / "a.csv"
    abstract = "## Workshop\n**Bitte beachten:** [Ticketshop](https://ogy.de/mdvk), see [https://a.example/x](https://a.example/x)."
    with path.open("w", newline="", encoding="utf-8") as handle:
        rows = [["Title", "Abstract"], ["**Not** a heading", abstract], ["Plain", "Costs 2*3*4 and __init__ and # of rows"]]
        csv.writer(handle).writerows(rows)
    agenda = load_agenda(path)
    first, plain = agenda.sessions["abstract"]
    assert first == "Workshop Bitte beachten: Ticketshop (https://ogy.de/mdvk), see https://a.example/x."  # no address lost
    assert plain == "Costs 2*3*4 and __init__ and # of rows"  # lone marks are left as written
    assert agenda.sessions["title"].iat[0] == "**Not** a heading"  # titles are not read as Markdown
    assert "read Markdown in 1 abstract(s) as plain text (a link keeps its address in brackets)" in agenda.warnings


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(tmp_path, delimiter: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(delimiter.join(["Title", "Description", "Room"]) + "\n" + delimiter.join(["Graphs, at scale", "About graphs", "A1"]) + "\n", encoding="utf-8")
    if delimiter == ",":
        path.write_text('Title,Description,Room\n"Graphs, at scale",About graphs,A1\n', encoding="utf-8")
    row = load_agenda(path).sessions.iloc[0]
    assert (row["title"], row["room"]) == ("Graphs, at scale", "A1")


def test_bom_and_cp1252_are_read(tmp_path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffTitle,Speakers\nÖkonomie,Zoë Ä\n".encode("utf-8"))
    assert load_agenda(bom).sessions.iloc[0]["title"] == "Ökonomie"
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("Title,Speakers\nCafé talk,José\n".encode("cp1252"))
    agenda = load_agenda(legacy)
    assert agenda.sessions.iloc[0]["speakers"] == ("José",)
    assert any("cp1252" in w for w in agenda.warnings)


def test_column_mapping_for_an_unknown_layout(tmp_path) -> None:
    path = tmp_path / "own.csv"
    path.write_text("Session Name,Blurb,Begins,Where\nGraph talk,All about graphs,2026-03-01 10:00,Hall 1\n", encoding="utf-8")
    agenda = load_agenda(path, columns={"title": "Session Name", "abstract": "Blurb", "start": "Begins", "room": "Where"})
    row = agenda.sessions.iloc[0]
    assert (row["title"], row["abstract"], row["room"], row["start"].hour) == ("Graph talk", "All about graphs", "Hall 1", 10)


def test_unknown_layout_names_the_columns_and_the_fix(tmp_path) -> None:
    path = tmp_path / "weird.csv"
    path.write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    with pytest.raises(AgendaError) as error:
        load_agenda(path)
    message = error.value.line()
    assert "weird.csv" in message and "foo, bar" in message and "--columns" in message
    assert "\n" not in message


def test_mapping_to_a_missing_column_is_an_error(tmp_path) -> None:
    path = tmp_path / "own.csv"
    path.write_text("Session Name\nA\n", encoding="utf-8")
    with pytest.raises(AgendaError, match="'Talk' given for title is not in the file"):
        load_agenda(path, columns={"title": "Talk"})


@pytest.mark.parametrize("content, expected", [(b"", "is empty"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary"), (b"Title,Room\n", "no sessions")])
def test_unusable_files_raise_agenda_error(tmp_path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(AgendaError, match=expected):
        load_agenda(path)


def test_rows_without_title_and_duplicate_ids_are_counted(tmp_path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("ID,Title\n1,First\n1,Second\n2,\n,\n", encoding="utf-8")
    agenda = load_agenda(path)
    assert list(agenda.sessions["id"]) == ["1", "1-2"]
    joined = " | ".join(agenda.warnings)
    assert "1 row(s) without a title" in joined and "1 duplicate session id" in joined and "1 blank row" in joined
