"""A level asked for ("healthcare for beginners"): read apart from the topic; the sessions of that level hold it."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import numpy as np
import pytest

from helper.search.filters import Choice
from helper.search.index import SearchIndex
from helper.search.levels import asked_levels, session_levels, without_levels
from helper.search.lexical import LEVEL_SHARE
from helper.web import handlers
from tests.fakes import csv_index

BEFORE = datetime(2026, 1, 1, tzinfo=timezone.utc)

# two sessions on each of two topics; one of each pair says it is for beginners (title, track), and the other is nearer
# the topic alone
LEVELLED = """title,abstract,track
Healthcare analytics: an introduction for clinical teams,"Readmission risk scores from hospital records.",Health
Healthcare analytics,"Readmission risk scores from hospital records.",Health
Rust in production,"Memory safety and fearless concurrency for services.",Systems
Rust for systems programmers,"Memory safety and fearless concurrency for services.",Beginner Bootcamp
Soldering kits,"Bring a kit and leave with a blinking badge.",Making
"""
# the same sessions, none of them of a level
UNLEVELLED = LEVELLED.replace("an introduction for", "at work with").replace("Beginner Bootcamp", "Systems")


def _index(tmp_path, fake_encoder, text: str = LEVELLED) -> SearchIndex:
    return csv_index(tmp_path, text, fake_encoder, "levels.csv")


@pytest.mark.parametrize(
    ("query", "asked", "topic"),
    [
        ("healthcare for beginners", ["beginner"], "healthcare"),
        ("intro to PostGIS", ["beginner"], "PostGIS"),
        ("an introduction to graph neural networks", ["beginner"], "graph neural networks"),
        ("Löten für Anfänger", ["beginner"], "Löten"),
        ("Einführung in die Kryptographie", ["beginner"], "Kryptographie"),
        ("Python 101", ["beginner"], "Python"),
        ("getting started with Rust", ["beginner"], "Rust"),
        ("beginner workshops on QGIS", ["beginner"], "workshops on QGIS"),  # the kind stays for the kind rules
        ("Rust for experts", ["advanced"], "Rust"),
        ("a deep dive into the Linux kernel", ["advanced"], "the Linux kernel"),
        ("for beginners", ["beginner"], "for beginners"),  # nothing else: as typed
        ("room 101", [], "room 101"),  # a room, not a level
        ("advanced persistent threats", [], "advanced persistent threats"),  # a topic's own word
        ("introduction", [], "introduction"),
        ("novice programmers' misconceptions", [], "novice programmers' misconceptions"),
        ("Löten für Kinder", ["kids"], "Löten"),  # who a session is for, as a level is
        ("coding for teens", ["kids"], "coding"),
        ("board games for the whole family", ["kids"], "board games"),
        ("kid-friendly workshops", ["kids"], "workshops"),
        ("children's speech recognition", [], "children's speech recognition"),  # a topic about children
    ],
)
def test_a_level_is_read_apart_from_the_topic(query, asked, topic):
    spans = asked_levels(query)
    assert [name for _s, _e, name in spans] == asked
    assert without_levels(query, spans) == topic


@pytest.mark.parametrize(
    ("title", "labels", "abstract", "levels"),
    [
        ("An Introduction to Healthcare Analytics: From Simple to Complex", [], "", {"beginner"}),
        ("Regular Expressions for Messy Text", ["Beginner Bootcamp"], "", {"beginner"}),
        ("Einstieg in OpenStreetMap mit dem Online-Editor iD", [], "", {"beginner"}),
        ("Build Your Own Satellite Ground Station", [], "No prior experience is required.", {"beginner"}),
        ("Live Musik programmieren mit Sonic Pi (Fortgeschrittene)", [], "", {"advanced"}),
        ("Teaching programming", [], "We study how novices and experts read code.", set()),  # about them, not for them
        ("Lightning Talks - Kids Edition", [], "", {"kids"}),
        ("Einführung in den Lasercutter für Jugendliche", [], "", {"beginner", "kids"}),
        ("Rubik's Cube Workshop (6+)", [], "", {"kids"}),
        ("Haecksenlicht basteln", [], "Ein LED-Bastel-Workshop, für Kinder geeignet.", {"kids"}),
        ("Wondrous mathematics", [], "The first part of the talk, suitable also for children aged 10 or older.", {"kids"}),
        ("Austausch für Eltern von trans Kindern", [], "Ein Treffen für Eltern.", set()),  # for parents, about children
        ("Health data", [], "From diabetes care to interventions for children born with heart defects.", set()),
        ("Destruction day", [], "Alter: Ab 16 Jahren", set()),  # no child's age
    ],
)
def test_a_session_is_of_a_level_when_its_title_labels_or_audience_say_so(title, labels, abstract, levels):
    assert session_levels(title, labels, abstract) == levels


def test_the_level_is_one_more_word_held_by_the_sessions_of_that_level(tmp_path, fake_encoder):
    lexical = _index(tmp_path, fake_encoder).words()
    assert lexical.terms("healthcare analytics for beginners") == ["healthcare", "analytics", "@beginner"]
    assert lexical.topic("healthcare analytics for beginners") == "healthcare analytics"
    held = lexical.rare_coverage(lexical.terms("healthcare analytics for beginners"))
    # on the topic and for beginners: all of it; on the topic alone: still most of it; for beginners alone: little
    assert held[0] == pytest.approx(1.0)
    assert held[1] == pytest.approx(1 / (1 + LEVEL_SHARE))
    assert held[3] <= LEVEL_SHARE / (1 + LEVEL_SHARE) + 1e-6
    assert lexical.absent_levels("healthcare for beginners") == [] and lexical.absent_levels("Rust for experts") == ["for experts"]


def test_for_beginners_orders_the_topic_and_never_replaces_it(tmp_path, fake_encoder):
    index = _index(tmp_path, fake_encoder)
    for query, first, second in [
        ("healthcare analytics for beginners", "Healthcare analytics: an introduction for clinical teams", "Healthcare analytics"),
        ("rust for beginners", "Rust for systems programmers", "Rust in production"),
    ]:
        found = handlers.search(index, query, Choice(), BEFORE)
        assert [h.title for h in found.hits[:2]] == [first, second]  # the other session on the topic before any off-topic one
        assert found.hits[0].why.level == "for beginners" and not found.hits[1].why.level
        assert ("Says it is", "for beginners") in found.hits[0].why.parts()
        # the premise: without the level the other one comes first, so the order above is the level's
        assert index.search_one(without_levels(query, asked_levels(query)))[0].title == second


def test_a_level_no_session_is_of_is_read_away_and_the_page_says_so(tmp_path, fake_encoder):
    index = _index(tmp_path, fake_encoder, UNLEVELLED)
    assert index.words().terms("healthcare for beginners") == ["healthcare"]
    typed, alone = index.search(["healthcare analytics for beginners", "healthcare analytics"], 3)
    assert [(h.id, h.score) for h in typed] == [(h.id, h.score) for h in alone]
    notes = handlers.search(index, "healthcare analytics for beginners", Choice(), BEFORE).notes
    assert "No session of this agenda says it is for beginners: these are the closest on the topic." in notes
    assert not any("says it is" in n for n in handlers.search(_index(tmp_path, fake_encoder), "rust for beginners", Choice(), BEFORE).notes)


def test_a_query_that_asks_only_for_a_level_lists_the_sessions_of_it(tmp_path, fake_encoder):
    index = _index(tmp_path, fake_encoder)
    hits = index.search_one("talks for beginners", 2)
    assert {h.title for h in hits} == {"Healthcare analytics: an introduction for clinical teams", "Rust for systems programmers"}


def test_the_api_and_the_cli_json_say_which_sessions_are_of_the_level(tmp_path, fake_encoder, monkeypatch):
    import json

    from helper import cli
    from tests.fakes import HashingEncoder

    index = _index(tmp_path, fake_encoder)
    assert handlers.api_search(index, "rust for beginners", 2, BEFORE)[0]["title"] == "Rust for systems programmers"
    monkeypatch.setattr("helper.ops.service.load_encoder", lambda model, *args, **kwargs: HashingEncoder())
    out = io.StringIO()
    path = tmp_path / "levels.csv"
    assert cli.main(["search", "--agenda", str(path), "--json", "--cache-dir", str(tmp_path / "c"), "rust for beginners"], stdout=out) == 0
    results = json.loads(out.getvalue().splitlines()[0])["results"]
    assert [r["why"]["level"] for r in results[:2]] == ["for beginners", ""]


def test_a_marked_session_off_the_topic_stays_below_the_topic(tmp_path, fake_encoder):
    index = _index(tmp_path, fake_encoder)
    scores = index.scores(["soldering for beginners"])[0]
    titles = list(index.sessions["title"])
    assert int(np.argmax(scores)) == titles.index("Soldering kits")
