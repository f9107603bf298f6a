"""The fusion rules of the hybrid ranking (helper.search.ranking), with the hashing fake encoder: no torch."""

from __future__ import annotations

import re

import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.search.lexical import query_terms, words
from helper.search.ranking import (
    MENTION_NEAR, NOTHING_CLOSE, NOTHING_CLOSE_UNHELD, RARE_FLOOR, Signals, answer_floor, combine, far_from_query, fillers, fuse, signals,
    worth_planning,
)

PAPERS = """UID,title,authors,abstract,keywords
P1,Grounded word learning from child-directed speech,Grzegorz Chrupała|Lieke Gelderloos,"Models that learn words from speech paired with images of scenes.",speech|grounding
P2,Visually grounded speech models revisited,Grzegorz Chrupała,"We revisit models that learn spoken language from images.",speech|vision
P3,Data pipelines for small teams,Ana Kowalski|Data Science Institute,"Building data pipelines and data quality checks with open source data tools.",data engineering
P4,Scraping dynamic websites with Selenium,Jón Sigurðardóttir,"Browser automation for pages that load content with javascript.",scraping|selenium
P5,Dashboards for hospital managers,Maria Rossi,"Designing data dashboards that hospital managers read every week.",dashboards|healthcare
P6,Forecasting demand after a shock,Tom Baker,"Time series methods when past data no longer predicts the future.",forecasting
"""


@pytest.fixture
def index(tmp_path, fake_encoder) -> SearchIndex:
    path = tmp_path / "papers.csv"
    path.write_text(PAPERS, encoding="utf-8")
    return SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)


def titles(hits) -> list[str]:
    return [h.title for h in hits]


def test_a_surname_typed_without_accents_ranks_that_speakers_sessions_first(index):
    top = titles(index.search_one("Chrupala", k=2))
    assert sorted(top) == ["Grounded word learning from child-directed speech", "Visually grounded speech models revisited"]


def test_a_full_name_beats_a_shared_surname_or_first_name(index):
    assert titles(index.search_one("Lieke Gelderloos", k=1)) == ["Grounded word learning from child-directed speech"]


def test_letters_that_unicode_does_not_decompose_still_match_names(index):
    assert words("Sigurðardóttir Þór Æsa") == ["sigurdardottir", "thor", "aesa"]
    assert titles(index.search_one("Sigurdardottir", k=1)) == ["Scraping dynamic websites with Selenium"]


def test_a_topic_word_inside_an_organisation_name_is_not_a_name_match(index):
    signals, _vectors = index.signals(["data"])
    assert not signals.name.any()  # "data" fills titles and abstracts: the Data Science Institute is not named by it


def test_a_name_match_outranks_a_better_topical_match(index):
    # "speech" makes the speech papers closer for the dense model; the name must still win
    assert titles(index.search_one("speech Maria Rossi", k=1)) == ["Dashboards for hospital managers"]


def test_a_paraphrase_that_no_session_mostly_holds_ranks_exactly_as_dense_does(index):
    query = "which numbers should the people running a clinic look at each week, and how do we show them"
    signals, _vectors = index.signals([query])
    assert signals.rare.max() <= RARE_FLOOR  # the premise: no session holds most of the rare-word weight
    dense_order = np.argsort(-signals.dense[0], kind="stable")
    hybrid_order = np.argsort(-combine(signals, "hybrid")[0], kind="stable")
    assert list(hybrid_order) == list(dense_order)
    np.testing.assert_allclose(combine(signals, "hybrid")[0], np.clip(signals.dense[0], 0, 1), rtol=1e-6)


def _signals(dense, rare=None, name=None, bm25=None, tagged=None) -> Signals:
    dense = np.asarray([dense], dtype=np.float32)
    zeros = np.zeros_like(dense)
    as_row = lambda v: zeros if v is None else np.asarray([v], dtype=np.float32)  # noqa: E731
    return Signals(dense, as_row(bm25), as_row(rare), as_row(name), as_row(tagged), [[]])


def test_a_session_holding_all_rare_words_is_lifted_above_a_closer_dense_match():
    scores = fuse(_signals(dense=[0.50, 0.30], rare=[0.0, 1.0], bm25=[0.0, 4.0]))
    assert scores[0, 1] > scores[0, 0]


