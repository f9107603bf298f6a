"""A room the query names ("keynote in the Auditorium", "was läuft im Saal 1 jetzt"), read as the Room filter.

An attendee at a door or a kiosk asks what is on where they stand. No abstract is about "Saal 1", so left in the query
the room's name only misleads the words and the model. Read only when it is safe: the room is named whole, as the agenda
writes it (or without a trailing bracket: "Jupiter" for "Jupiter (1st floor)", when no other room shares that), right
after "in", "at", "im", "in the" or "at the", and something else is left to search for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from helper.search.tokens import cut_out

_LEAD = r"(?<![\w-])(?:in|at|im|in\s+the|at\s+the)\s+"
_BRACKET = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class NamedRoom:
    query: str  # the query without the room's words
    room: str  # as the agenda writes it
    words: str  # as typed ("in the Auditorium")


def named_room(query: str, rooms: Iterable[str]) -> NamedRoom | None:
    """The one room of ``rooms`` that ``query`` names after "in"/"at", or None."""
    found = []
    for pattern, named in _patterns(frozenset(r for r in rooms if r.strip())):  # longest name first
        for match in pattern.finditer(query):
            if not any(match.start() < end and start < match.end() for start, end, _ in found):
                found.append((match.start(), match.end(), named))
    if len(found) != 1 or len(found[0][2]) != 1:
        return None
    start, end, named = found[0]
    rest = cut_out(query, [(start, end)])
    return NamedRoom(rest, next(iter(named)), query[start:end].strip()) if rest else None


@lru_cache(maxsize=16)
def _patterns(rooms: frozenset[str]) -> list[tuple[re.Pattern, frozenset[str]]]:
    """Per name a room goes by (whole, or without its bracket), longest first: its pattern and the rooms it names.
    Made once per agenda's rooms, not per query."""
    names: dict[str, set[str]] = {}  # lower-cased name or short name -> rooms it names
    for room in rooms:
        for name in {room, _BRACKET.sub("", room)}:
            if name.strip():
                names.setdefault(" ".join(name.split()).lower(), set()).add(room)
    return [
        (re.compile(_LEAD + r"\s+".join(re.escape(part) for part in name.split()) + r"(?![\w-])", re.IGNORECASE), frozenset(named))
        for name, named in sorted(names.items(), key=lambda item: len(item[0]), reverse=True)  # "University Auditorium A" first
    ]
