"""CSV exports (Whova/NAS, Sessionize, Sched, pretalx CSV, Mini-Conf ``papers.csv``, any table with a title
column): decode, parse, drop contact columns, recognise the layout by its column names (``csv_layouts``)."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from helper.agenda.formats.base import RawAgenda, Source
from helper.agenda.formats.csv_layouts import CUSTOM, SPEAKER_GROUP, Layout, detect_layout, is_contact_column
from helper.agenda.text import normalize_header
from helper.errors import AgendaError

_ORGANIZATION_WORDS = {"organisation": "organization", "organization name": "organization", "company": "organization", "affiliation": "organization"}


class CsvReader:
    kind = "CSV (Whova, Sessionize, Sched, pretalx, Mini-Conf papers.csv, or any with a title column)"

    def accepts(self, source: Source) -> bool:
        return not source.is_dir and not source.looks_like()

    def read(self, source: Source, columns: dict[str, str]) -> RawAgenda:
        warnings: list[str] = []
        return table_agenda(_parse_csv(_decode(source.data, source.name, warnings), source.name), source.name, columns, warnings)


def table_agenda(table: pd.DataFrame, name: str, columns: dict[str, str], warnings: list[str]) -> RawAgenda:
    """A table of text cells with a header row (a CSV file, an Excel sheet): drop contact columns, recognise the layout
    by its column names (or take ``columns``), fold Sessionize's row per speaker."""
    table = _drop_contact_columns(table, warnings)
    table = _drop_empty_columns(table)
    headers = set(table.columns)
    layout = detect_layout(headers)
    if columns:
        layout = layout or CUSTOM
        for field_name, column in columns.items():
            if normalize_header(column) not in headers:
                raise AgendaError(
                    f"{name}: the column {column!r} given for {field_name} is not in the file (it has: {_list_columns(table)})",
                    "spell the column exactly as in the file's header row",
                )
    elif layout is None:
        raise AgendaError(
            f"{name}: no title column found and the layout is not recognised (columns: {_list_columns(table)})",
            "export from Whova, Sessionize, Sched, pretalx or Mini-Conf, or map your columns: --columns 'title=Session Name,abstract=Blurb,start=Begins'",
        )
    mapping = _resolve_mapping(layout, headers, columns)
    if "title" not in mapping:
        raise AgendaError(f"{name}: no column holds the session titles (columns: {_list_columns(table)})", "add --columns 'title=<your title column>'")
    table = _skip_inactive(table, layout, warnings)
    table = _merge_speaker_rows(table, layout, mapping)
    groups = _speaker_groups(headers)
    if groups:
        numbers = f"{min(groups)}..{max(groups)}" if len(groups) > 1 else str(min(groups))
        mapping.setdefault("speakers", f"speaker {numbers} first name + last name")
        if any("organization" in parts for parts in groups.values()):
            mapping.setdefault("organizations", f"speaker {numbers} organization")
    return RawAgenda(table, mapping, f"{layout.name} ({layout.label})", layout.separators, layout.duration_column, groups, warnings)


def _decode(raw: bytes, name: str, warnings: list[str]) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        warnings.append(f"{name} is UTF-16; read it as such")
        return raw.decode("utf-16")
    nuls = raw.count(b"\x00")
    if nuls and nuls * 100 > len(raw[:4096]) or b"\x00" in raw[:4] or raw.startswith(b"PK\x03\x04"):
        raise AgendaError(f"{name} is not a text CSV (it holds binary data)", "save the agenda as CSV (UTF-8) or as an Excel workbook (.xlsx), not as .xls, .ods or another binary format")
    if nuls:
        warnings.append(f"removed {nuls} NUL byte(s) from {name}")
        raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{name} is not valid UTF-8; read it as Windows-1252 (cp1252). Save as 'CSV UTF-8' to be sure accents are right")
        return raw.decode("cp1252", errors="replace")


