"""A language typed into the query ("security talks in English", "Sicherheit auf Deutsch"): kept as words, or read as
the Language filter?

    python bench/language_words.py [--cache-dir /tmp/eval-cache] [PATH-TO-38C3-schedule.xml]

38C3 files 149 of its talks under seven tracks and every talk under its languages (460 German, 329 English, 174
both). Each track's subject, in English and in German words, is typed with five phrases that ask for a language.
Side by side in one run, as the app searched it before ``helper.search.language_words`` (the phrase kept as words)
and now (read as the filter). Printed per phrase: the share of the top 3 held in the language asked for, and P@3
against the track's talks held in it.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXPORT = ROOT.parent / "shared/data/agendas/38c3/schedule-38c3-20251206.xml"

# track -> (its subject in English words, in German words)
SUBJECTS = {
    "Security": ("security", "Sicherheit"),
    "Art & Beauty": ("art", "Kunst"),
    "Ethics, Society & Politics": ("politics and society", "Politik und Gesellschaft"),
    "Hardware & Making": ("hardware and making things", "Hardware und Basteln"),
    "Science": ("science", "Wissenschaft"),
    "Entertainment": ("entertainment", "Unterhaltung"),
    "CCC": ("the Chaos Computer Club", "der Chaos Computer Club"),
}
# (phrase, the language it asks for, whether the subject is typed in German)
PHRASES = [
    ("{} talks in English", "en", False),
    ("English talks about {}", "en", False),
    ("{} auf Deutsch", "de", True),
    ("deutschsprachige Vorträge über {}", "de", True),
    ("{} talks in German", "de", False),
]


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL
    from helper.web.handlers import public_reading

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("export", nargs="?", type=Path, default=EXPORT)
    args = parser.parse_args(argv)
    if not args.export.exists():
        print(f"{args.export} is absent: nothing to measure")
        return 0
    index = SearchIndex.build(load_agenda(args.export), load_encoder(BUNDLED_MODEL), args.cache_dir)
    before = datetime(2024, 12, 1, tzinfo=timezone.utc)
    tracks, languages = index.sessions["track"].to_numpy(), index.sessions["languages"].to_numpy()
    print("| phrase | queries | in the language asked: words → read | P@3 (track and language): words → read |\n|---|---|---|---|")
    total = [0, 0.0, 0.0, 0.0, 0.0]
    for phrase, code, german in PHRASES:
        asked = [(track, phrase.format(words[german])) for track, words in SUBJECTS.items()]
        readings = [public_reading(index, query, before) for _, query in asked]
        as_words = index.search([index.clean_query(query) for _, query in asked], 3)
        as_read = index.search([r.query for r in readings], 3, [r.mask for r in readings], cleaned=True)
        row = [len(asked), 0.0, 0.0, 0.0, 0.0]
        for (track, _), words, read in zip(asked, as_words, as_read):
            for column, hits in ((1, words), (2, read)):
                rows = [index.row_of(h.id) for h in hits]
                row[column] += sum(code in languages[r] for r in rows) / 3
                row[column + 2] += sum(code in languages[r] and tracks[r] == track for r in rows) / 3
        total = [t + r for t, r in zip(total, row)]
        print(_line(phrase.format("…"), row))
    print(_line("**all**", total))
    return 0


def _line(name: str, row: list) -> str:
    n = max(row[0], 1)
    return f"| {name} | {row[0]} | {row[1] / n:.3f} → {row[2] / n:.3f} | {row[3] / n:.3f} → {row[4] / n:.3f} |"


if __name__ == "__main__":
    raise SystemExit(main())
