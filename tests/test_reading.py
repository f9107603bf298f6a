"""Long abstracts are read whole (helper.search.reading): in chunks of whole sentences, each with the title, the
session's vector their mean; a name query keeps the one-text cosine; a prebuilt index keeps both."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.search.reading import CHUNK_TOKENS, SPECIAL_TOKENS, reading_texts, session_text
from helper.search.store import Recipe, load_index, save_index
from tests.fakes import HashingEncoder

FILLER = "Attendees discuss the general state of the project and its community over coffee number {}."
TAIL = "Finally we benchmark Selenium grid orchestration against Playwright sharding in continuous integration."


def words(texts) -> list[int]:
    return [len(re.findall(r"\w+", t)) for t in texts]


def long_abstract(n: int = 40) -> str:
    return " ".join(FILLER.format(i) for i in range(n)) + " " + TAIL


def test_a_session_that_fits_the_window_is_read_as_one_text():
    assert reading_texts("Short talk", "One sentence about maps.", words, 256) == ["Short talk. One sentence about maps."]
    assert reading_texts("No abstract", "", words, 256) == ["No abstract"]
    assert reading_texts("Long", long_abstract(), None, 256) == [session_text("Long", long_abstract())]  # no counter


def test_a_long_abstract_is_read_in_even_chunks_of_whole_sentences_each_with_the_title():
    title, abstract = "Testing the web at scale", long_abstract()
    chunks = reading_texts(title, abstract, words, 256)
    assert len(chunks) > 1
    assert all(c.startswith(title + ". ") for c in chunks)
    # every sentence, in order, none cut
    assert " ".join(c[len(title) + 2 :] for c in chunks) == abstract
    sizes = words(chunks)
    assert max(sizes) <= CHUNK_TOKENS + SPECIAL_TOKENS
    assert min(sizes) >= max(sizes) / 2  # evened out: no short tail chunk weighing as much as a full one
    unbalanced = words(reading_texts(title, abstract, words, 256, balance=False))
    assert min(unbalanced) < min(sizes)


def agenda_with_a_long_abstract(tmp_path):
    rows = [
        {"Title": "Testing the web at scale", "Description": long_abstract(), "Speakers": "Ada Quinlan", "Date": "2026-05-04", "Start Time": "09:00", "End Time": "10:00", "Location": "Room A"},
        {"Title": "Coffee and community", "Description": "Attendees discuss the general state of the project and its community.", "Speakers": "Bo Lind", "Date": "2026-05-04", "Start Time": "10:00", "End Time": "11:00", "Location": "Room B"},
        {"Title": "Maps for everyone", "Description": "Vector tiles, styles and web maps for beginners.", "Speakers": "Cy Moss", "Date": "2026-05-04", "Start Time": "11:00", "End Time": "12:00", "Location": "Room A"},
    ]
    path = tmp_path / "agenda.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_the_end_of_a_long_abstract_is_read(tmp_path):
    """A model that reads only its first 256 word pieces never sees the abstract's last sentence as one text; the
    chunked reading does, so the talk about it is found first."""
    encoder = HashingEncoder(truncate=True)
    index = SearchIndex.build(load_agenda(agenda_with_a_long_abstract(tmp_path)), encoder, None)
    query = "Selenium grid orchestration, Playwright sharding"
    vector = encoder.encode([query])[0]
    assert index.whole is not None and float(index.whole[0] @ vector) < float(index.embeddings[0] @ vector)
    assert float(index.whole[0] @ vector) < 0.2  # the one text never reached the last sentence
    dense = index.scores([query], method="dense")[0]
    assert dense.argmax() == 0 and dense[0] > 0


def test_a_name_query_keeps_the_one_text_cosine(tmp_path):
    index = SearchIndex.build(load_agenda(agenda_with_a_long_abstract(tmp_path)), HashingEncoder(truncate=True), None)
    named, topical = index.signals(["Ada Quinlan", "general state of the project"])[0].dense
    vectors = index.encoder.encode(["Ada Quinlan", "general state of the project"])
    np.testing.assert_allclose(named, vectors[0] @ index.whole.T, atol=1e-6)
    np.testing.assert_allclose(topical, vectors[1] @ index.embeddings.T, atol=1e-6)
    assert not np.allclose(index.whole[0], index.embeddings[0])


def test_an_agenda_of_short_abstracts_keeps_one_matrix(tmp_path):
    index = SearchIndex.build(load_agenda(agenda_with_a_long_abstract(tmp_path)), HashingEncoder(dim=64), None)
    short = SearchIndex.build(load_agenda(agenda_with_a_long_abstract(tmp_path)).__class__(**{**vars(index.agenda), "sessions": index.sessions.iloc[1:].reset_index(drop=True)}), HashingEncoder(dim=64), None)
    assert short.whole is None


def test_a_prebuilt_index_keeps_both_readings(tmp_path):
    path = agenda_with_a_long_abstract(tmp_path)
    encoder = HashingEncoder(truncate=True)
    built = SearchIndex.build(load_agenda(path), encoder, None)
    recipe = Recipe(path, encoder.model_id, ("", "", ""))
    save_index(built, recipe, tmp_path / "cache")
    loaded = load_index(recipe, tmp_path / "cache", encoder)
    assert loaded is not None
    np.testing.assert_array_equal(np.asarray(loaded.whole), built.whole)
    np.testing.assert_array_equal(np.asarray(loaded.embeddings), built.embeddings)
    assert [h.id for h in loaded.search_one("Ada Quinlan")] == [h.id for h in built.search_one("Ada Quinlan")]


@pytest.mark.parametrize("cached", [False, True])
def test_chunks_are_embedded_once_and_come_from_the_cache(tmp_path, cached):
    path = agenda_with_a_long_abstract(tmp_path)
    encoder = HashingEncoder(truncate=True)
    cache = tmp_path / "emb" if cached else None
    first = SearchIndex.build(load_agenda(path), encoder, cache)
    again = SearchIndex.build(load_agenda(path), encoder, cache)
    texts = 3 + len(reading_texts("Testing the web at scale", long_abstract(), words, 256))
    assert encoder.calls == ([texts] if cached else [texts, texts])
    np.testing.assert_array_equal(first.embeddings, again.embeddings)
