"""A word typed in another case or number than a German agenda writes it is read as the agenda's form of it
(``LexicalIndex._inflected``); English keeps its own rule."""

from __future__ import annotations

import pytest

from helper.search.index import SearchIndex
from tests.fakes import csv_index

GERMAN = """uid,title,authors,abstract,keywords
G1,Router härten,Anna Schulz,"Wie wir jeden Router im Haus härten, und warum wir das nicht lassen sollten.",netz
G2,Routen planen mit offenen Daten,Jan Berg,"Warum wir Routen mit offenen Daten planen und wie das auch gelingt.",karten
G3,Ein Schild für alle,Lea Kurz,"Über das Schild, das wir uns selbst geben, und was dagegen steht.",schild
G4,Schildern und Erzählen,Tom Kostet,"Wie wir Geschichten schildern und was die Zuhörer dabei nicht sehen.",erzählen
G5,Personen und Persönliches,Mia Wong,"Was die Personen über sich sagen, was es sie kosten kann und was sie nicht wissen.",menschen
"""
ENGLISH = """uid,title,authors,abstract,keywords
E1,Hardening a router,Anna Schulz,"How we harden every router at home, and why we should.",network
E2,Planning routes with open data,Jan Berg,"Why we plan routes with open data and how it works.",maps
"""


@pytest.fixture
def german(tmp_path) -> SearchIndex:
    return csv_index(tmp_path, GERMAN)


def test_a_word_in_another_case_or_number_is_read_as_the_agendas_form_of_it(german):
    lexical = german.words()
    assert lexical.written_in == ("en", "de")
    assert lexical.terms("Sicherheit von Routern") == ["sicherheit", "router"]  # "Routen" is another word of the stem
    assert lexical.terms("Schilder") == ["schild"]  # the base, not "schildern"
    assert german.search_one("Routern", k=1)[0].title == "Router härten"


def test_a_word_is_not_read_as_one_that_only_shares_its_first_letters_nor_a_name_as_a_word(german):
    lexical = german.words()
    assert lexical.terms("persönlichsten") == ["personlichsten"]  # not "personen": more than an ending apart
    assert lexical.terms("Kostet") == ["kostet"]  # a speaker's name, not a form of a word


def test_an_english_agenda_keeps_its_own_rule(tmp_path):
    lexical = csv_index(tmp_path, ENGLISH).words()
    assert lexical.written_in == ("en",)
    assert lexical.terms("Routern") == ["routern"]
    assert lexical.terms("routers") == ["router"]  # the other number (tokens.other_numbers)
