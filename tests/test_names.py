"""Who a query names (helper.search.names): author lists in one field, slips in typed names. No model needed."""

from __future__ import annotations

import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from helper.agenda.people import split_people
from helper.search.names import people_in

PAPERS = """uid,title,authors,abstract
P1,Beat tracking for Carnatic music,Preeti Rao (Indian Institute of Technology Bombay)*; Martin Clayton (Durham University),"We track the beat of Carnatic concerts."
P2,Source separation of choirs,Xavier Serra (Universitat Pompeu Fabra; Huawei); Helena Cuesta (Universitat Pompeu Fabra),"Separating the voices of a choir recording."
P3,Optical recognition of chant,Daniel Keefe; Anna Rossi (RISM Digital),"Reading digital scans of medieval chant books."
P4,Drum patterns dataset,Daniel Weiskopf; Tom Baker,"A dataset of drum patterns played by bakers and drummers."
"""


@pytest.fixture
def index(tmp_path, fake_encoder) -> SearchIndex:
    path = tmp_path / "papers.csv"
    path.write_text(PAPERS, encoding="utf-8")
    return SearchIndex.build(load_agenda(path), fake_encoder, cache_dir=None)


def top(index, query: str) -> str:
    return index.search_one(query, k=1)[0].title


@pytest.mark.parametrize(
    "entry, people",
    [
        ("Preeti Rao (Indian Institute of Technology Bombay)*; Martin Clayton (Durham University)", ["Preeti Rao", "Martin Clayton"]),
        ("Xavier Serra (Universitat Pompeu Fabra; Huawei)", ["Xavier Serra"]),
        ("Chris Tennant1, Adam Carpenter2 and Tom Powers", ["Chris Tennant", "Adam Carpenter", "Tom Powers"]),
        ("Baker, Tom", ["Baker, Tom"]),
        ("maltman23", ["maltman23"]),
        ("timpritlove (seine/ihro)", ["timpritlove"]),
    ],
)
def test_a_speaker_field_holding_a_whole_author_list_is_split_into_people(entry, people):
    assert people_in(entry) == people


@pytest.mark.parametrize(
    "entry, shown",
    [
        (
            "Preeti Rao (Indian Institute of Technology Bombay)*; Martin Clayton (Durham University)",
            ["Preeti Rao (Indian Institute of Technology Bombay)", "Martin Clayton (Durham University)"],
        ),
        ("Xavier Serra (Universitat Pompeu Fabra; Huawei)", ["Xavier Serra (Universitat Pompeu Fabra; Huawei)"]),
        ("Ana Ruiz (UPF, Huawei), Tom Baker (Durham)", ["Ana Ruiz (UPF, Huawei)", "Tom Baker (Durham)"]),
        ("Chris Tennant1, Adam Carpenter2 and Tom Powers", ["Chris Tennant", "Adam Carpenter", "Tom Powers"]),
        ("Michał Bortkiewicz, Krystian Kurek and Paweł Dębski, PhD", ["Michał Bortkiewicz", "Krystian Kurek", "Paweł Dębski, PhD"]),
        ("George Sioros (RITMO)*", ["George Sioros (RITMO)"]),
        ("Baker, Tom", ["Baker, Tom"]),
        ("timpritlove (seine/ihro)", ["timpritlove (seine/ihro)"]),
        ("  ", []),
    ],
)
def test_an_author_list_is_shown_one_person_an_entry_with_their_affiliation(entry, shown):
    assert split_people(entry) == shown


def test_the_loaded_table_lists_each_author_of_a_list_field_once(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text(PAPERS, encoding="utf-8")
    speakers = dict(zip(load_agenda(path).sessions["id"], load_agenda(path).sessions["speakers"]))
    assert speakers["P1"] == ("Preeti Rao (Indian Institute of Technology Bombay)", "Martin Clayton (Durham University)")
    assert speakers["P2"] == ("Xavier Serra (Universitat Pompeu Fabra; Huawei)", "Helena Cuesta (Universitat Pompeu Fabra)")


def test_a_person_inside_an_author_list_field_is_named_in_full(index):
    # the export wrote both authors and their affiliations into one field; the query names one of them
    assert top(index, "Martin Clayton") == "Beat tracking for Carnatic music"
    hit = index.search_one("Martin Clayton", k=1)[0]
    assert hit.why.name == "Martin Clayton"


def test_a_slip_in_a_surname_is_forgiven_when_the_first_name_is_typed_right(index):
    # two Daniels: only the surname tells them apart, and it is mistyped (one letter dropped)
    assert top(index, "Daniel Kefe") == "Optical recognition of chant"
    assert top(index, "Daniel Weikopf") == "Drum patterns dataset"


def test_a_slip_alone_names_nobody(index):
    signals, _ = index.signals(["Kefe"])
    assert not signals.name.any()


def test_an_affiliation_word_is_not_a_name(index):
    signals, _ = index.signals(["digital"])
    assert not signals.name.any()


def test_a_query_word_the_agenda_uses_is_never_read_as_a_slipped_name(index):
    # "bakers" is a word of this agenda, one letter from "Baker": it is that word, not a slip, so only "Tom" names him
    signals, _ = index.signals(["Tom bakers"])
    assert signals.name[0].max() == pytest.approx(0.5)
    signals, _ = index.signals(["Tom Bakr"])  # a word the agenda never uses: a slip, forgiven beside "Tom"
    assert signals.name[0].max() == pytest.approx(1.0)
