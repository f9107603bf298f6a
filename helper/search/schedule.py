"""Time awareness: the page's clock, whether the conference is on, badges and the now/next slot."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

import numpy as np
import pandas as pd

SOON_MINUTES = 60  # "starts in N min" is shown this long before a session
# Time-aware ranking while the conference runs: a nudge of at most this much, so it only reorders sessions of
# comparable relevance (hybrid scores that close are the same answer to the query, to a person)
TIME_NUDGE = 0.05
WALK_IN_MINUTES = 10  # a session that started at most this long ago can still be joined
# A session this long is one people join while it runs (a drop-in workshop, a poster session, a DJ set): while at
# least JOIN_LEFT_MINUTES of it are left it is not dropped back, so it keeps its place to a later time of itself
DROP_IN_MINUTES = 120
JOIN_LEFT_MINUTES = 60


def clock(now: datetime | None, tz: tzinfo) -> datetime:
    """The page's 'now': the fixed ``HELPER_NOW`` if set (naive means the agenda's zone), else the real time."""
    if now is None:
        return datetime.now(tz)
    return now.replace(tzinfo=tz) if now.tzinfo is None else now


Span = tuple[pd.Timestamp, pd.Timestamp] | None


def conference_span(sessions: pd.DataFrame) -> Span:
    """From an hour before the first start to the last end; None for an agenda without times."""
    starts = sessions["start"].dropna()
    if starts.empty:
        return None
    return starts.min() - timedelta(hours=1), sessions["end"].fillna(sessions["start"]).dropna().max()


def is_running(sessions: pd.DataFrame, now: datetime, span: Span | bool = False) -> bool:
    """True while the conference is on. ``span``: its ``conference_span`` when already known (it is per index)."""
    span = conference_span(sessions) if span is False else span
    return span is not None and span[0] <= now <= span[1]


class Timetable:
    """The sessions' times as arrays, read from the table once per index (``SearchIndex.columns``): what the
    filters, the time nudge and "is the conference on" read for every request, as array work instead of pandas
    over the whole agenda. Instants are int64 nanoseconds since the epoch; days and minutes are those of the table's
    own zone, of the agenda's days: with ``day_begins`` (``Agenda.day_begins``, 38C3: 06:00) a talk at 00:15 is on the
    day before, at minute 24 × 60 + 15 of it."""

    def __init__(self, sessions: pd.DataFrame, day_begins: int = 0) -> None:
        start, finish = sessions["start"], sessions["end"].fillna(sessions["start"])
        self.size = len(sessions)
        self.day_begins = day_begins
        self.timed = start.notna().to_numpy(dtype=bool)  # has a start
        self.finished = finish.notna().to_numpy(dtype=bool)  # has an end or a start
        self.start, self.finish = _instants(start), _instants(finish)
        self.start_minute, self.finish_minute = self.minute_of_day(_minutes(start)), self.end_minute_of_day(_minutes(finish))
        wall = start.dt.tz_localize(None) if start.dt.tz is not None else start
        wall = wall - pd.Timedelta(minutes=day_begins)
        self.day = wall.dt.floor("D").to_numpy(dtype="datetime64[D]")  # NaT without a time
        span = conference_span(sessions)
        self.span = None if span is None else (_instant(span[0]), _instant(span[1]))

    def minute_of_day(self, minutes):
        """Clock minutes (after midnight) as minutes of the agenda's day: before ``day_begins``, the day before's."""
        return np.where(np.asarray(minutes) < self.day_begins, np.asarray(minutes) + 24 * 60, minutes)

    def end_minute_of_day(self, minutes):
        """An end time as minutes of the agenda's day: "until 02:00" where days begin at 02:00 is the night's end."""
        return self.minute_of_day(np.asarray(minutes) - 1) + 1

    def on(self, now: datetime) -> bool:
        """True while the conference is on (``is_running``)."""
        return self.span is not None and self.span[0] <= _instant(now) <= self.span[1]

    def nudge(self, now: datetime) -> np.ndarray | None:
        """``timeliness``: per session, what to add to its ranking score at ``now`` (None outside the conference)."""
        if not self.on(now):
            return None
        at = _instant(now)
        minutes = np.where(self.timed, (self.start - at) / 10**9 / 60, np.nan)  # as pandas' total_seconds() / 60
        running = self.timed & self.finished & (self.start <= at) & (self.finish > at)
        nudge = np.zeros(self.size, dtype=np.float32)
        soon = (minutes >= 0) & (minutes <= SOON_MINUTES)
        nudge[soon] = TIME_NUDGE * (1 - minutes[soon] / SOON_MINUTES)
        walk_in = running & (minutes >= -WALK_IN_MINUTES)
        nudge[walk_in] = TIME_NUDGE
        nudge[running & ~walk_in & ~self.drop_ins(now)] = -TIME_NUDGE
        return nudge

    def drop_ins(self, now: datetime) -> np.ndarray:
        """Sessions running at ``now`` that people join while they run: DROP_IN_MINUTES long or longer, with at least
        JOIN_LEFT_MINUTES left."""
        at, minute = _instant(now), 60 * 10**9
        running = self.timed & self.finished & (self.start <= at) & (self.finish > at)
        return running & (self.finish - self.start >= DROP_IN_MINUTES * minute) & (self.finish - at >= JOIN_LEFT_MINUTES * minute)

    def not_ended(self, now: datetime) -> np.ndarray:
        """Sessions that have not ended at ``now`` (those without a time never have)."""
        return ~self.finished | (self.finish > _instant(now))


def _instant(moment) -> int:
    return pd.Timestamp(moment).as_unit("ns").value


def _instants(column: pd.Series) -> np.ndarray:
    """int64 ns since the epoch; NaT's value (the smallest int64) where there is no time."""
    utc = column.dt.tz_convert("UTC").dt.tz_localize(None) if column.dt.tz is not None else column
    return utc.to_numpy(dtype="datetime64[ns]").view(np.int64)


