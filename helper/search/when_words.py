"""When the query says it ("keynote on Thursday", "workshops tomorrow afternoon", "talks tonight", "sql after 3pm",
"what's on now", "what's next", "am 28.12."), read as the filters beside the box.

An attendee between two talks types when as well as what. No abstract is about "Thursday" or "this morning", so the
model and the words read the rest of the query, and the time becomes the mask the Day filter and the Time window would
make. Left in the query, the words misled the ranking: on FOSS4G "keynote this morning" answered the Closing Session.
Read only when it is safe: no title, tag or track of the agenda uses the word (a talk on "Black Friday", an "Evening
Reception"), the query holds something else to search for, a day word names exactly one day of the agenda, and a
part of the day counts only beside a word that makes it a time ("this afternoon", "Thursday morning", "in the
evening", "evening sessions"): a topic such as "morning sickness" keeps its word. A clock time counts only written as one
("after 3pm", "before 10:30", "ab 14 Uhr", "between 2 and 4pm", "at 3pm"), not "after 2 years" or "pages 2-4"; "after
lunch" is from when the agenda's own lunch ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterable

from helper.search.tokens import STOPWORDS, cut_out, words

# English and German, the languages of the agendas here; "morgen" is left out: it is also "morning"
_WEEKDAYS = (("monday", "montag"), ("tuesday", "dienstag"), ("wednesday", "mittwoch"), ("thursday", "donnerstag"),
             ("friday", "freitag"), ("saturday", "samstag", "sonnabend"), ("sunday", "sonntag"))
WEEKDAY = {name: number for number, names in enumerate(_WEEKDAYS) for name in names}
DAYS_FROM_TODAY = {"today": 0, "tomorrow": 1, "heute": 0}
_DAY = re.compile(
    r"(?<![\w-])(?:(?:on|for|this|next|am)\s+)?(?P<day>" + "|".join(sorted([*WEEKDAY, *DAYS_FROM_TODAY], key=len, reverse=True))
    + r")(?:'s|’s)?(?![\w-])",
    re.IGNORECASE,
)

# the agenda's n-th day, as the Day filter lists them ("day 2", "the second day", "last day", "am zweiten Tag"): on 38C3,
# 123 of the 124 titles that say "Day n" or "Tag n" are on the n-th day; "from day one" is a manner of speaking
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
             "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "last": -1, "final": -1, "erste": 1, "zweite": 2, "dritte": 3,
             "vierte": 4, "fünfte": 5, "fuenfte": 5, "sechste": 6, "siebte": 7, "letzte": -1}
_COUNTED = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eins": 1, "zwei": 2, "drei": 3,
            "vier": 4, "fünf": 5}
_NTH_DAY = re.compile(
    r"(?<![\w-])(?<!from )(?<!since )(?<!from the )(?<!since the )(?:(?:on|for|am|the)\s+)*(?:(?P<ordinal>" + "|".join(sorted(_ORDINALS, key=len, reverse=True))
    + r")(?:n|r|s|m)?\s+(?:conference\s+|konferenz)?(?:day|tag)(?:\s+of\s+the\s+(?:conference|event))?"
    r"|(?:day|tag)\s*#?\s*(?P<number>[1-9]|" + "|".join(sorted(_COUNTED, key=len, reverse=True)) + r"))(?![\w-])(?!\.\d)",
    re.IGNORECASE,
)

_MONTHS = {"jan": 1, "january": 1, "januar": 1, "feb": 2, "february": 2, "februar": 2, "mar": 3, "march": 3, "märz": 3,
           "maerz": 3, "apr": 4, "april": 4, "may": 5, "mai": 5, "jun": 6, "june": 6, "juni": 6, "jul": 7, "july": 7,
           "juli": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "okt": 10,
           "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12, "dez": 12, "dezember": 12}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(  # "2022-08-25", "25 Aug", "August 25th", "the 28th of December", "28.12." (a number makes it a date)
    r"(?<![\w.-])(?:(?:on|for|am)\s+)?(?:the\s+)?(?:(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<d1>\d{1,2})(?:st|nd|rd|th|\.)?\s*(?:of\s+)?(?P<m1>" + _MONTH + r")\.?"
    r"|(?P<m2>" + _MONTH + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4})?)(?:,?\s+(?P<year>\d{4}))?(?![\w-])",
    re.IGNORECASE,
)

# A part of the day, by the local time a session starts: (from, until), HH:MM, "" for open
PARTS = {"morning": ("", "12:00"), "afternoon": ("12:00", "17:00"), "evening": ("17:00", "")}
_PART_NOUNS = {"morning": "morning", "vormittag": "morning", "afternoon": "afternoon", "nachmittag": "afternoon",
               "evening": "evening", "night": "evening", "abend": "evening"}
_PART_ADVERBS = {"tonight": "evening", "vormittags": "morning", "morgens": "morning", "nachmittags": "afternoon",
                 "abends": "evening"}  # a time whatever stands beside them
_TODAY_LEADS = {"this", "tonight"}  # "this afternoon": today's
_PART = re.compile(
    r"(?<![\w-])(?:(?P<lead>this|in\s+the|during\s+the|at|am)\s+)?(?P<part>" + "|".join([*_PART_NOUNS, *_PART_ADVERBS])
    + r")(?:'s|’s)?(?![\w-])",
    re.IGNORECASE,
)
_EVENT_AFTER = re.compile(r"\s+(?:sessions?|talks?|keynotes?|workshops?|events?|panels?|program(?:me)?|slots?|vortr[aä]ge?)\b", re.I)
_CLOCK = re.compile(
    r"(?<![\w-])(?P<lead>after|from|since|ab|nach|before|until|till|by|bis|vor)\s+(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?"
    r"\s*(?P<suffix>[ap]\.m\.|[ap]m|uhr|h|o'clock)?(?![\w-])",
    re.IGNORECASE,
)
_FROM_LEADS = {"after", "from", "since", "ab", "nach"}
# "after lunch", "nach der Mittagspause": from when the agenda's lunch ends (``schedule.lunches``), until it starts
_MEAL = re.compile(
    r"(?<![\w-])(?P<lead>after|before|nach|vor)\s+(?:the\s+|dem\s+|der\s+)?(?P<meal>lunch(?:\s*break)?|mittagspause|mittagessen)(?![\w-])",
    re.IGNORECASE,
)
LUNCH = ("12:00", "13:00")  # when an agenda lists no lunch of its own
_TIME = r"(?P<{0}hour>\d{{1,2}})(?:[:.](?P<{0}minute>\d{{2}}))?\s*(?P<{0}suffix>[ap]\.m\.|[ap]m|uhr|h|o'clock)?"
# hours from one time to another ("between 2 and 4pm", "from 14:00 to 16:00", "zwischen 14 und 16 Uhr", "2-4pm"): the
# first may borrow the second's "pm"; and a time "at" which sessions start ("at 3pm", "um 15 Uhr"): that hour
_SPAN = re.compile(
    r"(?<![\w.:-])(?:(?:(?P<lead>between|from|zwischen|von)\s+)?" + _TIME.format("a")
    + r"\s*(?(lead)(?:and|to|until|till|und|bis|-|–)|(?:-|–))\s*" + _TIME.format("b")
    + r"|(?P<at>at|um)\s+" + _TIME.format("") + r")(?![\w-])",
    re.IGNORECASE,
)
# words that ask for sessions without saying which ("talks tonight", "what's on now"); folded, as ``tokens.words`` reads
_ANY_SESSION = frozenset("""talk talks session sessions event events program programme schedule agenda anything everything
    something happening going show list whats vortrag vortrage veranstaltung veranstaltungen lauft gibt es alles""".split())
_NOW = re.compile(r"(?<![\w.-])(?:(?:right|happening|on)\s+)?(?P<now>now|jetzt)(?![\w.-])", re.IGNORECASE)
# what starts next: a phrase that asks only that ("what's next", "coming up", "als Nächstes"), or "next" before a kind of
# session ("next talk on security", "nächster Vortrag"), where only "next" is cut out and the kind stays searched
_NEXT = re.compile(
    r"(?<![\w.-])(?:(?P<alone>what(?:'s|’s|s|\s+is|\s+comes)(?:\s+(?:on|up))?\s+next|up\s+next|next\s+up|coming\s+up(?:\s+next)?"
    r"|start(?:s|ing)\s+soon|(?:was\s+kommt\s+)?als\s+n(?:ä|ae|a)chstes|demn(?:ä|ae|a)chst)"
    r"|(?P<next>next|n(?:ä|ae|a)chste[rns]?)(?=\s+(?:sessions?|talks?|events?|slots?|keynotes?|workshops?|panels?|vortr(?:ä|a)ge?"
    r"|veranstaltung(?:en)?)\b))(?![\w.-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NamedWhen:
    query: str  # the query without the time's words: what is searched
    day: date | None  # the one agenda day it names
    part: str  # "morning", "afternoon" or "evening" (``PARTS``), or ""
    hours: tuple[str, str]  # the part's hours, or the clock times typed ("after 3pm": ("15:00", "")); ("", "") for none
    now: bool  # on now or soon
    words: str  # the time's words as typed ("on Thursday afternoon")
    next: bool = False  # what starts next, from the next start on


def named_when(
    query: str, days: Iterable[date], today: date, declared: Callable[[str], bool], running: bool = False,
    lunch: Callable[[date | None], tuple[str, str]] = lambda day: LUNCH,
) -> NamedWhen | None:
    """The time ``query`` names, or None. ``days``: the agenda's days; ``today``: in the agenda's zone;
    ``declared(word)``: whether a title, tag or track of the agenda uses the word (then it is a topic there);
    ``running``: whether the conference is on (only then is "now" read); ``lunch(day)``: when lunch starts and ends
    that day (HH:MM; ``None``: on a usual day of the agenda)."""
    named_days = sorted([*_DAY.finditer(query), *_DATE.finditer(query), *_NTH_DAY.finditer(query)], key=lambda m: m.start())
    part_words = list(_PART.finditer(query))
    parts = [m for m in part_words if _is_time(m, query, named_days)]
    spans = [m for m in _SPAN.finditer(query) if any(_span(m))]
    clocks = [m for m in _CLOCK.finditer(query) if _clock(m) and not any(s.start() <= m.start() < s.end() for s in spans)]
    meals = list(_MEAL.finditer(query))
    hours = _span(spans[0]) if len(spans) == 1 and not clocks else None if spans else _hours(clocks)
    if meals and (len(meals) > 1 or spans or clocks):
        hours = None
    clocks += spans + meals
    nows = list(_NOW.finditer(query)) if running and not (named_days or parts or clocks) else []
    nexts = list(_NEXT.finditer(query)) if not (named_days or parts or clocks or nows) else []
    if len(named_days) > 2 or len(part_words) > 1 or len(nows) > 1 or len(nexts) > 1 or hours is None or (parts and clocks):
        return None
    if not (named_days or parts or clocks or nows or nexts):
        return None
    found = sorted([*named_days, *parts, *clocks, *nows, *nexts], key=lambda m: m.start())
    # a number makes a clock or date a time; "now" in a title ("… kommt - jetzt für alle!") names no topic of it; a title's
    # "Day 2" is on the second day
    if any(declared(_word(m)) for m in found if m.re not in (_CLOCK, _SPAN, _MEAL, _DATE, _NOW, _NEXT, _NTH_DAY)):
        return None
    rest = cut_out(query, (m.span() for m in found))
    # "what's next" asks nothing else: with a topic it may be a title's words ("What's Next for Open Source?"); a query
    # that is only the time ("Thursday afternoon", "day 2") asks what is on then
    if nexts and nexts[0].group("alone") and not names_no_topic(rest):
        return None
    part_match = parts[0] if parts else None
    part = _part_of(part_match) if part_match else ""
    day: date | None = None
    if named_days:  # "Thursday, 25 Aug" names one day twice
        named = {_day_of(m, sorted(set(days)), today) for m in named_days}
        day = named.pop() if len(named) == 1 else None
        if day is None:
            return None
    elif part_match and ((part_match.group("lead") or "").lower() in _TODAY_LEADS or part_match.group("part").lower() == "tonight"):
        day = today if today in set(days) else None  # "this afternoon" before the conference: afternoons of every day
    if meals:  # the lunch of the day named, or of a usual day
        start, end = lunch(day)
        hours = (end, "") if meals[0].group("lead").lower() in _FROM_LEADS else ("", start)
    words = " ".join(m.group(0).strip() for m in found)
    return NamedWhen(rest, day, part, PARTS[part] if part else hours, bool(nows), words, bool(nexts))


def _clock(match: re.Match) -> str:
    """The time of day a clock match names, HH:MM; "" when it is no clear time ("after 2 years", "by 25")."""
    return _time(match.group("hour"), match.group("minute"), match.group("suffix"))


def _span(match: re.Match) -> tuple[str, str]:
    """(from, until) a span names: "between 2 and 4pm" 14:00 to 16:00 ("between 11 and 1pm": 11:00); "at 3pm" 15:00
    to 16:00, open at the end when the hour after is the next day; ("", "") when it is no clear time."""
    if match.group("at"):
        start = _time(match.group("hour"), match.group("minute"), match.group("suffix"))
        if not start:
            return "", ""
        after = int(start[:2]) + 1
        return start, f"{after:02d}{start[2:]}" if after <= 23 else ""
    end = _time(match.group("bhour"), match.group("bminute"), match.group("bsuffix"))
    suffix = match.group("asuffix") or ""
    borrowed = [match.group("bsuffix") or "", "uhr"] if not suffix else [suffix]  # "2" of "2-4pm" is 2pm, or 2:00
    starts = [t for t in (_time(match.group("ahour"), match.group("aminute") or "00", s) for s in borrowed) if t and t < end]
    return (max(starts), end) if end and starts else ("", "")


def _time(hour: str, minute: str | None, suffix: str | None) -> str:
    """HH:MM of an hour, its minutes and its suffix ("pm", "Uhr"); "" when that makes no clear time of day."""
    hours, minutes, suffix = int(hour), int(minute or 0), (suffix or "").lower()
    if not (minute or suffix) or minutes > 59:
        return ""
    if suffix.startswith(("a", "p")):
        if not 1 <= hours <= 12:
            return ""
        hours = hours % 12 + (12 if suffix.startswith("p") else 0)
    return f"{hours:02d}:{minutes:02d}" if hours <= 23 else ""


def _hours(clocks: list[re.Match]) -> tuple[str, str] | None:
    """(from, until) of the clock times typed; None when they do not make one range (two of a kind, an empty range)."""
    starts = [_clock(m) for m in clocks if m.group("lead").lower() in _FROM_LEADS]
    ends = [_clock(m) for m in clocks if m.group("lead").lower() not in _FROM_LEADS]
    if len(starts) > 1 or len(ends) > 1 or (starts and ends and ends[0] <= starts[0]):
        return None
    return (starts[0] if starts else "", ends[0] if ends else "")


def names_no_topic(rest: str) -> bool:
    """Whether a query, its time and room taken out, asks for no topic: "talks" of "talks tonight", "what's on" of
    "what's on now"."""
    return all(w in STOPWORDS or w in _ANY_SESSION or len(w) == 1 for w in words(rest))


def _is_time(part: re.Match, query: str, named_days: list[re.Match]) -> bool:
    """A part of the day is read as a time only beside a word that makes it one."""
    word = part.group("part").lower()
    if word in _PART_ADVERBS or part.group("lead"):
        return True
    right_after_a_day = any(not query[d.end(): part.start()].strip() for d in named_days if d.end() <= part.start())
    return right_after_a_day or bool(_EVENT_AFTER.match(query, part.end()))


def _word(match: re.Match) -> str:
    """The day, part or "now" a match found, lower-cased, without the words around it."""
    return next(match.group(g) for g in ("day", "part", "now") if g in match.re.groupindex).lower()


def _part_of(match: re.Match) -> str:
    word = match.group("part").lower()
    return _PART_NOUNS.get(word) or _PART_ADVERBS[word]


def _day_of(match: re.Match, days: list[date], today: date) -> date | None:
    """The agenda day a day word or a date names; None when the agenda has no such day, or more than one."""
    if match.re is _DAY:
        return _one_day(match.group("day").lower(), days, today)
    if match.re is _NTH_DAY:
        return _nth_day(match, days)
    if match.group("iso"):
        return next((d for d in days if d.isoformat() == match.group("iso")), None)
    day = int(match.group("d1") or match.group("d2") or match.group("d3"))
    month_word = match.group("m1") or match.group("m2")
    month = _MONTHS[month_word.lower()] if month_word else int(match.group("m3"))
    year = match.group("year") or match.group("y3")
    chosen = [d for d in days if (d.month, d.day) == (month, day) and (not year or d.year == int(year))]
    return chosen[0] if len(chosen) == 1 else None


def _nth_day(match: re.Match, days: list[date]) -> date | None:
    """The agenda day "day 2", "the last day" names; None when the agenda has fewer days."""
    ordinal, number = (match.group("ordinal") or "").lower(), (match.group("number") or "").lower()
    nth = _ORDINALS[ordinal] if ordinal else int(number) if number.isdigit() else _COUNTED[number]
    if not days or nth > len(days):
        return None
    return days[nth - 1] if nth > 0 else days[nth]


def day_not_held(query: str, days: Iterable[date], today: date, declared: Callable[[str], bool]) -> tuple[str, str, date | None] | None:
    """"keynote tomorrow" when tomorrow is no day of the agenda, "what's on Tuesday" when none of its days is a Tuesday:
    (the query without the day's words and the part of the day after them, those words, the day they name; None for a
    weekday); None when ``query`` names no such day (a day the agenda has, or a title's word)."""
    held = set(days)
    for match in _DAY.finditer(query):
        word = match.group("day").lower()
        if declared(word):
            continue
        day = today + timedelta(days=DAYS_FROM_TODAY[word]) if word in DAYS_FROM_TODAY else None
        if day in held or (day is None and any(d.weekday() == WEEKDAY[word] for d in held)):
            return None
        start, end = match.span()
        part = _PART.match(query, end + len(query[end:]) - len(query[end:].lstrip()))  # "tomorrow afternoon": that day's too
        end = part.end() if part and not part.group("lead") else end
        rest = cut_out(query, [(start, end)])
        if day is None and match.start("day") == start and not names_no_topic(rest):
            continue  # "super tuesday elections": a weekday is a day only after "on", "this", "am" or on its own
        return rest, query[match.start("day") : end].strip(), day  # the words without "on", "am"
    return None


def _one_day(word: str, days: list[date], today: date) -> date | None:
    if word in DAYS_FROM_TODAY:
        wanted = today + timedelta(days=DAYS_FROM_TODAY[word])
        return wanted if wanted in days else None
    chosen = [d for d in days if d.weekday() == WEEKDAY[word]]
    if len(chosen) > 1:  # an agenda of more than a week: the next such day, while it runs
        chosen = [d for d in chosen if d >= today][:1] if days and days[0] <= today <= days[-1] else []
    return chosen[0] if len(chosen) == 1 else None