def test_among_sessions_holding_the_words_bm25_orders_them():
    scores = fuse(_signals(dense=[0.40, 0.40], rare=[1.0, 1.0], bm25=[2.0, 5.0]))
    assert scores[0, 1] > scores[0, 0]


def test_no_boost_leaves_the_cosine_and_scores_stay_below_one():
    dense = [0.9, 0.2, -0.1]
    plain = fuse(_signals(dense=dense))
    np.testing.assert_allclose(plain[0], [0.9, 0.2, 0.0], rtol=1e-6)
    boosted = fuse(_signals(dense=dense, rare=[1, 1, 1], name=[1, 1, 1], bm25=[3, 3, 3]))
    assert (boosted <= 1.0).all() and (boosted >= plain).all()


def test_each_single_method_can_still_be_run(index):
    query = "Selenium"
    for method in ("dense", "bm25", "hybrid"):
        assert index.scores([query], method=method).shape == (1, len(index.sessions))
    index.method = "bm25"
    assert titles(index.search_one(query, k=1)) == ["Scraping dynamic websites with Selenium"]
    with pytest.raises(ValueError, match="unknown ranking method"):
        index.scores([query], method="magic")


def test_query_terms_drop_stop_words_joined_numbers_and_repeats():
    assert query_terms("a talk about the COVID-19 covid pandemic") == ["covid", "pandemic"]
    assert query_terms("GPT-4 and log4j") == ["gpt", "log4j"]  # a number joined to its word is part of that word's name
    assert query_terms("Kidspace 2.1 (Day 1 13:00)") == ["kidspace", "2", "1", "day", "13", "00"]  # typed on their own
    # every session of an academic agenda is a paper, as every one of a meetup is a talk: "papers on" says nothing
    assert query_terms("papers on misinformation") == query_terms("misinformation papers") == ["misinformation"]


def test_a_one_session_agenda_without_abstract_speakers_or_tags_still_searches(tmp_path, fake_encoder):
    path = tmp_path / "one.csv"
    path.write_text("UID,title,authors,abstract,keywords\nP1,Opening remarks,,,\n", encoding="utf-8")
    index = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)
    assert titles(index.search_one("opening", k=3)) == ["Opening remarks"]
    assert titles(index.search_one("Chrupala", k=3)) == ["Opening remarks"]
    assert index.more_like_this(index.sessions["id"].iloc[0]) == []


def test_queries_of_only_stop_words_or_symbols_fall_back_to_dense(index):
    for query in ("the and of", "???", "19"):
        signals, _vectors = index.signals([query])
        assert not signals.rare.any() and not signals.bm25.any()
        np.testing.assert_allclose(combine(signals, "hybrid"), np.clip(signals.dense, 0, 1), rtol=1e-6)


def test_a_session_tagged_with_the_query_outranks_one_that_mentions_it_in_passing():
    # the Mini-Conf "differential privacy" case: both hold every rare word, the passing mention is closer for
    # the dense model and BM25 barely separates them; the tagged paper must still come first
    row = dict(dense=[0.484, 0.337], rare=[1.0, 1.0], bm25=[3.81, 4.53])
    untagged = fuse(_signals(**row))
    assert untagged[0, 0] > untagged[0, 1]  # the premise: text evidence alone keeps the passing mention first
    signals = _signals(**row)
    signals.tagged = np.asarray([[0.0, 1.0]], dtype=np.float32)
    tagged = fuse(signals)
    assert tagged[0, 1] > tagged[0, 0]
    assert (tagged <= 1.0).all()


def test_tags_holding_half_the_rare_weight_or_less_add_nothing():
    signals = _signals(dense=[0.4, 0.4], rare=[0.5, 0.5], bm25=[1.0, 1.0])
    signals.tagged = np.asarray([[RARE_FLOOR, 0.0]], dtype=np.float32)
    np.testing.assert_allclose(fuse(signals), [[0.4, 0.4]], rtol=1e-6)


TAGGED = """UID,title,authors,abstract,keywords
P1,Gradient attacks on federated updates,Ana Kowalski,"Attacks reconstruct text from federated updates. Differential privacy stops the attack only at heavy noise; differential privacy budgets matter.",federated learning|attacks
P2,Synthetic tables with diffusion,Tom Baker,"We train a diffusion model on census tables with a small privacy budget.",tabular data|differential privacy
P3,Forecasting demand after a shock,Maria Rossi,"Time series methods when past data no longer predicts the future.",forecasting
"""


