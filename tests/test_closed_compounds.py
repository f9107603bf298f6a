"""A compound written closed that no session writes is read as the two words it joins (helper.search.closed_compounds)."""

from __future__ import annotations

from collections import Counter

import pytest

from helper.search.closed_compounds import closed_parts
from helper.search.index import SearchIndex
from tests.fakes import csv_index

GERMAN = """uid,title,authors,abstract,keywords
G1,Wahl und Computer,Anna Schulz,"Wie wir bei jeder Wahl dem Computer trauen, und warum wir das nicht tun sollten.",wahl
G2,Computer im Unterricht,Jan Berg,"Warum wir mit dem Computer lernen und wie das in der Schule auch gelingt.",computer
G3,Eine Wahl ohne Zettel,Lea Kurz,"Über die Wahl, die wir uns selbst geben, und was dagegen steht.",demokratie
G4,Sicherheit für alle,Tom Baker,"Wie wir die Sicherheit der Netze prüfen und was die Politik dabei nicht sieht.",sicherheit
G5,Politik im Netz,Mia Wong,"Was die Politik über das Netz weiß und was sie noch nicht weiß.",politik
G6,Drama am Tischen,Max Schneeberger,"Ein Drama an Tischen, bei dem wir mit Ihnen spielen und das nicht endet.",theater
G7,Schnee und Berger,Ida Roth,"Ob es auch Schnee gibt, wenn der Berger kommt, und wie wir das sehen.",wetter
G8,Eine Schrift für das Fest,Eva Roth,"Wie wir eine Schrift für ein Fest setzen und warum das nicht leicht ist.",typografie
"""
# the same sessions in English: no language of this agenda writes compounds closed
ENGLISH = """uid,title,authors,abstract,keywords
E1,Wahl and computer,Anna Schulz,"How we trust the computer with every Wahl, and why we should not.",wahl
E2,Computer in school,Jan Berg,"Why we learn with the computer and how it works at school.",computer
E3,A Wahl without paper,Lea Kurz,"On the Wahl we give ourselves and what stands against it.",democracy
"""


@pytest.fixture
def german(tmp_path) -> SearchIndex:
    return csv_index(tmp_path, GERMAN)


def test_a_compound_no_session_writes_is_read_as_the_two_words_it_joins(german):
    assert german.words().written_in == ("en", "de")
    assert german.read_query("Wahlcomputer") == "wahl computer"
    assert german.read_query("Sicherheitspolitik") == "sicherheit politik"  # joined by the linking "s"
    assert german.words().terms(german.read_query("Vorträge über Netzpolitik")) == ["netz", "politik"]
    assert german.speller.note("Wahlcomputer") == "Read “Wahlcomputer” as “wahl computer”, as this agenda spells it."


def test_the_model_reads_the_compound_as_typed_and_as_its_two_words(german):
    assert german.speller.read_as("Vorträge über Wahlcomputer", by_the_model=True) == "Vorträge über Wahlcomputer wahl computer"
    assert german.speller.read_as("Vorträge über Wahlcomputer") == "Vorträge über wahl computer"  # the words read the two


def test_the_session_that_holds_both_words_answers_the_compound_and_says_so(german):
    hit = german.search_one("Wahlcomputer", k=1)[0]
    assert hit.title == "Wahl und Computer"
    assert hit.why.words == ("wahl", "computer")


def test_a_session_holds_the_compound_typed_only_when_it_holds_both_its_words(german):
    titles = list(german.sessions["title"])
    both, computer_only = (german.hit(titles.index(t)) for t in ("Wahl und Computer", "Computer im Unterricht"))
    assert german.holds("Wahlcomputer", [both])
    assert not german.holds("Wahlcomputer", [computer_only])  # so the bar for "nothing close" stays that of no word held
    assert german.holds("Computer", [computer_only])


def test_a_word_a_session_holds_a_name_or_a_word_of_its_own_is_not_split(german):
    for typed in ("Computer", "Schneeberger", "dramatischen", "Wahlen"):
        assert german.read_query(typed) == typed
    # "Schneeberger": a speaker's name, though "Schnee" and "Berger" are words here; "dramatischen": German uses it about
    # as often as "Tischen", so no compound; "Wahlen": too short to hold two words of four letters


def test_an_english_word_is_not_split_on_a_german_agenda(german):
    assert german.words().closed_parts("computerwahl") == ("computer", "wahl")
    assert german.words().closed_parts("schriftfest") == ("schrift", "fest")
    assert german.words().closed_parts("festschrift") is None  # English uses the word (wordfreq's large list, Zipf 1.5+)


def test_an_agenda_in_a_language_that_writes_compounds_apart_reads_the_word_as_typed(tmp_path):
    english = csv_index(tmp_path, ENGLISH)
    assert english.words().written_in == ("en",)
    assert english.read_query("Wahlcomputer") == "Wahlcomputer"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("wahlcomputer", ("wahl", "computer")),
        ("arbeitsmarkt", ("arbeit", "markt")),  # the linking "s"
        ("kirchenbank", ("kirche", "bank")),  # the linking "n"
        ("tageslicht", None),  # "Tag" is too short a part to read
        ("undcomputer", None),  # a stop word is no part
        ("wahlwahl", ("wahl", "wahl")),
    ],
)
def test_the_parts_are_words_of_the_agenda_of_four_letters_or_more(word, expected):
    uses = Counter({"wahl": 10, "computer": 78, "arbeit": 5, "markt": 3, "kirche": 2, "bank": 4, "licht": 6, "tag": 9})
    assert closed_parts(word, lambda w: 0 if w == "und" else uses[w], ("en", "de")) == expected


def test_of_several_splits_the_one_whose_words_more_sessions_use_is_read():
    uses = Counter({"netzwerk": 1, "sicherheit": 17, "netz": 10, "werksicherheit": 0, "werk": 2})
    assert closed_parts("netzwerksicherheit", uses.__getitem__, ("en", "de")) == ("netzwerk", "sicherheit")
    uses["netzwerk"] = 0
    assert closed_parts("netzwerksicherheit", uses.__getitem__, ("en", "de")) is None  # "netz" + "werksicherheit": unused
