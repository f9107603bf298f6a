"""Live agenda updates: a changed file is reloaded in the background, only changed sessions are
embedded again, a bad file keeps the last good agenda serving, and no request fails meanwhile."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import httpx
import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.ops.live import watch
from helper.settings import Settings
from tests.views import page_html
from tests.fakes import HashingEncoder
from tests.live_server import call_api, serving

HEADER = "id,title,abstract,speakers,room,track,start,end\n"
ROWS = [f"s{i},Session {i} on topic{i},Abstract about subject{i} and more words,Speaker {i},Room {i % 3},Track {i % 2},2026-05-12 {9 + i % 8}:00,\n" for i in range(12)]


def write(path: Path, rows: list[str] | str) -> None:
    """Replace the file the way an editor does, and make sure its stamp moves."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(rows if isinstance(rows, str) else HEADER + "".join(rows), "utf-8")
    os.replace(tmp, path)
    stamp = time.time_ns() + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "agenda.csv"
    write(path, ROWS)
    encoder = HashingEncoder()
    settings = Settings(agenda=path, cache_dir=tmp_path / "cache", reload_seconds=0)
    live, watcher = watch(SearchIndex.build(load_agenda(path), encoder, settings.cache_dir), settings)
    return path, encoder, live, watcher


def test_changed_file_is_reloaded_and_only_changed_sessions_embedded(setup):
    path, encoder, live, watcher = setup
    assert watcher.check_once() is False  # nothing changed yet
    rows = list(ROWS)
    rows[3] = rows[3].replace("Session 3 on topic3", "Moved and renamed: quantum gardening")
    rows.append("s99,Brand new keynote on zebras,All about zebras,,Main,Keynote,2026-05-13 09:00,\n")
    before = len(encoder.calls)
    write(path, rows)
    assert watcher.check_once() is True
    assert encoder.calls[before:] == [2]  # the renamed and the new session, nothing else
    assert len(live.current().sessions) == 13 and len(live.current().agenda) == 13
    assert live.current().search_one("zebras", 1)[0].id == "s99"
    assert "quantum gardening" in page_html(live.current(), "quantum gardening").replace("&#32;", " ")


def test_a_reload_keeps_the_why_lines_sentence_vectors_of_unchanged_abstracts(tmp_path):
    path = tmp_path / "agenda.csv"
    long = "Vector tiles make web maps fast in any browser. Styling them with open data is the second half of the talk."
    write(path, [ROWS[0].replace("Abstract about subject0 and more words", long), *ROWS[1:]])
    encoder = HashingEncoder()
    settings = Settings(agenda=path, cache_dir=tmp_path / "cache", reload_seconds=0)
    index = SearchIndex.build(load_agenda(path), encoder, settings.cache_dir)
    index.store_sentences(settings.cache_dir)  # as a prebuilt index holds them
    live, watcher = watch(index, settings)
    shown = live.current().search_one("styling vector tiles", 1, explain=True)[0]
    assert shown.id == "s0" and shown.why.sentence in long
    write(path, [ROWS[0].replace("Abstract about subject0 and more words", long), *ROWS[1:], ROWS[1].replace("s1,", "s50,")])
    assert watcher.check_once() is True
    before = len(encoder.calls)
    again = live.current().search_one("styling vector tiles", 1, explain=True)[0]
    assert again.why.sentence == shown.why.sentence
    # the query alone: its words read alone (ranking.word_nearness) are the encoder's, and the sentences came from the
    # build, across the reload
    assert encoder.texts[before:] == [["styling vector tiles"]]


def test_touched_but_unchanged_file_is_not_reloaded(setup):
    path, encoder, live, watcher = setup
    old = live.current()
    write(path, ROWS)
    assert watcher.check_once() is False and live.current() is old


@pytest.mark.parametrize("bad", ["", "\x00\x01binary", "id,abstract\n1,no title column\n", HEADER + "s1,\"unclosed,x,,,,,\n"])
def test_bad_file_keeps_the_last_good_agenda_and_logs_why(setup, caplog, bad):
    path, encoder, live, watcher = setup
    good = live.current()
    write(path, bad)
    assert watcher.check_once() is False
    assert live.current() is good and len(good.sessions) == 12
    assert watcher.last_error and "\n" not in watcher.last_error
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("still serving the last good agenda (12 sessions)" in m and watcher.last_error in m for m in messages)
    # fixed again: served again
    rows = ROWS + ["s50,Recovered session,After the fix,,,,,\n"]
    write(path, rows)
    assert watcher.check_once() is True and len(live.current().sessions) == 13 and watcher.last_error == ""