def test_the_tag_rule_reorders_a_real_index_and_only_it(tmp_path, fake_encoder, monkeypatch):
    path = tmp_path / "tagged.csv"
    path.write_text(TAGGED, encoding="utf-8")
    index = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)
    signals, _vectors = index.signals(["differential privacy"])
    assert list(signals.tagged[0]) == [0.0, 1.0, 0.0]
    assert signals.rare[0, 0] == signals.rare[0, 1] == 1.0 and signals.dense[0, 0] > signals.dense[0, 1]
    assert titles(index.search_one("differential privacy", k=1)) == ["Synthetic tables with diffusion"]
    monkeypatch.setattr("helper.search.ranking.TAG_WEIGHT", 0.0)
    assert titles(index.search_one("differential privacy", k=1)) == ["Gradient attacks on federated updates"]


# 38C3's youth forum types its talks "YOC - Alles, was in einem Forum stattfinden soll (Lightning Talks, Quizze..)": the
# bracket gives examples of what the forum holds, so the tag does not say that each of them is a lightning talk
BRACKETED = """UID,title,authors,abstract,keywords
P1,Lightning talks,Ana Kowalski,"Five minutes each: bring your project and show it.",talk
P2,Our youth club in one quarter of an hour,Tom Baker,"What we do and how to join us.","youth forum (lightning talks, quizzes)"
P3,Forecasting demand after a shock,Maria Rossi,"Time series methods when past data no longer predicts the future.",forecasting
"""


def test_words_a_tag_gives_in_brackets_are_held_but_do_not_declare_the_topic(tmp_path, fake_encoder):
    path = tmp_path / "bracketed.csv"
    path.write_text(BRACKETED, encoding="utf-8")
    index = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)
    assert index.sessions["tags"][1] == ("youth forum (lightning talks, quizzes)",)
    signals, _vectors = index.signals(["lightning talks"])
    assert signals.rare[0, 1] == 1.0  # a tag's words are still the session's own: held firmly
    assert signals.tagged[0, 1] == 0.0 and signals.tagged[0, 0] == 0.0
    assert titles(index.search_one("lightning talks", k=1)) == ["Lightning talks"]
    assert index.signals(["youth forum"])[0].tagged[0, 1] == 1.0  # outside the bracket: declared


# The issue-12 case: "parsing and tagging for low-resource languages" lifted a language-model paper whose abstract
# lists parsing and tagging among its downstream tasks above the paper whose subject it is. Here every word of the
# query is one a dozen sessions use in passing, so the abstract that merely lists them holds them loosely.
FILLER = "\n".join(
    f'F{i},{topic},Ana Ruiz,"We study {topic.lower()}; parsing, tagging and other tasks across languages, with low resource budgets, follow."'
    for i, topic in enumerate(["Speech recognition at scale", "Question answering over tables", "Summarising meetings", "Machine translation of subtitles",
                               "Coreference in novels", "Sentiment in product reviews", "Entity linking for news", "Spelling correction",
                               "Dialogue state tracking", "Text simplification"])
)
PASSING = f"""UID,title,authors,abstract
P1,Dependency parsing for low-resource languages,Maria Rossi,"We transfer parsers from languages with treebanks to languages without them, with little annotated data."
P2,A large language model for everything,Tom Baker,"We pretrain one model and evaluate it on parsing, tagging, question answering and more, across languages, including low-resource ones."
{FILLER}
"""


def _passing_index(tmp_path, fake_encoder) -> SearchIndex:
    path = tmp_path / "passing.csv"
    path.write_text(PASSING, encoding="utf-8")
    return SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)


def test_a_passing_mention_does_not_outrank_a_session_about_the_topic(tmp_path, fake_encoder, monkeypatch):
    query = "parsing and tagging for low-resource languages"
    index = _passing_index(tmp_path, fake_encoder)
    signals, _ = index.signals([query])
    rows = {t: r for r, t in enumerate(index.sessions["title"])}
    about, passing = rows["Dependency parsing for low-resource languages"], rows["A large language model for everything"]
    assert signals.rare[0, about] > RARE_FLOOR >= signals.rare[0, passing]
    assert titles(index.search_one(query, k=1)) == ["Dependency parsing for low-resource languages"]
    # the premise: counting every abstract word fully (the rule off) lifts the passing mention first
    monkeypatch.setattr("helper.search.lexical.PASSING_MENTION_SESSIONS", 10**9)
    before = _passing_index(tmp_path, fake_encoder)
    assert titles(before.search_one(query, k=1)) == ["A large language model for everything"]


