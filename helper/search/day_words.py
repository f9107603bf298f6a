"""A day the query names ("keynote on Thursday", "workshops tomorrow"), read as the Day filter.

An attendee between two talks types when as well as what. No abstract is about "Thursday", so the model and the words
read the rest of the query, and the day becomes the mask the Day filter would make. Read only when it is safe: the
word names exactly one day of the agenda, no title, tag or track of the agenda uses it (a talk on "Black Friday"),
the query holds something else to search for, and it names one day only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterable

# English and German, the languages of the agendas here; "morgen" is left out: it is also "morning"
_WEEKDAYS = (("monday", "montag"), ("tuesday", "dienstag"), ("wednesday", "mittwoch"), ("thursday", "donnerstag"),
             ("friday", "freitag"), ("saturday", "samstag", "sonnabend"), ("sunday", "sonntag"))
WEEKDAY = {name: number for number, names in enumerate(_WEEKDAYS) for name in names}
DAYS_FROM_TODAY = {"today": 0, "tomorrow": 1, "heute": 0}
_DAY = re.compile(
    r"(?<![\w-])(?:(?:on|for|this|am)\s+)?(?P<day>" + "|".join(sorted([*WEEKDAY, *DAYS_FROM_TODAY], key=len, reverse=True))
    + r")(?:'s|’s)?(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NamedDay:
    query: str  # the query without the day's words: what is searched
    day: date
    words: str  # the day's words as typed ("on Thursday")


def named_day(query: str, days: Iterable[date], today: date, declared: Callable[[str], bool]) -> NamedDay | None:
    """The one agenda day ``query`` names, or None. ``days``: the agenda's days; ``today``: in the agenda's zone;
    ``declared(word)``: whether a title, tag or track of the agenda uses the word (then it is a topic there)."""
    found = list(_DAY.finditer(query))
    if len(found) != 1:
        return None
    match = found[0]
    word = match.group("day").lower()
    rest = " ".join(f"{query[: match.start()]} {query[match.end():]}".split()).strip(" ,.;:!?-")
    if not rest or declared(word):
        return None
    days = sorted(set(days))
    if word in DAYS_FROM_TODAY:
        wanted = today + timedelta(days=DAYS_FROM_TODAY[word])
        chosen = [wanted] if wanted in days else []
    else:
        chosen = [d for d in days if d.weekday() == WEEKDAY[word]]
        if len(chosen) > 1:  # an agenda of more than a week: the next such day, while it runs
            chosen = [d for d in chosen if d >= today][:1] if days[0] <= today <= days[-1] else []
    return NamedDay(rest, chosen[0], match.group(0).strip()) if len(chosen) == 1 else None
