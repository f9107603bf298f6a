"""The frab-compatible ``schedule.json`` that pretalx and frab write (the JSON twin of ``schedule.xml``):
conference (with ``time_zone_name``) -> days -> rooms -> talks."""

from __future__ import annotations

import json

from helper.agenda.formats.base import RawAgenda, Source, schedule_agenda
from helper.errors import AgendaError


class PretalxJsonReader:
    kind = "pretalx/frab JSON schedule"

    def accepts(self, source: Source) -> bool:
        return not source.is_dir and (source.path.suffix.lower() == ".json" or source.head(64).lstrip()[:1] in (b"{", b"["))

    def read(self, source: Source, columns: dict[str, str]) -> RawAgenda:
        conference = _conference(source.data, source.name)
        return schedule_agenda(_talks(conference, source.name), f"pretalx-json ({self.kind})", str(conference.get("time_zone_name") or ""))


def _conference(raw: bytes, name: str) -> dict:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AgendaError(f"{name} is not valid JSON ({exc})", "export the schedule again as pretalx JSON, or use a CSV export") from None
    try:
        conference = data["schedule"]["conference"]
        conference["days"]
    except (KeyError, TypeError):
        raise AgendaError(f"{name}: JSON without schedule.conference.days", "use pretalx's or frab's schedule.json export (the frab-compatible one)") from None
    return conference


def _talks(conference: dict, name: str) -> list[dict[str, str]]:
    days = conference["days"]
    rows = []
    for day in days:
        for room, talks in (day.get("rooms") or {}).items():
            for talk in talks:
                persons = [p.get("public_name") or p.get("name") or "" for p in talk.get("persons") or []]
                rows.append(
                    {
                        "id": str(talk.get("code") or talk.get("guid") or talk.get("id") or ""),
                        "title": talk.get("title") or "",
                        "abstract": " ".join(filter(None, [talk.get("abstract") or "", talk.get("description") or ""])),
                        "speakers": "|".join(persons),
                        "room": talk.get("room") or room,
                        "track": talk.get("track") or "",
                        "tags": talk.get("type") or "",
                        "languages": talk.get("language") or "",
                        "start": talk.get("date") or "",
                        "duration": talk.get("duration") or "",
                        "day": str(day.get("date") or ""),  # the day it is filed under (after midnight: the day before)
                    }
                )
    if not rows:
        raise AgendaError(f"{name}: the schedule has no talks", "publish the schedule in pretalx before exporting it")
    return rows


READER = PretalxJsonReader()