LUNCH = """title,abstract
Manipulating text with PostgreSQL,"Collations, full-text search and regular expressions. None of it has anything to do with your lunch."
Lunch,
Spatial indexes in practice,"How R-trees and GiST indexes answer map queries quickly."
"""


def test_a_word_held_only_in_an_abstract_the_model_puts_nowhere_near_the_query_lifts_nothing(tmp_path):
    from helper.search.lexical import LexicalIndex

    path = tmp_path / "lunch.csv"
    path.write_text(LUNCH, encoding="utf-8")
    lexical = LexicalIndex(load_agenda(path).sessions)
    mention, title = 0, 1
    # the cosine of each session to "lunch": the mention far (0), near (MENTION_NEAR), half way; the title far too
    for cosine, share in ((0.0, 0.0), (MENTION_NEAR, 1.0), (MENTION_NEAR / 2, 0.5)):
        found = signals(lexical, np.array([[cosine, 0.0, 0.0]], dtype=np.float32), ["lunch"])
        assert found.rare[0, mention] == pytest.approx(share)  # one session uses the word: held in full, by the cosine
        assert found.rare[0, title] == 1.0  # a title says what the session is about, whatever the cosine
    far = signals(lexical, np.zeros((1, 3), dtype=np.float32), ["lunch"])
    assert fuse(far)[0, mention] == 0.0 and fuse(far)[0, title] > NOTHING_CLOSE
    assert lexical.rare_coverages([["lunch"]])[0, mention] == 1.0  # the premise: without the cosine the mention holds it


def test_a_word_held_only_in_an_abstract_counts_by_the_models_cosine_between_the_word_alone_and_the_session(tmp_path):
    from helper.search.lexical import LexicalIndex
    from helper.search.ranking import WORD_NEAR, word_nearness

    path = tmp_path / "lunch.csv"
    path.write_text(LUNCH, encoding="utf-8")
    lexical = LexicalIndex(load_agenda(path).sessions)
    mention, title = 0, 1
    near = np.ones((1, 3), dtype=np.float32)  # the model puts every session near the query: only the word's cosine decides
    assert lexical.abstract_words([["lunch", "indexes", "unheard"], ["queries"]]) == ["lunch", "queries"]  # "indexes": a title word
    for cosine, share in ((0.0, 0.0), (-0.2, 0.0), (WORD_NEAR, 1.0), (WORD_NEAR / 2, 0.5)):
        asked = []
        word_near = lambda words: asked.extend(words) or np.full((len(words), 3), cosine / WORD_NEAR).clip(0, 1)  # noqa: E731
        found = signals(lexical, near, ["lunch"], word_near=word_near)
        assert asked == ["lunch"] and found.rare[0, mention] == pytest.approx(share)
        assert found.rare[0, title] == 1.0  # the title's word counts whatever the word's cosine
    # word_nearness reads the cosines: a word vector orthogonal to a session counts nothing there, one close counts fully
    sessions = np.eye(3, dtype=np.float32)
    word = np.array([[0.0, 0.6, 0.8]], dtype=np.float32)
    np.testing.assert_allclose(word_nearness(sessions, word), [[0.0, 1.0, 1.0]])
    assert word_nearness(sessions, np.zeros((0, 3), np.float32)).shape == (0, 3)


def test_a_why_line_names_only_the_abstract_words_that_counted(tmp_path):
    from helper.search.explain import lexical_why
    from helper.search.lexical import LexicalIndex
    from helper.search.ranking import mention_counted

    path = tmp_path / "lunch.csv"
    path.write_text(LUNCH, encoding="utf-8")
    lexical = LexicalIndex(load_agenda(path).sessions)
    query, spatial = "spatial queries quickly", 2  # "Spatial indexes in practice": "spatial" in its title, the rest in its abstract
    found = signals(lexical, np.full((1, 3), 0.5, dtype=np.float32), [query])
    assert found.rare[0, spatial] > 0.5
    assert lexical_why(lexical, found, 0, query, spatial).words == ("spatial", "queries", "quickly")
    # "quickly" read alone nowhere near the session: it did not count, and is not named; a title's word always is
    assert lexical_why(lexical, found, 0, query, spatial, mentioned=lambda t: t != "quickly").words == ("spatial", "queries")
    assert lexical_why(lexical, found, 0, query, spatial, mentioned=lambda t: False).words == ("spatial",)
    # counted: the session somewhere near the query and the word somewhere near the session
    assert mention_counted(0.3, 0.2) and not mention_counted(0.3, 0.0) and not mention_counted(-0.1, 0.2)


