"""``load_agenda``: pick the reader for a file, let it read, normalise what it found."""

from __future__ import annotations

from pathlib import Path

from helper.agenda.formats import reader_for
from helper.agenda.formats.base import Source
from helper.agenda.normalise import normalise
from helper.agenda.table import Agenda


def load_agenda(path: str | Path, timezone: str = "", columns: dict[str, str] | None = None, date_order: str = "") -> Agenda:
    """Read the export at ``path`` and return the normalised agenda, or raise AgendaError.

    ``timezone``: show the times in this zone (and read times written without one in it); "" uses the zone the
    export states, or the offset its times carry, or UTC. ``columns`` maps fields to columns of a layout we do not
    recognise (``{"title": "Session Name"}``). ``date_order``: "day-first" or "month-first" for dates such as
    05/06/2026 that no value of the file settles ("" decides from the file, helper.agenda.times)."""
    source = Source.open(Path(path))
    raw = reader_for(source).read(source, columns or {})
    found = normalise(raw, source.name, timezone, date_order)
    return Agenda(found.sessions, source.name, raw.layout, raw.mapping, found.zone, raw.warnings, found.dates, found.day_begins)
