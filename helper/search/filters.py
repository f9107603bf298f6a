"""The filters beside the search box, each declared once.

A ``Filter`` says everything about one filter: its name (a field of ``Choice``, an argument of the API and
the CLI), its URL parameter, its label and widget on the page, the choices the agenda offers, and its mask.
The page, the deep links, the ``/search`` API, the CLI and the tests all read ``FILTERS``; adding a filter
is one entry here. Masks are applied before the top-k cut, so three results come back whenever three match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable, Iterator, Mapping

import numpy as np
import pandas as pd

from helper.agenda.languages import language_name
from helper.errors import HelperError
from helper.search.schedule import Timetable

WINDOW_ANY = "any"
WINDOW_NEXT = "next"  # happening now and starting in the next two hours
WINDOW_RANGE = "range"
WINDOWS = [("Any time", WINDOW_ANY), ("Now and next 2 hours", WINDOW_NEXT), ("Chosen range", WINDOW_RANGE)]
NEXT_HOURS = 2
DROPDOWN, RADIO, CHECKBOX = "dropdown", "radio", "checkbox"
NOT_IN_AGENDA = "which this agenda does not have"


class FilterError(HelperError):
    """A filter value (from the page, a deep link, the API or the CLI) cannot be used."""


Options = list[tuple[str, str]]  # (label, value) pairs


class Columns:
    """What the masks read of a session table, as arrays made once per index (``SearchIndex.columns``): its
    times (``schedule.Timetable``) and, per text column a filter compares, each session's value as a code. A mask
    then costs array work per request, not pandas over the whole agenda."""

    def __init__(self, sessions: pd.DataFrame, day_begins: int = 0) -> None:
        self.sessions = sessions
        self.times = Timetable(sessions, day_begins)
        self._codes: dict[str, tuple[np.ndarray, dict[str, int]]] = {}
        self._holding: dict[tuple[str, str], np.ndarray] = {}

    def __len__(self) -> int:
        return self.times.size

    def equals(self, column: str, value: str) -> np.ndarray:
        """Sessions whose ``column`` is ``value``."""
        if column not in self._codes:  # two requests may both make it: the same arrays, either kept
            codes, values = pd.factorize(self.sessions[column])
            self._codes[column] = (codes, {v: c for c, v in enumerate(values)})
        codes, by_value = self._codes[column]
        code = by_value.get(value)
        return codes == code if code is not None else np.zeros(len(self), dtype=bool)

    def holds(self, column: str, value: str) -> np.ndarray:
        """Sessions whose ``column`` (tuples: ``languages``) holds ``value``."""
        if (column, value) not in self._holding:
            self._holding[column, value] = np.fromiter((value in values for values in self.sessions[column]), dtype=bool, count=len(self))
        return self._holding[column, value]


def columns_of(sessions: "pd.DataFrame | Columns") -> Columns:
    return sessions if isinstance(sessions, Columns) else Columns(sessions)


@dataclass(frozen=True)
class Filter:
    name: str
    param: str  # URL parameter (?track=...)
    label: str  # on the page
    widget: str  # DROPDOWN, RADIO or CHECKBOX
    mask: Callable[[Columns, "Choice", datetime], np.ndarray | None]  # None: keeps every session
    options: Callable[[Columns], Options] | None = None  # the values this agenda offers
    default: str | bool = ""
    noun: str = ""  # how a message names it: 'the track "X"'
    unknown: str = NOT_IN_AGENDA  # how a message says a value is not among the options
    public: bool = False  # an argument of the /search API, the CLI and the MCP tools
    help: str = ""  # for those arguments
    only_with_choices: bool = False  # on the page only where the agenda offers two values or more (38C3's German and English)


class Choice:
    """One value per filter (``FILTERS``), as text from the page, a link, the API or the CLI; immutable."""

    __slots__ = ("_values",)

    def __init__(self, **values: object) -> None:
        unknown = set(values) - set(BY_NAME)
        if unknown:
            raise TypeError(f"no filter named {', '.join(sorted(unknown))}; filters: {', '.join(BY_NAME)}")
        object.__setattr__(self, "_values", {f.name: _coerce(f, values.get(f.name)) for f in FILTERS})

    def __getattr__(self, name: str):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Choice is immutable; use replace()")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Choice) and self._values == other._values

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __repr__(self) -> str:
        changed = ", ".join(f"{k}={v!r}" for k, v in self.items() if v != BY_NAME[k].default)
        return f"Choice({changed})"

    def items(self) -> Iterator[tuple[str, str | bool]]:
        return iter(self._values.items())

    def replace(self, **changes: object) -> "Choice":
        return Choice(**{**self._values, **changes})

    def is_default(self) -> bool:
        return self == Choice()

    def mask(self, sessions: pd.DataFrame | Columns, now: datetime) -> np.ndarray | None:
        """Which sessions pass every filter (None: all of them). Raises FilterError for a value that cannot be used.
        ``sessions``: the table, or its Columns (made once per index: then no pandas work here)."""
        table = columns_of(sessions)
        keep = None
        for f in FILTERS:
            part = f.mask(table, self, now)
            if part is not None:
                keep = part if keep is None else keep & part
        return keep

    def outside(self, options: Mapping[str, Options]) -> list[tuple[Filter, str]]:
        """The (filter, value) pairs whose value is not among ``options`` (``agenda_options``)."""
        return [(f, value) for f, value in ((f, self._values[f.name]) for f in FILTERS if f.name in options) if value and value not in {v for _l, v in options[f.name]}]


def _coerce(f: Filter, value: object) -> str | bool:
    if value is None:
        return f.default
    if f.widget == CHECKBOX:
        return value if isinstance(value, bool) else str(value).strip().lower() in {"1", "true", "yes", "on"}
    return str(value).strip() or f.default


def agenda_options(sessions: pd.DataFrame | Columns) -> dict[str, Options]:
    """Each filter's choices, from the agenda as it is now (filters without choices are left out)."""
    table = columns_of(sessions)
    return {f.name: f.options(table) for f in FILTERS if f.options is not None}


