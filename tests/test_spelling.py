"""A word typed with a slip is read as the agenda's word (helper.search.spelling); names and real words are not."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from typing import Sequence

import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.search.lexical import LexicalIndex
from helper.search.spelling import Speller, agenda_languages
from tests.conftest import SHARED
from tests.fakes import HashingEncoder, csv_index

PAPERS = """uid,title,authors,abstract,keywords
P1,Reinforcement learning for inventory,Daniel Keefe,"An agent learns when to restock a warehouse.",reinforcement learning
P2,Graph neural networks at scale,Ana Ruiz,"Message passing over billions of edges.",graphs
P3,Inverting audio features,Tom Baker,"We recover a signal from its features, a baker's dozen of them.",audio
P4,Music composers and their styles,Mia Wong,"A model of how composers write.",music
P5,Graph drawing,Lee Chen,"Drawing a graph so its edges cross little.",graphs
P6,Gradient descent for neutral networks,Bo Li,"Optimising a network that is neutral to its inputs.",optimisation
P7,Recommendation systems that stay productive,Eva Park,"Recommendation lists that keep a team productive.",recommendation
"""
# words a (made-up) model vocabulary holds whole: a word it reads as one piece is a word, not a slip
WHOLE = {"neural", "graph", "graphs", "music", "learning", "for"}


class PiecesEncoder(HashingEncoder):
    """The hashing fake, with a tokenizer that knows only ``WHOLE`` as one piece (the real one knows 30,000 words)."""

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        counted = HashingEncoder.count_tokens(self, texts)  # texts of several words: one piece a word, as before
        return [n if n > 1 else 1 if t.lower() in WHOLE else 2 for t, n in zip(texts, counted)]


def _index(folder, text: str) -> SearchIndex:
    return csv_index(folder, text, PiecesEncoder(), "papers.csv")


@pytest.fixture
def index(tmp_path) -> SearchIndex:
    return _index(tmp_path, PAPERS)


@pytest.mark.parametrize(
    "typed, read",
    [
        ("reinforcment learning", "reinforcement learning"),  # a letter dropped
        ("Reinforcemnet learning", "reinforcement learning"),  # two swapped; the agenda's word as it spells it
        ("inventroy management", "inventory management"),
        ("grpah drawing", "graph drawing"),
        ("wraehouse", "warehouse"),
        ("inventing audio", "inventing audio"),  # "inverting" is a key far from n: no slip of the hand
        ("composes", "composes"),  # differs from "composers" only at its end: another form of the word, kept
        ("neural networks", "neural networks"),  # the model knows "neural" as a word: not read as "neutral"
        ("modal logic", "modal logic"),  # English uses "modal" often: a word, not a slip for the agenda's "model"
        ("Kefe", "Kefe"),  # one slip from a speaker's name: the name matcher's to read
        ("Keefe", "Keefe"),
        ("bakre", "baker"),  # one slip from a speaker's name word that the abstracts use too: read as the agenda's word
        ("grap", "grap"),  # only its last letter missing: as likely a word of its own
        ("gaph", "graph"),  # four letters are enough
        ("edg", "edg"),  # three are not: too many words are one slip from them
        ("reccomendation systems", "recommendation systems"),  # two slips, in a word of 10 letters or more
        ("prdouctiev teams", "productive teams"),
        ("invnetroy", "invnetroy"),  # two slips in 9 letters: as likely another word
        ("predictive", "predictive"),  # two slips from "productive", but a word English uses often
    ],
)
def test_a_slipped_word_is_read_as_the_agenda_word(index, typed, read):
    assert index.speller.read_as(typed) == read


def test_of_two_words_one_slip_away_the_one_more_sessions_use_is_read():
    # "lstter": s beside e ("letter") and beside a ("latter")
    vocabulary = {"letter": 0, "latter": 1}
    assert Speller(vocabulary, sessions_using=[5, 1], name_words=[]).corrections("lstter") == [("lstter", "letter")]
    assert Speller(vocabulary, sessions_using=[1, 5], name_words=[]).corrections("lstter") == [("lstter", "latter")]


def test_only_whole_words_are_replaced_and_the_note_names_each(index):
    assert index.speller.read_as("grpah, grpahs and grpah!") == "graph, graphs and graph!"
    assert index.speller.note("grpah drawing") == "Read “grpah” as “graph”, as this agenda spells it."
    assert index.speller.note("graph drawing") == ""


def test_the_slipped_keyword_ranks_as_the_right_one_and_names_are_matched_as_typed(index):
    typed, right = (index.search_one(q, k=1)[0] for q in ("reinforcment learning", "reinforcement learning"))
    assert typed.title == right.title == "Reinforcement learning for inventory"
    assert typed.why.words == right.why.words and "reinforcement" in typed.why.words
    assert index.search_one("Daniel Kefe", k=1)[0].why.name == "Daniel Keefe"


def test_the_page_says_how_it_read_the_query(index):
    from helper.search.filters import Choice
    from helper.web import handlers

    found = handlers.search(index, "reinforcment learning", Choice(), datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert found.notes[0] == "Read “reinforcment” as “reinforcement”, as this agenda spells it."
    assert not any("Read" in n for n in handlers.search(index, "graph drawing", Choice(), datetime(2030, 1, 1, tzinfo=timezone.utc)).notes)
    planned = handlers.plan(index, "reinforcment learning", Choice(), datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert planned.notes[0] == found.notes[0]  # Plan my day reads it the same way, and says so


def test_the_cli_json_gives_the_query_as_read(tmp_path, monkeypatch):
    from helper import cli

    agenda = tmp_path / "papers.csv"
    agenda.write_text(PAPERS, encoding="utf-8")
    monkeypatch.setattr("helper.ops.service.load_encoder", lambda model, *args, **kwargs: PiecesEncoder())
    monkeypatch.setenv("HELPER_CACHE_DIR", str(tmp_path / "cache"))
    out = io.StringIO()
    assert cli.main(["search", "--agenda", str(agenda), "--json", "grpah drawing", "graph drawing"], stdin=io.StringIO(), stdout=out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["query"], line["read_as"]) for line in lines] == [("grpah drawing", "graph drawing"), ("graph drawing", "graph drawing")]
    assert lines[0]["results"][0]["title"] == lines[1]["results"][0]["title"] == "Graph drawing"
    out = io.StringIO()
    cli.main(["search", "--agenda", str(agenda), "grpah drawing"], stdin=io.StringIO(), stdout=out)
    assert "(Read “grpah” as “graph”, as this agenda spells it.)" in out.getvalue()


COMPOUNDS = """uid,title,authors,abstract,keywords
C1,Fine-tuning small models,Ana Ruiz,"We adapt a model by fine-tuning its last layers.",adaptation
C2,Multimodal dialogue,Tom Baker,"A multimodal agent that talks and sees.",dialogue
C3,Open source maps,Mia Wong,"An open source stack; opensource is how the forum spells it. Open source wins.",maps
C4,Open source routing,Lee Chen,"Routing with open source tools.",routing
C5,Künstliche Intelligenz im Alltag,Bo Li,"Wie künstliche Intelligenz den Alltag verändert.",ki
C6,Self-driving cars,Eva Park,"Self-driving cars and selfdriving trucks.",cars
C7,Zero-shot parsing,Jo Kim,"Parsing without examples.",parsing
C8,Geoprocessing at scale,Ida Holm,"Geoprocessing pipelines.",gis
C9,Geo tools,Per Berg,"Processing geo data.",gis
C10,A data set of maps,Ola Lund,"We release a data set; its data sets are open.",data
"""


@pytest.fixture
def compounds(tmp_path) -> SearchIndex:
    return _index(tmp_path, COMPOUNDS)


@pytest.mark.parametrize(
    "typed, read",
    [
        ("finetuning small models", "fine-tuning small models"),  # typed joined; the agenda writes it with a hyphen only
        ("Finetuning", "fine-tuning"),
        ("multi-modal dialogue", "multimodal dialogue"),  # typed with a hyphen; the agenda writes it joined
        ("open-source maps", "open-source maps"),  # the agenda writes "open source" more often than "opensource": the parts match
        ("self-driving", "self-driving"),  # the agenda writes it so too
        ("zeroshot", "zero-shot"),
        ("finetunng", "fine-tuning"),  # typed joined and with a slip
        ("zreoshot parsing", "zero-shot parsing"),
        ("geo-processing", "geoprocessing"),  # a session holds both parts, but never side by side: joined it is
        ("multi-modla dialogue", "multimodal dialogue"),  # typed with a hyphen and a slip; the agenda writes it joined
        ("open-surce maps", "open-source maps"),  # each part a slip from an agenda word: mended part by part
        ("x-ray maps", "x-ray maps"),  # parts too short to say it is the agenda's word: as typed
        ("dataset curation", "data set curation"),  # typed joined; the agenda writes two words side by side
        ("mapsdata", "mapsdata"),  # two of its words, but never side by side: as typed
        ("dtaset curation", "data set curation"),  # typed joined with a slip in one of the two words
        ("mapsdta", "mapsdta"),  # one slip from two of its words that it never writes side by side: as typed
        ("kunstlche intelligenz", "künstliche intelligenz"),  # a slip, read as the agenda spells the word, accents and all
    ],
)
def test_a_compound_typed_the_other_way_is_read_as_the_agenda_writes_it(compounds, typed, read):
    assert compounds.speller.read_as(typed) == read


def test_a_compound_typed_joined_finds_the_sessions_that_hyphenate_it(compounds):
    assert compounds.speller.note("finetuning") == "Read “finetuning” as “fine-tuning”, as this agenda spells it."
    typed, written = (compounds.search_one(q, k=1)[0] for q in ("finetuning", "fine-tuning"))
    assert typed.title == written.title == "Fine-tuning small models"
    assert typed.why.words == written.why.words
    assert compounds.search_one("multi-modal", k=1)[0].title == "Multimodal dialogue"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sessions", "colt2020", "vis2018"])
def test_with_the_real_model_a_slip_costs_less_and_an_unslipped_query_nothing(name, real_encoder, tmp_path):
    """Labelled topic, keyword and lexical queries with one slip each (bench/slips.py): reading the slip as the
    agenda's word gives back P@3 and nDCG@3; the queries as labelled (every kind) rank as they did without it."""
    from bench.slips import hybrid_metrics, slipped_labels
    from helper.eval import DEFAULT_PAIRS, pair_name, read_labels

    agenda_path, labels_path = next(p for p in DEFAULT_PAIRS if pair_name(p) == name)
    if not agenda_path.exists():
        pytest.skip(f"{agenda_path} is absent")
    index = SearchIndex.build(load_agenda(agenda_path), real_encoder, tmp_path)
    labels = read_labels(labels_path)
    queries = [item.query for item in labels]
    unmended = hybrid_metrics(index, labels, queries, mending=False)
    assert hybrid_metrics(index, labels, queries, mending=True) == pytest.approx(unmended, abs=0.005)
    pairs = slipped_labels(labels)
    items, typed = [item for item, _ in pairs], [query for _, query in pairs]
    mended, as_typed = hybrid_metrics(index, items, typed, mending=True), hybrid_metrics(index, items, typed, mending=False)
    assert mended[0] > as_typed[0] and mended[1] > as_typed[1], (mended, as_typed)


