"""Load any supported agenda export and normalise it into one typed table.

The table (``Agenda.sessions``) has one row per session and these columns:
``id`` (str), ``title`` (str), ``abstract`` (str), ``speakers`` / ``organizations`` / ``tags``
(tuples of str), ``start`` / ``end`` (timezone-aware timestamps or NaT), ``room``, ``track`` (str).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helper.errors import AgendaError
from helper.layouts import CUSTOM, SPEAKER_GROUP, Layout, detect_layout, is_contact_column
from helper.text import clean_text, normalize_header, redact_emails

MAX_AGENDA_BYTES = 25 * 1024 * 1024
TEXT_FIELDS = ("title", "abstract", "room", "track")
# longest text kept per field: a pasted 1 MB "abstract" would only slow the page and the model
MAX_FIELD_CHARS = {"title": 500, "abstract": 20_000, "room": 200, "track": 200}
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!]|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_FORMULA = re.compile(r"^\s*[=+@-]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|^\s*=")
LIST_FIELDS = ("speakers", "organizations", "tags")


@dataclass
class Agenda:
    sessions: pd.DataFrame
    source: str
    layout: str
    mapping: dict[str, str]
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
        counts = self.sessions["track"][self.sessions["track"] != ""].value_counts()
        return list(counts.index)


def load_agenda(path: str | Path, timezone: str = "UTC", columns: dict[str, str] | None = None) -> Agenda:
    """Read ``path`` (CSV or pretalx JSON) and return the normalised agenda, or raise AgendaError."""
    path = Path(path)
    name = path.name
    warnings: list[str] = []
    raw = _read_bytes(path)
    if path.suffix.lower() == ".json" or raw.lstrip()[:1] in (b"{", b"["):
        table = _pretalx_json_table(raw, name)
        layout_name, label, mapping = "pretalx-json", "pretalx JSON schedule", {c: c for c in table.columns}
        sessions = _normalise(table, mapping, {"speakers": "|"}, "duration", timezone, name, warnings)
        return Agenda(sessions, name, f"{layout_name} ({label})", mapping, timezone, warnings)

    text = _decode(raw, name, warnings)
    table = _parse_csv(text, name)
    table = _drop_contact_columns(table, warnings)
    table = _drop_empty_columns(table)
    headers = {c for c in table.columns}
    layout = detect_layout(headers)
    if columns:
        layout = layout or CUSTOM
        for field_name, column in columns.items():
            key = normalize_header(column)
            if key not in headers:
                raise AgendaError(
                    f"{name}: the column {column!r} given for {field_name} is not in the file (it has: {_list_columns(table)})",
                    "spell the column exactly as in the file's header row",
                )
    elif layout is None:
        raise AgendaError(
            f"{name}: no title column found and the layout is not recognised (columns: {_list_columns(table)})",
            "export from Whova, Sessionize, Sched, pretalx or Mini-Conf, or map your columns: --columns 'title=Session Name,abstract=Blurb,start=Begins'",
        )
    mapping = _resolve_mapping(layout, headers, columns or {})
    if "title" not in mapping:
        raise AgendaError(f"{name}: no column holds the session titles (columns: {_list_columns(table)})", "add --columns 'title=<your title column>'")
    table = _skip_inactive(table, layout, warnings)
    table = _merge_speaker_rows(table, layout, mapping)
    speaker_groups = _speaker_groups(headers)
    if speaker_groups:
        numbers = f"{min(speaker_groups)}..{max(speaker_groups)}" if len(speaker_groups) > 1 else str(min(speaker_groups))
        mapping.setdefault("speakers", f"speaker {numbers} first name + last name")
        if any("organization" in parts for parts in speaker_groups.values()):
            mapping.setdefault("organizations", f"speaker {numbers} organization")
    sessions = _normalise(table, mapping, layout.separators, layout.duration_column, timezone, name, warnings, speaker_groups)
    if mapping.get("speakers") == "_speaker":
        mapping["speakers"] = " + ".join(layout.row_per_speaker[1]) + " (one row per speaker, merged)"
    return Agenda(sessions, name, f"{layout.name} ({layout.label})", mapping, timezone, warnings)


# --- reading -------------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise AgendaError(f"agenda file {path} does not exist", "check the path given to --agenda / HELPER_AGENDA")
    if path.is_dir():
        raise AgendaError(f"agenda path {path} is a folder", "point --agenda at the exported CSV file")
    size = path.stat().st_size
    if size > MAX_AGENDA_BYTES:
        raise AgendaError(
            f"{path.name} is {size / 1e6:.0f} MB; agendas are read up to {MAX_AGENDA_BYTES // 2**20} MB",
            "export only the sessions sheet, without attachments or very long columns",
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise AgendaError(f"{path.name} is empty", "export the agenda again; the file has no header row and no sessions")
    return raw


def _decode(raw: bytes, name: str, warnings: list[str]) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        warnings.append(f"{name} is UTF-16; read it as such")
        return raw.decode("utf-16")
    nuls = raw.count(b"\x00")
    if nuls and nuls * 100 > len(raw[:4096]) or b"\x00" in raw[:4] or raw.startswith(b"PK\x03\x04"):
        raise AgendaError(f"{name} is not a text CSV (it holds binary data)", "save the agenda as CSV (UTF-8), not as .xlsx or another binary format")
    if nuls:
        warnings.append(f"removed {nuls} NUL byte(s) from {name}")
        raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{name} is not valid UTF-8; read it as Windows-1252 (cp1252). Save as 'CSV UTF-8' to be sure accents are right")
        return raw.decode("cp1252", errors="replace")


def _parse_csv(text: str, name: str) -> pd.DataFrame:
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t").delimiter
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
    names = table[present].apply(lambda r: " ".join(v.strip() for v in r if v.strip()), axis=1)
    table = table.assign(_speaker=names, _key=table[key].replace("", pd.NA).ffill().fillna(""))
    merged = table.groupby("_key", sort=False).agg(lambda col: next((v for v in col if v.strip()), ""))
    merged["_speaker"] = table.groupby("_key", sort=False)["_speaker"].agg(lambda col: "|".join(v for v in col if v))
    merged[key] = merged.index
    mapping["speakers"] = "_speaker"
    return merged.reset_index(drop=True)


def _speaker_groups(headers: set[str]) -> dict[int, dict[str, str]]:
    groups: dict[int, dict[str, str]] = {}
    for header in headers:
        match = SPEAKER_GROUP.match(header)
        if match:
            part = {"organisation": "organization", "organization name": "organization", "company": "organization", "affiliation": "organization"}.get(match.group(2), match.group(2))
            groups.setdefault(int(match.group(1)), {})[part] = header
    return dict(sorted(groups.items()))


def _pretalx_json_table(raw: bytes, name: str) -> pd.DataFrame:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AgendaError(f"{name} is not valid JSON ({exc})", "export the schedule again as pretalx JSON, or use a CSV export") from None
    try:
        days = data["schedule"]["conference"]["days"]
    except (KeyError, TypeError):
        raise AgendaError(f"{name}: JSON without schedule.conference.days", "use pretalx's schedule.json export (the frab-compatible one)") from None
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
                        "start": talk.get("date") or "",
                        "duration": talk.get("duration") or "",
                    }
                )
    if not rows:
        raise AgendaError(f"{name}: the schedule has no talks", "publish the schedule in pretalx before exporting it")
    return pd.DataFrame(rows, dtype=str)


# --- normalising ---------------------------------------------------------------------------------


def _column(table: pd.DataFrame, mapping: dict[str, str], field_name: str) -> pd.Series:
    column = mapping.get(field_name)
    if column is None or column not in table.columns:
        return pd.Series([""] * len(table), index=table.index, dtype=object)
    return table[column].fillna("").astype(str)


def _split(value: str, separators: str) -> tuple[str, ...]:
    if not value:
        return ()
    parts = re.split("[" + re.escape(separators) + "]", value) if separators else [value]
    seen: dict[str, None] = {}
    for part in parts:
        cleaned = clean_text(part)
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


def _normalise(
    table: pd.DataFrame,
    mapping: dict[str, str],
    separators: dict[str, str],
    duration_column: str,
    timezone: str,
    name: str,
    warnings: list[str],
    speaker_groups: dict[int, dict[str, str]] | None = None,
) -> pd.DataFrame:
    rows_in = len(table)
    blank = table.apply(lambda r: not "".join(r.astype(str)).strip(), axis=1) if rows_in else pd.Series([], dtype=bool)
    table = table[~blank]
    if int(blank.sum()):
        warnings.append(f"skipped {int(blank.sum())} blank row(s)")

    out = pd.DataFrame(index=table.index)
    redacted = 0
    _count_suspect_cells(table, mapping, warnings)
    for field_name in TEXT_FIELDS:
        cleaned = _column(table, mapping, field_name).map(clean_text)
        cleaned = _cap(cleaned, field_name, warnings)
        if field_name in ("title", "abstract"):
            pairs = cleaned.map(redact_emails)
            cleaned = pairs.map(lambda p: p[0])
            redacted += int(pairs.map(lambda p: p[1]).sum()) if len(pairs) else 0
        out[field_name] = cleaned

    out["speakers"] = _column(table, mapping, "speakers").map(lambda v: _split(v, separators.get("speakers", ",;|")))
    out["organizations"] = _column(table, mapping, "organizations").map(lambda v: _split(v, separators.get("organizations", ";|")))
    out["tags"] = _column(table, mapping, "tags").map(lambda v: _split(v, separators.get("tags", ",;|")))
    if speaker_groups:
        people, orgs = _speakers_from_groups(table, speaker_groups)
        out["speakers"] = [tuple(dict.fromkeys(a + b)) for a, b in zip(out["speakers"], people)]
        out["organizations"] = [tuple(dict.fromkeys(a + b)) for a, b in zip(out["organizations"], orgs)]
    if redacted:
        warnings.append(f"removed {redacted} e-mail address(es) from titles and abstracts")

    untitled = out["title"] == ""
    if untitled.any():
        rows = [str(i + 2) for i in out.index[untitled][:5]]
        warnings.append(f"skipped {int(untitled.sum())} row(s) without a title (file rows {', '.join(rows)}{'…' if untitled.sum() > 5 else ''})")
    out = out[~untitled]
    table = table.loc[out.index]
    if out.empty:
        raise AgendaError(f"{name} has no sessions with a title ({rows_in} data rows read)", "check that the title column is filled in, or map it with --columns title=...")

    no_abstract = int((out["abstract"] == "").sum())
    if no_abstract:
        warnings.append(f"{no_abstract} session(s) have no abstract; they are searchable by title, speakers and tags only")

    out["start"], bad_start = _parse_times(_column(table, mapping, "start"), timezone)
    out["end"], bad_end = _parse_times(_column(table, mapping, "end"), timezone)
    if duration_column and duration_column in table.columns:
        minutes = pd.to_numeric(table[duration_column].map(_duration_minutes), errors="coerce")
        missing_end = out["end"].isna() & out["start"].notna() & minutes.notna()
        out.loc[missing_end, "end"] = out.loc[missing_end, "start"] + pd.to_timedelta(minutes[missing_end], unit="min")
    if bad_start or bad_end:
        warnings.append(f"{bad_start + bad_end} date/time value(s) could not be read and were left empty (expected e.g. 2026-10-14 09:00)")
    backwards = out["end"].notna() & out["start"].notna() & (out["end"] < out["start"])
    if backwards.any():
        warnings.append(f"{int(backwards.sum())} session(s) end before they start; their end time was dropped")
        out.loc[backwards, "end"] = pd.NaT

    out["id"] = _ids(_column(table, mapping, "id").map(clean_text), out, warnings)
    out = out.sort_values("start", kind="stable", na_position="last").reset_index(drop=True)
    return out[["id", "title", "abstract", "speakers", "organizations", "start", "end", "room", "track", "tags"]]


def _count_suspect_cells(table: pd.DataFrame, mapping: dict[str, str], warnings: list[str]) -> None:
    """Count (for the warnings) cells holding HTML or spreadsheet formulas: both are shown as plain text."""
    columns = [c for c in dict.fromkeys(mapping.values()) if c in table.columns]
    if not columns or table.empty:
        return
    cells = table[columns].fillna("").astype(str)
    markup = int(cells.apply(lambda col: col.str.contains(_MARKUP)).to_numpy().sum())
    formulas = int(cells.apply(lambda col: col.str.contains(_FORMULA)).to_numpy().sum())
    if markup:
        warnings.append(f"removed HTML markup from {markup} cell(s); their text is kept as plain text")
    if formulas:
        warnings.append(f"{formulas} cell(s) look like spreadsheet formulas (=HYPERLINK(...), +SUM(...)); kept as plain text, never evaluated")


def _cap(values: pd.Series, field_name: str, warnings: list[str]) -> pd.Series:
    limit = MAX_FIELD_CHARS[field_name]
    long = values.str.len() > limit
    if long.any():
        warnings.append(f"cut {int(long.sum())} {field_name}(s) longer than {limit:,} characters")
        values = values.where(~long, values.str[:limit])
    return values


def _speakers_from_groups(table: pd.DataFrame, groups: dict[int, dict[str, str]]) -> tuple[list[tuple], list[tuple]]:
    people: list[tuple] = []
    orgs: list[tuple] = []
    for _, row in table.iterrows():
        names: list[str] = []
        companies: list[str] = []
        for parts in groups.values():
            full = clean_text(row.get(parts.get("name", ""), "")) or " ".join(
                filter(None, (clean_text(row.get(parts.get("first name", ""), "")), clean_text(row.get(parts.get("last name", ""), ""))))
            )
            if full:
                names.append(full)
            org = clean_text(row.get(parts.get("organization", ""), ""))
            if org:
                companies.append(org)
        people.append(tuple(dict.fromkeys(names)))
        orgs.append(tuple(dict.fromkeys(companies)))
    return people, orgs


def _duration_minutes(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    if ":" in value:  # "01:30" or "01:30:00"
        parts = [int(p) for p in value.split(":") if p.isdigit()]
        return parts[0] * 60 + parts[1] if len(parts) >= 2 else None
    try:
        return float(value)
    except ValueError:
        return None


def _parse_times(values: pd.Series, timezone: str) -> tuple[pd.Series, int]:
    parsed = []
    bad = 0
    for value in values:
        value = value.strip()
        if not value:
            parsed.append(pd.NaT)
            continue
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, TypeError, OverflowError):
            bad += 1
            parsed.append(pd.NaT)
            continue
        if pd.isna(stamp):
            parsed.append(pd.NaT)
            continue
        try:
            stamp = stamp.tz_localize(timezone, ambiguous="NaT", nonexistent="shift_forward") if stamp.tzinfo is None else stamp.tz_convert(timezone)
        except (ValueError, TypeError):
            bad += 1
            stamp = pd.NaT
        parsed.append(stamp)
    series = pd.Series(pd.to_datetime(pd.Series(parsed, dtype=object), utc=True), index=values.index).dt.tz_convert(timezone)
    return series, bad


def _ids(ids: pd.Series, out: pd.DataFrame, warnings: list[str]) -> list[str]:
    result: list[str] = []
    seen: set[str] = set()
    duplicates = 0
    for given, title, start in zip(ids, out["title"], out["start"]):
        session_id = given or hashlib.sha1(f"{title}|{start}".encode()).hexdigest()[:10]
        if session_id in seen:
            duplicates += 1
            n = 2
            while f"{session_id}-{n}" in seen:
                n += 1
            session_id = f"{session_id}-{n}"
        seen.add(session_id)
        result.append(session_id)
    if duplicates:
        warnings.append(f"{duplicates} duplicate session id(s); made unique by adding -2, -3, …")
    return result
