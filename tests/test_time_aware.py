"""Time-aware ranking at the venue: among sessions of comparable relevance, those starting soon come first, one
running for more than ten minutes drops back, ended ones stay hidden; outside the conference nothing changes."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from helper.agenda import load_agenda
from helper.search.filters import Choice
from helper.search.index import SearchIndex
from helper.search.schedule import TIME_NUDGE, timeliness
from helper.web import handlers
from tests.fakes import HashingEncoder

TEXT = "Graph databases in practice,Modelling connected data with property graphs and Cypher queries."
ROWS = {  # id: start, end (UTC); the clock is 10:00
    "running-long": ("09:00", "10:30"),
    "starts-in-5": ("10:05", "10:50"),
    "walk-in": ("09:55", "10:40"),
    "later-today": ("13:30", "14:00"),
    "ended": ("08:00", "08:30"),
}
NOW = datetime(2026, 5, 12, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def index(tmp_path):
    path = tmp_path / "agenda.csv"
    rows = [f"{sid},{TEXT},2026-05-12 {start},2026-05-12 {end}" for sid, (start, end) in ROWS.items()]
    rows.append("other,Knitting for beginners,Wool and needles.,2026-05-13 09:00,2026-05-13 10:00")
    path.write_text("id,title,abstract,start,end\n" + "\n".join(rows) + "\n", "utf-8")
    return SearchIndex.build(load_agenda(path), HashingEncoder(), tmp_path / "cache")


def test_at_a_fixed_clock_soon_sessions_come_first_and_a_long_running_one_drops_back(index):
    found = handlers.search(index, "graph databases", Choice(), NOW, k=4)
    assert found.ids == ["walk-in", "starts-in-5", "later-today", "running-long"]
    assert len({round(h.score, 6) for h in found.hits}) == 1, "the same relevance: only the clock orders them"
    assert "ended" not in found.ids


def test_the_nudge_never_lifts_a_clearly_less_relevant_session(index):
    ranked = index.search_one("graph databases", 6, nudge=timeliness(index.sessions, NOW))
    assert ranked[-1].id == "other"  # starts tomorrow, about knitting: relevance decides
    assert "other" not in handlers.search(index, "graph databases", Choice(show_ended=True), NOW, k=6).ids  # far: not shown
    nudge = timeliness(index.sessions, NOW)
    assert nudge.max() <= TIME_NUDGE and nudge.min() >= -TIME_NUDGE


def test_outside_the_conference_the_ranking_is_the_plain_relevance_order(index):
    before = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert timeliness(index.sessions, before) is None
    plain = [h.id for h in index.search_one("graph databases", 6)]
    assert handlers.search(index, "graph databases", Choice(), before, k=6).ids == plain[:5]  # knitting, far: not shown
    assert plain[:5] == sorted(ROWS, key=lambda sid: ROWS[sid][0]) and plain[5] == "other"  # equal scores: agenda (start) order
