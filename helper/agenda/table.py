"""The normalised agenda: one row per session, the same columns whatever the export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

import pandas as pd

from helper.agenda.times import DateReading, Zone

# The table's columns. ``speakers`` / ``organizations`` / ``tags`` hold tuples of str, ``languages`` of language codes
# ("de", "en": ``helper.agenda.languages``); ``start`` / ``end``
# hold timezone-aware timestamps or NaT; the others hold str ("" when the export has nothing).
FIELDS = ("id", "title", "abstract", "speakers", "organizations", "start", "end", "room", "track", "tags", "languages")


@dataclass
class Agenda:
    sessions: pd.DataFrame
    source: str
    layout: str
    mapping: dict[str, str]  # field -> the export's column (or a description of where it came from)
    zone: Zone  # every time is shown in it; Zone.because says why this one
    warnings: list[str] = field(default_factory=list)
    dates: DateReading = DateReading()  # how NN/NN/YYYY dates were read
    # minutes after midnight a day of the agenda begins: a talk at 00:15 belongs to the day before when the export files
    # it there (38C3: 360, its days run to 06:00); 0 for most agendas
    day_begins: int = 0

    @property
    def timezone(self) -> str:
        """The zone's name: an IANA name such as Europe/Rome, or UTC+02:00."""
        return self.zone.name

    @property
    def tz(self) -> tzinfo:
        return self.zone.tz

    def __len__(self) -> int:
        return len(self.sessions)

    def date_range(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        starts = self.sessions["start"].dropna()
        if starts.empty:
            return None
        return starts.min(), starts.max()

    def tracks(self) -> list[str]:
        """Tracks, most sessions first."""
        counts = self.sessions["track"][self.sessions["track"] != ""].value_counts()
        return list(counts.index)
