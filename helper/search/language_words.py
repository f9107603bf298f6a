"""A language the query asks sessions to be held in ("security talks in English", "Vorträge auf Deutsch über
Überwachung", "English talks", "deutschsprachige Workshops"), read as the Language filter.

At a bilingual conference (38C3: 460 talks in German, 329 in English, 174 in both) a visitor who follows only one asks
for it. Left in the query, the word misleads both signals: on 38C3 "in English" lifted the walking tours titled
"(Day 2 English)" and "auf Deutsch" a film shown "auf Deutsch". Read only when it is safe: the language is named after
"in"/"auf" or as an adjective before a word for sessions, the agenda gives that language for some session, one
language is named, and something else is left to search for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from helper.agenda.languages import BY_NAME, LANGUAGES
from helper.search.tokens import cut_out

_NAMES = sorted((name for names in LANGUAGES.values() for name in names[1:]), key=len, reverse=True)
# "deutsche", "englischen", "deutschsprachige", "English-language", "German-speaking"
_ADJECTIVE = r"(?P<adj>" + "|".join(re.escape(n) for n in _NAMES) + r")(?:e[nrs]?|sprachig(?:e[nrs]?)?|-language|-speaking)?"
_SESSIONS = r"(?:talks?|sessions?|lectures?|workshops?|keynotes?|panels?|presentations?|events?|vortr[äa]ge?|vortrag|veranstaltungen)"
_NAMED = re.compile(
    r"(?<![\w-])(?:(?:held\s+|given\s+|spoken\s+)?(?:in|auf)\s+(?P<name>" + "|".join(re.escape(n) for n in _NAMES) + r")"
    r"|" + _ADJECTIVE + r"(?=\s+" + _SESSIONS + r"(?![\w-])))(?![\w-])",
    re.IGNORECASE,
)
_ANY_NAME = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in _NAMES) + r")(?:e[nrs]?|sprachig\w*)?(?!\w)", re.IGNORECASE)
_SPOKEN = re.compile(r"(?<![\w-])(?P<adv>(?:deutsch|englisch)sprachig(?:e[nrs]?)?)(?![\w-])", re.IGNORECASE)  # alone too


@dataclass(frozen=True)
class NamedLanguage:
    query: str  # the query without the language's words
    code: str  # "en", "de": ``helper.agenda.languages``
    words: str  # as typed ("in English")


def named_language(query: str, offered: Iterable[str]) -> NamedLanguage | None:
    """The one language of ``offered`` (codes the agenda's sessions are held in) that ``query`` asks for, or None."""
    matches: list[re.Match] = []
    for match in sorted([*_NAMED.finditer(query), *_SPOKEN.finditer(query)], key=lambda m: m.start()):
        if not matches or match.start() >= matches[-1].end():  # "deutschsprachige Workshops" is named once
            matches.append(match)
    codes = {_code(m) for m in matches}
    mentioned = {BY_NAME[m.group(1).lower()] for m in _ANY_NAME.finditer(query)}  # "in English or German": which?
    if len(codes) != 1 or mentioned - codes or not codes <= set(offered):
        return None
    rest = cut_out(query, (m.span() for m in matches))
    return NamedLanguage(rest, codes.pop(), " ".join(m.group(0) for m in matches)) if rest else None


def _code(match: re.Match) -> str:
    word = next(match.group(g) for g in ("name", "adj", "adv") if g in match.re.groupindex and match.group(g)).lower()
    return BY_NAME.get(re.sub(r"sprachig\w*$", "", word), "")  # "deutschsprachige" -> "deutsch"
