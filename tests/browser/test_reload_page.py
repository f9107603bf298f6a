"""An agenda edited while the app runs: the next visit shows its new line, filter choices and example buttons."""

from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import Page, expect

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.ops.live import watch
from helper.settings import Settings
from tests.fakes import HashingEncoder
from tests.live_server import serving

pytestmark = pytest.mark.browser

HEADER = "id,title,abstract,speakers,room,track,start,end\n"


def _write(path, rows: list[str]) -> None:
    path.write_text(HEADER + "".join(rows), "utf-8")
    stamp = time.time_ns() + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


TRACKS = ("Robotics", "Vision", "Language")


def _row(i: int, track: str) -> str:
    # the track is a word the session's title uses, so the page offers it as an example query
    return f"s{i},Session {i} about topic{i} and {track.lower()},Words about subject{i},Speaker {i},Room {i % 2},{track},2031-05-12 {9 + i % 8}:00,2031-05-12 {9 + i % 8}:45\n"


def test_a_reloaded_agenda_shows_on_the_next_visit(page: Page, tmp_path):
    path = tmp_path / "agenda.csv"
    _write(path, [_row(i, TRACKS[i % 2]) for i in range(6)])
    settings = Settings(agenda=path, cache_dir=tmp_path / "cache", reload_seconds=0)
    live, watcher = watch(SearchIndex.build(load_agenda(path), HashingEncoder(), settings.cache_dir), settings)
    with serving(live) as url:
        page.goto(url)
        expect(page.locator("#agenda-info")).to_contain_text("6 sessions", timeout=20000)
        expect(page.get_by_role("button", name="Robotics")).to_be_visible()
        expect(page.get_by_role("button", name="Language")).to_have_count(0)

        _write(path, [_row(i, TRACKS[i % 3]) for i in range(9)])
        assert watcher.check_once()
        page.goto(url)
        expect(page.locator("#agenda-info")).to_contain_text("9 sessions", timeout=20000)
        page.get_by_role("button", name="Language").click()  # a new example button, and it searches
        expect(page.locator("#results .hc-card")).to_have_count(3, timeout=20000)
        expect(page.locator("#query input, #query textarea").first).to_have_value("Language")
        page.locator("#filters").get_by_text("Filters").first.click()
        page.locator("#filter-track input").first.click()
        expect(page.get_by_role("option", name="Language")).to_be_visible()  # and a new filter choice