def test_the_why_line_names_the_words_as_the_agenda_writes_them(compounds):
    for typed in ("kunstliche intelligenz", "Künstliche Intelligenz", "kunstlche intelligenz"):
        hit = compounds.search_one(typed, k=1)[0]
        assert hit.title == "Künstliche Intelligenz im Alltag"
        assert hit.why.words == ("künstliche", "intelligenz")
        assert ("Mentions", "künstliche, intelligenz") in hit.why.parts()


GERMAN = """uid,title,authors,abstract,keywords
G1,Arten der Überwachung,Anna Schulz,"Wie wir die Arten der Überwachung erkennen und warum sie nicht harmlos sind.",überwachung
G2,Verschlüsselung für alle,Jan Berg,"Warum wir Verschlüsselung brauchen und wie sie auf jedem Gerät funktioniert.",verschlüsselung
G3,Hände weg von unseren Daten,Lea Kurz,"Über Datenschutz, den wir uns selbst geben, und was dagegen steht.",datenschutz
G4,Secure boot in practice,Tom Baker,"How firmware checks what it runs before it runs it.",security
"""


def _english_only(index: SearchIndex) -> Speller:
    """The index's speller as it would be if it took only English words as words."""
    lexical = index.words()
    return Speller(lexical.vocabulary, lexical.df, lexical.name_words(), index.encoder.count_tokens, languages=("en",))


