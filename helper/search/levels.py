"""Levels an attendee asks for: "healthcare for beginners", "intro to PostGIS", "Rust for experts", "Löten für Kinder".

A level says who a session is for, not what it is about, so the topic is searched without it: "healthcare analytics
for beginners" finds healthcare analytics. A session is of a level when its title, tags or track say so ("An
Introduction to Healthcare Analytics", "Python 101", the track "Beginner Bootcamp", "Einstieg in JOSM") or its
abstract says it of its audience ("beginner-friendly", "no prior experience needed", "keine Vorkenntnisse"). Those
sessions count as holding it (below); on an agenda that marks no session so, the
level is read away and the page says so (docs/quality.md, "A level asked for").

The lexical rules read a level as one more word of the query (``level_term``: "@beginner"), one that the sessions of
that level hold in their title: a session on the topic *and* for beginners holds the whole query, one on the topic
alone holds less of it, the less the rarer sessions for beginners are at this agenda. The model reads the topic alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from helper.search.tokens import cut_out

_FOR = r"(?:for|f(?:ü|u|ue)r)\s+(?:(?:the\s+)?(?:absolute|complete|total|real)\s+)?"
_UE, _AE = "(?:ü|u|ue)", "(?:ä|a|ae)"


@dataclass(frozen=True)
class Level:
    name: str  # "beginner"
    shown: str  # as a note says it: "for beginners"
    asked: re.Pattern  # what in a query asks for it
    marked: re.Pattern  # what in a title, tags or track says a session is it
    said: re.Pattern  # what in an abstract says it of the session's audience


LEVELS = (
    Level(
        "beginner",
        "for beginners",
        re.compile(
            rf"\b(?:{_FOR}(?:beginners?|newcomers?|novices?|newbies?|starters|anf{_AE}nger(?:innen)?|einsteiger(?:innen)?)"
            r"|beginners?(?:[- ]friendly|[- ]level)?|entry[- ]level|introductory"
            r"|(?:an?\s+)?(?:(?:gentle|quick|short|brief)\s+)?(?:introduction|intro)\s+(?:to|into|on|in)"
            r"|(?:the\s+)?basics\s+of|getting\s+started\s+(?:with|in|on)|first\s+steps\s+(?:with|in|into)"
            rf"|(?:eine\s+)?einf{_UE}hrung\s+in(?:\s+(?:die|den|das))?|(?:der\s+)?einstieg\s+in(?:\s+(?:die|den|das))?)\b"
            r"|(?<=\w)(?<!room)(?<!raum)(?<!saal)(?<!hall)\s+101\b",  # "Python 101", not "Room 101"
            re.I,
        ),
        re.compile(
            r"\b(?:beginners?|beginner-friendly|newcomers?|introduction|intro|introductory|101|basics|getting started"
            r"|first steps|fundamentals|primer|crash course|entry-level"
            rf"|anf{_AE}nger\w*|einsteiger\w*|einf{_UE}hrung|einstieg|grundlagen)\b",
            re.I,
        ),
        re.compile(
            r"\bbeginner[- ]friendly\b|\bno (?:prior |previous )?(?:experience|knowledge) (?:is |are )?(?:required|needed|necessary)"
            r"|\b(?:suitable|aimed at|meant|designed|ideal) for (?:absolute |complete )?beginners\b"
            rf"|\b(?:keine|ohne) (?:\w+ )?vorkenntnisse\b|\banf{_AE}ngerfreundlich|\bf{_UE}r anf{_AE}nger(?:innen)? geeignet",
            re.I,
        ),
    ),
    Level(
        "advanced",
        "for experts",
        re.compile(
            rf"\b(?:{_FOR}(?:experts|advanced\s+users|experienced\s+\w+|fortgeschrittene)|expert[- ]level"
            r"|(?:a\s+)?deep[- ]dive(?:\s+(?:into|on|in))?|in[- ]depth)\b",
            re.I,
        ),
        re.compile(r"\b(?:advanced|deep[- ]dive|in-depth|expert-level|for experts|fortgeschrittene\w*|masterclass)\b", re.I),
        re.compile(r"\b(?:for|aimed at) (?:experts|advanced users|experienced \w+)\b|\bf(?:ü|u|ue)r fortgeschrittene\b", re.I),
    ),
    Level(  # who a session is for, as a level is: "Löten für Kinder", "coding for teens"
        "kids",
        "for kids",
        re.compile(
            rf"\b(?:{_FOR}(?:(?:the\s+)?(?:kids|children|teens|teenagers|youngsters|young\s+people|families|whole\s+family)"
            rf"|kinder|jugendliche|familien|(?:die\s+)?ganze\s+familie)|(?:kid|kids|child|family)[- ]friendly|kinderfreundlich"
            r"|familienfreundlich)\b",
            re.I,
        ),
        # a title saying so, not one about children ("Austausch für Eltern … von trans Kindern", "Poly with … Kids")
        re.compile(
            rf"\b(?:{_FOR}(?:kids|children|teens|families|kinder|jugendliche|familien)\b|kids?\s+edition|kinder-?edition|kidspace"
            r"|junghacker\w*|jugend\s+hackt|kinder(?:disco|schminken|programm)\w*)|\((?:[3-9]|1[0-4])\s?\+\)",
            re.I,
        ),
        re.compile(  # of its audience: "für Kinder geeignet", "suitable also for children aged 10", "ab 8 Jahren", "ages 6+"
            r"\b(?:suitable|meant|designed|ideal|geeignet)\s+(?:also\s+|auch\s+)?f(?:or|ür|ur|uer)\s+(?:kids|children|kinder|jugendliche)"
            r"|\bf(?:or|ür|ur|uer)\s+(?:kids|children|kinder|jugendliche)\s+geeignet"
            r"|\b(?:kids|children|kinder) (?:are |sind )?(?:welcome|willkommen)"
            r"|\baltersempfehlung|\bab (?:[3-9]|1[0-4]) jahren\b|\bages? (?:[3-9]|1[0-4])\s?(?:\+|and up|to \d)"
            r"|\b(?:kid|child|family)[- ]friendly\b|\bkinderfreundlich|\bfamilienfreundlich",
            re.I,
        ),
    ),
)
BY_NAME = {level.name: level for level in LEVELS}


def level_term(name: str) -> str:
    """The word the lexical rules read a level as: one no text holds and nobody types ("@beginner")."""
    return "@" + name


def is_level_term(word: str) -> bool:
    return word.startswith("@")


def asked_levels(text: str) -> list[tuple[int, int, str]]:
    """Where a query asks for a level: (start, end, the level's name), in the order typed."""
    spans = [(m.start(), m.end(), level.name) for level in LEVELS for m in level.asked.finditer(text)]
    return sorted(spans)


def without_levels(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """``text`` without the level requests ``spans`` (``asked_levels``); as typed when nothing else is left ("beginners")."""
    return (cut_out(text, [(start, end) for start, end, _name in spans]) or text) if spans else text


def session_levels(title: str, labels: Sequence[str], abstract: str) -> frozenset[str]:
    """The levels a session says it is of: in its title or ``labels`` (tags and track), or of its audience in its
    abstract."""
    declared = " | ".join([title, *labels])
    return frozenset(level.name for level in LEVELS if level.marked.search(declared) or level.said.search(abstract))
