"""Words as every lexical rule reads them: folded (lower-case, accent-free) tokens, minus stop words."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from helper.agenda.text import fold

_WORD = re.compile(r"\w+")
_NUMBER_ALONE = re.compile(r"(?<![\w-])\d+(?![\w-])")  # "Day 2", "2.1", "13:00"; not "COVID-19", "log4j"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # "computerVision" -> "computer Vision"
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here hers him
    his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while who whom why will with would you your
    yours talk talks session sessions vortrag vortrage vortragen speaker speakers presentation presented given gives present by from someone
    anything something want wants looking like learn learning about i'm im me paper papers""".split()
)
# letters NFKD does not decompose, so fold() keeps them: spelled as people type them without the key
_EXTRA_FOLD = str.maketrans({"ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "đ": "d", "Đ": "D", "ı": "i"})


def words(text: str) -> list[str]:
    """Folded (lower-case, accent-free) word tokens."""
    return _WORD.findall(fold(text.translate(_EXTRA_FOLD)))


def query_terms(text: str) -> list[str]:
    """The words of a query that can carry meaning: no stop words, no one-letter words, each once. A number typed on its
    own counts: it tells the sessions of a series apart ("Soldering Competition - Day 2", "Kidspace 2.1"); one joined
    to a word is part of that word's name ("COVID-19", "GPT-4") and says no more than the word."""
    alone = set(_NUMBER_ALONE.findall(fold(text)))
    return list(dict.fromkeys(w for w in words(text) if w not in STOPWORDS and (w in alone if w.isdigit() else len(w) > 1)))


_BRACKETED = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")


def tag_text(tags: Sequence[str]) -> str:
    """A session's tags as the lexical rules read them. A keyword written as an identifier (EEML's "computerVision")
    is read both as written and as its words, so "computer vision" finds it; a name ("PyTorch", "JavaScript",
    "macOS") starts with a capital or has no lower-upper-lower joint and stays one word."""
    return " ".join(tag if (spelled := spelled_out(tag)) == tag else f"{tag} {spelled}" for tag in tags)


def unbracketed(label: str) -> str:
    """A label without what it says in brackets: examples or details, not what it is ("YOC - Alles, was in einem Forum
    stattfinden soll (Lightning Talks, Quizze..)" is the youth forum, not lightning talks; "Talk 40 (30min +10 Q&A)")."""
    return _BRACKETED.sub(" ", label)


def session_labels(tags: Sequence[str], track: str) -> list[str]:
    """What a session says it is about: its own tags/keywords and the track the agenda puts it in (the organiser's
    structure: "Healthcare Analytics", "Security"). The lexical rules read both as one field."""
    return [*tags, track] if track and track not in tags else list(tags)


def spelled_out(tag: str) -> str:
    """A keyword written as an identifier as a person types it: "computerVision" -> "computer vision"."""
    return _CAMEL.sub(" ", tag).lower() if tag[:1].islower() and _CAMEL.search(tag) else tag


def singular(word: str) -> str:
    """A plural read as its singular and nothing else (Harman's S-stemmer, 1991): "studies" -> "study", "keynotes" ->
    "keynote", "classes" -> "classe" (it undoes only what a plural adds, so both numbers of a word meet in one form)."""
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def other_numbers(word: str) -> tuple[str, ...]:
    """The forms ``word`` may take in the other grammatical number (English), most likely first: "keynotes" ->
    ("keynote",), "tutorial" -> ("tutorials", "tutoriales"), "study" -> ("studys", "studyes", "studies")."""
    forms = (singular(word), word + "s", word + "es", word[:-1] + "ies" if word.endswith("y") else "")
    return tuple(f for f in dict.fromkeys(forms) if f and f != word)


def cut_out(query: str, spans: Iterable[tuple[int, int]]) -> str:
    """``query`` without the (start, end) spans a filter read from it ("keynote on Thursday" -> "keynote"), its spaces
    and edge punctuation tidied."""
    kept, at = [], 0
    for start, end in sorted(spans):
        kept.append(query[at:start])
        at = end
    return " ".join(" ".join([*kept, query[at:]]).split()).strip(" ,.;:!?-")
