"""Plan my day: the exact best set of non-overlapping sessions (against a brute-force optimum), fixed picks kept,
gaps respected, filters and hours applied; the CLI's plan command."""

from __future__ import annotations

import io
import itertools
import json
import random
from datetime import datetime, timedelta, timezone

import pytest

from helper import cli
from helper.agenda import load_agenda
from helper.search.filters import Choice, FilterError
from helper.search.index import SearchIndex
from helper.search.plan import Slot, best_plan, best_plan_once_each, compatible
from helper.search.ranking import NOTHING_CLOSE, NOTHING_CLOSE_UNHELD, worth_planning
from helper.web import handlers
from tests.conftest import SAMPLE
from tests.fakes import HashingEncoder

BASE = datetime(2026, 5, 12, 9, 0, tzinfo=timezone.utc)
BEFORE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def random_slots(rng: random.Random, n: int) -> list[Slot]:
    slots = []
    for i in range(n):
        start = BASE + timedelta(minutes=15 * rng.randint(0, 24))
        slots.append(Slot(f"s{i}", start, start + timedelta(minutes=15 * rng.randint(0, 6)), round(rng.random(), 3)))
    return slots


def brute_force(slots: list[Slot], fixed: list[Slot], gap: timedelta) -> float:
    allowed = [s for s in slots if all(compatible(s, f, gap) for f in fixed)]
    best = 0.0
    for size in range(len(allowed) + 1):
        for combo in itertools.combinations(allowed, size):
            if all(compatible(a, b, gap) for a, b in itertools.combinations(combo, 2)):
                best = max(best, sum(s.weight for s in combo))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_the_plan_is_the_brute_force_optimum_without_overlaps_and_keeps_fixed_picks(seed):
    rng = random.Random(seed)
    slots = random_slots(rng, rng.randint(0, 10))
    fixed = random_slots(rng, rng.randint(0, 2))
    fixed = [Slot("fixed-" + f.key, f.start, f.end, 0.0) for f in fixed]
    gap = timedelta(minutes=rng.choice([0, 10, 15]))
    plan = best_plan(slots, fixed, gap)
    chosen = [s for s in plan if not s.key.startswith("fixed-")]
    assert {f.key for f in fixed} <= {s.key for s in plan}
    assert all(compatible(a, b, gap) for a, b in itertools.combinations(chosen, 2))
    assert all(compatible(c, f, gap) for c in chosen for f in fixed)
    assert sum(s.weight for s in chosen) == pytest.approx(brute_force(slots, fixed, gap))
    assert [s.start for s in plan] == sorted(s.start for s in plan)


def test_one_strong_session_beats_two_weaker_ones_only_when_it_weighs_more():
    long = Slot("long", BASE, BASE + timedelta(hours=2), 0.9)
    first, second = Slot("a", BASE, BASE + timedelta(hours=1), 0.5), Slot("b", BASE + timedelta(hours=1), BASE + timedelta(hours=2), 0.5)
    assert [s.key for s in best_plan([long, first, second])] == ["a", "b"]
    assert [s.key for s in best_plan([long, first, second], gap=timedelta(minutes=5))] == ["long"]  # a and b are back to back


@pytest.fixture
def index(tmp_path):
    return SearchIndex.build(load_agenda(SAMPLE), HashingEncoder(), tmp_path)


