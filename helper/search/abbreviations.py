"""The abbreviations an agenda defines in its own texts ("reinforcement learning (RL)", "OpenStreetMap (OSM)"), so that the
model reads an abbreviation typed for what it stands for here: "RL" as "reinforcement learning".

A definition is a parenthesised word with at least two capitals after the words it abbreviates, matched as Schwartz and
Hearst match them (2003: each letter of the abbreviation, from the last, found in the words before it, the first at
the start of a word). Where an agenda spells one abbreviation out in more than one way, the way most of its sessions
write is kept, and none when two ways tie.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from helper.search.spelling import read_note
from helper.search.tokens import STOPWORDS

_DEFINED = re.compile(r"\(([A-Za-z][A-Za-z0-9-]{1,9})\)")
_TYPED = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9-]{1,10}(?![\w-])")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_PLAIN = re.compile(r"[^\W_]+(?:[ ,'’&-]+[^\W_]+)*")  # words, not markup, quotes or a sentence's end: "\emph{…}", "…). I wrote"
_NOT_FIRST = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def defined(texts: Iterable[str]) -> dict[str, str]:
    """Folded abbreviation ("rl", "llm": a plural's "s" dropped) -> what the agenda's texts spell it out as, lower case."""
    counts: dict[str, Counter] = {}
    for text in texts:
        seen = set()
        for found in _DEFINED.finditer(text):
            abbreviation = found.group(1)
            if not _in_capitals(abbreviation) or (key := _key(abbreviation)) in seen:
                continue
            long_form = _long_form(_letters(abbreviation), text[: found.start()])
            if long_form:
                seen.add(key)
                counts.setdefault(key, Counter())[long_form.casefold()] += 1
    kept = {}
    for key, forms in counts.items():
        by_meaning = Counter()  # "large language model" and "… models" are one way to spell "LLM(s)" out
        for form, n in forms.items():
            by_meaning[form.removesuffix("s")] += n
        (best, n), *rest = by_meaning.most_common(2) + [("", 0)]
        if n > rest[0][1]:
            kept[key] = max((f for f in forms if f.removesuffix("s") == best), key=forms.__getitem__)
    return kept


class Abbreviations:
    """Reads a query's abbreviations as an agenda defines them (``defined``). One typed in lower case is read only where
    the agenda writes it in capitals more often than not (``in_capitals``: "ai", "rl", "gis"; not "art", "map" or "who",
    which FOSS4G and 38C3 write as words far more often) and it is no stop word ("us")."""

    def __init__(self, spelled_out: dict[str, str], in_capitals: Iterable[str] = ()) -> None:
        self._spelled_out = spelled_out
        self._in_capitals = frozenset(in_capitals) - STOPWORDS

    @classmethod
    def of(cls, sessions: pd.DataFrame) -> "Abbreviations":
        """The abbreviations an agenda's titles and abstracts define."""
        return cls.read(sessions["title"] + ". " + sessions["abstract"])

    @classmethod
    def read(cls, texts: Iterable[str]) -> "Abbreviations":
        """The abbreviations ``texts`` (an agenda's titles and abstracts) define, and how they write them."""
        texts = list(texts)
        spelled_out = defined(texts)
        return cls(spelled_out, mostly_in_capitals(texts, spelled_out))

    def __len__(self) -> int:
        return len(self._spelled_out)

    def items(self) -> list[tuple[str, str]]:
        """(folded abbreviation, spelled out) for each the agenda defines."""
        return list(self._spelled_out.items())

    def typed(self, text: str) -> list[tuple[str, str]]:
        """(as typed, spelled out) for each abbreviation of ``text`` the agenda defines, when the query does not spell
        it out itself."""
        if not self._spelled_out:
            return []
        words = {w.casefold() for w in _WORD.findall(text)}
        found = {}
        for typed in _TYPED.findall(text):
            key = _key(typed) if _in_capitals(typed) else _lower_key(typed, self._in_capitals) if typed.islower() else ""
            long_form = self._spelled_out.get(key)
            if long_form and typed not in found and not set(_WORD.findall(long_form)) <= words:
                found[typed] = long_form
        return list(found.items())

    def for_the_model(self, text: str) -> str:
        """``text`` with each abbreviation replaced by what it stands for: "RL for games" -> "reinforcement learning for
        games". The letters beside it read worse (``bench/abbreviations.py``, docs/quality.md): the model knows "RL" less
        well than the words."""
        for typed, long_form in self.typed(text):
            text = re.sub(rf"(?<![\w-]){re.escape(typed)}(?![\w-])", long_form, text, count=1)
        return text

    def note(self, text: str) -> str:
        return read_note(self.typed(text), "as this agenda spells it out")


def mostly_in_capitals(texts: Iterable[str], keys: Iterable[str]) -> set[str]:
    """Of ``keys`` (folded abbreviations), those ``texts`` write in capitals ("AI", "LLMs") more often than in lower case
    ("art"); a word with one capital ("Art" opening a title) counts for neither."""
    keys = set(keys)
    lower, upper = Counter(), Counter()
    for text in texts:
        for word in _TYPED.findall(text):
            if _in_capitals(word) and (key := _key(word)) in keys:
                upper[key] += 1
            elif word.islower() and (key := _lower_key(word, keys)):
                lower[key] += 1
    return {key for key in keys if upper[key] > lower[key]}


def _in_capitals(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def _lower_key(word: str, keys) -> str:
    """The key of ``keys`` a word in lower case is, itself or its singular ("llms"), or ""."""
    return word if word in keys else word.removesuffix("s") if word.removesuffix("s") in keys else ""


def _key(abbreviation: str) -> str:
    plural = len(abbreviation) > 2 and abbreviation[-1] == "s" and abbreviation[-2].isupper()
    return (abbreviation[:-1] if plural else abbreviation).casefold()


def _letters(abbreviation: str) -> str:
    return "".join(c for c in _key(abbreviation) if c.isalnum())


def _long_form(letters: str, before: str) -> str:
    """The words right before a definition that ``letters`` abbreviates (Schwartz & Hearst), or ""."""
    words = before.split()
    window = " ".join(words[-min(len(letters) + 5, len(letters) * 2) :])
    at = len(window) - 1
    for i in range(len(letters) - 1, -1, -1):
        while at >= 0 and (window[at].casefold() != letters[i] or (i == 0 and at > 0 and window[at - 1].isalnum())):
            at -= 1
        if at < 0:
            return ""
        at -= 1
    start = window.rfind(" ", 0, at + 1) + 1
    long_form = window[start:].strip(" ,;:-")
    if not _PLAIN.fullmatch(long_form) or long_form.split()[0].casefold() in _NOT_FIRST:
        return ""
    return long_form if len(long_form) > len(letters) and long_form.casefold() != letters else ""