def test_the_languages_an_agenda_is_written_in_are_found_from_its_stop_words(index, tmp_path):
    assert agenda_languages(index.words().vocabulary, index.words().df, len(index.sessions)) == ("en",)
    german = _index(tmp_path, GERMAN)
    assert agenda_languages(german.words().vocabulary, german.words().df, len(german.sessions)) == ("en", "de")


def test_a_common_word_of_the_agendas_other_language_is_a_word_not_a_slip(tmp_path):
    german = _index(tmp_path, GERMAN)
    assert _english_only(german).read_as("Garten") == "arten"  # read as the agenda's word when only English counts
    assert german.speller.read_as("Garten") == "Garten"  # German uses "Garten" often: a word of its own
    assert german.speller.read_as("Verschlüselung") == "verschlüsselung"  # a slip in the agenda's own word is still mended


def test_the_real_exports_are_read_in_the_languages_they_are_written_in():
    found = {}
    for path in sorted((SHARED / "data" / "agendas").glob("*/*")):
        if path.name in ("papers.csv", "schedule.json") or path.suffix == ".xml":
            lexical = LexicalIndex(load_agenda(path).sessions)
            found[path.parent.name] = agenda_languages(lexical.vocabulary, lexical.df, lexical.size)
    if not found:
        pytest.skip("../shared/data/agendas is absent (a user's clone): skipped")
    assert found.pop("38c3") == ("en", "de")  # its talks are in German and English
    assert found and set(found.values()) == {("en",)}, found


