from __future__ import annotations

import io
import json

import pytest

from helper import cli
from tests.conftest import DATA, SAMPLE
from tests.fakes import HashingEncoder


@pytest.fixture(autouse=True)
def fake_model(monkeypatch, tmp_path):
    """CLI tests here use the hashing encoder; the real model runs in test_real_model.py."""
    monkeypatch.setattr("helper.ops.service.load_encoder", lambda model, *args, **kwargs: HashingEncoder())
    monkeypatch.setenv("HELPER_CACHE_DIR", str(tmp_path / "cache"))


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_search_json_prints_one_object_per_query_best_first() -> None:
    code, out = run(["search", "--agenda", str(SAMPLE), "--json", "--top-k", "4", "pandas dataframes", "Tableau"])
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["pandas dataframes", "Tableau"]
    for line in lines:
        results = line["results"]
        assert len(results) == 4
        assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
        assert {"id", "title", "score", "start", "end", "room", "track", "speakers", "abstract"} <= set(results[0])


def test_search_reads_queries_from_stdin() -> None:
    code, out = run(["search", "--agenda", str(SAMPLE), "--json"], stdin="graph analytics\nhospital\n")
    assert code == 0
    assert [json.loads(line)["query"] for line in out.splitlines()] == ["graph analytics", "hospital"]


def test_search_table_is_readable() -> None:
    code, out = run(["search", "--agenda", str(SAMPLE), "machine learning"])
    assert code == 0
    assert "machine learning" in out and "  1. [" in out and "  3. [" in out


def test_check_reports_layout_count_mapping_and_warnings(capsys) -> None:
    code, out = run(["check", "--agenda", str(DATA / "layouts" / "whova.csv")])
    assert code == 0
    assert "whova" in out and "sessions: 6" in out and "title" in out and "e-mail/phone" in out


def test_check_on_an_unusable_agenda_exits_2_with_one_line(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Foo,Bar\n1,2\n")
    code, _ = run(["check", "--agenda", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "bad.csv" in err and "Fix:" in err


def test_bad_setting_exits_2(capsys, monkeypatch) -> None:
    monkeypatch.setenv("HELPER_TIMEZONE", "Nowhere/Else")
    code, _ = run(["check", "--agenda", str(SAMPLE)])
    assert code == 2 and "HELPER_TIMEZONE" in capsys.readouterr().err


def test_search_table_says_why_each_result_matched_below_the_unchanged_lines() -> None:
    code, out = run(["search", "--agenda", str(SAMPLE), "Raghunathan"])
    assert code == 0
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  1. ["))  # result line, as before
    assert lines[first].endswith("From Notebook to Endpoint: Serving Models with FastAPI and Docker")
    assert lines[first + 1].startswith("     ") and "Priya Raghunathan" in lines[first + 1]  # details line as before
    assert lines[first + 2] == "     why: Matches the name Priya Raghunathan"
    code, out = run(["search", "--agenda", str(SAMPLE), "FastAPI Docker endpoint"])
    assert "     why: Mentions fastapi, docker, endpoint" in out
    assert "     why: Closest to your query: " in out


def test_search_table_keeps_every_place_and_marks_those_the_page_leaves_out() -> None:
    code, out = run(["search", "--agenda", str(SAMPLE), "Dmitri Volkonsky"])
    lines = out.splitlines()
    assert code == 0 and "  1. [" in out and "  3. [" in out  # every place, as before
    marked = [i for i, line in enumerate(lines) if "the page leaves it out" in line]
    assert len(marked) == 2 and not any("Matches the name" in lines[i - 1] for i in marked)  # places 2 and 3, named by nobody
    code, out = run(["search", "--agenda", str(SAMPLE), "--method", "dense", "Dmitri Volkonsky"])
    assert "the page leaves it out" not in out  # the threshold is the hybrid's


def test_search_json_keeps_its_keys_and_adds_why() -> None:
    code, out = run(["search", "--agenda", str(SAMPLE), "--json", "Raghunathan", "FastAPI Docker endpoint"])
    assert code == 0
    by_name, by_words = (json.loads(line)["results"] for line in out.splitlines())
    assert {"id", "title", "score", "start", "end", "room", "track", "speakers", "abstract", "why"} <= set(by_name[0])
    assert by_name[0]["why"] == {"name": "Priya Raghunathan", "words": [], "tags": [], "track": "", "sentence": "", "level": ""}
    assert by_words[0]["why"]["words"] == ["fastapi", "docker", "endpoint"] and by_words[0]["why"]["sentence"]
    assert all(set(r["why"]) == {"name", "words", "tags", "track", "sentence", "level"} for r in by_name + by_words)


def test_search_says_when_nothing_is_close_in_the_table_and_the_json() -> None:
    code, out = run(["search", "--agenda", str(SAMPLE), "--json", "Jochen Stiasny", "Raghunathan"])
    nobody, speaker = (json.loads(line) for line in out.splitlines())
    assert code == 0 and nobody["nothing_close"] and not any(r["close"] for r in nobody["results"]) and nobody["results"]
    assert not speaker["nothing_close"] and speaker["results"][0]["close"]
    code, out = run(["search", "--agenda", str(SAMPLE), "Jochen Stiasny", "Raghunathan"])
    assert out.count("(nothing close to this query") == 1 and out.index("nothing close") < out.index("Raghunathan")


def test_method_flag_and_variable_choose_the_ranking(monkeypatch) -> None:
    from helper.search import ranking

    seen = []
    original = ranking.combine
    monkeypatch.setattr("helper.search.index.combine", lambda signals, method: seen.append(method) or original(signals, method))
    assert run(["search", "--agenda", str(SAMPLE), "--method", "bm25", "Tableau"])[0] == 0
    monkeypatch.setenv("HELPER_METHOD", "bm25")
    assert run(["search", "--agenda", str(SAMPLE), "Tableau"])[0] == 0
    assert run(["search", "--agenda", str(SAMPLE), "--method", " Hybrid", "Tableau"])[0] == 0  # case as typed
    assert seen == ["bm25", "bm25", "hybrid"]


def test_an_unknown_method_exits_2_with_one_line(capsys, monkeypatch) -> None:
    code, _ = run(["search", "--agenda", str(SAMPLE), "--method", "magic", "Tableau"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "unknown ranking method 'magic'" in err and "hybrid, dense, bm25" in err
    monkeypatch.setenv("HELPER_METHOD", "rrf")
    assert run(["search", "--agenda", str(SAMPLE), "Tableau"])[0] == 2
    assert "HELPER_METHOD" in capsys.readouterr().err


def test_the_app_and_serve_take_the_method_too() -> None:
    from helper.ops.service import build_index

    settings = cli._settings(cli.build_parser().parse_args(["serve", "--agenda", str(SAMPLE), "--method", "dense"]))
    assert settings.method == "dense"
    assert build_index(settings, HashingEncoder()).method == "dense"


def test_search_takes_the_pages_public_filters(capsys) -> None:
    code, out = run(["search", "--agenda", str(SAMPLE), "--json", "--track", "Data Engineering", "--day", "2026-10-14", "data"])
    assert code == 0
    results = json.loads(out)["results"]
    assert len(results) == 3 and {(r["track"], r["start"][:10]) for r in results} == {("Data Engineering", "2026-10-14")}
    code, _ = run(["search", "--agenda", str(SAMPLE), "--room", "Nowhere", "data"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "no room 'Nowhere'" in err and "Traceback" not in err
