"""The why-line's closest sentence: the same with the sentence memory as without it, and a repeated explanation
runs the model on no sentence it already embedded; the memory is bounded, oldest out first."""

from __future__ import annotations

import numpy as np

from helper.search.explain import SentenceVectors, StoredSentences, closest_sentences
from tests.fakes import HashingEncoder

ABSTRACTS = [
    "Vector tiles make web maps fast. We show styling with open data. Rendering happens in the browser with WebGL.",
    "Privacy matters for location data. Differential privacy protects the people behind the points. We measure the cost.",
    "A single sentence abstract about routing engines.",
]
QUERIES = ["styling vector tiles", "differential privacy for people"]


def test_the_memory_chooses_the_same_sentences_and_runs_the_model_once_per_sentence():
    encoder = HashingEncoder()
    queries = encoder.encode(QUERIES)
    plain = closest_sentences(encoder, queries, [ABSTRACTS, ABSTRACTS])
    memory = SentenceVectors()
    before = len(encoder.calls)
    first = closest_sentences(encoder, queries, [ABSTRACTS, ABSTRACTS], memory)
    assert first == plain
    assert plain[0][0] == "Vector tiles make web maps fast." and plain[1][1].startswith("Differential privacy")
    assert plain[0][2] == ""  # one sentence: nothing to highlight, and nothing embedded for it
    assert encoder.calls[before:] == [5]  # the two long abstracts' five sentences (a 20-character one is too short to count), once
    again = closest_sentences(encoder, queries, [ABSTRACTS[:2], ABSTRACTS[:2]], memory)
    assert again == [row[:2] for row in plain]
    assert len(encoder.calls) == before + 1  # no model run for sentences it already holds


def test_the_memory_is_bounded_and_drops_the_oldest():
    encoder = HashingEncoder()
    memory = SentenceVectors(limit=4)
    memory.encode(encoder, ["one a", "two b", "three c"])
    memory.encode(encoder, ["one a"])  # used again: newest now
    memory.encode(encoder, ["four d", "five e"])
    assert len(memory) == 4
    calls = len(encoder.calls)
    vectors = memory.encode(encoder, ["one a", "four d", "five e", "three c"])
    assert len(encoder.calls) == calls  # all four still held: "two b", the oldest, went first
    np.testing.assert_allclose(vectors, encoder.encode(["one a", "four d", "five e", "three c"]), atol=1e-6)
    memory.encode(encoder, ["two b"])
    assert len(encoder.calls) == calls + 2  # "two b" had to be embedded again (plus the check's own call above)


def test_sentences_stored_at_build_are_chosen_alike_without_a_model_run_and_new_ones_still_embedded():
    encoder = HashingEncoder()
    queries = encoder.encode(QUERIES)
    plain = closest_sentences(encoder, queries, [ABSTRACTS, ABSTRACTS])
    stored = StoredSentences.embed(ABSTRACTS[:2], encoder.encode)
    assert len(stored) == 5 and stored.vectors.dtype == np.float16  # the one-sentence abstract has nothing to store
    memory = SentenceVectors(stored=stored)
    before = len(encoder.calls)
    assert closest_sentences(encoder, queries, [ABSTRACTS, ABSTRACTS], memory) == plain
    assert len(encoder.calls) == before  # every sentence came from the build
    added = "Open routing engines plan trips on foot and by bike. They run on a laptop for a whole country."
    chosen = closest_sentences(encoder, queries[:1], [[added]], memory)
    assert encoder.calls[before:] == [2] and chosen == closest_sentences(encoder, queries[:1], [[added]])  # not stored: embedded
