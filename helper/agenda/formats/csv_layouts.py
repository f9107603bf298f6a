"""The agenda export layouts we recognise, described by their (normalised) column names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Layout:
    name: str
    label: str
    # every group must have one header present for the layout to match
    signature: tuple[tuple[str, ...], ...]
    # canonical field -> candidate headers, first present wins
    fields: dict[str, tuple[str, ...]]
    # list fields -> separator
    separators: dict[str, str] = field(default_factory=dict)
    # start + duration in minutes when the export has no end column
    duration_column: str = ""
    # rows with this value set to one of these are withdrawn sessions: skipped with a warning
    inactive: tuple[str, tuple[str, ...]] = ("", ())
    # one row per session x speaker: rows sharing this key are merged, speakers from these columns
    row_per_speaker: tuple[str, tuple[str, ...]] = ("", ())


SPEAKER_GROUP = re.compile(r"^speaker ?(\d+) ?(first name|last name|name|organization name|organization|organisation|company|affiliation)$")

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        name="whova",
        label="NAS/Whova-style export",
        signature=(("name",), ("start time",), ("location name", "unique id", "activity code")),
        fields={
            "id": ("unique id",),
            "title": ("name",),
            "abstract": ("description",),
            "track": ("track",),
            "tags": ("tags (comma-separated)", "tags"),
            "languages": ("language", "languages"),
            "start": ("start time",),
            "end": ("end time",),
            "room": ("location name", "location"),
        },
        separators={"tags": ","},
    ),
    Layout(
        name="sessionize",
        label="Sessionize sessions export",
        signature=(("session id",), ("title",), ("scheduled at", "speakers", "speaker id", "room")),
        fields={
            "id": ("session id",),
            "title": ("title",),
            "abstract": ("description",),
            "speakers": ("speakers",),
            "room": ("room",),
            "track": ("track", "tracks"),
            "tags": ("session format", "level", "tags"),
            "languages": ("language", "languages"),
            "start": ("scheduled at",),
            "end": ("scheduled end",),
        },
        separators={"speakers": ",|", "tags": ","},
        duration_column="scheduled duration",
        row_per_speaker=("session id", ("firstname", "lastname")),
    ),
    Layout(
        name="sched",
        label="Sched export",
        signature=(("name",), ("event_start", "event start"), ("event_end", "event end", "venue")),
        fields={
            "id": ("event_key", "event key", "id"),
            "title": ("name",),
            "abstract": ("description",),
            "speakers": ("speakers",),
            "room": ("venue",),
            "track": ("event_type", "event type"),
            "tags": ("event_subtype", "event subtype"),
            "languages": ("language", "languages"),
            "start": ("event_start", "event start"),
            "end": ("event_end", "event end"),
        },
        separators={"speakers": ",", "tags": ","},
        inactive=("active", ("n", "no", "false", "0")),
    ),
    Layout(
        name="pretalx",
        label="pretalx schedule export",
        signature=(("proposal title",), ("id", "code", "proposal id")),
        fields={
            "id": ("id", "code", "proposal id", "guid"),
            "title": ("proposal title", "title"),
            "abstract": ("abstract", "description"),
            "speakers": ("speaker names", "speakers", "persons"),
            "room": ("room",),
            "track": ("track",),
            "tags": ("tags", "session type", "type"),
            "languages": ("language", "languages"),
            "start": ("start",),
            "end": ("end",),
        },
        separators={"speakers": "\n,", "tags": "\n,"},
        duration_column="duration",
    ),
    Layout(
        name="miniconf",
        label="Mini-Conf papers.csv",
        signature=(("uid",), ("title",), ("authors",)),
        fields={
            "id": ("uid",),
            "title": ("title",),
            "abstract": ("abstract", "tldr"),
            "speakers": ("authors",),
            "tags": ("keywords",),
            "track": ("track", "session", "sessions"),
            "start": ("start", "start time"),
            "end": ("end", "end time"),
            "room": ("room", "location"),
        },
        separators={"speakers": "|", "tags": "|"},
    ),
    Layout(
        name="generic",
        label="generic CSV (columns matched by name)",
        signature=(("title", "session title", "talk title", "session name", "name"),),
        fields={
            "id": ("id", "session id", "uid", "code"),
            "title": ("title", "session title", "talk title", "session name", "name"),
            "abstract": ("abstract", "description", "summary", "blurb", "details"),
            "speakers": ("speakers", "speaker", "presenters", "authors"),
            "organizations": ("organization", "organisation", "company", "affiliation"),
            "room": ("room", "location", "venue"),
            "track": ("track", "category", "stream"),
            "tags": ("tags", "keywords", "topics"),
            "languages": ("language", "languages", "sprache", "session language"),
            "start": ("start", "start time", "starts", "begin"),
            "end": ("end", "end time", "ends", "finish"),
        },
        separators={"speakers": ",;|", "tags": ",;|"},
    ),
)

CUSTOM = Layout(name="custom", label="custom column mapping", signature=(), fields={})


def detect_layout(headers: set[str]) -> Layout | None:
    for layout in LAYOUTS:
        if all(any(h in headers for h in group) for group in layout.signature):
            return layout
    return None


CONTACT_COLUMN = re.compile(r"e-?mail|\bmail\b|phone|mobile|\bcell\b|\btel\b|telephone|whatsapp|fax")


def is_contact_column(header: str) -> bool:
    return bool(CONTACT_COLUMN.search(header))
