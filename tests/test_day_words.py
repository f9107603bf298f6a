"""A day named in the query ("keynote on Thursday") read as the Day filter: the rule (helper.search.day_words) and
what the page, the API, the plan and the CLI make of it, on the sample agenda (Wed 14 and Thu 15 Oct 2026)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from helper.search.day_words import named_day
from helper.search.filters import Choice
from helper.web import handlers

WED, THU = date(2026, 10, 14), date(2026, 10, 15)
BEFORE = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc)
DURING = datetime(2026, 10, 14, 9, 0, tzinfo=timezone.utc)


def nothing_declared(word: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("query", "today", "day", "rest"),
    [
        ("keynote on Thursday", BEFORE.date(), THU, "keynote"),
        ("Thursday's keynote", BEFORE.date(), THU, "keynote"),
        ("Vorträge am Mittwoch", BEFORE.date(), WED, "Vorträge"),
        ("workshops tomorrow", WED, THU, "workshops"),
        ("what is on today?", THU, THU, "what is"),
    ],
)
def test_a_day_the_agenda_has_is_read_and_taken_out_of_the_query(query, today, day, rest) -> None:
    named = named_day(query, [WED, THU], today, nothing_declared)
    assert named is not None and (named.day, named.query) == (day, rest)


@pytest.mark.parametrize(
    ("query", "today"),
    [
        ("Thursday", BEFORE.date()),  # nothing else to search for
        ("Monday keynote", BEFORE.date()),  # a day the agenda does not have
        ("talks tomorrow", BEFORE.date()),  # tomorrow is not a day of the agenda
        ("Wednesday or Thursday workshops", BEFORE.date()),  # two days: left to the reader
        ("Fridays for Future", BEFORE.date()),  # not the name of a day
    ],
)
def test_no_day_is_read_where_the_query_does_not_name_one_day_of_the_agenda(query, today) -> None:
    assert named_day(query, [WED, THU, date(2026, 10, 16)], today, nothing_declared) is None


def test_a_day_word_the_agenda_uses_in_a_title_or_tag_is_a_topic_there() -> None:
    assert named_day("Black Friday sales", [date(2026, 11, 27)], BEFORE.date(), lambda word: word == "friday") is None
    assert named_day("Black Friday sales", [date(2026, 11, 27)], BEFORE.date(), nothing_declared).day == date(2026, 11, 27)


def test_an_agenda_of_more_than_a_week_reads_the_next_such_day_while_it_runs() -> None:
    thursdays = [date(2026, 10, 15), date(2026, 10, 22)]
    assert named_day("keynote on Thursday", thursdays, date(2026, 10, 1), nothing_declared) is None  # which one?
    assert named_day("keynote on Thursday", thursdays, date(2026, 10, 16), nothing_declared).day == date(2026, 10, 22)


def test_the_page_the_api_and_the_plan_keep_to_the_day_the_query_names(index) -> None:
    found = handlers.search(index, "machine learning on Thursday", Choice(), BEFORE)
    assert found.hits and {h.start.date() for h in found.hits} == {THU}
    assert found.notes[0] == "Sessions on Thu 15 Oct only: the day your query names (“on Thursday”)."
    unnamed = handlers.search(index, "machine learning", Choice(), BEFORE)
    assert WED in {h.start.date() for h in unnamed.hits}  # the premise: without the day, Wednesday's sessions answer too
    assert {r["start"][:10] for r in handlers.api_search(index, "machine learning on Thursday", 5, BEFORE)} == {"2026-10-15"}
    planned = handlers.plan(index, "machine learning on Thursday", Choice(), BEFORE)
    assert planned.hits and {h.start.date() for h in planned.hits} == {THU} and planned.notes[0].startswith("Sessions on Thu 15 Oct")
    # a day chosen under Filters wins: the query's day is then a word like the others
    chosen = handlers.search(index, "machine learning on Thursday", Choice(day="2026-10-14"), BEFORE)
    assert {h.start.date() for h in chosen.hits} == {WED} and not any("the day your query names" in n for n in chosen.notes)


def test_plan_my_day_plans_the_day_the_query_names_not_today(index) -> None:
    planned = handlers.plan_my_day(index, "machine learning on Thursday", Choice(), DURING)
    assert planned.day == THU.isoformat() and planned.hits and {h.start.date() for h in planned.hits} == {THU}


def test_the_cli_reads_the_day_and_says_so() -> None:
    from tests.test_cli import SAMPLE, run

    code, out = run(["search", "--agenda", str(SAMPLE), "--json", "machine learning on Thursday", "machine learning"])
    named, plain = (json.loads(line) for line in out.splitlines())
    assert code == 0 and named["day"] == "2026-10-15" and plain["day"] == ""
    assert {r["start"][:10] for r in named["results"]} == {"2026-10-15"} and named["read_as"] == "machine learning"
    code, out = run(["search", "--agenda", str(SAMPLE), "machine learning on Thursday"])
    assert "(Sessions on Thu 15 Oct only: the day your query names (“on Thursday”).)" in out