def _parse_csv(text: str, name: str) -> pd.DataFrame:
    try:
        delimiter = csv.Sniffer().sniff(text[:65536].split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, skip_blank_lines=True, on_bad_lines="error")
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        row = re.search(r"starting at row (\d+)", str(exc))  # pandas counts these from 0 = header
        where = f"row {line.group(1)}" if line else f"row {int(row.group(1)) + 1}" if row else "a row"
        raise AgendaError(f"{name}: {where} has a different number of fields than the header ({exc})", "check for a stray delimiter or an unclosed quote in that row") from None
    except pd.errors.EmptyDataError:
        raise AgendaError(f"{name} has no header row", "export the agenda again with column names in the first row") from None
    table.columns = [normalize_header(c) for c in table.columns]
    if table.columns.duplicated().any():
        table = table.loc[:, ~table.columns.duplicated()]
    return table


def _drop_contact_columns(table: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    contact = [c for c in table.columns if is_contact_column(c)]
    if contact:
        warnings.append(f"dropped {len(contact)} e-mail/phone column(s) ({', '.join(contact)}): contact details are never indexed or shown")
    return table.drop(columns=contact)


def _drop_empty_columns(table: pd.DataFrame) -> pd.DataFrame:
    # Excel leaves trailing "Unnamed: 12" columns with nothing in them
    unnamed = [c for c in table.columns if c.startswith("unnamed:") and not table[c].str.strip().any()]
    return table.drop(columns=unnamed)


def _list_columns(table: pd.DataFrame) -> str:
    names = list(table.columns)
    return ", ".join(names[:12]) + (f", … ({len(names)} in all)" if len(names) > 12 else "") if names else "none"


def _resolve_mapping(layout: Layout, headers: set[str], columns: dict[str, str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for field_name, candidates in layout.fields.items():
        for candidate in candidates:
            if candidate in headers and candidate not in mapping.values():
                mapping[field_name] = candidate
                break
    for field_name, column in columns.items():
        mapping[field_name] = normalize_header(column)
    return mapping


def _skip_inactive(table: pd.DataFrame, layout: Layout, warnings: list[str]) -> pd.DataFrame:
    column, values = layout.inactive
    if column not in table.columns:
        return table
    inactive = table[column].str.strip().str.casefold().isin(values)
    if inactive.any():
        warnings.append(f"skipped {int(inactive.sum())} session(s) marked inactive in the '{column}' column")
    return table[~inactive]


def _merge_speaker_rows(table: pd.DataFrame, layout: Layout, mapping: dict[str, str]) -> pd.DataFrame:
    """Sessionize can export one row per session and speaker; fold those into one row per session."""
    key, name_columns = layout.row_per_speaker
    present = [c for c in name_columns if c in table.columns]
    if not key or key not in table.columns or not present:
        return table
    speakers = " + ".join(name_columns) + " (one row per speaker, merged)"  # the column's name says where it came from
    names = table[present].apply(lambda r: " ".join(v.strip() for v in r if v.strip()), axis=1)
    table = table.assign(**{speakers: names, "_key": table[key].replace("", pd.NA).ffill().fillna("")})
    merged = table.groupby("_key", sort=False).agg(lambda col: next((v for v in col if v.strip()), ""))
    merged[speakers] = table.groupby("_key", sort=False)[speakers].agg(lambda col: "|".join(v for v in col if v))
    merged[key] = merged.index
    mapping["speakers"] = speakers
    return merged.reset_index(drop=True)


def _speaker_groups(headers: set[str]) -> dict[int, dict[str, str]]:
    groups: dict[int, dict[str, str]] = {}
    for header in headers:
        match = SPEAKER_GROUP.match(header)
        if match:
            part = _ORGANIZATION_WORDS.get(match.group(2), match.group(2))
            groups.setdefault(int(match.group(1)), {})[part] = header
    return dict(sorted(groups.items()))


READER = CsvReader()
