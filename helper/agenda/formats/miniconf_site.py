"""A Mini-Conf site folder (``--agenda DIR``): ``papers.csv`` joined with the site's calendar by session.

Mini-Conf sites keep the papers in ``papers.csv`` and the times in ``main_calendar.json``: a paper's
``session`` value names a calendar event by its ``UID``, its title, or the ``session=``/``search=`` parameter
of its link. A paper presented in several slots gets its first (replays marked "(Replay…)" come last).
Calendar events that are not paper slots (keynotes, tutorials, socials) become sessions of their own.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd

from helper.agenda.formats import csv_export
from helper.agenda.formats.base import RawAgenda, Source
from helper.errors import AgendaError

PAPERS = "papers.csv"
CALENDARS = ("main_calendar.json", "calendar.json")
SLOT_COLUMNS = ("session", "sessions")
# the columns the join adds (names a Mini-Conf export does not use)
START, END, ROOM, LINK_PARAMS = "calendar start", "calendar end", "calendar room", ("session", "search")


class MiniConfSiteReader:
    kind = "Mini-Conf site folder (papers.csv with main_calendar.json)"

    def accepts(self, source: Source) -> bool:
        return source.is_dir and (source.path / PAPERS).is_file()

    def read(self, source: Source, columns: dict[str, str]) -> RawAgenda:
        raw = csv_export.READER.read(Source(source.path / PAPERS), columns)
        calendar_path = next((source.path / name for name in CALENDARS if (source.path / name).is_file()), None)
        if calendar_path is None:
            raw.warnings.append(f"{source.name} has no {' or '.join(CALENDARS)}: the papers have no times")
            return raw
        events = _events(calendar_path)
        slot_column = next((c for c in SLOT_COLUMNS if c in raw.table.columns), None)
        values = list(raw.table[slot_column]) if slot_column else [""] * len(raw.table)
        slots = _slots(events)
        chosen = [_first_slot(value, slots) for value in values]
        table = raw.table.assign(**{START: [e.get("start", "") if e else "" for e in chosen], END: [e.get("end", "") if e else "" for e in chosen], ROOM: [_room(e) for e in chosen]})
        unplaced = sum(e is None for e in chosen)
        if unplaced:
            raw.warnings.append(f"{unplaced} paper(s) have a session that {calendar_path.name} does not list: they have no time")
        paper_slots = {id(e) for value in values for part in value.split("|") for e in slots.get(part.strip().casefold(), [])}
        others = [e for e in events if id(e) not in paper_slots and e.get("title")]
        table = pd.concat([table, _event_rows(others, raw.mapping)], ignore_index=True).fillna("")
        mapping = {**raw.mapping, "start": START, "end": END}
        if "room" not in raw.mapping:
            mapping["room"] = ROOM
        layout = f"miniconf-site ({len(raw.table)} papers from {PAPERS} + {len(others)} events from {calendar_path.name})"
        return RawAgenda(table, mapping, layout, raw.separators, "", raw.speaker_groups, raw.warnings)


def _events(path: Path) -> list[dict]:
    try:
        events = json.loads(path.read_text("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AgendaError(f"{path.name} is not valid JSON ({exc})", "copy the site's calendar file again") from None
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise AgendaError(f"{path.name} is not a list of calendar events", "use the Mini-Conf site's main_calendar.json")
    return events


def _slots(events: list[dict]) -> dict[str, list[dict]]:
    """Each name a paper's session value may use for a calendar event -> the events it names."""
    names: dict[str, list[dict]] = {}
    for event in events:
        link = str(event.get("link") or event.get("location") or "")
        params = parse_qs(urlsplit(link).query)
        keys = {str(event.get("UID") or ""), str(event.get("title") or "")} | {v for p in LINK_PARAMS for v in params.get(p, [])}
        for key in filter(None, (k.strip().casefold() for k in keys)):
            names.setdefault(key, []).append(event)
    return names


def _first_slot(value: str, slots: dict[str, list[dict]]) -> dict | None:
    found = [e for part in value.split("|") for e in slots.get(part.strip().casefold(), [])]
    # replays and pre-plays are marked "(Replay/Watch Party) ..." on Mini-Conf sites: the live slot first
    found.sort(key=lambda e: (str(e.get("title", "")).startswith("("), str(e.get("start", ""))))
    return found[0] if found else None


def _room(event: dict | None) -> str:
    return str(event.get("room") or "") if event else ""


def _event_rows(events: list[dict], mapping: dict[str, str]) -> pd.DataFrame:
    id_column, title_column = mapping.get("id", "uid"), mapping["title"]
    rows = [
        {
            id_column: str(e.get("UID") or "event-" + hashlib.sha1(f"{e.get('title')}|{e.get('start')}".encode()).hexdigest()[:8]),
            title_column: str(e.get("title") or ""),
            START: str(e.get("start") or ""),
            END: str(e.get("end") or ""),
            ROOM: _room(e),
        }
        for e in events
    ]
    return pd.DataFrame(rows, dtype=str)


READER = MiniConfSiteReader()
