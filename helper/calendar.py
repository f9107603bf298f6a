"""Calendar files (.ics, RFC 5545) for one session or for all picks, made with ``icalendar``."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from icalendar import Calendar, Event

from helper.index import Hit

PRODID = "-//Conference Helper//EN"


def calendar_for(hits: Iterable[Hit], name: str = "Conference Helper", stamp: datetime | None = None) -> bytes:
    """One VCALENDAR with a VEVENT per timed session (times in the agenda's zone, with VTIMEZONE)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = stamp or datetime.now(timezone.utc)
    for hit in hits:
        if hit.start is None:
            continue
        cal.add_component(_event(hit, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(hit: Hit, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{hit.id}@conference-helper")
    event.add("dtstamp", stamp)
    event.add("summary", hit.title)
    event.add("dtstart", hit.start)
    event.add("dtend", hit.end if hit.end and hit.end > hit.start else hit.start)
    if hit.room:
        event.add("location", hit.room)
    description = hit.abstract
    if hit.speakers:
        description = f"With {', '.join(hit.speakers)}\n\n{description}".strip()
    if description:
        event.add("description", description)
    if hit.track:
        event.add("categories", [hit.track])
    return event


def write_calendar(hits: list[Hit], folder: Path, stem: str) -> Path:
    """Write the .ics for ``hits`` under ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_safe(stem)}.ics"
    path.write_bytes(calendar_for(hits))
    return path


def _safe(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")[:60] or "session"
