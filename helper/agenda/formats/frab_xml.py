"""frab / c3voc ``schedule.xml`` (CCC congresses, FOSDEM, pretalx's XML export, the EventFahrplan app):
``schedule > conference > day > room > event``. Times carry their offset; the conference states its zone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from helper.agenda.formats.base import RawAgenda, Source, schedule_agenda
from helper.errors import AgendaError

_XML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<schedule[\s>]", re.S)


class FrabXmlReader:
    kind = "frab/c3voc schedule.xml"

    def accepts(self, source: Source) -> bool:
        return not source.is_dir and bool(_XML_START.match(source.head(4096).lstrip(b"\xef\xbb\xbf")))

    def read(self, source: Source, columns: dict[str, str]) -> RawAgenda:
        try:
            root = ElementTree.fromstring(source.data)
        except ElementTree.ParseError as exc:
            raise AgendaError(f"{source.name} is not well-formed XML ({exc})", "export the schedule again; the file may be cut short") from None
        rows = [
            _event(event, room.get("name", ""), day.get("date", "")) for day in root.iter("day") for room in day.iter("room") for event in room.iter("event")
        ]
        if not rows:
            raise AgendaError(f"{source.name}: the schedule has no events", "export the schedule after it is published (schedule > day > room > event)")
        return schedule_agenda(rows, f"frab-xml ({self.kind})", root.findtext("conference/time_zone_name") or "")


def _event(event: ElementTree.Element, room: str, day: str) -> dict[str, str]:
    def text(tag: str) -> str:
        found = event.find(tag)  # all of its text: markup written as elements keeps its words
        return "".join(found.itertext()).strip() if found is not None else ""

    return {
        "id": event.get("guid") or event.get("id") or text("slug"),
        "title": text("title"),
        "abstract": " ".join(filter(None, [text("subtitle"), text("abstract"), text("description")])),
        "speakers": "|".join("".join(p.itertext()).strip() for p in event.iter("person")),
        "room": text("room") or room,
        "track": text("track"),
        "tags": text("type"),
        "languages": text("language"),
        "start": text("date"),
        "duration": text("duration"),
        "day": day,  # the day the schedule files it under: a talk after midnight belongs to the day before
    }


READER = FrabXmlReader()
