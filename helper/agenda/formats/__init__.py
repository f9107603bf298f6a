"""The export formats we read, most specific first: the first reader that accepts a file reads it.

Adding a format is one module in this folder (a ``Reader``, see ``base.py``) and one line here."""

from __future__ import annotations

from helper.agenda.formats import csv_export, excel_export, frab_xml, miniconf_site, pretalx_json, sessionize_json
from helper.agenda.formats.base import Reader, Source
from helper.errors import AgendaError

READERS: tuple[Reader, ...] = (
    miniconf_site.READER,
    sessionize_json.READER,  # before pretalx's: JSON too, told apart by its keys
    pretalx_json.READER,
    frab_xml.READER,
    excel_export.READER,
    csv_export.READER,  # last: any text file with a header row
)


def reader_for(source: Source) -> Reader:
    for reader in READERS:
        if reader.accepts(source):
            return reader
    kinds = ", ".join(r.kind for r in READERS)
    if source.is_dir:
        raise AgendaError(f"agenda path {source.path} is a folder", f"point --agenda at the exported file ({kinds})")
    raise AgendaError(f"{source.name} looks like {source.looks_like() or 'a kind of file'} that is not an agenda export we read", f"export one of: {kinds}")