def test_a_plan_holds_no_far_session_no_overlap_and_respects_day_hours_and_gap(index):
    query = "python"
    found = handlers.plan(index, query, Choice(day="2026-10-14"), BEFORE, gap_minutes=10, time_from="09:00", time_until="15:00")
    assert len(found.hits) >= 2
    assert all(h.score >= 0.28 and h.start.date().isoformat() == "2026-10-14" for h in found.hits)
    assert all(h.start.strftime("%H:%M") >= "09:00" and (h.end or h.start).strftime("%H:%M") <= "15:00" for h in found.hits)
    assert all(a.end + timedelta(minutes=10) <= b.start for a, b in zip(found.hits, found.hits[1:]))
    every = index.search_one(query, len(index.sessions))  # best first
    inside = [h for h in every if h.start.date().isoformat() == "2026-10-14" and h.start.strftime("%H:%M") >= "09:00" and h.end.strftime("%H:%M") <= "15:00"]
    worth = worth_planning([h.score for h in inside], [h.why.lifted for h in inside], index.holds(query, inside[:3]))
    slots = [Slot(h.id, h.start, h.end, h.score) for h, ok in zip(inside, worth) if ok]
    assert sum(h.score for h in found.hits) == pytest.approx(sum(s.weight for s in best_plan(slots, gap=timedelta(minutes=10))))


def test_after_a_first_its_words_found_a_plan_takes_a_session_only_the_cosine_speaks_for_only_when_close(index):
    found = handlers.plan(index, "python", Choice(), BEFORE)
    every = index.search_one("python", len(index.sessions))
    assert every[0].why.lifted  # the premise: the query's word lifted the first
    weak = [h for h in every if not h.why.lifted and NOTHING_CLOSE <= h.score < NOTHING_CLOSE_UNHELD]
    assert weak and not {h.id for h in weak} & {h.id for h in found.hits}
    assert all(h.why.lifted or h.score >= NOTHING_CLOSE_UNHELD for h in found.hits)


def test_picks_stay_in_the_plan_whatever_the_filters_and_sessions_plan_around_them(index):
    pick = index.sessions[index.sessions["start"].dt.strftime("%Y-%m-%d %H:%M") == "2026-10-14 09:45"]["id"].iloc[0]
    found = handlers.plan(index, "Tableau dashboards", Choice(track="No such track"), BEFORE, picks=[pick, "gone"])
    assert [h.id for h in found.hits] == [pick] and found.fixed == [pick]
    data = found.to_dict()
    assert data["plan"][0]["pick"] is True and data["plan"][0]["id"] == pick


def test_bad_plan_arguments_are_one_line_errors(index):
    with pytest.raises(FilterError, match="HH:MM"):
        handlers.plan(index, "sql", Choice(), BEFORE, time_from="nine")
    with pytest.raises(FilterError, match="gap"):
        handlers.plan(index, "sql", Choice(), BEFORE, gap_minutes=-5)
    assert handlers.plan(index, "   ", Choice(), BEFORE).notes == [handlers.HINT]


def test_cli_plan_prints_one_json_line_per_query_by_start_time(monkeypatch, tmp_path):
    monkeypatch.setattr("helper.ops.service.load_encoder", lambda model, *args, **kwargs: HashingEncoder())
    monkeypatch.setenv("HELPER_CACHE_DIR", str(tmp_path / "cache"))
    out = io.StringIO()
    argv = ["plan", "--agenda", str(SAMPLE), "--day", "2026-10-14", "--gap", "10", "--json", "python", "sql"]
    assert cli.main(argv, stdout=out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["query"] for line in lines] == ["python", "sql"]
    for line in lines:
        assert line["plan"], line["query"]
        starts = [r["start"] for r in line["plan"]]
        assert starts == sorted(starts) and all(s.startswith("2026-10-14") for s in starts)
        assert all({"id", "title", "score", "start", "end", "room", "why", "pick"} <= set(r) for r in line["plan"])
    table = io.StringIO()
    assert cli.main(["plan", "--agenda", str(SAMPLE), "--day", "2026-10-14", "python"], stdout=table) == 0
    assert "Wed 14 Oct" in table.getvalue()


DURING = datetime(2026, 10, 14, 11, 0, tzinfo=timezone.utc)  # day 1 of sessions.csv, late morning