def test_a_stop_word_of_the_agendas_other_language_is_no_query_word(index, tmp_path):
    german = _index(tmp_path, GERMAN).words()
    assert german.terms("Vorträge über Datenschutz und Überwachung") == ["datenschutz", "uberwachung"]
    assert german.terms("cyber war") == ["cyber", "war"]  # German's "war" is a word English uses often: kept
    assert index.words().terms("uber drivers") == ["uber", "drivers"]  # an English agenda keeps German's stop words


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("maps über QGIS", ["maps", "qgis"]),  # folded, "über" would be "uber"
        ("maps für Gemeinden", ["maps", "gemeinden"]),  # ("für Anfänger" asks for a level: tests/test_levels.py)
        ("mappe più recenti", ["mappe", "recenti"]),
        ("uber drivers", ["uber", "drivers"]),  # typed without its accent, the word stays
    ],
)
def test_a_stop_word_of_any_language_typed_with_its_accent_is_no_query_word(index, typed, terms):
    assert index.words().terms(typed) == terms


FOLDS_TO_A_WORD = """uid,title,authors,abstract,keywords
E1,Aggregating risk with H3,Mark Varley,"We use the H3 hexagonal grid that Uber released to aggregate insurance risk.",h3
E2,QGIS plugins in practice,Amy Burness,"How to write and share plugins for QGIS.",qgis
E3,QGIS Server in the wild,Etienne Trimaille,"Serving maps from QGIS projects to the web.",qgis
"""


def test_an_accented_stop_word_lifts_no_session_holding_the_word_it_folds_to(tmp_path):
    hits = _index(tmp_path, FOLDS_TO_A_WORD).search_one("Vorträge über QGIS", k=3)
    assert [h.title for h in hits][-1] == "Aggregating risk with H3"
    assert all("uber" not in h.why.words for h in hits)


def test_the_why_line_of_a_german_query_names_no_stop_word(tmp_path):
    hit = _index(tmp_path, GERMAN).search_one("über Datenschutz", k=1)[0]
    assert hit.title == "Hände weg von unseren Daten"
    assert hit.why.words == ("datenschutz",)
