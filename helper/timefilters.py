"""Time awareness: the page's clock, filter choices -> ``Filters``, badges and the now/next slot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

import pandas as pd

from helper.errors import HelperError
from helper.index import Filters

WINDOW_ANY = "any"
WINDOW_NEXT = "next"  # happening now and starting in the next two hours
WINDOW_RANGE = "range"
WINDOWS = [("Any time", WINDOW_ANY), ("Now and next 2 hours", WINDOW_NEXT), ("Chosen range", WINDOW_RANGE)]
NEXT_HOURS = 2
SOON_MINUTES = 60  # "starts in N min" is shown this long before a session


class FilterError(HelperError):
    """A filter value (from the page or a deep link) cannot be used."""


@dataclass(frozen=True)
class Choice:
    """What the attendee picked beside the search box; strings, as they come from the page or a URL."""

    day: str = ""  # ISO date or "" for every day
    window: str = WINDOW_ANY
    time_from: str = ""  # HH:MM, for WINDOW_RANGE
    time_until: str = ""
    track: str = ""
    room: str = ""
    show_ended: bool = False

    def is_default(self) -> bool:
        return self == Choice()


def clock(now: datetime | None, tz: tzinfo) -> datetime:
    """The page's 'now': the fixed ``HELPER_NOW`` if set (naive means the agenda's zone), else the real time."""
    if now is None:
        return datetime.now(tz)
    return now.replace(tzinfo=tz) if now.tzinfo is None else now


def agenda_tz(sessions: pd.DataFrame) -> tzinfo:
    tz = sessions["start"].dt.tz
    if tz is None:
        from datetime import timezone

        return timezone.utc
    return tz


def is_running(sessions: pd.DataFrame, now: datetime) -> bool:
    """True while the conference is on: from its first start to its last end."""
    starts = sessions["start"].dropna()
    if starts.empty:
        return False
    last = sessions["end"].fillna(sessions["start"]).dropna().max()
    return starts.min() - timedelta(hours=1) <= now <= last


def to_filters(sessions: pd.DataFrame, choice: Choice, now: datetime) -> Filters:
    """The mask for a choice. While the conference runs, ended sessions are hidden unless asked for."""
    days = (_parse_day(choice.day),) if choice.day else ()
    starts_before = ends_after = None
    time_from = time_until = None
    if choice.window == WINDOW_NEXT:
        ends_after, starts_before = now, now + timedelta(hours=NEXT_HOURS)
    elif choice.window == WINDOW_RANGE:
        time_from = _parse_time(choice.time_from) if choice.time_from else None
        time_until = _parse_time(choice.time_until) if choice.time_until else None
        if time_from and time_until and time_until <= time_from:
            raise FilterError(f"the time range {choice.time_from}–{choice.time_until} is empty", "pick an end time after the start time")
    elif choice.window != WINDOW_ANY:
        raise FilterError(f"unknown time window {choice.window!r}", "use any, next or range")
    if ends_after is None and not choice.show_ended and is_running(sessions, now):
        ends_after = now
    return Filters(
        days=days,
        tracks=(choice.track,) if choice.track else (),
        rooms=(choice.room,) if choice.room else (),
        starts_before=starts_before,
        ends_after=ends_after,
        time_from=time_from,
        time_until=time_until,
    )


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


def now_and_next(sessions: pd.DataFrame, now: datetime) -> tuple[list[int], list[int]]:
    """Row positions of the sessions running at ``now`` and of the next slot (earliest later start)."""
    start, finish = sessions["start"], sessions["end"].fillna(sessions["start"])
    running = ((start <= now) & (finish > now)).to_numpy()
    later = sessions["start"][start > now]
    upcoming = []
    if not later.empty:
        upcoming = list((start == later.min()).to_numpy().nonzero()[0])
    return _by_start(sessions, running.nonzero()[0]), [int(i) for i in upcoming]


def day_choices(sessions: pd.DataFrame) -> list[tuple[str, str]]:
    days = sorted(sessions["start"].dropna().dt.date.unique())
    return [("Any day", "")] + [(f"{d:%a %d %b}", d.isoformat()) for d in days]


def time_choices(sessions: pd.DataFrame) -> list[str]:
    times = sessions["start"].dropna().dt.strftime("%H:%M")
    ends = sessions["end"].dropna().dt.strftime("%H:%M")
    return sorted(set(times) | set(ends))


def _by_start(sessions: pd.DataFrame, rows) -> list[int]:
    return sorted((int(i) for i in rows), key=lambda i: (sessions["start"].iloc[i], sessions["room"].iloc[i]))


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FilterError(f"day {text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-10-14") from None


def _parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise FilterError(f"time {text!r} is not a time of day", "write it as HH:MM, e.g. 13:30") from None
