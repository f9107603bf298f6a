"""What every reader's table becomes: clean text, split lists, times in the agenda's zone, unique ids.

The result has the columns of ``helper.agenda.table.FIELDS``, one row per session, sorted by start.
Everything dropped or changed is counted in a warning.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from helper.agenda.formats.base import RawAgenda
from helper.agenda.table import FIELDS
from helper.agenda.text import clean_text, redact_emails
from helper.errors import AgendaError

TEXT_FIELDS = ("title", "abstract", "room", "track")
# longest text kept per field: a pasted 1 MB "abstract" would only slow the page and the model
MAX_FIELD_CHARS = {"title": 500, "abstract": 20_000, "room": 200, "track": 200}
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!]|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_FORMULA = re.compile(r"^\s*[=+@-]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|^\s*=")


def normalise(raw: RawAgenda, timezone: str, name: str) -> pd.DataFrame:
    """The typed session table of ``raw``; its warnings are added to ``raw.warnings``."""
    return _normalise(raw.table, raw.mapping, raw.separators, raw.duration_column, timezone, name, raw.warnings, raw.speaker_groups)



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
    return out[list(FIELDS)]


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
