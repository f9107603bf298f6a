"""Times an attendee can trust: one date reading per file, and one zone, said out loud.

* Dates such as ``12/05/2026`` are read the same way for every value of the file's start and end columns:
  day-first or month-first, settled by a value only one reading allows (``13/05``: day-first), else by the
  ``--date-order`` setting, else month-first with a warning that says how to change it.
* The zone: ``--timezone`` when given; else the zone the export states (pretalx/frab ``time_zone_name``);
  else the one UTC offset its times carry (``UTC-04:00``); else UTC. Naive times are local times of that zone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Iterable
from zoneinfo import ZoneInfo

import pandas as pd

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")
_OFFSET_NAME = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$")


@dataclass(frozen=True)
class DateReading:
    order: str = ""  # DAY_FIRST, MONTH_FIRST, or "" when no value is written as NN/NN/YYYY
    because: str = ""  # why: the settling value, the setting, or the default

    def describe(self) -> str:
        return f"{self.order} ({self.because})" if self.order else "ISO 8601 or written out"


@dataclass(frozen=True)
class Zone:
    name: str  # an IANA name or "UTC+HH:MM"
    because: str  # "given with --timezone", "stated by the export", ...

    @property
    def tz(self) -> tzinfo:
        return tzinfo_for(self.name)


def tzinfo_for(name: str) -> tzinfo:
    """``Europe/Berlin`` -> its ZoneInfo; ``UTC-04:00`` -> a fixed offset."""
    fixed = _OFFSET_NAME.match(name)
    if fixed:
        sign = 1 if fixed.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=int(fixed.group(2)), minutes=int(fixed.group(3))))
    return ZoneInfo(name)


def offset_name(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def decide_date_order(values: Iterable[str], setting: str = "") -> tuple[DateReading, str]:
    """The reading of every NN/NN/YYYY value in ``values``, and a warning ("" when there is nothing to say)."""
    day_first = month_first = ""
    numeric = 0
    for value in values:
        match = _NUMERIC_DATE.match(value)
        if not match:
            continue
        numeric += 1
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 and not day_first:
            day_first = value.strip()
        if second > 12 and not month_first:
            month_first = value.strip()
    if not numeric:
        return DateReading(), ""
    if day_first and month_first:
        return DateReading(setting or DAY_FIRST, "the file mixes both"), (
            f"the file's dates mix day-first ({day_first!r}) and month-first ({month_first!r}) values; all were read "
            f"{setting or DAY_FIRST}, so some are wrong. Fix the export, or set --date-order"
        )
    if day_first or month_first:
        order = DAY_FIRST if day_first else MONTH_FIRST
        if setting and setting != order:
            return DateReading(setting, "set with --date-order"), f"--date-order {setting} was used, but {day_first or month_first!r} can only be {order}"
        return DateReading(order, f"settled by {day_first or month_first!r}"), ""
    if setting:
        return DateReading(setting, "set with --date-order"), ""
    return DateReading(MONTH_FIRST, "no value settles it"), (
        f"{numeric} date(s) such as 05/06/2026 could be read either way; read month-first (May 6). "
        "If they are day-first, set --date-order day-first (HELPER_DATE_ORDER)"
    )


def parse_stamps(values: pd.Series, reading: DateReading) -> tuple[list, int]:
    """Each value as a Timestamp (naive, or with the offset it was written with) or NaT; and how many could not be read."""
    stamps, bad = [], 0
    for value in values:
        value = value.strip()
        if not value:
            stamps.append(pd.NaT)
            continue
        try:
            stamp = pd.Timestamp(_as_iso(value, reading.order))
        except (ValueError, TypeError, OverflowError):
            stamp = pd.NaT
        bad += pd.isna(stamp)
        stamps.append(stamp)
    return stamps, bad


def _as_iso(value: str, order: str) -> str:
    """``13/05/2026 09:00`` -> ``2026-05-13 09:00`` by ``order`` alone (pandas would silently swap a value that
    does not fit); other values unchanged."""
    match = _NUMERIC_DATE.match(value)
    if not match:
        return value
    first, second, year = (int(g) for g in match.groups())
    day, month = (first, second) if order == DAY_FIRST else (second, first)
    year += 2000 if year < 100 else 0
    return f"{year:04d}-{month:02d}-{day:02d}{value[match.end():]}"


def choose_zone(given: str, stated: str, stamps: Iterable) -> tuple[Zone, str]:
    """The zone the agenda is shown in, and a warning when the times' offsets leave it uncertain."""
    if given:
        return Zone(given, "given with --timezone"), ""
    if stated:
        return Zone(stated, "stated by the export"), ""
    offsets = Counter(s.utcoffset() for s in stamps if not pd.isna(s) and s.tzinfo is not None)
    if not offsets:
        return Zone("UTC", "the default: the export states no zone and its times no offset; set --timezone"), ""
    (common, _count), *others = offsets.most_common()
    zone = Zone(offset_name(common), "the offset written in the export's times")
    if not others:
        return zone, ""
    seen = ", ".join(offset_name(o) for o in sorted(offsets))
    return zone, f"the times carry several UTC offsets ({seen}) and the file names no zone; shown in {zone.name}. Set --timezone to the event's zone (e.g. Europe/Berlin) to show each at its local time"


def in_zone(stamps: list, zone: Zone, index: pd.Index) -> tuple[pd.Series, int]:
    """The stamps as one column in ``zone``: naive ones are its local times, others converted. Also how many
    local times fell in a daylight-saving change (an hour that happens twice: the first is used; an hour that
    does not exist: moved forward)."""
    tz, placed, shifted = zone.tz, [], 0
    for stamp in stamps:
        if pd.isna(stamp):
            placed.append(pd.NaT)
        elif stamp.tzinfo is None:
            local = stamp.tz_localize(tz, ambiguous=True, nonexistent="shift_forward")
            shifted += _in_transition(stamp, tz)
            placed.append(local)
        else:
            placed.append(stamp.tz_convert(tz))
    column = pd.to_datetime(pd.Series(placed, index=index, dtype=object), utc=True).dt.tz_convert(tz)
    return column, shifted


def _in_transition(stamp: pd.Timestamp, tz: tzinfo) -> bool:
    naive = stamp.to_pydatetime()
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        return True  # ambiguous (or skipped: both folds then disagree too)
    return datetime.fromtimestamp(first.timestamp(), tz).replace(tzinfo=None) != naive
