"""The lexical signals as batches: BM25 as one sparse product for a whole batch of queries, equal to bm25s's own
``get_scores`` one query at a time; names and coverage of a batch equal to each query searched alone."""

from __future__ import annotations

import bm25s
import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.eval import read_labels
from helper.search.lexical import LexicalIndex, lexical_document, query_terms
from helper.search.tokens import session_labels
from tests.conftest import DATA, SAMPLE

PAPERS = DATA / "miniconf_papers.csv"  # a real Mini-Conf paper agenda, shipped with the tests
LABELS = DATA / "labels" / "miniconf.jsonl"


@pytest.fixture(scope="module")
def papers():
    sessions = load_agenda(PAPERS).sessions
    return sessions, LexicalIndex(sessions)


def _queries() -> list[list[str]]:
    """The labelled attendee queries of that agenda, plus words it uses in its titles, as the ranking reads them."""
    sessions = load_agenda(PAPERS).sessions
    texts = [item.query for item in read_labels(LABELS)] + list(sessions["title"][:10]) + ["graph graph", "zzzunseen", ""]
    return [query_terms(t) for t in texts]


def _reference(sessions, documents) -> list[np.ndarray]:
    """bm25s itself, indexed here from the documents as given, one ``get_scores`` per query."""
    engine = bm25s.BM25()
    engine.index([d or ["_"] for d in documents], show_progress=False)
    out = []
    for terms in _queries():
        known = [t for t in terms if t in engine.vocab_dict and t != "_"]
        out.append(engine.get_scores(known) if known else np.zeros(len(sessions), dtype=np.float32))
    return out


def _documents(sessions, title_times: int = 2) -> list[list[str]]:
    labels = list(map(session_labels, sessions["tags"], sessions["track"]))
    if title_times == 2:
        return [lexical_document(t, a, g) for t, a, g in zip(sessions["title"], sessions["abstract"], labels)]
    return [lexical_document("", f"{t} {a}", g) for t, a, g in zip(sessions["title"], sessions["abstract"], labels)]


def test_batch_bm25_equals_bm25s_get_scores_one_query_at_a_time(papers) -> None:
    sessions, lexical = papers
    batch = lexical.bm25_scores(_queries())
    reference = np.vstack(_reference(sessions, _documents(sessions)))
    assert batch.shape == (len(_queries()), len(sessions)) and batch.dtype == np.float32
    assert (reference > 0).sum() > 1000  # real queries on a real agenda: the comparison is not of zeros
    np.testing.assert_allclose(batch, reference, rtol=1e-5, atol=1e-6)
    # each row is that query alone: a batch does not mix its queries
    for q in (0, 7, len(batch) - 4):
        np.testing.assert_array_equal(lexical.bm25(_queries()[q]), batch[q])


def test_the_bm25_comparison_can_fail(papers) -> None:
    """The same comparison against bm25s reading the titles once (not twice, as the index does): it must differ
    beyond the tolerance, or the test above would pass for a wrong document reading too."""
    sessions, lexical = papers
    wrong = np.vstack(_reference(sessions, _documents(sessions, title_times=1)))
    with pytest.raises(AssertionError):
        np.testing.assert_allclose(lexical.bm25_scores(_queries()), wrong, rtol=1e-5, atol=1e-6)


def test_a_repeated_query_word_counts_as_often_as_bm25s_counts_it(papers) -> None:
    _sessions, lexical = papers
    once, twice = lexical.bm25_scores([["graph"], ["graph", "graph"]])
    assert once.max() > 0
    np.testing.assert_allclose(twice, 2 * once, rtol=1e-6)


def test_queries_without_a_known_word_score_zero_and_an_empty_batch_is_empty(papers) -> None:
    sessions, lexical = papers
    assert not lexical.bm25_scores([[], ["zzzunseen"], ["_"]]).any()
    assert lexical.bm25_scores([]).shape == (0, len(sessions))


def test_every_signal_of_a_batch_equals_each_query_searched_alone() -> None:
    sessions = load_agenda(SAMPLE).sessions
    lexical = LexicalIndex(sessions)
    texts = ["Priya Raman", "Chrupala", "graph analytics", "Daniel Kefe on data", "someone from Belmont Ridge", "", "vegan"]
    terms = [query_terms(t) for t in texts]
    names, rare, tagged = lexical.name_matches(texts), lexical.rare_coverages(terms), lexical.tag_coverages(terms)
    assert names.any() and rare.any()
    for q, text in enumerate(texts):
        np.testing.assert_array_equal(names[q], lexical.name_match(text))
        np.testing.assert_array_equal(rare[q], lexical.rare_coverage(terms[q]))
        np.testing.assert_array_equal(tagged[q], lexical.tag_coverage(terms[q]))


def test_a_keyword_written_as_an_identifier_is_found_by_its_words(tmp_path, fake_encoder):
    # EEML's export writes its keywords as identifiers: "computerVision"; an attendee types "computer vision"
    from helper.search.index import SearchIndex

    path = tmp_path / "papers.csv"
    path.write_text(
        "uid,title,authors,keywords,abstract\n"
        "P1,Seeing in the dark,Ana Ruiz,computerVision|robotics,We enhance images taken at night.\n"
        "P2,Teaching in schools,Tom Baker,education,The vision of computer labs in schools.\n"
        "P3,Torch tricks,Li Wei,PyTorch,Faster training loops.\n",
        encoding="utf-8",
    )
    index = SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)
    lexical = LexicalIndex(index.sessions)
    tagged = lexical.tag_coverages([query_terms("computer vision"), query_terms("pytorch"), query_terms("torch")])
    assert tagged[0].tolist() == [1.0, 0.0, 0.0]  # the tag, not the abstract that uses both words
    assert tagged[1].tolist() == [0.0, 0.0, 1.0] and tagged[2].tolist() == [0.0, 0.0, 0.0]  # a name stays one word
    assert index.search_one("computer vision", k=1)[0].title == "Seeing in the dark"