def test_the_words_are_read_alone_only_for_a_query_that_lifts_a_session_and_only_once(tmp_path, fake_encoder, monkeypatch):
    path = tmp_path / "lunch.csv"
    path.write_text(LUNCH, encoding="utf-8")
    index = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)
    before = len(fake_encoder.texts)
    index.signals(["how to cook pasta"])  # no session holds a word of it: the query's own model run, nothing more
    assert fake_encoder.texts[before:] == [["how to cook pasta"]]
    index.signals(["map queries quickly"])  # held only in an abstract, by one session: the words are read alone
    assert fake_encoder.texts[before + 1 :] == [["map queries quickly"], ["map", "queries", "quickly"]]
    index.signals(["quickly queries"])  # read before: kept
    assert fake_encoder.texts[before + 3 :] == [["quickly queries"]]
    monkeypatch.setattr("helper.search.index.WORDS_KEPT", 2)  # more than that: the kept words are let go
    np.testing.assert_array_equal(index.words_alone(["spatial", "queries"]), fake_encoder.encode(["spatial", "queries"]))
    assert list(index._words_read) == ["spatial"] and fake_encoder.texts[-2] == ["spatial"]  # "queries" was still kept to answer


NUMBERS = """title,abstract,keywords
Opening keynote: open data at city scale,"Why cities publish their maps.",keynote|open data
Tiling vector maps,"Serving vector tiles from object storage.",tiles
Routing with open data,"Shortest paths on street graphs.",routing
"""


def test_a_word_typed_in_the_other_number_is_read_as_the_agenda_writes_it(tmp_path, fake_encoder, monkeypatch):
    from helper.search.lexical import LexicalIndex

    path = tmp_path / "numbers.csv"
    path.write_text(NUMBERS, encoding="utf-8")
    index = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)
    lexical = index.words()
    assert lexical.terms("keynotes on routing") == ["keynote", "routing"]  # "routing" is the agenda's own word: as typed
    assert lexical.terms("tile servers") == ["tiles", "servers"]  # both ways; no form of "servers" is the agenda's: as typed
    signals, _ = index.signals(["tile"])
    assert signals.rare[0, 1] == 1.0 and signals.tagged[0, 1] == 1.0
    assert titles(index.search_one("tile", k=1)) == ["Tiling vector maps"]
    # the premise: read as typed, "tile" is a word nobody holds ("keynotes" is a kind of session: read in the agenda's
    # number by that rule too, helper.search.session_kinds)
    monkeypatch.setattr(LexicalIndex, "_in_agenda_number", lambda self, word: word)
    assert index.signals(["tile"])[0].rare.max() == 0.0


def test_a_word_few_sessions_use_counts_fully_even_in_passing(tmp_path, fake_encoder):
    # "treebanks" is in one abstract only: a one-word query for it is held in full, as "Selenium" was
    index = _passing_index(tmp_path, fake_encoder)
    signals, _ = index.signals(["treebanks"])
    assert signals.rare[0].max() == 1.0
    assert titles(index.search_one("treebanks", k=1)) == ["Dependency parsing for low-resource languages"]


def test_a_name_still_wins_over_the_session_about_the_topic(tmp_path, fake_encoder):
    index = _passing_index(tmp_path, fake_encoder)
    assert titles(index.search_one("parsing low-resource languages Tom Baker", k=1)) == ["A large language model for everything"]


def test_only_the_session_the_words_lifted_says_it_mentions_them(tmp_path, fake_encoder):
    index = _passing_index(tmp_path, fake_encoder)
    hits = {h.title: h.why.words for h in index.search_one("parsing and tagging for low-resource languages", k=len(index.sessions))}
    assert hits["Dependency parsing for low-resource languages"] == ("parsing", "low", "resource", "languages")
    assert hits["A large language model for everything"] == ()  # it holds every word, but loosely: it was not lifted


