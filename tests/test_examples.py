"""The page's example queries (helper.search.examples): the agenda's tracks when they read as words its sessions use,
else its keywords as a person types them; never a slot code. No model needed."""

from __future__ import annotations

import pandas as pd
import pytest

from helper.agenda import load_agenda
from helper.search.examples import Examples, example_queries
from helper.search.lexical import LexicalIndex
from helper.search.tokens import tag_text, words
from tests.conftest import SHARED

AGENDAS = SHARED / "data" / "agendas"


def agenda(rows: list[tuple[str, str, tuple[str, ...]]]) -> pd.DataFrame:
    return pd.DataFrame({"title": [r[0] for r in rows], "abstract": "", "track": [r[1] for r in rows], "tags": [r[2] for r in rows]})


def examples(sessions: pd.DataFrame):
    vocabulary = {w for title, tags in zip(sessions["title"], sessions["tags"]) for w in words(f"{title} {tag_text(tags)}")}
    return example_queries(sessions, vocabulary.__contains__)


def test_tracks_named_by_topic_are_offered_most_sessions_first():
    sessions = agenda([("Machine learning in production", "Machine Learning", ()), ("Models", "Machine Learning", ()), ("Data pipelines", "Data Engineering", ())])
    assert examples(sessions).source == "tracks"
    assert examples(sessions).queries == ("Machine Learning", "Data Engineering")


def test_the_row_offers_tracks_or_keywords_whichever_gives_more_tracks_on_a_tie():
    rows = [("Robotics for vision", "Robotics", ("robot", "vision")), ("Robotics hands", "Robotics", ("robot", "vision")), ("Language parsing", "Language", ("parsing", "nlp")), ("Language trees", "Language", ("parsing", "nlp"))]
    assert examples(agenda(rows)).source == "keywords"  # 2 tracks, 4 keywords
    rows = [(t, tr, tags[:1]) for t, tr, tags in rows]
    assert examples(agenda(rows)) == Examples("tracks", ("Robotics", "Language"))  # 2 and 2


@pytest.mark.parametrize("slots", [("1", "2"), ("1a", "2b"), ("Session 3B|Session 3D", "Session 1A"), ("sigdialpostersession2", "virtualpostersession")])
def test_tracks_named_by_slot_give_way_to_the_keywords(slots):
    sessions = agenda([("Seeing at night", slots[0], ("computerVision", "robotics")), ("Robot hands", slots[1], ("robotics",)), ("Parsing", slots[1], ("nlp",))])
    found = examples(sessions)
    # a keyword held by one session only is not an example; an identifier is spelled as a person types it
    assert found.source == "keywords" and found.queries == ("robotics",)
    sessions.loc[1, "tags"] = ("computerVision", "robotics")
    assert set(examples(sessions).queries) == {"robotics", "computer vision"}


def test_nothing_that_reads_as_a_query_gives_no_examples():
    sessions = agenda([("Opening", "1", ("Talk",)), ("Closing", "2", ("Talk",))])  # "talk" is no topic (a stop word)
    found = examples(sessions)
    assert found.queries == () and found.source == ""


@pytest.mark.parametrize(
    "name, source, some",
    [
        ("foss4g2022/schedule.json", "tracks", {"Open Data", "Education"}),
        ("38c3/schedule-38c3-20251206.xml", "tracks", {"Security", "Science"}),
        ("eeml2020", "keywords", {"computer vision", "reinforcement learning"}),  # tracks "1a", "2b"
        ("colt2020", "keywords", {"Online learning", "Convex optimization"}),  # tracks "Session 3B|Session 3D"
        ("ismir2023", "", set()),  # tracks "1" to "7", no keywords column
        ("vis2018", "keywords", {"visual analytics"}),  # three tracks, its venues
    ],
)
def test_real_exports_offer_topics_not_slots(name, source, some):
    if not AGENDAS.exists():
        pytest.skip("../shared/data/agendas is absent (a user's clone): skipped")
    sessions = load_agenda(AGENDAS / name).sessions
    found = example_queries(sessions, LexicalIndex(sessions).vocabulary.__contains__)
    assert found.source == source and some <= set(found.queries)
    assert not [q for q in found.queries if not [w for w in words(q) if w.isalpha() and len(w) > 2]]  # no bare codes


def test_the_kiosk_hint_and_the_placeholder_name_this_agendas_own_examples():
    from helper.web.layout import search_hints

    hint, placeholder = search_hints(Examples("tracks", ("Ethics, Society & Politics", "Security", "Art & Beauty", "Science")))
    assert "Security" in hint and "Art &#38; Beauty" in hint and "Science" not in hint  # three, escaped for Markdown
    assert "Tableau" not in hint + placeholder and placeholder == "e.g. Ethics, Society & Politics, Security, a speaker's name"
    hint, placeholder = search_hints(Examples("", ()))
    assert "for example" not in hint and "Tableau" not in placeholder
