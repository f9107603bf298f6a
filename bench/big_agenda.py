"""A large agenda of real abstracts: the real exports in ../shared/data/agendas, repeated to N sessions.

    python bench/big_agenda.py [--sessions 10000] [--out /tmp/helper-big/agenda-10000.csv]

Reads every export there (Mini-Conf papers.csv folders, foss4g2022/schedule.json, the 38C3 XML) with the
app's own loader, then writes a Sessionize-style CSV (one row per session) that repeats them until it has N
rows. Copy k > 0 of a session gets " (k)" after its title, so every embedded text is different (the
embedding cache would otherwise embed each abstract once) while the abstracts keep their real lengths. Copies
are spread over consecutive days in the same rooms. The file is generated, never committed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AGENDAS = ROOT.parent / "shared" / "data" / "agendas"
HEADER = ["Session Id", "Title", "Description", "Speakers", "Track", "Room", "Scheduled At", "Scheduled Duration"]


def real_sessions(folder: Path = AGENDAS) -> pd.DataFrame:
    """Every session of every real export in ``folder``, in one table (the app's normalised columns)."""
    from helper.agenda import load_agenda

    sources = sorted(p for p in folder.iterdir() if p.is_dir())
    frames = []
    for source in sources:
        files = list(source.glob("*.xml")) + list(source.glob("schedule.json"))
        agenda = load_agenda(files[0] if files else source)
        frames.append(agenda.sessions.assign(source=source.name))
    return pd.concat(frames, ignore_index=True)


def write_big_agenda(out: Path, count: int, folder: Path = AGENDAS) -> Path:
    table = real_sessions(folder)
    base = pd.Timestamp("2027-03-01 09:00")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(count):
            copy, row = divmod(n, len(table))
            s = table.iloc[row]
            title = s["title"] if copy == 0 else f"{s['title']} ({copy})"
            # 12 half-hour slots a day, 40 parallel rooms: about 20 days for 10,000 sessions
            day, slot = divmod(n // 40, 12)
            start = base + pd.Timedelta(days=day, minutes=30 * slot)
            writer.writerow([
                f"s{n}", title, s["abstract"], ", ".join(s["speakers"]), s["track"] or s["source"],
                s["room"] or f"Room {n % 40 + 1}", start.strftime("%d %b %Y %I:%M %p"), 25,
            ])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or Path("/tmp/helper-big") / f"agenda-{args.sessions}.csv"
    write_big_agenda(out, args.sessions)
    print(out)


if __name__ == "__main__":
    main()