def test_far_places_under_a_lifted_close_hit_are_fillers_and_nothing_else_is():
    far, close = NOTHING_CLOSE - 0.01, NOTHING_CLOSE
    assert fillers([0.9, far, 0.1], [True, False, False]) == [False, True, True]
    assert fillers([0.9, far, far], [True, True, False]) == [False, False, True]  # lifted too: it holds the words
    assert fillers([0.9, close, far], [True, False, False]) == [False, False, True]  # close enough on its own
    assert fillers([0.6, far, far], [False, False, False]) == [False] * 3  # a paraphrase lifted nothing: weak places stay
    assert fillers([far, far], [True, False]) == [False, False]  # nothing close at all: the page says so, shows the nearest
    assert fillers([], []) == []


def test_a_query_its_results_hold_no_word_of_needs_a_closer_best_to_be_an_answer(index):
    between = (NOTHING_CLOSE + NOTHING_CLOSE_UNHELD) / 2
    assert not far_from_query(between, held=True) and far_from_query(between, held=False)
    assert answer_floor(True) == NOTHING_CLOSE < answer_floor(False) == NOTHING_CLOSE_UNHELD
    for query in ("hospital dashboards", "Dashboards for the board"):  # one word held is enough
        assert index.holds(query, index.search_one(query, 3))
    for query in ("Vaibhav Kumar", "the of and"):  # nobody here; stop words only
        assert not index.holds(query, index.search_one(query, 3))
    # the agenda uses "selenium", but results without the session that holds it have only the cosine behind them
    assert index.holds("selenium", [index.session("P4")]) and not index.holds("selenium", [index.session("P6"), index.session("P3")])
    named = index.search_one("Maria Rossi", 3)
    assert index.holds("Maria Rossi", named) and not index.holds("Maria Rossi", [index.session("P5")])  # a name found her


def test_a_plan_takes_a_session_only_the_cosine_speaks_for_only_when_close_after_a_first_the_words_found():
    weak, close = (NOTHING_CLOSE + NOTHING_CLOSE_UNHELD) / 2, NOTHING_CLOSE_UNHELD + 0.05
    assert worth_planning([0.9, weak, weak, close], [True, True, False, False], held=True) == [True, True, False, True]
    assert worth_planning([0.6, weak], [False, False], held=True) == [True, True]  # a paraphrase lifted nothing: weak ones stay
    assert worth_planning([weak, weak], [False, False], held=False) == [False, False]  # only the cosine, and not close
    assert worth_planning([0.9, NOTHING_CLOSE - 0.01], [True, True], held=True) == [True, False]  # far is far, lifted or not
    assert worth_planning([0.9, weak], [True, False], held=True, bar=NOTHING_CLOSE) == [True, True]  # the bench's "no rule"
    assert worth_planning([], [], held=True) == []


# The agenda's own structure: the organiser put these sessions in a "Healthcare Analytics" track, and no title or keyword
# of theirs says "healthcare"; another session names healthcare in passing, among other fields.
TRACKED = """UID,title,authors,abstract,keywords,track
T1,Predicting readmissions at a community hospital,Maria Rossi,"Which patients come back within a month.",readmission,Healthcare Analytics
T2,Sepsis alerts at the bedside,Tom Baker,"From a retrospective score to an alert nurses trust.",sepsis|alerts,Healthcare Analytics
T3,An ethics review checklist,Ana Ruiz,"Questions to ask before a model ships, in retail, healthcare or finance.",ethics,Leadership
T4,Forecasting demand after a shock,Jon Park,"Time series methods when the past no longer predicts the future.",forecasting,Machine Learning
"""


def _tracked_index(tmp_path, fake_encoder) -> SearchIndex:
    path = tmp_path / "tracked.csv"
    path.write_text(TRACKED, encoding="utf-8")
    return SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)


def test_sessions_the_track_puts_on_the_topic_outrank_a_passing_mention(tmp_path, fake_encoder, monkeypatch):
    index = _tracked_index(tmp_path, fake_encoder)
    top = index.search_one("healthcare", k=2)
    assert sorted(titles(top)) == ["Predicting readmissions at a community hospital", "Sepsis alerts at the bedside"]
    assert [h.why.track for h in top] == ["Healthcare Analytics"] * 2 and ("In the track", "Healthcare Analytics") in top[0].why.parts()
    # the premise: read without its track, the session that names healthcare in passing comes first
    monkeypatch.setattr("helper.search.lexical.session_labels", lambda tags, track: list(tags))
    assert titles(_tracked_index(tmp_path, fake_encoder).search_one("healthcare", k=1)) == ["An ethics review checklist"]


