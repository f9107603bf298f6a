"""A word typed with a slip, read as the agenda's word: "reinforcment learning" is "reinforcement learning".

An attendee types on a phone between two talks. A word the agenda never uses weighs, for the lexical signals, as
much as its rarest word and no session holds it, so one slip used to take the whole lexical lift away from a
query (docs/quality.md, "Slips in topic words"). Such a word, one slip (swap, drop, double, wrong key; ``rapidfuzz``
OSA distance 1) from words the agenda does use, is read as the one of them the most sessions use, both by the
model and by the lexical signals; a long word may hold two slips ("reccomendation"). Names are left to the name
matcher, which forgives slips its own way: a word that is, or is one slip from, a speaker's or organisation's name
word is read as typed, unless the agenda's texts use that name word too ("Vanderblit" is read as "Vanderbilt" where
the abstracts say "Vanderbilt"). So is a word the model reads as one word piece of its own vocabulary: "neural" is a word,
though the agenda may only use "neutral"; and a word English uses often ("modal", though the agenda says "model"), or
another language the agenda is written in ("Garten", though 38C3 says "Arten").

A compound typed the other way is read as the agenda writes it: "finetuning" as "fine-tuning" where no session
writes it joined ("dataset" as "data set" where sessions write those two words side by side), "multi-modal" as
"multimodal" where no session writes it with a hyphen and more sessions write it joined than as two words
("open-source" is left to match "open source"); with a slip too: "finetunng" as "fine-tuning", "multi-modla" as
"multimodal", "gruondtruth" as "ground truth". A word is read with the accents the agenda gives it ("kunstlche" is
"künstliche", not "kunstliche"). On an agenda in German, a compound no session writes is read as the two of its words
it joins ("Wahlcomputer" as "Wahl Computer": ``helper.search.closed_compounds``).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

from helper.agenda.text import fold
from helper.search.closed_compounds import MODEL_READS, load_word_lists
from helper.search.tokens import STOPWORDS, words

# A word this long may hold two slips ("reccomendation", "prdouctiev"), when no word is one slip away. Shorter words two
# slips from an agenda word are too often other words: at 9 letters "prdicting" is read as COLT's "pricing", at 8
# "composes" as ISMIR's "comprises" (bench/slips.py --slips 2 --two-slips-letters 8 9 10 11, docs/quality.md). 10 since
# common English words are words ("predictive" is no longer read as NAS's "productive").
TWO_SLIPS_LETTERS = 10
MIN_LETTERS = 4  # shorter words have too many neighbours one slip away ("tool": "tools", "pool", "took")
SPLIT_LETTERS = 3  # a word typed joined is read as two of the agenda's words of at least this many letters each
# A word English uses at least once in a million words (wordfreq's Zipf scale) is a word, not a slip: "modal" is not
# "model", nor "vegan" "began". A slip of the hand rarely makes one ("modles", "reinforcment": Zipf 0).
ENGLISH_ZIPF = 3.0
# A language besides English is one the agenda is written in when its sessions use, on average, this many of its own stop
# words ("und", "nicht", "oder": bm25s's lists, less the words English shares, of 3 letters or more). 38C3 uses 13.9
# German ones; every English export here at most 0.5 (German's "also"), and 38C3 fewer than 2 of Dutch's or Danish's.
# A word common in such a language (Zipf 3, as for English) is a word too: "Garten" is not 38C3's "arten".
LANGUAGE_STOPWORDS = 3.0
# wordfreq's code -> the language's name, as bm25s names its stop word list (and Snowball, in lower case, its stemmer), for
# the languages both know that write words apart in Latin or Cyrillic script
LANGUAGE_NAMES = {"de": "GERMAN", "fr": "FRENCH", "es": "SPANISH", "it": "ITALIAN", "nl": "DUTCH", "pt": "PORTUGUESE",
                   "da": "DANISH", "nb": "NORWEGIAN", "sv": "SWEDISH", "tr": "TURKISH", "ru": "RUSSIAN"}
_WORD = re.compile(r"[^\W\d_]+")
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")  # "fine-tuning", "state-of-the-art"
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = set("aeiouy")
# keys next to each other on a QWERTY keyboard: a wrong letter is a slip only when the finger landed beside the key
_BESIDE = {
    (a, b)
    for r, row in enumerate(_ROWS)
    for c, a in enumerate(row)
    for rr in (r - 1, r, r + 1)
    if 0 <= rr < len(_ROWS)
    for b in _ROWS[rr][max(0, c - 1) : c + 2]
    if b != a
}


class Speller:
    """Reads a query's slipped words as an agenda's words: its words by length, how many sessions use each, and the
    words of its names."""

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        sessions_using: np.ndarray,
        name_words: Iterable[str],
        count_pieces: Callable[[Sequence[str]], list[int]] | None = None,
        texts: Iterable[str] = (),
        written_apart: Callable[[Sequence[str], int], int] = lambda words, enough: 0,
        languages: Sequence[str] = ("en",),
        closed_parts: Callable[[str], tuple[str, str] | None] = lambda word: None,
    ) -> None:
        self._count_pieces = count_pieces  # the model's tokenizer: a word it reads as one piece is a word
        self._languages = tuple(languages)  # wordfreq's codes of the languages the agenda is written in
        common_word("word", self._languages)  # loads the word lists now, not on the first visitor's slip
        load_word_lists(self._languages)  # and those closed compounds are read by
        self._closed_parts = closed_parts  # the two words of the agenda a compound written closed joins ("wahlcomputer")
        self._written = as_written(texts, set(vocabulary))
        self._written_apart = written_apart  # how many sessions write these words one after another ("open source"), up to a count
        self._known = set(vocabulary)
        self._uses = {word: int(sessions_using[column]) for word, column in vocabulary.items()}
        self._by_length = _by_length(w for w in vocabulary if w.isalpha())
        self._hyphenated_by_length = _by_length(self._written.hyphenated)  # "finetuning", which the agenda writes "fine-tuning"
        self._names = set(name_words)
        self._names_by_length = _by_length(self._names - self._known)  # name words the texts never use: the name matcher's alone
        # a search reads its query here, then the page's note (and the CLI's read_as) read it again: worked out once
        self._cached = lru_cache(maxsize=4096)(self._corrections)

    def common(self, word: str) -> bool:
        """Whether a language the agenda is written in uses ``word`` often (``common_word``)."""
        return common_word(word, self._languages)

    def corrections(self, text: str) -> list[tuple[str, str]]:
        """(as typed, as read) for each word of ``text`` read as another: its order, each once."""
        return list(self._cached(text))

    def _corrections(self, text: str) -> tuple[tuple[str, str], ...]:
        found, compounded = self._compounds(text)
        unknown = {}
        for typed in dict.fromkeys(_WORD.findall(text)):
            if typed in compounded:
                continue
            folded = words(typed)
            word = folded[0] if len(folded) == 1 else ""
            if len(word) >= MIN_LETTERS and word not in self._known and word not in STOPWORDS and word not in self._names:
                unknown[typed] = word
        if unknown and self._count_pieces is not None:
            pieces = self._count_pieces(list(unknown.values()))
            unknown = {typed: word for (typed, word), n in zip(unknown.items(), pieces) if n > 1}
        unknown = {typed: word for typed, word in unknown.items() if not common_word(typed, self._languages)}
        for typed, word in unknown.items():
            if self._near(word, self._names_by_length):
                continue
            near = self._one_slip(word)
            compounds = [] if near else sorted(w for w in self._near(word, self._hyphenated_by_length) if _slip(word, w))
            if compounds:  # typed joined, with a slip: "finetunng" is "fine-tuning"
                found.append((typed, self._written.hyphenated[compounds[0]]))
                continue
            if not near and (apart := self._two_words_slipped(word)):  # "groundtruh" is "ground truth"
                found.append((typed, apart))
                continue
            if not near and len(word) >= TWO_SLIPS_LETTERS:
                near = [w for w in self._near(word, self._by_length, 2) if _two_slips(word, w)]
            if near:
                found.append((typed, self.spelled(self._commonest(near))))
        return tuple(found)

    def _compounds(self, text: str) -> tuple[list[tuple[str, str]], set[str]]:
        """A compound typed joined that the agenda writes with hyphens ("finetuning": "fine-tuning") or as two words
        ("dataset": "data set"), or typed with a hyphen where the agenda writes it joined ("multi-modal": "multimodal");
        and the words they hold."""
        found, held = [], set()
        for typed in dict.fromkeys(_COMPOUND.findall(text)):
            parts = typed.split("-")
            folded = "-".join(map(fold, parts))
            joined = folded.replace("-", "")
            # the agenda writes it joined, never hyphenated, and joined in more sessions than apart ("open-source"
            # stays where sessions say "open source": its parts find them)
            joined_here = joined in self._known and self._uses[joined] > self._written_apart(folded.split("-"), self._uses[joined])
            if joined_here and folded not in self._written.compounds and joined not in self._names:
                found.append((typed, self.spelled(joined)))
                held.update(parts)
            elif folded not in self._written.compounds and min(map(len, parts)) >= SPLIT_LETTERS:
                # joined, one slip from a word the agenda writes joined more than it writes the parts apart, each part
                # mended: "multi-modla" is "multimodal" ("open-surce" is left to the words: "open-source")
                best = self._commonest(self._one_slip(joined))
                if best and not self._word_by_word(folded.split("-"), self._uses[best]):
                    found.append((typed, self.spelled(best)))
                    held.update(parts)
        for typed in dict.fromkeys(_WORD.findall(text)):
            word = "".join(words(typed))
            if typed in held or word in self._known or word in self._names:
                continue
            if apart := self._written.hyphenated.get(word) or self._two_words(word) or self._closed(word):
                found.append((typed, apart))
                held.add(typed)
        return found, held

    def _closed(self, word: str) -> str:
        """The two words of the agenda a compound written closed joins, as it spells them ("wahlcomputer": "wahl
        computer"; ``helper.search.closed_compounds``); "" when none."""
        parts = self._closed_parts(word)
        return " ".join(map(self.spelled, parts)) if parts else ""

    def _word_by_word(self, parts: Sequence[str], sessions: int) -> bool:
        """Whether ``parts`` are better read one by one: each is a word of the agenda ("multi-model"), or, each mended
        by a slip, the agenda writes them hyphenated or side by side in at least ``sessions`` sessions."""
        if all(part in self._known or part in STOPWORDS for part in parts):
            return True
        mended = [part if part in self._known else self._commonest(self._one_slip(part)) or part for part in parts]
        return "-".join(mended) in self._written.compounds or self._written_apart(mended, sessions) >= sessions

    def _two_words(self, word: str) -> str:
        """The two words the agenda writes side by side that ``word`` joins ("dataset": "data set"); of several
        splits into two of its words, the one whose rarer word the most sessions use; "" when it writes none."""
        splits = [(word[:i], word[i:]) for i in range(SPLIT_LETTERS, len(word) - SPLIT_LETTERS + 1)]
        return self._side_by_side([(a, b) for a, b in splits if a in self._known and b in self._known])

    def _two_words_slipped(self, word: str) -> str:
        """The two words the agenda writes side by side that ``word`` joins with one slip in one of them; of several,
        the one whose rarer word the most sessions use; "" when none."""
        pairs = set()
        for i in range(SPLIT_LETTERS, len(word) - SPLIT_LETTERS + 1):
            a, b = word[:i], word[i:]
            for exact, slipped, first in ((a, b, True), (b, a, False)):
                if exact not in self._known or exact in STOPWORDS or slipped in self._known:
                    continue
                for near in self._near(slipped, self._by_length):
                    pair = (exact, near) if first else (near, exact)
                    if len(near) >= MIN_LETTERS and near not in STOPWORDS and _slip(word, "".join(pair)):
                        pairs.add(pair)
        return self._side_by_side(sorted(pairs))

    def _side_by_side(self, pairs: Sequence[tuple[str, str]]) -> str:
        """Of ``pairs`` of the agenda's words, the first it writes side by side, the pairs whose rarer word the most
        sessions use first, as it spells them ("data set"); "" when it writes none."""
        ranked = sorted(pairs, key=lambda pair: -min(map(self._uses.get, pair)))
        a, b = next((pair for pair in ranked if self._written_apart(list(pair), 1)), ("", ""))
        return f"{self.spelled(a)} {self.spelled(b)}" if a else ""

    def _one_slip(self, word: str) -> list[str]:
        """The agenda's words of ``MIN_LETTERS`` or more that ``word`` is one slip from."""
        return [w for w in self._near(word, self._by_length) if len(w) >= MIN_LETTERS and _slip(word, w)]

    def _commonest(self, words: Sequence[str]) -> str:
        """Of ``words`` of the agenda, the one the most sessions use (the last in alphabetical order of a tie); ""."""
        return max(words, key=lambda w: (self._uses[w], w), default="")

    def spelled(self, word: str) -> str:
        """A folded word of the agenda as the agenda writes it: "kunstliche" -> "künstliche"."""
        return self._written.accented.get(word, word)

    def note(self, text: str) -> str:
        """What the page and the CLI say about ``text``'s mended words ("" when none): 'Read “trackng” as “tracking”.'"""
        return read_note(self.corrections(text), "as this agenda spells it")

    def read_as(self, text: str, by_the_model: bool = False) -> str:
        """``text`` with each slipped word replaced by the agenda's word (unchanged when there is none). ``by_the_model``:
        as the model reads it, a compound written closed as ``closed_compounds.MODEL_READS`` says (as typed, and its two
        words: "Wahlcomputer wahl computer")."""
        for typed, read in self.corrections(text):
            if by_the_model and read == self._closed("".join(words(typed))):
                read = " ".join(typed if reading == "typed" else read for reading in MODEL_READS)
            text = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", read, text)
        return text

    @staticmethod
    def _near(word: str, by_length: Mapping[int, list[str]], slips: int = 1) -> list[str]:
        """The words ``slips`` edits or fewer from ``word`` (only words of a length they can reach are compared)."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        candidates = [w for n in range(len(word) - slips, len(word) + slips + 1) for w in by_length.get(n, ())]
        return [w for w, _, _ in process.extract(word, candidates, scorer=OSA.distance, score_cutoff=slips, limit=None)]


def read_note(pairs: Sequence[tuple[str, str]], how: str) -> str:
    """'Read “a” as “b”, “c” as “d”, <how>.' for (as typed, as read) pairs; "" when there are none."""
    return "Read " + ", ".join(f"“{typed}” as “{read}”" for typed, read in pairs) + f", {how}." if pairs else ""


def common_word(word: str, languages: Sequence[str] = ("en",)) -> bool:
    """Whether one of ``languages`` uses ``word`` (as typed: "Hunde", "hände") at least ``ENGLISH_ZIPF`` often:
    wordfreq's small lists, which hold exactly those words (English 19 MB in memory, where its full list takes 53)."""
    from wordfreq import zipf_frequency

    return any(zipf_frequency(word, language, wordlist="small") >= ENGLISH_ZIPF for language in languages)


def agenda_languages(vocabulary: Mapping[str, int], sessions_using: np.ndarray, sessions: int) -> tuple[str, ...]:
    """English, and each language whose own stop words the agenda's ``sessions`` use ``LANGUAGE_STOPWORDS`` of on average
    (``vocabulary``: word -> column of ``sessions_using``)."""
    found = ["en"]
    for language in LANGUAGE_NAMES:
        used = sum(int(sessions_using[vocabulary[w]]) for w in own_stopwords(language) if len(w) >= 3 and w in vocabulary)
        if sessions and used / sessions >= LANGUAGE_STOPWORDS:
            found.append(language)
    return tuple(found)


@lru_cache(maxsize=None)
def own_stopwords(language: str) -> frozenset[str]:
    """``language``'s stop words (bm25s's list, folded) less those English has too."""
    from bm25s import stopwords

    english = set(stopwords.STOPWORDS_EN) | set(stopwords.STOPWORDS_EN_PLUS) | STOPWORDS
    return frozenset({fold(w) for w in getattr(stopwords, f"STOPWORDS_{LANGUAGE_NAMES[language]}")} - english)


@lru_cache(maxsize=None)
def languages_stopwords(languages: tuple[str, ...]) -> frozenset[str]:
    """The stop words of ``languages`` besides English (``own_stopwords`` of each): "und", "von" at 38C3."""
    return frozenset().union(*(own_stopwords(language) for language in languages if language != "en"))


def accented_stopwords(text: str) -> frozenset[str]:
    """The words of ``text`` typed with an accent that, so typed, are another language's stop words ("über", "für",
    "même", "più"), folded. Typed so, they are that language's, whatever words of this agenda they fold to: "Vorträge über
    QGIS" at FOSS4G asks nothing of the talk on Uber's H3."""
    return frozenset(fold(w) for w in _WORD.findall(text.lower()) if not w.isascii() and w in _accented_stopwords())


@lru_cache(maxsize=1)
def _accented_stopwords() -> frozenset[str]:
    """The stop words of bm25s's lists that are typed with an accent ("über", "même"), as typed."""
    from bm25s import stopwords

    listed = (getattr(stopwords, f"STOPWORDS_{name}") for name in LANGUAGE_NAMES.values())
    return frozenset(w for language in listed for w in language if not w.isascii())


@dataclass(frozen=True)
class Written:
    """How an agenda writes its words, as the speller reads queries by it."""

    accented: dict[str, str]  # a folded word -> its most used spelling with accents ("kunstliche": "künstliche")
    hyphenated: dict[str, str]  # a compound it writes with hyphens, never joined -> its most used form ("finetuning": "fine-tuning")
    compounds: frozenset[str]  # every compound it writes with hyphens, folded ("fine-tuning", "open-source")


def as_written(texts: Iterable[str], known: set[str]) -> Written:
    """Read once from the agenda's texts (title, tags, abstract): 0.4 s for 10,000 sessions (string methods, not a
    regular expression over every word)."""
    sessions_using: Counter[str] = Counter()
    for text in texts:
        lower = text.lower()
        sessions_using.update(set(_hyphenated(lower)))
        if not lower.isascii():
            sessions_using.update({w for token in set(lower.split()) if not token.isascii() for w in _WORD.findall(token)})
    accented: dict[str, dict[str, int]] = {}
    hyphenated: dict[str, dict[str, int]] = {}
    compounds = set()
    for form, n in sessions_using.items():
        if "-" in form:
            compounds.add(folded := "-".join(map(fold, form.split("-"))))
            if (joined := folded.replace("-", "")) not in known:
                hyphenated.setdefault(joined, {})[form] = n
        if not form.isascii():
            for word in form.split("-"):
                if (folded := "".join(words(word))) != word:
                    accented.setdefault(folded, Counter())[word] += n
    return Written(_most_used(accented), _most_used(hyphenated), frozenset(compounds))


def _hyphenated(text: str) -> Iterator[str]:
    """The compounds written with hyphens in ``text`` ("fine-tuning", "state-of-the-art"): found from each hyphen,
    ten times faster than a regular expression, which tries every letter of the text as a start."""
    end = len(text)
    start = 0
    while (hyphen := text.find("-", start)) != -1:
        left = hyphen
        while left > 0 and text[left - 1].isalpha():
            left -= 1
        right = hyphen + 1
        while right < end and text[right].isalpha():
            right += 1
        if left == hyphen or right == hyphen + 1:
            start = hyphen + 1
            continue
        while right < end - 1 and text[right] == "-" and text[right + 1].isalpha():
            right += 1
            while right < end and text[right].isalpha():
                right += 1
        yield text[left:right]
        start = right


def _most_used(counts: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    return {key: max(forms, key=lambda form: (forms[form], form)) for key, forms in counts.items()}


def _by_length(words: Iterable[str]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for word in words:
        grouped.setdefault(len(word), []).append(word)
    return grouped


def _slip(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with a slip of the hand: a letter dropped, doubled or added, two letters swapped,
    or one letter replaced by a key beside it or a vowel by another ("seperation"; but "inventing" is not
    "inverting": n and r are far apart)."""
    if _only_the_end_differs(typed, word):
        return False
    if len(typed) != len(word):
        return True
    differ = [i for i, (a, b) in enumerate(zip(typed, word)) if a != b]
    if len(differ) != 1:
        return True
    pair = (typed[differ[0]], word[differ[0]])
    return pair in _BESIDE or set(pair) <= _VOWELS


def _two_slips(typed: str, word: str) -> bool:
    """Whether some string one slip from ``typed`` is one slip from ``word`` (each by ``_slip``'s hand)."""
    from rapidfuzz.distance import OSA

    if _only_the_end_differs(typed, word):
        return False
    letters = "abcdefghijklmnopqrstuvwxyz"
    between = {typed[:i] + typed[i + 1 :] for i in range(len(typed))}
    between |= {typed[:i] + typed[i + 1] + typed[i] + typed[i + 2 :] for i in range(len(typed) - 1)}
    between |= {typed[:i] + c + typed[i:] for i in range(len(typed) + 1) for c in letters}
    between |= {typed[:i] + c + typed[i + 1 :] for i in range(len(typed)) for c in letters if c != typed[i]}
    return any(OSA.distance(typed, w) == 1 and _slip(typed, w) and OSA.distance(w, word) == 1 and _slip(w, word) for w in between)


def _only_the_end_differs(typed: str, word: str) -> bool:
    """Two words that differ only in their last letter are as likely two forms of one word as a slip ("composes",
    "composers"; "classifiers", "classifier"): the model reads the word as typed."""
    return len(os.path.commonprefix([typed, word])) >= min(len(typed), len(word)) - 1
