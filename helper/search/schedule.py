"""Time awareness: the page's clock, whether the conference is on, badges and the now/next slot."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

import pandas as pd

SOON_MINUTES = 60  # "starts in N min" is shown this long before a session


def clock(now: datetime | None, tz: tzinfo) -> datetime:
    """The page's 'now': the fixed ``HELPER_NOW`` if set (naive means the agenda's zone), else the real time."""
    if now is None:
        return datetime.now(tz)
    return now.replace(tzinfo=tz) if now.tzinfo is None else now


def is_running(sessions: pd.DataFrame, now: datetime) -> bool:
    """True while the conference is on: from an hour before its first start to its last end."""
    starts = sessions["start"].dropna()
    if starts.empty:
        return False
    last = sessions["end"].fillna(sessions["start"]).dropna().max()
    return starts.min() - timedelta(hours=1) <= now <= last


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


def _by_start(sessions: pd.DataFrame, rows) -> list[int]:
    return sorted((int(i) for i in rows), key=lambda i: (sessions["start"].iloc[i], sessions["room"].iloc[i]))
