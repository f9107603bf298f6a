"""Kinds of session asked for by name ("workshop on PostGIS"): where the query asks for one, which abstracts are one,
and what the search reads when the agenda has none (helper.search.session_kinds, helper.search.lexical)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest

from helper.agenda import load_agenda
from helper.search.filters import Choice
from helper.search.index import SearchIndex
from helper.search.lexical import LexicalIndex
from helper.search.session_kinds import asked_kinds, passing_kinds, qualifying, without_framing, without_kinds
from helper.search.tokens import cut_out, words
from helper.web import handlers

BEFORE = datetime(2026, 1, 1, tzinfo=timezone.utc)

# talks only; one mentions a workshop in passing, and "postgis" is used by five sessions, "workshop" by one, so the
# passing mention holds the rarer part of "workshop on PostGIS"
TALKS = """title,abstract,tags
PostGIS tips and tricks,"Spatial SQL for everyday questions.",database
Vector tile toolkit,"Extends what we taught at last year's workshop to serving maps.",tiles
Routing on a budget,"Shortest paths over street graphs kept in PostGIS, with costs per road class and turn.",routing
Geocoding addresses,"Matching messy addresses against a national register loaded into PostGIS every night.",geocoding
Raster analysis,"Elevation models and land cover grids tiled and queried in PostGIS for flood studies.",raster
Cleaning topology,"Snapping, gaps and overlaps in parcel layers repaired with PostGIS functions.",topology
"""


@pytest.mark.parametrize(
    ("query", "asked"),
    [
        ("workshop on PostGIS", ["workshop on"]),
        ("a PostGIS tutorial", ["tutorial"]),
        ("keynote speakers", ["keynote"]),
        ("a panel discussion on ethics", ["a panel discussion on"]),
        ("Workshop: QGIS", ["Workshop"]),
        ("lightning talks about QGIS", ["lightning talks about"]),
        ("panel data analysis", []),  # a word of its own follows: part of the topic
        ("movie poster generation", []),
        ("workshopping ideas", []),
    ],
)
def test_a_kind_word_asks_for_a_kind_where_it_ends_the_phrase(query, asked):
    assert [query[start:end] for start, end, _ in asked_kinds(query)] == asked


def test_the_query_without_the_kind_keeps_the_rest_and_a_lone_kind_as_typed():
    assert without_kinds("workshop on PostGIS", asked_kinds("workshop on PostGIS")) == "PostGIS"
    assert without_kinds("workshops", asked_kinds("workshops")) == "workshops"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("research on graph learning", "graph learning"),
        ("papers about misinformation", "misinformation"),
        ("anything about ethics", "ethics"),
        ("Talks on PostGIS", "PostGIS"),
        ("UX research on a budget", "UX research on a budget"),  # not a lead-in: the subject comes first
        ("research on", "research on"),  # nothing follows: as typed
        ("misinformation papers", "misinformation"),
        ("Data Engineering sessions", "Data Engineering"),
        ("lightning talks", "lightning talks"),  # a kind: read as one
        ("poster sessions", "poster sessions"),
        ("talks", "talks"),
        ("Lee's talk", "Lee's talk"),  # whose talk, not what it is about
    ],
)
def test_words_that_say_what_every_session_is_are_not_read(typed, read):
    assert without_framing(typed) == read


@pytest.mark.parametrize(
    ("abstract", "passing"),
    [
        ("In this ninety-minute workshop we connect to a sample dataset.", set()),
        ("This hands-on workshop introduces Git.", set()),
        ("Our panel brings together three hospitals.", set()),
        ("In diesem Workshop bauen wir einen Sensor.", set()),
        ("Bring a laptop. The workshop covers QGIS basics.", set()),
        ("Der perfekte Workshop für Anfänger.", set()),
        ("Slides from the talk were presented at the workshop.", {"workshop"}),
        ("Extends what we taught at last year's workshop.", {"workshop"}),
        ("Used in several workshops; this talk shows the tutorials.", {"workshops", "tutorials"}),
    ],
)
def test_an_abstract_is_of_a_kind_only_when_it_calls_its_session_one(abstract, passing):
    assert passing_kinds(set(words(abstract)), abstract) == passing


def _talks(tmp_path, fake_encoder) -> SearchIndex:
    path = tmp_path / "talks.csv"
    path.write_text(TALKS, encoding="utf-8")
    return SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)


def test_a_kind_the_agenda_has_none_of_is_read_away_and_the_page_says_so(tmp_path, fake_encoder):
    index = _talks(tmp_path, fake_encoder)
    lexical = index.words()
    assert lexical.as_searched("workshop on PostGIS") == "PostGIS"
    assert lexical.held_terms(1, ["workshop"]) == ()  # the passing mention holds nothing
    found = handlers.search(index, "workshop on PostGIS", Choice(), BEFORE)
    assert found.hits[0].title == "PostGIS tips and tricks"  # the title holds what is left of the query
    assert "This agenda lists no workshops." in found.notes
    # the premise: with the mention held, it holds the query's rarer word and answers first
    mentions = dataclasses.replace(index, lexical=LexicalIndex(index.sessions, kind_words=frozenset()))
    first = handlers.search(mentions, "workshop on PostGIS", Choice(), BEFORE).hits[0]
    assert first.title == "Vector tile toolkit" and "workshop" in first.why.words


def test_a_kind_the_agenda_has_counts_in_the_number_it_is_held_in(index):
    # the sample's workshops say so in their abstracts ("This hands-on workshop introduces Git…")
    lexical = index.words()
    assert lexical.terms("git workshops") == ["git", "workshop"] and not lexical.absent_kinds("git workshops")
    found = handlers.search(index, "git workshops", Choice(), BEFORE)
    assert found.hits[0].title == "Git and Version Control for Data People"
    assert not any("lists no" in note for note in found.notes)
    assert "This agenda lists no hackathons." in handlers.search(index, "hackathon on dashboards", Choice(), BEFORE).notes


def test_the_cli_table_says_the_agenda_lists_no_such_kind(tmp_path, monkeypatch):
    import io

    from helper import cli
    from tests.fakes import HashingEncoder

    monkeypatch.setattr("helper.ops.service.load_encoder", lambda model, *args, **kwargs: HashingEncoder())
    path = tmp_path / "talks.csv"
    path.write_text(TALKS, encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["search", "--agenda", str(path), "--cache-dir", str(tmp_path / "cache"), "workshop on PostGIS"], stdout=out) == 0
    assert "(This agenda lists no workshops.)" in out.getvalue()


def test_a_query_with_a_lead_in_ranks_as_its_subject_alone(index):
    typed = ["research on dashboards for executives", "papers about git branching", "SQL window functions talks"]
    alone = ["dashboards for executives", "git branching", "SQL window functions"]
    assert [[(h.id, h.score) for h in hits] for hits in index.search(typed, 3)] == [[(h.id, h.score) for h in hits] for hits in index.search(alone, 3)]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("latest bandits", "bandits"),
        ("recent advances in graph learning", "graph learning"),
        ("the latest research on QGIS", "QGIS"),
        ("the future of open data", "open data"),
        ("an overview of bandits", "bandits"),
        ("bandits in practice", "bandits"),
        ("cool dashboard talks", "dashboard talks"),
        ("dashboards stuff", "dashboards"),
        ("fake news spreading online", "fake news spreading online"),  # a word of the subject
        ("news recommendation", "news recommendation"),
        ("how things spread through a web of accounts", "how things spread through a web of accounts"),
    ],
)
def test_words_that_only_qualify_the_subject_are_found(typed, read):
    assert cut_out(typed, qualifying(typed)) == read


def test_a_query_with_words_that_only_qualify_ranks_as_its_subject_alone(index):
    typed = ["latest dashboards for executives", "recent advances in git branching", "SQL window functions in practice",
             "cool pandas talks"]
    alone = ["dashboards for executives", "git branching", "SQL window functions", "pandas"]
    found = [[(h.id, h.score) for h in hits] for hits in index.search(typed, 3)]
    assert found == [[(h.id, h.score) for h in hits] for hits in index.search(alone, 3)]


def test_a_qualifying_word_a_session_holds_with_the_subject_stays(tmp_path, fake_encoder):
    path = tmp_path / "chords.csv"
    path.write_text('title,abstract\nChromatic chords in theory and practice,"Borrowed chords in pop songs."\n'
                    'Chord recognition,"Chromatic chords from audio."\n'
                    'Drum practice apps,"Timing feedback for drummers."\n', encoding="utf-8")
    lexical = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None).words()
    assert lexical.as_searched("chromatic chords in practice") == "chromatic chords in practice"
    assert lexical.as_searched("chord recognition in practice") == "chord recognition"  # "practice" is a drum app's


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("what should I see about LLMs", "LLMs"),
        ("I'm interested in graph databases", "graph databases"),
        ("are there any talks on kubernetes?", "kubernetes"),
        ("can you recommend some good talks on music generation", "music generation"),
        ("where can I learn about dbt", "dbt"),
        ("I want to learn about causal inference", "causal inference"),
        ("please show me sessions on python", "python"),
        ("healthcare?", "healthcare"),
        ("Gibt es Vorträge über Datenschutz?", "Datenschutz"),
        ("Ich interessiere mich für Klimawandel", "Klimawandel"),
        ("zeig mir Vorträge zu Fahrrädern", "Fahrrädern"),
        ("is there a workshop on QGIS", "workshop on QGIS"),  # the kind asked for stays: asked_kinds reads it
        ("into the wild", "into the wild"),
        ("what should we actually do with large language models", "what should we actually do with large language models"),
    ],
)
def test_a_question_or_request_around_the_subject_is_not_read(index, typed, read):
    assert index.words().as_searched(typed) == read


def test_a_query_asking_for_its_subject_ranks_as_its_subject_alone(index):
    typed = ["what should I see about dashboards for executives?", "I'm interested in git branching", "show me talks about SQL window functions"]
    alone = ["dashboards for executives", "git branching", "SQL window functions"]
    assert [[(h.id, h.score) for h in hits] for hits in index.search(typed, 3)] == [[(h.id, h.score) for h in hits] for hits in index.search(alone, 3)]


def test_asking_words_a_title_holds_with_the_rest_stay(tmp_path, fake_encoder):
    path = tmp_path / "titles.csv"
    path.write_text('title,abstract\nShow me the data,"Charts that tell the truth about sales."\nSales forecasting,"Models of sales."\n', encoding="utf-8")
    lexical = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None).words()
    assert lexical.as_searched("Show me the data") == "Show me the data"
    assert lexical.as_searched("show me sales forecasting") == "sales forecasting"


def test_a_german_question_is_read_without_its_asking_where_the_agenda_writes_german(tmp_path, fake_encoder):
    path = tmp_path / "de.csv"
    path.write_text('title,abstract\nWie steht es um den Datenschutz,"Ein Rückblick auf das Jahr und die Datenschutz-Grundverordnung in der Praxis."\n'
                    'Löten für Anfänger,"Wir löten eine blinkende Platine und lernen, wie es geht."\n', encoding="utf-8")
    lexical = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None).words()
    # a title holds "es", the agenda's stop word, and "Datenschutz": the stop word names no title
    assert lexical.as_searched("Gibt es Vorträge über Datenschutz?") == "Datenschutz"
