"""An abbreviation the agenda spells out in its own texts is read by the model for what it stands for here; the words
keep matching as typed."""

from __future__ import annotations

import pytest

from helper.agenda import load_agenda
from helper.search.abbreviations import Abbreviations, defined
from helper.search.index import SearchIndex
from helper.web import handlers
from tests.fakes import HashingEncoder


def test_definitions_are_read_as_schwartz_and_hearst_match_them():
    found = defined([
        "We train agents with deep reinforcement learning (RL) in simulated games.",
        "Edits to OpenStreetMap (OSM) at scale.",
        "Evaluating large language models (LLMs) on dialogue.",
        "A large language model (LLM) as a judge. Another LLM (LLM) is no definition.",
        "Natural language processing (NLP) for recipes.",
    ])
    assert found == {"rl": "reinforcement learning", "osm": "openstreetmap", "llm": "large language models", "nlp": "natural language processing"}


@pytest.mark.parametrize("texts", [
    ["Machine learning (ML) at scale.", "Motivated learning (ML) in animals."],  # two meanings, as often: none kept
    ["The \\emph{transition info extractor} (TIE) module."],  # markup, not words
    ["Deployment and execution service (ADES) for processors."],  # a long form does not start with "and"
    ["Results (see Table) and one capital (A)."],  # not an abbreviation
])
def test_what_is_not_a_definition(texts):
    assert defined(texts) == {}


def test_an_abbreviation_typed_is_read_unless_the_query_spells_it_out_or_it_is_a_word():
    rule = Abbreviations.read([
        "Policies by reinforcement learning (RL). RL in games.",
        "Local interpretable model-agnostic explanations (LIME). Citrus: a lime, a lemon and a lime tree.",
        "The SpatioTemporal Asset Catalog (STAC) and its STAC API.",
        "Made in the United States (US). Join us.",
    ])
    assert rule.typed("RL for games") == [("RL", "reinforcement learning")]
    assert rule.typed("reinforcement learning (RL) for games") == []
    assert rule.typed("key lime pie") == []  # the agenda writes "lime" as a word more often: typed so, it stays one
    assert rule.typed("LIME explanations") == [("LIME", "local interpretable model-agnostic explanations")]
    assert rule.typed("stac api") == [("stac", "spatiotemporal asset catalog")]  # only ever written in capitals here
    assert rule.typed("rl for games") == [("rl", "reinforcement learning")]
    assert rule.typed("tell us about it") == []  # a stop word
    assert rule.for_the_model("RL for games") == "reinforcement learning for games"
    assert rule.note("RL for games") == "Read “RL” as “reinforcement learning”, as this agenda spells it out."


@pytest.fixture
def index(tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_text(
        "id,title,abstract\n"
        "a,Agents that play,We train agents with reinforcement learning (RL) in simulated games.\n"
        "b,Policy gradients in practice,Reinforcement learning for robots that learn to walk.\n"
        "c,Knitting for beginners,Wool and needles.\n",
        "utf-8",
    )
    return SearchIndex.build(load_agenda(path), HashingEncoder(), tmp_path / "cache")


def test_the_model_reads_the_abbreviation_spelled_out_and_the_words_read_it_as_typed(index):
    assert index.read_query("RL for robots", by_the_model=True) == "reinforcement learning for robots"
    assert index.read_query("RL for robots") == "RL for robots"
    assert "Read “RL” as “reinforcement learning”, as this agenda spells it out." in handlers.word_notes(index, "RL for robots")
    assert handlers.word_notes(index, "reinforcement learning for robots") == []


@pytest.mark.slow
@pytest.mark.parametrize("agenda, labelled, typed", [
    ("colt2020", "reinforcement learning", "RL"),  # COLT's abstracts spell out "reinforcement learning (RL)"
    ("ismir2023", "deep learning applied to music", "DL applied to music"),
])
def test_a_labelled_query_typed_with_its_abbreviation_finds_more_of_its_sessions(agenda, labelled, typed, real_encoder, real_cache):
    from helper.eval import LABELS, SHARED, normalise_title, read_labels

    path = SHARED / "agendas" / agenda
    if not path.exists():
        pytest.skip(f"{path} is absent")
    relevant = next(item.relevant for item in read_labels(LABELS / f"{agenda}.jsonl") if item.query == labelled)
    index = SearchIndex.build(load_agenda(path / "papers.csv"), real_encoder, real_cache)

    def found() -> int:
        return sum(relevant.get(normalise_title(h.title), 0) > 0 for h in index.search_one(typed, 3))

    spelled_out = found()
    index.__dict__["abbreviations"] = Abbreviations({})  # the model reads the query as typed
    assert spelled_out > found()


def test_a_plural_typed_in_lower_case_is_read_as_its_abbreviation():
    rule = Abbreviations.read(["Evaluating large language models (LLMs) on dialogue.", "Two LLMs and an LLM."])
    assert rule.typed("llms for dialogue") == [("llms", "large language models")]
    assert rule.typed("Art") == []  # one capital is a word opening a sentence, not an abbreviation typed


def test_helper_check_names_the_abbreviations_the_texts_spell_out(index, tmp_path):
    import io

    from helper import cli

    out = io.StringIO()
    assert cli.main(["check", "--agenda", str(tmp_path / "agenda.csv")], stdout=out) == 0
    assert "abbrevs:  1 spelled out in the texts, e.g. RL = reinforcement learning" in out.getvalue()
