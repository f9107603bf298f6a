"""The interface every export reader implements, and the file it reads.

A reader says cheaply whether it takes a file (``accepts``: its name and first bytes), and ``read``
turns the file into a ``RawAgenda``: a table of text columns and which column holds which field.
Parsing times, splitting lists and cleaning text happen once, after it, in ``helper.agenda.normalise``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

import pandas as pd

from helper.errors import AgendaError

MAX_AGENDA_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """The agenda path an organizer gave; its bytes are read once, on first use."""

    path: Path

    @classmethod
    def open(cls, path: Path) -> "Source":
        if not path.exists():
            raise AgendaError(f"agenda file {path} does not exist", "check the path given to --agenda / HELPER_AGENDA")
        return cls(path)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def is_dir(self) -> bool:
        return self.path.is_dir()

    @cached_property
    def data(self) -> bytes:
        size = self.path.stat().st_size
        if size > MAX_AGENDA_BYTES:
            raise AgendaError(
                f"{self.name} is {size / 1e6:.0f} MB; agendas are read up to {MAX_AGENDA_BYTES // 2**20} MB",
                "export only the sessions sheet, without attachments or very long columns",
            )
        raw = self.path.read_bytes()
        if not raw.strip():
            raise AgendaError(f"{self.name} is empty", "export the agenda again; the file has no header row and no sessions")
        return raw

    def head(self, size: int = 4096) -> bytes:
        """The first bytes, for sniffing (a folder has none)."""
        if self.is_dir:
            return b""
        with self.path.open("rb") as handle:
            return handle.read(size)

    def looks_like(self) -> str:
        """A kind of document this file plainly is that no table reader should parse ("" when none of them)."""
        start = self.head(1024).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        for prefix, kind in _DOCUMENT_KINDS:
            if start.startswith(prefix):
                return kind
        return ""


_DOCUMENT_KINDS = (
    (b"%pdf", "a PDF document"),
    (b"<!doctype html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"<?xml", "an XML document"),
    (b"<", "an XML or HTML document"),
)


@dataclass
class RawAgenda:
    """What a reader found: text columns, which holds which field, and how to read them."""

    table: pd.DataFrame  # str cells
    mapping: dict[str, str]  # field (helper.agenda.FIELDS) -> column of ``table``
    layout: str  # what the file was read as, for `helper check` ("pretalx-json (pretalx JSON schedule)")
    separators: dict[str, str] = field(default_factory=dict)  # list field -> characters between its items
    duration_column: str = ""  # minutes (or HH:MM) after the start, for exports without an end column
    speaker_groups: dict[int, dict[str, str]] = field(default_factory=dict)  # "Speaker N First Name"-style columns
    warnings: list[str] = field(default_factory=list)
    timezone: str = ""  # the zone the export states its times in (pretalx/frab time_zone_name), "" when none


class Reader(Protocol):
    kind: str  # what a person calls the format: "pretalx JSON schedule"

    def accepts(self, source: Source) -> bool: ...

    def read(self, source: Source, columns: dict[str, str]) -> RawAgenda: ...


def schedule_agenda(rows: list[dict[str, str]], layout: str, timezone: str) -> RawAgenda:
    """A frab-compatible schedule (XML or JSON): one row per talk with the fields' own names, speakers joined
    by "|", a start with its offset and a duration, and the zone the conference states. Its tag is the talk's type,
    one label even where it holds a comma ("YOC - Alles, was Lötstationen braucht")."""
    table = pd.DataFrame(rows, dtype=str)
    mapping = {c: c for c in table.columns}
    return RawAgenda(table, mapping, layout, separators={"speakers": "|", "tags": ""}, duration_column="duration", timezone=timezone.strip())
