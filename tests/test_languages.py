"""The language a session is held in (frab/pretalx ``<language>``, a CSV "Language" column): read from the export,
offered as the Language filter where the agenda holds two or more, read from the query ("security talks in English",
"Vorträge auf Deutsch"), shown on the card. No model needed (the fake encoder)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helper.agenda import load_agenda
from helper.agenda.languages import language_codes
from helper.search.filters import Choice, Columns, agenda_options
from helper.search.index import SearchIndex
from helper.search.language_words import named_language
from helper.web import handlers, links, render
from helper.web.layout import shown
from helper.search.filters import BY_NAME
from tests.conftest import SAMPLE, SHARED

BEFORE = datetime(2024, 12, 1, tzinfo=timezone.utc)
EVENT = """<event guid="g{n}"><date>2024-12-27T{hour}:00:00+01:00</date><duration>00:40</duration><room>Saal 1</room>
<title>{title}</title><abstract>{abstract}</abstract><language>{language}</language><persons/></event>"""
TALKS = [
    ("Security of smart meters", "How smart meters are attacked and defended.", "en"),
    ("Sicherheit von Stromzählern", "Wie Stromzähler angegriffen werden: security im Keller.", "de"),
    ("Security for everyone", "Security basics, held in German with an English translation.", "de, en"),
    ("Gardening with robots", "Robots that water plants.", "en"),
]


@pytest.fixture
def bilingual(tmp_path, fake_encoder) -> SearchIndex:
    events = "".join(EVENT.format(n=n, hour=10 + n, title=t, abstract=a, language=lg) for n, (t, a, lg) in enumerate(TALKS))
    path = tmp_path / "schedule.xml"
    path.write_text("<?xml version='1.0' encoding='UTF-8'?><schedule><conference><title>T</title><time_zone_name>Europe/Berlin"
                    f"</time_zone_name></conference><day date='2024-12-27' index='1'><room name='Saal 1'>{events}</room></day></schedule>", "utf-8")
    return SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)


@pytest.mark.parametrize(
    "written, codes",
    [("de, en", ("de", "en")), ("en", ("en",)), ("English", ("en",)), ("en-US", ("en",)), ("Deutsch und Englisch", ("de", "en")),
     ("deu", ("de",)), ("", ()), ("Klingon", ("klingon",))],
)
def test_a_language_is_read_as_its_code_however_the_export_writes_it(written, codes):
    assert language_codes(written) == codes


def test_the_language_filter_keeps_the_sessions_held_in_it_bilingual_ones_too(bilingual):
    titles = bilingual.sessions["title"].to_numpy()
    english = Choice(language="en").mask(bilingual.columns, BEFORE)
    assert set(titles[english]) == {"Security of smart meters", "Security for everyone", "Gardening with robots"}
    assert agenda_options(bilingual.columns)["language"] == [("Any language", ""), ("English", "en"), ("German", "de")]
    assert shown(BY_NAME["language"], agenda_options(bilingual.columns))


def test_an_agenda_in_one_language_or_none_shows_no_language_filter_nor_language_on_cards(tmp_path, fake_encoder):
    sample = SearchIndex.build(load_agenda(SAMPLE), fake_encoder, tmp_path)
    assert not shown(BY_NAME["language"], sample.filter_options) and sample.languages == []
    one = tmp_path / "one.csv"
    one.write_text("title,abstract,language\nA talk,About graphs.,English\nB talk,About trees.,en\n", "utf-8")
    index = SearchIndex.build(load_agenda(one), fake_encoder, cache_dir=None)
    assert index.languages == ["en"] and not shown(BY_NAME["language"], index.filter_options)
    assert index.search_one("graphs", k=1)[0].languages == ()  # "English" on every card would say nothing


@pytest.mark.parametrize(
    "query, code, rest",
    [
        ("security talks in English", "en", "security talks"),
        ("Vorträge auf Deutsch über Überwachung", "de", "Vorträge über Überwachung"),
        ("English talks about elections", "en", "talks about elections"),
        ("deutschsprachige Workshops zu Hardware", "de", "Workshops zu Hardware"),
        ("German-language talks on privacy", "de", "talks on privacy"),
        ("English talks about Germany", "en", "talks about Germany"),
    ],
)
def test_a_language_the_query_asks_for_is_read(query, code, rest):
    named = named_language(query, ["de", "en"])
    assert named is not None and (named.code, named.query) == (code, rest)


@pytest.mark.parametrize(
    "query",
    ["teaching English grammar", "in English", "talks in English or German", "elections in Germany", "talks in French", "German history"],
)
def test_no_language_is_read_where_the_query_does_not_ask_for_one_the_agenda_has(query):
    assert named_language(query, ["de", "en"]) is None


def test_the_page_the_api_and_the_cli_keep_to_the_language_the_query_names(bilingual):
    found = handlers.search(bilingual, "security talks in English", Choice(), BEFORE)
    assert found.hits and all("en" in h.languages for h in found.hits)
    assert any("Sessions in English only" in n for n in found.notes)
    assert "German, English" in render.card(next(h for h in found.hits if h.title == "Security for everyone"))
    # the premise: as words, "English" finds the German talk whose abstract says it is translated into English
    plain = bilingual.search_one("security talks in English", k=3)
    assert any("en" not in h.languages for h in plain)
    api = handlers.api_search(bilingual, "security talks in English", 3, BEFORE)
    assert api and all("en" in r["languages"] for r in api)
    assert handlers.public_reading(bilingual, "Vorträge auf Deutsch über Sicherheit", BEFORE).language == "de"


def test_a_language_the_agenda_gives_no_session_in_is_read_away_and_said(bilingual):
    found = handlers.search(bilingual, "security talks in French", Choice(), BEFORE)
    assert found.query == "security talks" and found.hits
    assert any("No session of this agenda is given in French (“in French”): its sessions are in German and English." == n for n in found.notes)
    # the language filter is not set: the rest of the query is answered in the languages the agenda has
    assert {"de", "en"} <= {code for h in found.hits for code in h.languages}
    assert handlers.search(bilingual, "security talks in English", Choice(), BEFORE).query == "security talks"  # one it has: the filter


def test_an_agenda_that_says_no_languages_reads_no_language_away(tmp_path, fake_encoder):
    sample = SearchIndex.build(load_agenda(SAMPLE), fake_encoder, tmp_path)
    found = handlers.search(sample, "healthcare talks in French", Choice(), BEFORE)
    assert found.query == "healthcare talks in French" and not any("French" in n for n in found.notes)


def test_a_link_keeps_to_its_language(bilingual):
    link = handlers.open_link(bilingual, {"q": "security", "lang": "de"}, BEFORE)
    assert link.results.hits and all("de" in h.languages for h in link.results.hits)
    assert links.from_params({"q": "security", "lang": "de"})[1].language == "de"


def test_the_cli_says_which_language_it_read(tmp_path):
    from tests.test_cli import run

    path = tmp_path / "talks.csv"
    path.write_text("title,abstract,language\nSecurity of meters,Attacks on meters.,en\nSicherheit,Angriffe auf Zähler.,de\n", "utf-8")
    code, out = run(["search", "--agenda", str(path), "--json", "meter security in English"])
    line = json.loads(out.strip().splitlines()[-1])
    assert code == 0 and line["language"] == "en" and [r["title"] for r in line["results"]] == ["Security of meters"]
    assert line["results"][0]["languages"] == ["en"]


def test_38c3_gives_each_talk_its_languages():
    export = SHARED / "data" / "agendas" / "38c3" / "schedule-38c3-20251206.xml"
    if not export.exists():
        pytest.skip("../shared/data/agendas is absent (a user's clone): skipped")
    languages = load_agenda(export).sessions["languages"]
    assert (languages == ("de",)).sum() == 460 and (languages == ("en",)).sum() == 329
    assert sum("en" in codes and "de" in codes for codes in languages) == 174
    assert Path(export).exists() and Columns(load_agenda(export).sessions).holds("languages", "en").sum() == 503


def test_check_says_which_languages_the_export_gives(bilingual, tmp_path):
    from tests.test_cli import run

    export = SHARED / "data" / "agendas" / "38c3" / "schedule-38c3-20251206.xml"
    if not export.exists():
        pytest.skip("../shared/data/agendas is absent (a user's clone): skipped")
    code, out = run(["check", "--agenda", str(export)])
    assert code == 0 and "language: German 634, English 503; 44 session(s) say none" in out
