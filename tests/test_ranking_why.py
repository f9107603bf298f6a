"""Why a card matched, and the "nothing close" message (fake encoder, no torch)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from datetime import datetime, timezone

from helper.agenda import load_agenda
from helper.search.explain import Why, sentences
from helper.search.filters import Choice
from helper.search.index import SearchIndex
from helper.web import handlers, render

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)

PAPERS = """UID,title,authors,abstract,keywords
P1,Serving models in production,Grzegorz Chrupała,"We start with a short history of notebooks in research teams. Then we put a trained model behind a FastAPI endpoint with Docker. Finally we discuss costs.",deployment
P2,Scraping dynamic websites,Ana <b>Kowalski</b>,"Browser automation with Selenium for pages that load their content with javascript.",scraping|selenium
P3,Dashboards for hospital managers,Maria Rossi,"Designing dashboards that hospital managers read every week. We compare Tableau and Power BI.",dashboards
"""


@pytest.fixture
def index(tmp_path, fake_encoder) -> SearchIndex:
    path = tmp_path / "papers.csv"
    path.write_text(PAPERS, encoding="utf-8")
    return SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)


def test_the_abstract_sentence_closest_to_the_query_is_chosen(index):
    hit = index.search_one("FastAPI endpoint Docker", k=1, explain=True)[0]
    assert hit.why.sentence == "Then we put a trained model behind a FastAPI endpoint with Docker."
    assert index.search_one("FastAPI endpoint Docker", k=1)[0].why.sentence == "", "sentences only when asked to explain"


def test_the_named_speaker_and_the_matched_words_are_reported(index):
    assert index.search_one("Chrupala", k=1)[0].why.name == "Grzegorz Chrupała"
    assert index.search_one("Selenium", k=1)[0].why.words == ("selenium",)
    others = index.search_one("Selenium", k=3)[1:]  # hold no rare word of the query: nothing to report
    assert [h.why for h in others] == [Why(), Why()]


def test_a_session_lifted_by_its_own_keyword_says_so(index):
    hit = index.search_one("Selenium", k=1)[0]
    assert hit.why.tags == ("selenium",) and hit.why.parts()[0] == ("Tagged", "selenium")
    assert [label for label, _ in hit.why.parts()].count("Mentions") == 0  # the keyword already says it
    # a word only the abstract holds is a mention, not a tag
    fastapi = index.search_one("FastAPI", k=1)[0]
    assert fastapi.why.words == ("fastapi",) and fastapi.why.tags == () and fastapi.why.parts()[0] == ("Mentions", "fastapi")


def test_a_keyword_written_as_an_identifier_is_shown_as_a_person_types_it():
    why = Why(words=("computer", "vision", "night"), tags=("computer vision",))
    assert why.parts() == [("Tagged", "computer vision"), ("Mentions", "night")]  # the tag already says the other two


def test_a_one_sentence_abstract_needs_no_highlight():
    assert sentences("Only one sentence here, and a long one at that.") == ["Only one sentence here, and a long one at that."]


def test_why_text_is_escaped_like_all_agenda_text(index):
    hit = index.search_one("Kowalski", k=1)[0]
    view = render.card(hit, Why(sentence="<script>x</script>", name="Ana <b>Kowalski</b>"))
    assert "<script>" not in view and "<b>" not in view
    assert "<mark>" in view


def test_nothing_close_is_said_when_even_the_best_session_is_far(index):
    found = handlers.search(index, "gluten-free sourdough baking", Choice(), NOW)
    assert found.nothing_close and len(found.hits) == 3  # the nearest sessions are still shown
    head, cards = render.results(found)
    assert "Nothing close to" in head and "nearest sessions:" in head
    assert all("weak match · " in card for card in cards)  # never "partial match" under "nothing close"
    between = replace(found.hits[0], score=0.35)  # a score a held query calls partial
    assert "partial match" in render.card(between) and "weak match" in render.card(between, far=True)


def test_a_real_match_is_not_called_far(index):
    found = handlers.search(index, "Selenium", Choice(), NOW)
    assert not found.nothing_close
    head, cards = render.results(found)
    assert "Nothing close" not in head and "Tagged <mark>selenium</mark>" in cards[0]


def test_more_like_this_lists_the_nearest_other_sessions(index):
    first = index.sessions["id"].iloc[0]
    near = index.more_like_this(first)
    assert len(near) == 2 and first not in [h.id for h in near]  # three sessions: the other two
    expected = sorted((float(index.embeddings[0] @ index.embeddings[j]), j) for j in (1, 2))[::-1]
    assert [h.id for h in near] == [index.sessions["id"].iloc[j] for _, j in expected]


def test_each_card_offers_more_like_this(index):
    found = handlers.search(index, "Selenium", Choice(), NOW)
    assert found.hits and [len(near) for near in found.similar] == [2] * len(found.hits)
    assert all("More like this" in card for card in render.results(found)[1])


def test_a_name_query_highlights_no_abstract_sentence(index):
    assert index.search_one("Chrupala", k=1, explain=True)[0].why.sentence == ""


def test_page_and_cli_share_the_why_wording():
    from helper.web.render import why_lines

    why = Why(sentence="Then we <b>deploy</b>.", name="Ana", words=("fastapi", "docker"))
    assert why.parts() == [("Matches the name", "Ana"), ("Mentions", "fastapi, docker"), ("Closest to your query:", "Then we <b>deploy</b>.")]
    html = why_lines(why)
    assert html.startswith('<p class="hc-why">Matches the name <mark>Ana</mark></p><p class="hc-why">Mentions <mark>fastapi, docker</mark></p>')
    assert '<p class="hc-why hc-why-sentence">Closest to your query: <mark>' in html and "<b>" not in html
    assert why.to_dict() == {"name": "Ana", "words": ["fastapi", "docker"], "tags": [], "track": "",
                             "sentence": "Then we <b>deploy</b>.", "level": ""}
    assert Why().parts() == [] and why_lines(Why()) == ""