def test_deleted_file_keeps_serving(setup):
    path, encoder, live, watcher = setup
    path.unlink()
    assert watcher.check_once() is False and len(live.current().sessions) == 12 and "does not exist" in watcher.last_error


def test_no_request_fails_during_reloads(setup):
    path, encoder, live, watcher = setup
    errors: list[BaseException] = []
    answered = 0
    stop = threading.Event()

    def client() -> None:
        nonlocal answered
        while not stop.is_set():
            try:
                index = live.current()  # one snapshot per request, as the page takes it
                hits = index.search_one("topic1 subject1", 3)
                assert len(hits) == 3, hits
                assert "hc-card" in page_html(index, "subject5")
                assert all(index.row_of(h.id) is not None for h in hits)
                answered += 1
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    reloads = 0
    for round_ in range(30):
        if round_ % 3 == 2:
            write(path, "garbage\x00\x00\x00")
            watcher.check_once()
        else:
            write(path, ROWS + [f"n{round_},Round {round_} extra,Text {round_},,,,,\n"])
            reloads += watcher.check_once()
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert reloads == 20 and answered > 0


def test_background_thread_picks_up_a_change_behind_the_http_api(tmp_path):
    path = tmp_path / "agenda.csv"
    write(path, ROWS)
    settings = Settings(agenda=path, cache_dir=tmp_path / "cache", reload_seconds=0.1)
    live, watcher = watch(SearchIndex.build(load_agenda(path), HashingEncoder(), settings.cache_dir), settings)
    try:
        with serving(live) as url, httpx.Client(timeout=30) as client:
            event, before = call_api(client, url, ["flamingo", 1])
            assert event == "complete" and "flamingo" not in before[0]["title"].lower()
            write(path, ROWS + ["f1,Flamingo flocking behaviour,Pink birds,,,,,\n"])
            deadline = time.monotonic() + 20
            while watcher.reloads == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            event, after = call_api(client, url, ["flamingo", 1])
            assert event == "complete" and after[0]["id"] == "f1"
    finally:
        watcher.stop()


def test_reload_interval_setting_and_off_switch(setup):
    from helper.settings import load_settings

    assert load_settings(env={"HELPER_RELOAD_SECONDS": "0"}).reload_seconds == 0
    assert load_settings(env={}).reload_seconds == 5.0
    path, encoder, live, watcher = setup  # built with interval 0: no thread
    assert watcher._thread is None


def test_a_new_visit_sees_the_reloaded_agendas_summary_and_filter_choices(setup):
    from datetime import datetime, timezone
    from types import SimpleNamespace

    import gradio as gr

    from helper.web import handlers
    from helper.web.page import Page

    path, _encoder, live, watcher = setup
    page = Page(live, Settings())
    built = page.agenda_state(live.current())  # as build_demo lays the page out
    visit = SimpleNamespace(query_params={}, headers={})
    assert page.on_load({}, visit) == gr.skip()  # nothing reloaded: a plain visit leaves the page as it was built
    # the organizer also names the tracks by topic: the examples row now offers them
    named = [row.replace(f"Track {i % 2}", ("Vision", "Language")[i % 2]).replace(f"topic{i}", f"topic{i} and {('vision', 'language')[i % 2]}") for i, row in enumerate(ROWS)]
    write(path, named + ["s99,A late addition,Moved in at the last minute,Someone,Room 9,Track 9,2026-05-13 09:00,\n"])
    assert watcher.check_once()
    state = page.agenda_state(live.current())
    assert state != built and "13 sessions" in state.summary
    assert "Track 9" in [value for _label, value in state.options["track"]]
    assert built.examples.queries == () and set(state.examples.queries) == {"Vision", "Language"}
    link = handlers.open_link(live.current(), {"q": "topic3", "track": "Track 9"}, datetime(2026, 5, 1, tzinfo=timezone.utc))
    assert link.query == "topic3" and link.choice.track == "Track 9" and link.results.notes == []


def test_a_reload_keeps_the_chosen_ranking_method(tmp_path):
    path = tmp_path / "agenda.csv"
    write(path, ROWS)
    settings = Settings(agenda=path, cache_dir=tmp_path / "cache", reload_seconds=0)
    live, watcher = watch(SearchIndex.build(load_agenda(path), HashingEncoder(), settings.cache_dir, method="bm25"), settings)
    write(path, ROWS[:5])
    assert watcher.check_once() is True
    assert len(live.current().sessions) == 5 and live.current().method == "bm25"
