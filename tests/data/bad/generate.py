"""Writes the small files of the bad-agenda corpus (run once; the output is committed).

The two big cases (a 1 MB abstract, a 50 MB file) are made at test time by tests/test_bad_agendas.py.
Usage: python tests/data/bad/generate.py
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "id,title,abstract,speakers,room,track,start,end"
ROWS = [
    "s1,Deploying Models with FastAPI,Serving scikit-learn models behind an HTTP endpoint.,Ana Kowalski,Hall B,MLOps,2026-05-12 10:00,2026-05-12 10:45",
    "s2,SQL Window Functions,Running totals and rankings without self-joins.,Ben Ode,Room 1,Analytics,2026-05-12 11:00,2026-05-12 11:45",
    "s3,Causal Inference for Product Teams,Experiments and what to do when you cannot run one.,Chloé Martin,Room 2,Statistics,2026-05-12 13:00,2026-05-12 13:45",
]
XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def csv_text(rows: list[str], header: str = HEADER, newline: str = "\n") -> str:
    return newline.join([header, *rows]) + newline


def files() -> dict[str, bytes]:
    base = csv_text(ROWS)
    out: dict[str, bytes] = {
        "empty.csv": b"",
        "whitespace_only.csv": b"  \n\n \t\n",
        "header_only.csv": (HEADER + "\n").encode(),
        "binary_garbage.csv": bytes(range(256)) * 8,
        "xlsx_renamed.csv": _xlsx_like(),
        "utf16.csv": base.encode("utf-16"),
        "cp1252_accents.csv": csv_text([*ROWS[:2], "s3,Café analytics à la française,Données et société.,Chloé Müller,Salle Ö,Stats,2026-05-12 13:00,2026-05-12 13:45"]).encode("cp1252"),
        "utf8_bom.csv": ("\ufeff" + base).encode("utf-8"),
        "mojibake.csv": csv_text([*ROWS[:2], "s3,CafÃ© analytics,DonnÃ©es et sociÃ©tÃ©.,ChloÃ© Martin,Room 2,Stats,2026-05-12 13:00,2026-05-12 13:45"]).encode(),
        "semicolon.csv": csv_text([r.replace(",", ";") for r in ROWS], HEADER.replace(",", ";")).encode(),
        "tab_separated.csv": csv_text([r.replace(",", "\t") for r in ROWS], HEADER.replace(",", "\t")).encode(),
        "crlf.csv": csv_text(ROWS, newline="\r\n").encode(),
        "excel_trailing_columns.csv": csv_text([r + ",,,," for r in ROWS], HEADER + ",,,,").encode(),
        "missing_title.csv": csv_text([",".join(r.split(",")[i] for i in (0, 2, 3)) for r in ROWS], "id,abstract,speakers").encode(),
        "renamed_columns.csv": csv_text(ROWS, "Session ID,Session Title,Summary,Presenters,Location,Category,Begin,Finish").encode(),
        "unknown_columns.csv": csv_text(ROWS, "Ref,Talk,Blurb,Who,Where,Kind,From,To").encode(),
        "duplicate_ids.csv": csv_text([ROWS[0], ROWS[1].replace("s2,", "s1,", 1), ROWS[2].replace("s3,", "s1,", 1)]).encode(),
        "duplicate_columns.csv": csv_text([r + ",extra" for r in ROWS], HEADER + ",title").encode(),
        "blank_rows.csv": csv_text([ROWS[0], ",,,,,,,", "", ROWS[1], ",,,,,,,", ROWS[2]]).encode(),
        "untitled_rows.csv": csv_text([*ROWS, "s4,,An abstract without a title.,,,,,", "s5,  ,Another.,,,,,"]).encode(),
        "no_titles_at_all.csv": csv_text(["s1,,Only abstracts here.,,,,,", "s2,,And here.,,,,,"]).encode(),
        "empty_abstracts.csv": csv_text([",".join(p if i != 2 else "" for i, p in enumerate(r.split(","))) for r in ROWS]).encode(),
        "unparseable_dates.csv": csv_text([ROWS[0], ROWS[1].replace("2026-05-12 11:00", "next Tuesday-ish"), ROWS[2].replace("2026-05-12 13:45", "13h45 (TBC)")]).encode(),
        "end_before_start.csv": csv_text([ROWS[0], ROWS[1].replace("2026-05-12 11:45", "2026-05-12 09:15"), ROWS[2]]).encode(),
        "mixed_timezones.csv": csv_text([
            ROWS[0].replace("2026-05-12 10:00,2026-05-12 10:45", "2026-05-12T10:00+02:00,2026-05-12T10:45+02:00"),
            ROWS[1].replace("2026-05-12 11:00,2026-05-12 11:45", "2026-05-12T09:00Z,2026-05-12T09:45Z"),
            ROWS[2],
        ]).encode(),
        "html_and_script.csv": _html_everywhere(),
        "spreadsheet_formulas.csv": csv_text([
            ROWS[0],
            's2,"=HYPERLINK(""http://evil.example/x"",""Click me"")","=cmd|\' /C calc\'!A0",+SUM(1;2),@Room,-2+3,2026-05-12 11:00,2026-05-12 11:45',
            ROWS[2],
        ]).encode(),
        "control_characters.csv": csv_text([ROWS[0], "s2,Tabs\x07and\x1bbells\u202e here,Zero\u200bwidth\x00 text.,Ben,Room 1,Analytics,2026-05-12 11:00,2026-05-12 11:45"]).encode(),
        "ragged_rows.csv": csv_text([ROWS[0], ROWS[1] + ",surplus,fields", ROWS[2]]).encode(),
        "unclosed_quote.csv": csv_text([ROWS[0], 's2,"An unclosed title,abstract,Ben,Room 1,Analytics,2026-05-12 11:00,2026-05-12 11:45', ROWS[2]]).encode(),
        "sched_inactive.csv": (
            "event_key,name,event_start,event_end,venue,description,active\n"
            "k1,Opening,2026-05-12 09:00,2026-05-12 09:30,Main,Welcome.,Y\n"
            "k2,Withdrawn talk,2026-05-12 10:00,2026-05-12 10:30,Main,Cancelled.,N\n"
        ).encode(),
        "nas_with_contacts.csv": _nas_with_contacts(),
        "not_json.json": b'{"schedule": {"conference": ',
        "json_without_schedule.json": b'{"talks": []}',
        "json_empty_schedule.json": b'{"schedule": {"conference": {"days": []}}}',
    }
    return out


def _xlsx_like() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>" * 50)
    return buffer.getvalue()


def _html_everywhere() -> bytes:
    quoted = '"' + XSS.replace('"', '""') + '"'
    row = ",".join([
        quoted,
        '"<b>Bold</b> title ' + XSS + ' <a href=""javascript:alert(3)"">link</a>"',
        '"&lt;script&gt;alert(4)&lt;/script&gt; ![x](javascript:alert(5)) [y](javascript:alert(6)) ${alert(7)} {{constructor.constructor(\'alert(8)\')()}} ' + XSS + '"',
        quoted, quoted, quoted, "2026-05-12 10:00", "2026-05-12 10:45",
    ])
    return csv_text([row, *ROWS[1:]]).encode()


def _nas_with_contacts() -> bytes:
    header = "Unique ID,Name,Description,Activity Code,Track,Tags (comma-separated),Start Time,End Time,Location Name,Phone,Speaker 1 First Name,Speaker 1 Last Name,Speaker 1 Organization Name,Speaker 1 Email,Speaker 1 Mobile"
    rows = [
        "u1,Opening Keynote,Write to keynote.office@example.org for slides.,KEY,Keynote,keynote,2026-05-12 09:00,2026-05-12 09:45,Main Hall,+1 202 555 0101,José,Núñez,Universidad de Sevilla,jose.nunez@example.org,+34 600 123 456",
        "u2,Deploying Models,Serving models.,MLO,MLOps,python,2026-05-12 10:00,2026-05-12 10:45,Hall B,+1 202 555 0102,Ana,Kowalski,Nordlys,ana.kowalski@example.org,+48 601 222 333",
    ]
    return csv_text(rows, header).encode()


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files())} files to {HERE}")
