"""A compound written closed that the agenda never uses, read as the two words it does: "Wahlcomputer" at 38C3.

German, Dutch and the Scandinavian languages write compounds as one word, and each speaker makes new ones: 38C3
writes "Wahl" (10 sessions), "Landtagswahlen" and "Computer", but no session writes "Wahlcomputer". For the lexical
signals such a word weighed as the agenda's rarest word and no session held it, so the text lift was off and only the
model spoke (docs/quality.md, "Compounds written closed"). On an agenda written in such a language, the speller reads a
query word that no session holds as the two of its words it joins, with a linking letter or two between them or none
("Sicherheit-s-politik"): the lexical signals read the two words, the model the word as typed and the two words
(``MODEL_READS``).

The split is the one whose parts the most sessions use (the geometric mean of the two counts, as Koehn and Knight
split German compounds for translation, 2003); each part of at least ``PART_LETTERS`` letters, neither a stop word.
A compound says more than either of its parts, so the language uses it less often than each: a word German uses about as
often as its rarer part is a word of its own ("dramatischen" is no "Drama-tischen", nor "Portionen" "Port-ionen").
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

COMPOUNDING = frozenset({"de", "nl", "sv", "da", "nb"})  # wordfreq's codes of languages that write compounds closed
# "Wahl", "Netz", "Bahn" are four letters; with three, "Portionen" would be "Port-ionen" and "Kinderfotos" "Kind-er-fotos"
PART_LETTERS = 4
# German's linking elements (Fugenelemente) between a compound's parts: "Arbeit-s-markt", "Tag-es-licht", "Kirche-n-bank"
LINKS = ("s", "es", "n", "en", "e", "er", "ens")
# A compound is used at least three times less often than its rarer part (wordfreq's Zipf scale, in the agenda's
# compounding languages): "Arbeitsmarkt" 4.1 against "Markt" 5.0; "Portionen" 3.4 against "Ionen" 3.6 is a word.
RARER_THAN_PARTS = 0.5
# A word English uses this often (Zipf, wordfreq's large list: 3 in 100 million words) is an English word, not a compound
# of the agenda's German: half of 38C3's talks are English, and "thoughtless" is no "thought" + "less". Of the 7,432 words
# of wordfreq's German list that the rule reads as two of 38C3's words, 46 are so (bench/closed_compounds.py).
ENGLISH_WORD = 1.5
# What the model reads for a compound so read: the word as typed (its word pieces lean to the first word: "wahl",
# "##com", …) and the two words. Three samples of 200 (bench/closed_compounds.py --model-reads): top 3 speaking of the
# first word 0.25 / 0.28 / 0.29, against 0.20 / 0.25 / 0.25 for the two words alone; of both, about the same.
MODEL_READS = ("typed", "parts")


def closed_parts(word: str, sessions_using: Callable[[str], int], languages: Sequence[str]) -> tuple[str, str] | None:
    """The two words (modifier, head) ``word`` joins (``best_split``), or None: "wahlcomputer" -> ("wahl", "computer"),
    "sicherheitspolitik" -> ("sicherheit", "politik"); None for a word of English (``ENGLISH_WORD``) or one the agenda's
    ``languages`` in ``COMPOUNDING`` use about as often as its rarer part (``RARER_THAN_PARTS``)."""
    if english_word(word):
        return None
    best = best_split(word, sessions_using)
    return best if best and rarer_than_parts(word, best, COMPOUNDING.intersection(languages)) else None


def best_split(word: str, sessions_using: Callable[[str], int]) -> tuple[str, str] | None:
    """The two words ``word`` joins, with a linking element between them or none, that the most sessions use (the
    geometric mean of ``sessions_using`` each: how many; 0 for a stop word); each of ``PART_LETTERS`` or more."""
    best, best_score = None, 0.0
    for cut in range(PART_LETTERS, len(word) - PART_LETTERS + 1):
        joined, head = word[:cut], word[cut:]
        heads = sessions_using(head)
        if not heads:
            continue
        modifiers = [joined, *(joined[: -len(link)] for link in LINKS if joined.endswith(link) and len(joined) - len(link) >= PART_LETTERS)]
        for modifier in modifiers:
            score = math.sqrt(sessions_using(modifier) * heads)
            if score > best_score:
                best, best_score = (modifier, head), score
    return best


def load_word_lists(languages: Sequence[str]) -> None:
    """Load the word list ``closed_parts`` reads on an agenda in ``languages`` now (0.1 s, 36 MB; only for a language in
    ``COMPOUNDING``), not on the first visitor's compound."""
    if COMPOUNDING.intersection(languages):
        english_word("word")


def english_word(word: str) -> bool:
    """Whether English uses ``word`` at least ``ENGLISH_WORD`` often."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en", wordlist="large") >= ENGLISH_WORD


def rarer_than_parts(word: str, parts: Sequence[str], languages: Sequence[str]) -> bool:
    """Whether each of ``languages`` uses ``word`` ``RARER_THAN_PARTS`` less often than the rarer of ``parts`` (a word its
    small list does not hold is rare enough). Words are folded ("traumenden"): each is looked up as written with umlauts
    or "ß" too ("träumenden"), and the most used spelling counts."""
    for language in languages:
        used = _used(word, language)
        if used and used > min(_used(part, language) for part in parts) - RARER_THAN_PARTS:
            return False
    return True


def _used(folded: str, language: str) -> float:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(spelled, language, wordlist="small") for spelled in _spellings(folded))


def _spellings(folded: str) -> set[str]:
    """``folded`` and the ways German may write it: each a, o, u as ä, ö, ü, each "ss" as "ß" (at most ``2 ** 8``)."""
    spelled = {""}
    at = 0
    while at < len(folded):
        letter = folded[at]
        pair = folded[at : at + 2]
        if pair == "ss":
            options, at = ("ss", "ß"), at + 2
        else:
            options, at = ((letter, _UMLAUT[letter]) if letter in _UMLAUT else (letter,)), at + 1
        if len(spelled) * len(options) > 2**8:
            options = options[:1]
        spelled = {start + option for start in spelled for option in options}
    return spelled


_UMLAUT = {"a": "ä", "o": "ö", "u": "ü"}
