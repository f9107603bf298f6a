"""The bad-agenda corpus (tests/data/bad/): each file loads with counted warnings or stops with one clear line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helper import cli
from helper.web import handlers
from helper.agenda import load_agenda
from helper.agenda.formats.base import MAX_AGENDA_BYTES
from helper.errors import AgendaError
from helper.search.index import SearchIndex
from tests.views import page_html
from tests.conftest import DATA, ROOT

BAD = DATA / "bad"
EXPECTED = {k: v for k, v in json.loads((BAD / "expected.json").read_text("utf-8")).items() if not k.startswith("_")}
CORPUS = sorted(EXPECTED)
LOADS = [name for name in CORPUS if EXPECTED[name]["outcome"] == "loads"]
ERRORS = [name for name in CORPUS if EXPECTED[name]["outcome"] == "error"]
HEADER = "id,title,abstract,speakers,room,track,start,end\n"


def test_corpus_and_manifest_match():
    on_disk = {p.name for p in BAD.iterdir() if p.suffix in (".csv", ".json") and p.name != "expected.json"}
    assert on_disk == set(CORPUS)
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("name", LOADS)
def test_loads_with_counted_warnings(name, fake_encoder, tmp_path):
    expected = EXPECTED[name]
    agenda = load_agenda(BAD / name)
    assert len(agenda) == expected["sessions"]
    if not expected["warnings"]:
        assert agenda.warnings == []
    for part in expected["warnings"]:
        assert any(part in w for w in agenda.warnings), (part, agenda.warnings)
    if "title_contains" in expected:
        assert any(expected["title_contains"] in t for t in agenda.sessions["title"])
    assert not any("\x00" in t or "\x1b" in t for t in agenda.sessions["title"])
    # whatever loads can be searched and rendered
    index = SearchIndex.build(agenda, fake_encoder, tmp_path / "cache")
    assert index.search_one(agenda.sessions["title"].iloc[0], 3)
    assert "hc-card" in page_html(index, agenda.sessions["title"].iloc[-1])


@pytest.mark.parametrize("name", ERRORS)
def test_stops_with_one_line_naming_the_file(name):
    with pytest.raises(AgendaError) as caught:
        load_agenda(BAD / name)
    line = caught.value.line()
    assert "\n" not in line and name in line and "Fix:" in line
    for part in EXPECTED[name]["message"]:
        assert part in line, (part, line)


@pytest.mark.parametrize("name", CORPUS)
def test_check_command_exit_code_and_one_line(name, capsys):
    code = cli.main(["check", "--agenda", str(BAD / name)])
    out, err = capsys.readouterr()
    if EXPECTED[name]["outcome"] == "error":
        assert code == 2
        assert out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and name in err
    else:
        assert code == 0 and f"sessions: {EXPECTED[name]['sessions']}" in out


def test_mixed_time_zones_become_one_zone():
    sessions = load_agenda(BAD / "mixed_timezones.csv", timezone="UTC").sessions.set_index("id")
    assert sessions.loc["s1", "start"] == pd.Timestamp("2026-05-12 08:00", tz="UTC")
    assert sessions.loc["s2", "start"] == pd.Timestamp("2026-05-12 09:00", tz="UTC")
    assert sessions.loc["s3", "start"] == pd.Timestamp("2026-05-12 13:00", tz="UTC")
    assert str(sessions["start"].dt.tz) == "UTC"


def test_control_characters_are_removed():
    sessions = load_agenda(BAD / "control_characters.csv").sessions.set_index("id")
    title, abstract = sessions.loc["s2", "title"], sessions.loc["s2", "abstract"]
    assert title.startswith("Tabs") and title.endswith("here")
    assert not any(ord(c) < 32 or c in "\u202e\u200b" for c in title + abstract)


def test_renamed_columns_can_be_mapped(tmp_path):
    agenda = load_agenda(BAD / "unknown_columns.csv", columns={"title": "Talk", "abstract": "Blurb", "start": "From", "end": "To"})
    assert len(agenda) == 3 and agenda.sessions["start"].notna().all()


def test_one_megabyte_abstract_is_cut_with_a_warning(tmp_path):
    path = tmp_path / "huge_abstract.csv"
    path.write_text(HEADER + "s1,Huge,\"" + "word " * 210_000 + "\",,,,2026-05-12 10:00,\n" + "s2,Small,Short.,,,,,\n", "utf-8")
    assert path.stat().st_size > 1_000_000
    agenda = load_agenda(path)
    assert len(agenda) == 2
    assert len(agenda.sessions["abstract"].iloc[0]) <= 20_000
    assert any("cut 1 abstract(s)" in w for w in agenda.warnings)


def test_fifty_megabyte_file_is_refused_with_its_size(tmp_path):
    path = tmp_path / "fifty_mb.csv"
    row = "s,Title,\"" + "x" * 1000 + "\",,,,,\n"
    with path.open("w") as handle:
        handle.write(HEADER)
        handle.write(row * (50 * 2**20 // len(row) + 1))
    assert path.stat().st_size > 50 * 2**20 > MAX_AGENDA_BYTES
    with pytest.raises(AgendaError, match=r"fifty_mb\.csv is 5\d MB; agendas are read up to 25 MB"):
        load_agenda(path)


def test_folder_and_missing_file(tmp_path):
    with pytest.raises(AgendaError, match="is a folder"):
        load_agenda(tmp_path)
    with pytest.raises(AgendaError, match="does not exist"):
        load_agenda(tmp_path / "nope.csv")


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HELPER_CACHE_DIR": str(tmp_path / "cache"), "GRADIO_ANALYTICS_ENABLED": "False", "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_command_in_a_real_process(tmp_path):
    done = _run(["-m", "helper", "check", "--agenda", str(BAD / "ragged_rows.csv")], tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "ragged_rows.csv: row 3" in done.stderr and "Traceback" not in done.stderr


def test_app_launch_shows_the_line_not_a_traceback(tmp_path):
    done = _run(["app.py", "--agenda", str(BAD / "missing_title.csv"), "--port", "7999"], tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines == [lines[0]] and lines[0].startswith("Conference Helper cannot start: missing_title.csv")
