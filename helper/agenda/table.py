"""The normalised agenda: one row per session, the same columns whatever the export."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# The table's columns. ``speakers`` / ``organizations`` / ``tags`` hold tuples of str; ``start`` / ``end``
# hold timezone-aware timestamps or NaT; the others hold str ("" when the export has nothing).
FIELDS = ("id", "title", "abstract", "speakers", "organizations", "start", "end", "room", "track", "tags")


@dataclass
class Agenda:
    sessions: pd.DataFrame
    source: str
    layout: str
    mapping: dict[str, str]  # field -> the export's column (or a description of where it came from)
    timezone: str
    warnings: list[str] = field(default_factory=list)

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
