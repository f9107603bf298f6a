"""Calendar files (.ics, RFC 5545) for one session or for all picks, made with ``icalendar``.

Each event is at the agenda's own absolute times, written in the agenda's zone with its VTIMEZONE (UTC
agendas use the plain ``Z`` form, which needs none), and carries the room, the speakers and a link back
to the session's page (``?session=ID`` on the page's public address)."""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import tempfile
import threading
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Callable, Iterable

from icalendar import Calendar, Event

from helper.agenda.times import tzinfo_for
from helper.search.index import Hit

PRODID = "-//Conference Helper//EN"
PICKS_FILE = "My conference picks"
NAME_CHARS = 80  # a file name a person can read in a download bar
SessionLink = Callable[[str], str]  # session id -> its page's address


def calendar_for(hits: Iterable[Hit], name: str = "Conference Helper", zone: str | None = None,
                 link: SessionLink | None = None, stamp: datetime | None = None) -> bytes:
    """One VCALENDAR with a VEVENT per timed session; ``zone``: the agenda's IANA zone, ``link``: where each session's page is."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = stamp or datetime.now(timezone.utc)
    tz = tzinfo_for(zone) if zone else None
    for hit in hits:
        if hit.start is None:
            continue
        cal.add_component(_event(hit, stamp, tz, link))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(hit: Hit, stamp: datetime, tz: tzinfo | None, link: SessionLink | None) -> Event:
    start = _in_zone(hit.start, tz)
    end = _in_zone(hit.end, tz) if hit.end and hit.end > hit.start else start
    event = Event()
    event.add("uid", f"{hit.id}@conference-helper")
    event.add("dtstamp", stamp)
    event.add("summary", hit.title)
    event.add("dtstart", start)
    event.add("dtend", end)
    if hit.room:
        event.add("location", hit.place)
    url = link(hit.id) if link else ""
    if url:
        event.add("url", url)
    parts = [f"With {', '.join(hit.speakers)}" if hit.speakers else "", hit.abstract, f"Session page: {url}" if url else ""]
    description = "\n\n".join(p for p in parts if p)
    if description:
        event.add("description", description)
    if hit.track:
        event.add("categories", [hit.track])
    return event


def _in_zone(moment: datetime, tz: tzinfo | None) -> datetime:
    """The same instant on the agenda's clock (an export may state its times with another offset). A bare UTC
    offset (``UTC-04:00``) has no VTIMEZONE a calendar could look up: such times are written in UTC."""
    if moment.tzinfo is None:
        return moment
    moment = moment.astimezone(tz) if tz is not None else moment
    return moment.astimezone(timezone.utc) if isinstance(moment.tzinfo, timezone) else moment


def file_name(title: str) -> str:
    """A readable file name for a calendar: the title's words, cut at a word boundary, then ``.ics``."""
    words = re.sub(r"[^\w&'-]+", " ", str(title)).split()
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > NAME_CHARS:
            break
        name = f"{name} {word}".strip()
    return (name or (words[0][:NAME_CHARS] if words else "") or "session") + ".ics"


def write_calendar(hits: list[Hit], folder: Path, title: str, zone: str | None = None, link: SessionLink | None = None) -> Path:
    """Write the .ics for ``hits`` under ``folder`` (named after ``title``) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(title)
    path.write_bytes(calendar_for(hits, title, zone, link))
    return path


class CalendarFiles:
    """The .ics files a page hands out, each written once: the same sessions (as the agenda has them now),
    zone and page address give the same file, so a day of searches does not leave a new folder per request."""

    def __init__(self, root: Path | None = None) -> None:
        self._root = root
        self._lock = threading.Lock()

    def path_for(self, hits: list[Hit], title: str, zone: str | None = None, base_url: str = "") -> Path:
        """The file for ``hits``; with ``base_url`` each event links to ``base_url/?session=ID``."""
        from helper.web.links import session_link

        fields = [(h.id, h.title, h.start, h.end, h.place, h.track, h.speakers, h.abstract) for h in hits]
        key = hashlib.sha256(repr((fields, title, zone, base_url)).encode()).hexdigest()[:20]
        link = (lambda session_id: session_link(base_url, session_id)) if base_url else None
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="hc-ics-"))
                # ours alone (Gradio serves copies from its own cache): a day of kiosk searches leaves nothing behind
                atexit.register(shutil.rmtree, self._root, ignore_errors=True)
            path = self._root / key / file_name(title)
            if not path.is_file():
                write_calendar(hits, path.parent, title, zone, link)
        return path