def _minutes(column: pd.Series) -> np.ndarray:
    """Minutes after midnight on the table's clock, NaN without a time."""
    return (column.dt.hour * 60 + column.dt.minute).to_numpy(dtype=float, na_value=np.nan)


def timeliness(sessions: pd.DataFrame | Timetable, now: datetime, span: Span | bool = False) -> np.ndarray | None:
    """Per session, what to add to its ranking score at ``now`` (None outside the conference: no change).

    Starting within the hour: up to +TIME_NUDGE, more the sooner; started less than WALK_IN_MINUTES ago: +TIME_NUDGE;
    running for longer: -TIME_NUDGE, unless it is a drop-in (DROP_IN_MINUTES or longer, JOIN_LEFT_MINUTES left): 0; ended, later today or on other days: 0. ``sessions``: the table, or its
    Timetable (made once per index: then no pandas work here)."""
    if isinstance(sessions, Timetable):
        return sessions.nudge(now)
    if not is_running(sessions, now, span):
        return None
    return Timetable(sessions).nudge(now)


def agenda_day(moment: datetime, day_begins: int = 0) -> date:
    """The agenda's day ``moment`` (in the agenda's zone) falls on: before ``day_begins`` minutes, the day before."""
    return (moment - timedelta(minutes=day_begins)).date()


def badge(start: datetime | None, end: datetime | None, now: datetime) -> str:
    """'happening now', 'starts in 15 min', 'ended' or '' for a session at ``now``."""
    if start is None:
        return ""
    finish = end or start
    if start <= now < finish:
        return "happening now"
    if finish <= now:
        return "ended"
    minutes = int((start - now).total_seconds() // 60)
    if minutes <= SOON_MINUTES:
        return f"starts in {max(minutes, 1)} min"
    return ""


def now_and_next(sessions: pd.DataFrame, now: datetime, times: Timetable | None = None) -> tuple[list[int], list[int]]:
    """Row positions of the sessions running at ``now`` and of the next slot (earliest later start). ``times``: the
    table's Timetable when already made (per index), else it is made here."""
    times = times or Timetable(sessions)
    at = _instant(now)
    running = times.timed & (times.start <= at) & (times.finish > at)
    later = times.timed & (times.start > at)
    upcoming = np.flatnonzero(later & (times.start == times.start[later].min())) if later.any() else []
    return _by_start(sessions, np.flatnonzero(running)), [int(i) for i in upcoming]


def _by_start(sessions: pd.DataFrame, rows) -> list[int]:
    return sorted((int(i) for i in rows), key=lambda i: (sessions["start"].iloc[i], sessions["room"].iloc[i]))


_LUNCH_TITLE = re.compile(r"^\W*(?:lunch|mittag(?:spause|essen)?)\b|\blunch(?:\s*break)?\W*$", re.IGNORECASE)


def lunches(sessions: pd.DataFrame, day_begins: int = 0) -> dict[date | None, tuple[str, str]]:
    """When lunch starts and ends (HH:MM), by agenda day, from the agenda's own lunch sessions ("Lunch", "Lunch & Learn:
    …", "WiML-T Lunch"; several on a day: the first start, the last end); under None, the median day's. {} when the
    agenda lists no lunch."""
    timed = sessions[sessions["title"].str.contains(_LUNCH_TITLE) & sessions["start"].notna()]
    by_day: dict[date | None, tuple[str, str]] = {}
    for day, group in timed.groupby(timed["start"].map(lambda t: agenda_day(t, day_begins))):
        ends = group["end"].fillna(group["start"])
        by_day[day] = (group["start"].min().strftime("%H:%M"), ends.max().strftime("%H:%M"))
    if by_day:
        starts, ends = zip(*by_day.values())
        by_day[None] = (sorted(starts)[(len(starts) - 1) // 2], sorted(ends)[(len(ends) - 1) // 2])
    return by_day
