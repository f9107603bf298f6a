"""Example queries drawn from the agenda itself, for the page's "Try one of …" row.

The agenda's own names for its parts make the best examples when they name topics ("Healthcare Analytics", "Open
Data"). Real exports name tracks by slot as often: ISMIR's are "1" to "7", EEML's "1a", COLT's "Session 3B|Session
3D", SIGDIAL's "sigdialpostersession2". Typed as a query, such a name finds nothing. So a value is offered only when
one of its words is a word the agenda's sessions use, slot words and codes aside. The row offers the tracks or the
authors' keywords (each as a person types it: "computerVision" -> "computer vision"), whichever gives more examples,
tracks on a tie: VIS 2018's three tracks are its venues and ICWSM's its paper types, and their keywords say more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import pandas as pd

from helper.search.tokens import STOPWORDS, spelled_out, words

SLOT_WORDS = frozenset("session sessions track tracks poster posters oral orals room slot day block part".split())


@dataclass(frozen=True)
class Examples:
    source: str  # what the row offers: "tracks" or "keywords" ("" when nothing reads as a query)
    queries: tuple[str, ...]


def reads_as_query(value: str, known: Callable[[str], bool]) -> bool:
    """True when a word of ``value`` (three letters or more, no digit, not a slot word) is one the agenda uses."""
    return any(len(w) > 2 and w.isalpha() and w not in STOPWORDS and w not in SLOT_WORDS and known(w) for w in words(spelled_out(value)))


def example_queries(sessions: pd.DataFrame, known: Callable[[str], bool], limit: int = 6) -> Examples:
    """Up to ``limit`` example queries, the most used first: the agenda's tracks or keywords (see the module)."""
    tracks = _readable(sessions["track"], known, limit)
    keywords = _readable((spelled_out(tag) for tags in sessions["tags"] for tag in set(tags)), known, limit, at_least=2)
    if len(tracks) >= max(len(keywords), 2):
        return Examples("tracks", tracks)
    return Examples("keywords", keywords) if keywords else Examples("", ())


def _readable(values: Iterable[str], known: Callable[[str], bool], limit: int, at_least: int = 1) -> tuple[str, ...]:
    counts = pd.Series([v for v in values if v], dtype=object).value_counts(sort=True)
    counts = counts[counts >= at_least]
    return tuple([value for value in counts.index if reads_as_query(value, known)][:limit])