def hides_ended(sessions: pd.DataFrame | Columns, choice: Choice, now: datetime) -> bool:
    """While the conference runs, sessions that have ended are hidden unless asked for (or the window is 'next')."""
    return not choice.show_ended and choice.window != WINDOW_NEXT and columns_of(sessions).times.on(now)


# --- masks and options --------------------------------------------------------------------------


def _on_day(sessions: Columns, choice: Choice, now: datetime) -> np.ndarray | None:
    if not choice.day:
        return None
    try:
        day = date.fromisoformat(choice.day)
    except ValueError:
        raise FilterError(f"day {choice.day!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-10-14") from None
    return sessions.times.day == np.datetime64(day, "D")


def _equals(column: str) -> Callable[[Columns, Choice, datetime], np.ndarray | None]:
    def mask(sessions: Columns, choice: Choice, now: datetime) -> np.ndarray | None:
        value = getattr(choice, column)
        return sessions.equals(column, value) if value else None

    return mask


def _in_window(sessions: Columns, choice: Choice, now: datetime) -> np.ndarray | None:
    times = sessions.times
    if choice.window == WINDOW_ANY:
        return None
    if choice.window == WINDOW_NEXT:
        soon = pd.Timestamp(now + timedelta(hours=NEXT_HOURS)).as_unit("ns").value
        return times.not_ended(now) & times.timed & (times.start < soon)
    if choice.window != WINDOW_RANGE:
        raise FilterError(f"unknown time window {choice.window!r}", "use any, next or range")
    # minutes of the agenda's day: where days begin at 06:00 (38C3), "from 22:00 until 02:00" is a range
    first = times.minute_of_day(clock_minute(choice.time_from)) if choice.time_from else None
    last = times.end_minute_of_day(clock_minute(choice.time_until)) if choice.time_until else None
    if first is not None and last is not None and last <= first:
        raise FilterError(f"the time range {choice.time_from}–{choice.time_until} is empty", "pick an end time after the start time")
    minutes = times.start_minute  # NaN: no time, never kept
    keep = np.ones(len(sessions), dtype=bool)
    if first is not None:
        keep &= minutes >= first
    if last is not None:
        keep &= minutes < last
    return keep


