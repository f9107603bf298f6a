"""Calendar files (.ics, RFC 5545) for one session or for all picks, made with ``icalendar``."""

from __future__ import annotations

import hashlib
import re
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from icalendar import Calendar, Event

from helper.search.index import Hit

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
    event.add("dtstart", _portable(hit.start))
    event.add("dtend", _portable(hit.end if hit.end and hit.end > hit.start else hit.start))
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


def _portable(moment: datetime) -> datetime:
    """A zone with a name travels as a VTIMEZONE; a bare UTC offset has none a calendar could look up: write UTC."""
    return moment.astimezone(timezone.utc) if isinstance(moment.tzinfo, timezone) else moment


def write_calendar(hits: list[Hit], folder: Path, stem: str) -> Path:
    """Write the .ics for ``hits`` under ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_safe(stem)}.ics"
    path.write_bytes(calendar_for(hits))
    return path


class CalendarFiles:
    """The .ics files a page hands out, each written once: the same sessions (as the agenda has them now)
    give the same file, so a day of searches does not leave a new folder per request behind."""

    def __init__(self, root: Path | None = None) -> None:
        self._root = root
        self._lock = threading.Lock()

    def path_for(self, hits: list[Hit], stem: str) -> Path:
        fields = [(h.id, h.title, h.start, h.end, h.room, h.track, h.speakers, h.abstract) for h in hits]
        key = hashlib.sha256(repr(fields).encode()).hexdigest()[:20]
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="hc-ics-"))
            path = self._root / key / f"{_safe(stem)}.ics"
            if not path.is_file():
                write_calendar(hits, path.parent, stem)
        return path


def _safe(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")[:60] or "session"
