"""What every reader's table becomes: clean text, split lists, times in the agenda's zone, unique ids.

The result has the columns of ``helper.agenda.table.FIELDS``, one row per session, sorted by start.
Everything dropped or changed is counted in a warning.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pandas as pd

from helper.agenda.copies import copies_note, first_copies
from helper.agenda.formats.base import RawAgenda
from helper.agenda.languages import language_codes
from helper.agenda.people import split_people
from helper.agenda.table import FIELDS
from helper.agenda.text import clean_text, has_markdown, redact_emails
from helper.agenda.times import DateReading, Zone, choose_zone, decide_date_order, in_zone, parse_stamps
from helper.errors import AgendaError

TEXT_FIELDS = ("title", "abstract", "room", "track")
# longest text kept per field: a pasted 1 MB "abstract" would only slow the page and the model
MAX_FIELD_CHARS = {"title": 500, "abstract": 20_000, "room": 200, "track": 200}
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!]|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_FORMULA = re.compile(r"^\s*[=+@-]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|^\s*=")


@dataclass
class Normalised:
    sessions: pd.DataFrame
    zone: Zone  # the zone every time is shown in, and why that one
    dates: DateReading  # how dates such as 05/06/2026 were read
    day_begins: int = 0  # minutes after midnight the agenda's days begin (``_day_begins``)


def normalise(raw: RawAgenda, name: str, timezone: str = "", date_order: str = "") -> Normalised:
    """The typed session table of ``raw``; its warnings are added to ``raw.warnings``. ``timezone`` and
    ``date_order`` are the settings ("" when not given)."""
    table, out = _texts(raw, name)
    zone, dates = _times(table, raw, out, timezone, date_order)
    day_begins = _day_begins(_column(table, raw.mapping, "day"), out["start"])
    out["id"] = _ids(_column(table, raw.mapping, "id").map(clean_text), out, raw.warnings)
    out = out.sort_values("start", kind="stable", na_position="last").reset_index(drop=True)
    if note := copies_note(first_copies(out)):
        raw.warnings.append(note)
    return Normalised(out[list(FIELDS)], zone, dates, day_begins)


def _day_begins(filed: pd.Series, starts: pd.Series) -> int:
    """When the export's days begin, in minutes after midnight: 0, unless it files talks that start after midnight
    under the day before (frab and pretalx schedules of congresses that run into the night: 38C3 files a 00:15 talk
    under the 27th). Then the hour after the latest of those starts, if every talk filed under its own date starts
    later than that; else 0 (the filing says nothing consistent)."""
    day = pd.to_datetime(filed, errors="coerce", format="%Y-%m-%d")
    timed = starts.notna() & day.notna()
    if not timed.any():
        return 0
    wall = starts[timed].dt.tz_localize(None) if starts.dt.tz is not None else starts[timed]
    days_after = (wall.dt.normalize() - day[timed]).dt.days
    minutes = wall.dt.hour * 60 + wall.dt.minute
    after_midnight, same_day = minutes[days_after == 1], minutes[days_after == 0]
    if after_midnight.empty:
        return 0
    begins = (int(after_midnight.max()) // 60 + 1) * 60
    return begins if begins < 12 * 60 and (same_day.empty or begins <= int(same_day.min())) else 0


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


def _texts(raw: RawAgenda, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows that have a title, and their clean text and list fields."""
    table, mapping, separators, warnings, speaker_groups = raw.table, raw.mapping, raw.separators, raw.warnings, raw.speaker_groups
    rows_in = len(table)
    blank = table.apply(lambda r: not "".join(r.astype(str)).strip(), axis=1) if rows_in else pd.Series([], dtype=bool)
    table = table[~blank]
    if int(blank.sum()):
        warnings.append(f"skipped {int(blank.sum())} blank row(s)")

    out = pd.DataFrame(index=table.index)
    redacted = 0
    _count_suspect_cells(table, mapping, warnings)
    for field_name in TEXT_FIELDS:
        column = _column(table, mapping, field_name)
        markdown = field_name == "abstract"  # pretalx, frab and many CSV exports write abstracts in Markdown
        cleaned = column.map(lambda v: clean_text(v, markdown=markdown))
        if markdown and (marked := sum(map(has_markdown, column))):
            warnings.append(f"read Markdown in {marked} abstract(s) as plain text (a link keeps its address in brackets)")
        cleaned = _cap(cleaned, field_name, warnings)
        if field_name in ("title", "abstract"):
            pairs = cleaned.map(redact_emails)
            cleaned = pairs.map(lambda p: p[0])
            redacted += int(pairs.map(lambda p: p[1]).sum()) if len(pairs) else 0
        out[field_name] = cleaned

    # an author list in one field ("Ana Ruiz (UPF)*; Tom Baker (Durham University)") becomes one entry a person
    out["speakers"] = _column(table, mapping, "speakers").map(lambda v: tuple(dict.fromkeys(p for e in _split(v, separators.get("speakers", ",;|")) for p in split_people(e))))
    out["organizations"] = _column(table, mapping, "organizations").map(lambda v: _split(v, separators.get("organizations", ";|")))
    out["tags"] = _column(table, mapping, "tags").map(lambda v: _split(v, separators.get("tags", ",;|")))
    out["languages"] = _column(table, mapping, "languages").map(language_codes)
    if speaker_groups:
        people, orgs = _speakers_from_groups(table, speaker_groups)
        out["speakers"] = [tuple(dict.fromkeys(a + b)) for a, b in zip(out["speakers"], people)]
        out["organizations"] = [tuple(dict.fromkeys(a + b)) for a, b in zip(out["organizations"], orgs)]
    organizations = [[redact_emails(o) for o in orgs] for orgs in out["organizations"]]  # shown on the cards
    out["organizations"] = [tuple(o for o, n in orgs if not n) for orgs in organizations]
    if dropped := sum(bool(n) for orgs in organizations for _, n in orgs):
        warnings.append(f"left out {dropped} organisation cell(s) holding an e-mail address: contact details are never shown")
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
    return table, out


def _times(table: pd.DataFrame, raw: RawAgenda, out: pd.DataFrame, timezone: str, date_order: str) -> tuple[Zone, DateReading]:
    """Fill ``out``'s start and end: one date reading for the file, one zone (helper.agenda.times)."""
    mapping, duration_column, warnings = raw.mapping, raw.duration_column, raw.warnings
    start, end = _column(table, mapping, "start"), _column(table, mapping, "end")
    dates, date_warning = decide_date_order([*start, *end], date_order)
    starts, bad_start = parse_stamps(start, dates)
    ends, bad_end = parse_stamps(end, dates)
    zone, zone_warning = choose_zone(timezone, raw.timezone, [*starts, *ends])
    warnings.extend(w for w in (date_warning, zone_warning) if w)
    out["start"], shifted_start = in_zone(starts, zone, table.index)
    out["end"], shifted_end = in_zone(ends, zone, table.index)
    if shifted_start + shifted_end:
        warnings.append(f"{shifted_start + shifted_end} local time(s) fall in a daylight-saving change of {zone.name}: an hour that happens twice was read as its first, a skipped one moved forward")
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
    return zone, dates


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