def _hide_ended(sessions: Columns, choice: Choice, now: datetime) -> np.ndarray | None:
    if not hides_ended(sessions, choice, now):
        return None
    return sessions.times.not_ended(now)


def clock_minute(text: str) -> int:
    """Minutes after midnight of an HH:MM time of day; FilterError for anything else."""
    moment = _time_of_day(text)
    return moment.hour * 60 + moment.minute


def _time_of_day(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise FilterError(f"time {text!r} is not a time of day", "write it as HH:MM, e.g. 13:30") from None


def _no_mask(sessions: Columns, choice: Choice, now: datetime) -> None:
    return None  # read by another filter's mask (the time range by the window)


def _days(table: Columns) -> Options:
    days = sorted({d.item() for d in table.times.day[table.times.timed]})  # the agenda's days (Timetable.day)
    return [("Any day", "")] + [(f"{d:%a %d %b}", d.isoformat()) for d in days]


def _values(column: str, any_label: str, by_count: bool = False) -> Callable[[Columns], Options]:
    def options(table: Columns) -> Options:
        sessions = table.sessions
        present = sessions[column][sessions[column] != ""]
        values = list(present.value_counts().index) if by_count else sorted(set(present))
        return [(any_label, "")] + [(v, v) for v in values]

    return options


def _speaks(sessions: Columns, choice: Choice, now: datetime) -> np.ndarray | None:
    return sessions.holds("languages", choice.language) if choice.language else None


def _languages(table: Columns) -> Options:
    """The languages sessions are held in, most sessions first."""
    counts = pd.Series([code for codes in table.sessions["languages"] for code in codes], dtype=object).value_counts()
    return [("Any language", "")] + [(language_name(code), code) for code in counts.index]


def _times(table: Columns) -> Options:
    starts = table.sessions["start"].dropna().dt.strftime("%H:%M")
    ends = table.sessions["end"].dropna().dt.strftime("%H:%M")
    return [("—", "")] + [(t, t) for t in sorted(set(starts) | set(ends))]


# The page lays them out in this order, three to a row.
FILTERS: tuple[Filter, ...] = (
    Filter("day", "day", "Day", DROPDOWN, _on_day, _days, noun="day", public=True, help="only sessions on this day, YYYY-MM-DD"),
    Filter("track", "track", "Track", DROPDOWN, _equals("track"), _values("track", "Any track", by_count=True), noun="track", public=True, help="only sessions of this track, as the agenda names it"),
    Filter("room", "room", "Room", DROPDOWN, _equals("room"), _values("room", "Any room"), noun="room", public=True, help="only sessions in this room, as the agenda names it"),
    Filter("window", "when", "Time", RADIO, _in_window, lambda sessions: list(WINDOWS), default=WINDOW_ANY, noun="time window", unknown="which is not one of any, next or range"),
    Filter("time_from", "from", "From (chosen range)", DROPDOWN, _no_mask, _times, noun="start time"),
    Filter("time_until", "until", "Until (chosen range)", DROPDOWN, _no_mask, _times, noun="end time"),
    Filter("show_ended", "ended", "Show sessions that have already ended", CHECKBOX, _hide_ended, default=False),
    # not an API argument: a plan's arguments after the filters are positional (time_from, ...); the query reads it
    Filter("language", "lang", "Language", DROPDOWN, _speaks, _languages, noun="language", only_with_choices=True),
)
BY_NAME = {f.name: f for f in FILTERS}
PUBLIC = tuple(f for f in FILTERS if f.public)
