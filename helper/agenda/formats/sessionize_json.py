"""Sessionize's JSON API (``https://sessionize.com/api/v2/<id>/view/<All|Sessions|GridSmart>``): sessions with
``startsAt``/``endsAt`` in the event's local time, speakers and categories either inline or by id with the lists
beside them ("All"). Categories are the organiser's own: one titled like "Track" is the track, one titled like
"Language" the languages, every other one (session format, level, topic) the tags. A speaker's organisation is what their
tag line names after " at " ("Principal Consultant at Arkahna"), the one place Sessionize gives it; no other guess."""

from __future__ import annotations

import json
import re

import pandas as pd

from helper.agenda.formats.base import RawAgenda, Source
from helper.errors import AgendaError


class SessionizeJsonReader:
    kind = "Sessionize API JSON (All, Sessions or GridSmart view)"

    def accepts(self, source: Source) -> bool:
        if source.is_dir or not (source.path.suffix.lower() == ".json" or source.head(64).lstrip()[:1] in (b"{", b"[")):
            return False
        return b'"startsAt"' in source.data and b'"isServiceSession"' in source.data

    def read(self, source: Source, columns: dict[str, str]) -> RawAgenda:
        try:
            data = json.loads(source.data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise AgendaError(f"{source.name} is not valid JSON ({exc})", "download the Sessionize API view again (All, Sessions or GridSmart)") from None
        sessions = _sessions(data)
        if not sessions:
            raise AgendaError(f"{source.name}: the Sessionize JSON holds no sessions", "publish the schedule in Sessionize, then download the API view again")
        lists = data if isinstance(data, dict) else {}
        people = {str(p.get("id")): p for p in lists.get("speakers") or [] if isinstance(p, dict)}
        items = {str(i.get("id")): (str(c.get("title") or c.get("name") or ""), str(i.get("name") or ""))
                 for c in lists.get("categories") or [] if isinstance(c, dict) for i in c.get("items") or [] if isinstance(i, dict)}
        rooms = {str(r.get("id")): str(r.get("name") or "") for r in lists.get("rooms") or [] if isinstance(r, dict)}
        table = pd.DataFrame([_row(s, people, items, rooms) for s in sessions], dtype=str)
        fields = ("id", "title", "abstract", "speakers", "organizations", "room", "track", "tags", "languages", "start", "end")
        separators = {"speakers": "\n", "organizations": "\n", "tags": "\n", "languages": "\n"}
        return RawAgenda(table, {f: f for f in fields}, f"sessionize-json ({self.kind})", separators=separators)


def _sessions(data) -> list[dict]:
    """Every session of the view in the order it lists them, once: the GridSmart view lists each under its room and
    under its time slot. A session is an object with a ``startsAt`` and a ``title``, wherever the view nests it."""
    found: dict[str, dict] = {}
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict) and "startsAt" in node and "title" in node:
            found.setdefault(str(node.get("id") or id(node)), node)
        elif isinstance(node, (dict, list)):
            stack.extend(reversed(list(node.values()) if isinstance(node, dict) else node))
    return list(found.values())


def _full_name(person: dict) -> str:
    return str(person.get("fullName") or person.get("name") or " ".join(filter(None, [person.get("firstName"), person.get("lastName")])) or "")


def _organisation(person: dict) -> str:
    at = re.split(r"\s(?:at|@)\s", str(person.get("tagLine") or ""))
    return at[-1].strip(" .,;") if len(at) > 1 else ""


def _row(session: dict, people: dict[str, dict], items: dict[str, tuple[str, str]], rooms: dict[str, str]) -> dict[str, str]:
    persons = [s if isinstance(s, dict) else people.get(str(s), {}) for s in session.get("speakers") or []]
    speakers = [_full_name(p) for p in persons]
    organisations = dict.fromkeys(filter(None, map(_organisation, persons)))
    labels = [(c.get("name") or "", i.get("name") or "") for c in session.get("categories") or [] if isinstance(c, dict)
              for i in c.get("categoryItems") or [] if isinstance(i, dict)]
    labels += [items[str(i)] for i in session.get("categoryItems") or [] if str(i) in items]
    track = next((name for category, name in labels if "track" in category.casefold()), "")
    languages = [name for category, name in labels if "language" in category.casefold()]
    tags = [name for category, name in labels if name != track and "language" not in category.casefold()]
    return {
        "id": str(session.get("id") or ""),
        "title": str(session.get("title") or ""),
        "abstract": str(session.get("description") or ""),
        "speakers": "\n".join(filter(None, speakers)),
        "organizations": "\n".join(organisations),
        "room": str(session.get("room") or rooms.get(str(session.get("roomId")), "") or ""),
        "track": track,
        "tags": "\n".join(tags),
        "languages": "\n".join(languages),
        "start": str(session.get("startsAt") or ""),
        "end": str(session.get("endsAt") or ""),
    }


READER = SessionizeJsonReader()
