"""``load_agenda``: pick the reader for a file, let it read, normalise what it found."""

from __future__ import annotations

from pathlib import Path

from helper.agenda.formats import reader_for
from helper.agenda.formats.base import Source
from helper.agenda.normalise import normalise
from helper.agenda.table import Agenda


def load_agenda(path: str | Path, timezone: str = "UTC", columns: dict[str, str] | None = None) -> Agenda:
    """Read the export at ``path`` and return the normalised agenda, or raise AgendaError.

    ``timezone`` is the zone of times written without one; ``columns`` maps fields to columns of a layout
    we do not recognise (``{"title": "Session Name"}``)."""
    source = Source.open(Path(path))
    raw = reader_for(source).read(source, columns or {})
    sessions = normalise(raw, timezone, source.name)
    return Agenda(sessions, source.name, raw.layout, raw.mapping, timezone, raw.warnings)