def test_plan_my_day_plans_what_is_left_of_today_while_the_conference_runs(index):
    found = handlers.plan_my_day(index, "python", Choice(), DURING)
    assert found.day == "2026-10-14" and found.hits
    assert all(h.start.date() == DURING.date() and (h.end or h.start) > DURING for h in found.hits)
    assert "Planned for today" in found.notes[0]
    before = handlers.plan_my_day(index, "python", Choice(), BEFORE)  # before the conference: every day
    assert before.day == "" and {h.start.date().isoformat() for h in before.hits} == {"2026-10-14", "2026-10-15"}
    chosen = handlers.plan_my_day(index, "python", Choice(day="2026-10-15"), DURING)  # a chosen day wins over today
    assert chosen.day == "2026-10-15" and all(h.start.date().isoformat() == "2026-10-15" for h in chosen.hits)
    assert not any("today" in n for n in chosen.notes)


def test_plan_my_day_plans_around_the_picks_of_that_day_only(index):
    starts = index.sessions["start"].dt.strftime("%Y-%m-%d %H:%M")
    today = index.sessions[starts == "2026-10-14 11:45"]["id"].iloc[0]
    other_day = index.sessions[starts.str.startswith("2026-10-15")]["id"].iloc[0]
    found = handlers.plan_my_day(index, "python", Choice(), DURING, picks=[today, other_day])
    assert found.fixed == [today] and today in [h.id for h in found.hits] and other_day not in [h.id for h in found.hits]
    pick = next(h for h in found.hits if h.id == today)
    assert all(h.end <= pick.start or h.start >= pick.end for h in found.hits if h.id != today)


def test_the_plan_renders_as_a_timeline_by_day_with_time_room_title_and_why_all_escaped(index):
    found = handlers.plan_my_day(index, "python", Choice(), BEFORE)
    evil = found.hits[0]
    found.hits[0] = type(evil)(**{**evil.__dict__, "title": "<img src=x onerror=alert(1)>", "room": "[link](http://x)"})
    from helper.web import render

    html = render.plan(found)
    assert html.count('class="hc-stop"') == len(found.hits) and html.count('class="hc-day"') == 2
    assert "<img" not in html and "](" not in html and "&#60;img" in html
    first = found.hits[1]
    assert f"{first.start:%H:%M}".replace(":", "&#58;") in html and render.escape(first.title) in html
    assert '<span class="hc-stop-why"></span>' not in html and ("Tagged" in html or "Mentions" in html or "match" in html)
    assert render.plan(handlers.plan_my_day(index, "", Choice(), BEFORE)) == render.note(handlers.HINT)


def test_a_plan_has_its_own_link_that_opens_the_plan(index):
    from helper.web import links

    qs = links.query_string("python", Choice(day="2026-10-15"), plan=True)
    assert qs == "?q=python&day=2026-10-15&plan=1" and links.query_string("", Choice(), plan=True) == ""
    from urllib.parse import parse_qsl

    link = handlers.open_link(index, dict(parse_qsl(qs[1:])), DURING)
    assert link.plan is not None and link.plan.day == "2026-10-15" and link.plan.hits
    assert handlers.open_link(index, {"q": "python"}, DURING).plan is None


def test_a_session_held_twice_is_planned_once_at_the_time_that_leaves_room_for_more() -> None:
    at = lambda hour: datetime(2026, 12, 28, hour, tzinfo=timezone.utc)  # noqa: E731
    a1, a2, b = Slot("a1", at(10), at(11), 1.0), Slot("a2", at(12), at(13), 1.0), Slot("b", at(10), at(11), 0.9)
    session = {"a1": "a", "a2": "a", "b": "b"}.get
    assert [s.key for s in best_plan([a1, a2, b])] == ["a1", "a2"]  # the premise: by relevance alone, "a" twice
    assert [s.key for s in best_plan_once_each([a1, a2, b], session_of=session)] == ["b", "a2"]
    assert [s.key for s in best_plan_once_each([a1, a2, b], [Slot("a1", at(10), at(11), 0.0)], session_of=session)] == ["a1"]