def test_a_track_that_holds_no_word_of_the_query_adds_nothing(tmp_path, fake_encoder):
    index = _tracked_index(tmp_path, fake_encoder)
    signals, _ = index.signals(["sepsis alerts"])
    assert list(signals.tagged[0]) == [0.0, 1.0, 0.0, 0.0]  # the keywords, not the shared track
    assert index.search_one("sepsis alerts", k=1)[0].why.track == ""


def test_a_name_nobody_on_the_agenda_has_is_answered_by_no_session(index):
    def nobody(query: str) -> bool:
        return index.names_nobody(query, index.search_one(query, k=3))

    assert nobody("Jochen Stiasny") and nobody("talks by Augustin Chaintreau")
    assert not nobody("Maria Rossi")  # a speaker of the agenda: found by her name
    assert not nobody("Grzegorz Chrupla")  # one slip in a speaker's name: still found by it
    assert not nobody("Selenium Dashboards")  # capitalised, but its results hold the words
    assert not nobody("jochen stiasny") and not nobody("Stiasny")  # not typed as a name: the score bars decide


def test_typed_as_a_name_reads_capitals_besides_the_stop_words():
    from helper.search.names import typed_as_a_name

    assert typed_as_a_name("Jochen Stiasny") and typed_as_a_name("someone from Émile Zola") and typed_as_a_name("O'Brien Lee")
    assert not typed_as_a_name("graph neural networks") and not typed_as_a_name("Kubernetes") and not typed_as_a_name("Jochen stiasny")
    assert not typed_as_a_name("One Two Three Four Five")  # a title typed in capitals, not a name
    german = {"sicherheit", "krieg"}.__contains__  # German capitalises its nouns: a common word last is no surname
    assert not typed_as_a_name("Mobilfunk Sicherheit", lambda w: german(w.lower()))
    assert typed_as_a_name("Jochen Stiasny", lambda w: german(w.lower()))


SERIES = """title,abstract,keywords
Elektrobausteine - Tag 1,"Kinder bauen Schaltungen mit Elektrobausteinen. Für 6 bis 10 Jahre. Weiter an Tag 2.",
Elektrobausteine - Tag 2,"Elektrobausteine am Tag danach: Kinder bauen Schaltungen mit Elektrobausteinen. Für 6 bis 10 Jahre.",
Elektrobausteine - Tag 3,"Kinder bauen am letzten Tag Schaltungen mit Elektrobausteinen. Für 6 bis 10 Jahre.",
Python for beginners,"Write your first 5 lines of Python.",python
"""


def test_a_number_typed_on_its_own_picks_the_session_of_a_series_its_title_numbers(tmp_path, fake_encoder, monkeypatch):
    from helper.search import tokens

    path = tmp_path / "series.csv"
    path.write_text(SERIES, encoding="utf-8")
    index = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)
    for day in ("1", "2", "3"):
        assert titles(index.search_one(f"Elektrobausteine Tag {day}", k=1)) == [f"Elektrobausteine - Tag {day}"]
    lexical = index.words()
    # a number held only in an abstract ("Weiter an Tag 2") is no reason the card gives
    assert lexical.held_terms(0, lexical.terms("Elektrobausteine Tag 2")) == ("elektrobausteine", "tag")
    assert lexical.held_terms(1, lexical.terms("Elektrobausteine Tag 2")) == ("elektrobausteine", "tag", "2")
    # a number no title holds says nothing: "Python 99" is read as "Python", "10" is in every abstract but no title
    # ("Python 101" asks for the sessions for beginners: helper.search.levels, tests/test_levels.py)
    assert lexical.terms("Python 99") == lexical.terms("Python") == ["python"]
    assert lexical.terms("Elektrobausteine 10") == ["elektrobausteine"]
    # the premise: without the numbers the days' words are the same, and the first of them is not always the day typed
    monkeypatch.setattr(tokens, "_NUMBER_ALONE", re.compile(r"(?!)"))
    firsts = [titles(index.search_one(f"Elektrobausteine Tag {day}", k=1))[0] for day in ("1", "2", "3")]
    assert firsts != [f"Elektrobausteine - Tag {day}" for day in ("1", "2", "3")]
