"""Time-aware ranking at the venue: among sessions of comparable relevance, those starting soon come first, one
running for more than ten minutes drops back, ended ones stay hidden; outside the conference nothing changes."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
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
    # each its own speaker: five sessions of the same text, not one held five times (helper.agenda.copies.held_again)
    rows = [f"{sid},{TEXT},2026-05-12 {start},2026-05-12 {end},Host {n}" for n, (sid, (start, end)) in enumerate(ROWS.items())]
    rows.append("other,Knitting for beginners,Wool and needles.,2026-05-13 09:00,2026-05-13 10:00,Host 9")
    path.write_text("id,title,abstract,start,end,speakers\n" + "\n".join(rows) + "\n", "utf-8")
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


def test_the_cli_and_the_api_order_by_the_clock_as_the_page_does(index, tmp_path, monkeypatch):
    import io
    import json

    from helper import cli

    monkeypatch.setattr("helper.ops.service.load_encoder", lambda model, *args, **kwargs: HashingEncoder())
    out = io.StringIO()
    argv = ["search", "--agenda", str(tmp_path / "agenda.csv"), "--cache-dir", str(tmp_path / "cache"), "--now", "2026-05-12T10:00",
            "--json", "--top-k", "4", "graph databases"]
    assert cli.main(argv, stdout=out) == 0
    by_cli = [r["id"] for r in json.loads(out.getvalue())["results"]]
    by_api = [r["id"] for r in handlers.api_search(index, "graph databases", 4, NOW)]
    # programs see ended sessions too (they ask for what they want); the walk-in and the one about to start lead
    assert by_cli == by_api == ["walk-in", "starts-in-5", "ended", "later-today"]  # then start order, as without a clock


def test_soon_is_measured_from_when_the_hours_asked_for_open(index):
    # at 08:00 nothing starts within the hour; "after 1pm" asks for 13:00 on: what starts then comes first
    early = NOW.replace(hour=8)
    assert handlers.ranking_clock(index, Choice(day="2026-05-12", window="range", time_from="13:00"), early) == NOW.replace(hour=13)
    assert handlers.ranking_clock(index, Choice(day="2026-05-12", window="range", time_from="09:00"), NOW) == NOW  # already open
    assert handlers.ranking_clock(index, Choice(window="range", time_from="13:00"), early) == early  # no day: every day's 13:00
    found = handlers.search(index, "graph databases", Choice(day="2026-05-12", window="range", time_from="10:00"), early, k=3)
    assert found.ids[:2] == ["starts-in-5", "later-today"]  # 10:05 is soon from 10:00; 13:30 is not


def test_a_batch_takes_one_nudge_per_query(index):
    early, late = timeliness(index.sessions, NOW.replace(hour=9, minute=50)), timeliness(index.sessions, NOW.replace(hour=13, minute=25))
    both = index.search(["", "graph databases", "graph databases"], 1, nudge=np.stack([early, early, late]))
    assert [hits[0].id if hits else None for hits in both] == [None, "walk-in", "later-today"]  # rows skip the empty query


DROP_IN = "Drop-in soldering,Solder a blinking badge kit at the hardware tables with our mentors; come and go as you like."


@pytest.fixture
def drop_ins(tmp_path):
    """A twelve-hour drop-in held on two days by the same people (one session, helper.agenda.copies.held_again), and a
    two-hour workshop with three quarters of an hour left; the clock is 13:00 on the first day."""
    path = tmp_path / "drop-ins.csv"
    path.write_text(
        "id,title,abstract,start,end,speakers\n"
        f"day-1,{DROP_IN},2026-05-12 10:00,2026-05-12 22:00,Solder Crew\n"
        f"day-2,{DROP_IN},2026-05-13 10:00,2026-05-13 22:00,Solder Crew\n"
        "ending,Solder a blinking badge kit,Solder a blinking badge kit at the hardware tables with our mentors.,2026-05-12 11:45,"
        "2026-05-12 13:45,Kit Team\n",
        "utf-8",
    )
    return SearchIndex.build(load_agenda(path), HashingEncoder(), tmp_path / "cache")


def test_a_long_drop_in_running_now_is_shown_now_not_at_its_next_time(drop_ins):
    now = datetime(2026, 5, 12, 13, 0, tzinfo=timezone.utc)
    nudge = timeliness(drop_ins.sessions, now)
    rows = {sid: row for row, sid in enumerate(drop_ins.sessions["id"])}
    assert nudge[rows["day-1"]] == 0  # three hours in, nine left: joined as well now as tomorrow
    assert nudge[rows["ending"]] == -TIME_NUDGE  # two hours long, but 45 minutes left: drops back as a talk does
    found = handlers.search(drop_ins, "soldering", Choice(), now, k=3)
    assert "day-1" in found.ids and "day-2" not in found.ids
    assert found.badges[found.ids.index("day-1")] == "happening now"
