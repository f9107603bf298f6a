"""A room named in the query ("keynote in the Grand Ballroom") read as the Room filter: the rule
(helper.search.room_words) and what the page, the API and the CLI make of it, on the sample agenda."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from helper.search.filters import Choice
from helper.search.room_words import named_room
from helper.web import handlers

ROOMS = ["Cumberland A", "Cumberland B", "Grand Ballroom", "Auditorium", "University Auditorium A", "Jupiter (1st floor)",
         "Jupiter (1st floor -- updated!)", "Observatory (9th floor)", "Saal 1"]
BEFORE = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("query", "room", "rest"),
    [
        ("keynote in the Grand Ballroom", "Grand Ballroom", "keynote"),
        ("sql at cumberland a", "Cumberland A", "sql"),
        ("was läuft im Saal 1", "Saal 1", "was läuft"),
        ("maps in University Auditorium A", "University Auditorium A", "maps"),  # the longer name, not "Auditorium"
        ("posters in the Observatory", "Observatory (9th floor)", "posters"),  # without its bracket
    ],
)
def test_a_room_named_after_in_or_at_is_read(query, room, rest) -> None:
    named = named_room(query, ROOMS)
    assert named is not None and (named.room, named.query) == (room, rest)


@pytest.mark.parametrize(
    "query",
    [
        "Grand Ballroom",  # nothing else to search for
        "keynote Grand Ballroom",  # no "in" or "at": may be a topic
        "talks in Jupiter",  # two rooms share that short name
        "in Cumberland A or in Cumberland B",  # two rooms
        "in Saal 10 tonight",  # not this agenda's Saal 1
    ],
)
def test_no_room_is_read_where_the_query_does_not_name_one_room_after_in_or_at(query) -> None:
    assert named_room(query, ROOMS) is None


def test_the_page_the_api_and_the_cli_keep_to_the_room_the_query_names(index) -> None:
    found = handlers.search(index, "machine learning in Cumberland A", Choice(), BEFORE)
    assert found.hits and {h.room for h in found.hits} == {"Cumberland A"}
    assert found.notes[0] == "Sessions in Cumberland A only: the room your query names (“in Cumberland A”)."
    plain = handlers.search(index, "machine learning", Choice(), BEFORE, k=10)
    assert {h.room for h in plain.hits} != {"Cumberland A"}  # the premise: other rooms answer too
    assert {r["room"] for r in handlers.api_search(index, "machine learning at Cumberland A", 5, BEFORE)} == {"Cumberland A"}
    chosen = handlers.search(index, "machine learning in Cumberland A", Choice(room="Grand Ballroom"), BEFORE)
    assert not any("the room your query names" in n for n in chosen.notes)  # a room chosen under Filters wins
    listing = handlers.search(index, "what's on in the Grand Ballroom on Thursday", Choice(), BEFORE)
    assert listing.listing and listing.hits and all(h.room == "Grand Ballroom" and h.start.day == 15 for h in listing.hits)
    from tests.test_cli import SAMPLE, run

    code, out = run(["search", "--agenda", str(SAMPLE), "--json", "machine learning in Cumberland A", "machine learning"])
    named, plain_line = (json.loads(line) for line in out.splitlines())
    assert code == 0 and (named["room"], plain_line["room"]) == ("Cumberland A", "")
    assert {r["room"] for r in named["results"]} == {"Cumberland A"} and named["read_as"] == "machine learning"
