"""A time typed into a labelled query ("… this afternoon", "… on Thursday morning"): kept as words, or read as filters?

    python bench/time_words.py [--cache-dir /tmp/eval-cache] [--phrase "between 2 and 4pm" ...] [--clock 12:00]

Every labelled topic and keyword query of each timed agenda (the sample, NAS 2021, the Mini-Conf sites read whole with
their calendars, FOSS4G; 38C3 has no topic labels) is typed with each phrase below, the clock set to 08:00 on the
agenda's second day (so "this" and "tonight" mean that day; ``--clock`` sets another hour). A phrase holding
"{query}" is typed around the query ("next talk on {query}"), any other after it. Side by side in one run:

* as words: the app before ``helper.search.when_words`` read parts of the day, the phrase searched with the rest;
* read: the app now (``handlers.public_reading``: the words out of the query, the day and hours as the mask).

Scored twice. "In time": P@3 and nDCG@3 against the labelled sessions that fall in the time the phrase names (pairs
with none there are skipped), what the attendee asked for. "Topic": P@3 against every labelled session, whatever its
time, of the query typed with the phrase against the query typed alone: what the words alone do to the ranking.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHRASES = ("this morning", "this afternoon", "tonight", "in the morning", "in the afternoon", "{weekday} afternoon", "after 2pm")
KINDS = ("topic", "keyword")


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, normalise_title, pair_name, query_metrics, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL
    from helper.web.handlers import public_reading

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--phrase", action="append", help=f"a phrase instead of the default ones ({'; '.join(PHRASES)})")
    parser.add_argument("--clock", type=time.fromisoformat, default=time(8, 0), help="the hour on the second day (default 08:00)")
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    print("| agenda | pairs (read) | in time P@3 words → read | in time nDCG@3 words → read | topic P@3 alone → with the words |")
    print("|---|---|---|---|---|")
    pooled = {"n": 0, "read": 0, "p_words": 0.0, "p_read": 0.0, "n_words": 0.0, "n_read": 0.0, "alone": 0.0, "with": 0.0, "topic_n": 0}
    for pair in DEFAULT_PAIRS:
        path = pair[0].parent if pair[0].name == "papers.csv" else pair[0]  # a Mini-Conf site read whole: with its calendar
        if not path.exists():
            continue
        index = SearchIndex.build(load_agenda(path), encoder, args.cache_dir)
        days = sorted(index.sessions["start"].dropna().dt.date.unique())
        if len(days) < 2 or not labels_of_kinds(read_labels(pair[1])):
            continue
        now = datetime.combine(days[1], args.clock, tzinfo=index.agenda.tz)
        phrases = [p.replace("{weekday}", f"{days[1]:%A}") for p in args.phrase or PHRASES]
        labels = labels_of_kinds(read_labels(pair[1]))
        titles = [normalise_title(t) for t in index.sessions["title"]]
        typed, plain, readings, relevant = [], [], [], []
        for item in labels:
            for phrase in phrases:
                query = phrase.replace("{query}", item.query) if "{query}" in phrase else f"{item.query} {phrase}"
                reading = public_reading(index, query, now)
                inside = {titles[row] for row in (range(len(titles)) if reading.mask is None else reading.mask.nonzero()[0])}
                typed.append(index.clean_query(query))
                plain.append(index.clean_query(item.query))
                readings.append(reading)
                relevant.append((item.relevant, {t: g for t, g in item.relevant.items() if t in inside}))
        as_words = index.search(typed, 3, cleaned=True)
        as_read = index.search([r.query for r in readings], 3, [r.mask for r in readings], cleaned=True)
        alone = index.search(plain, 3, cleaned=True)
        row = {key: 0.0 for key in pooled}
        for reading, (every, in_time), words, read, by_itself in zip(readings, relevant, as_words, as_read, alone):
            row["topic_n"] += 1
            row["alone"] += query_metrics([titles[index.row_of(h.id)] for h in by_itself], every)["P@3"]
            row["with"] += query_metrics([titles[index.row_of(h.id)] for h in words], every)["P@3"]
            if not in_time:
                continue
            row["n"] += 1
            row["read"] += bool(reading.note)
            before = query_metrics([titles[index.row_of(h.id)] for h in words], in_time)
            after = query_metrics([titles[index.row_of(h.id)] for h in read], in_time)
            row["p_words"] += before["P@3"]
            row["n_words"] += before["nDCG@3"]
            row["p_read"] += after["P@3"]
            row["n_read"] += after["nDCG@3"]
        for key in pooled:
            pooled[key] += row[key]
        print(_line(pair_name(pair), row))
    print(_line("**all**", pooled))
    return 0


def labels_of_kinds(labels: list) -> list:
    return [item for item in labels if item.kind in KINDS]


def _line(name: str, row: dict) -> str:
    n, t = max(row["n"], 1), max(row["topic_n"], 1)
    return (f"| {name} | {row['n']:.0f} ({row['read'] / n:.0%}) | {row['p_words'] / n:.3f} → {row['p_read'] / n:.3f} | "
            f"{row['n_words'] / n:.3f} → {row['n_read'] / n:.3f} | {row['alone'] / t:.3f} → {row['with'] / t:.3f} |")


if __name__ == "__main__":
    raise SystemExit(main())
