"""A level typed into the query ("healthcare for beginners", "intro to PostGIS", "Löten für Anfänger"): what it costs
the topic, and how often the top 3 holds sessions of that level.

    python bench/levels.py [--cache-dir /tmp/eval-cache] [--phrase "{query} for beginners" ...]

Every labelled topic and keyword query of each labelled agenda (helper.eval's sets; the Mini-Conf sites read whole),
typed inside each phrase, side by side in one run: the query alone; the level read as the app reads it
(``helper.search.levels``: the model reads the topic, the lexical rules the level as one more word that the sessions
of that level hold); and the level read away entirely (no such word). Printed per agenda and pooled: P@3 against the
labels (they grade the topic) / the share of the top 3 that is graded relevant *and* of the level asked for. The
words kept as typed, as before, are what ``bench/phrased_queries.py --phrase …`` prints from an older checkout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHRASES = ("{query} for beginners", "introduction to {query}", "{query} für Anfänger", "{query} for experts")


def main(argv: list[str] | None = None) -> int:
    from unittest import mock

    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, normalise_title, pair_name, query_metrics, read_labels
    from helper.search import lexical
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.levels import asked_levels, level_term
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--phrase", action="append", help=f"a phrase holding {{query}} (default: {'; '.join(PHRASES)})")
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    indexes = {}
    for phrase in args.phrase or PHRASES:
        asked = asked_levels(phrase.replace("{query}", "x"))[0][2]
        print(f"\n### {phrase}\n\nP@3 against the labels / share of the top 3 relevant and of the level asked for\n")
        print("| agenda | queries | sessions of the level | alone | as read | read away |")
        print("|---|---|---|---|---|---|")
        pooled, count = [[0.0, 0.0] for _ in range(3)], 0
        for pair in DEFAULT_PAIRS:
            path = pair[0].parent if pair[0].name == "papers.csv" else pair[0]
            labels = [item for item in read_labels(pair[1]) if item.kind in ("topic", "keyword")] if pair[1].exists() else []
            if not path.exists() or not labels:
                continue
            if path not in indexes:
                indexes[path] = SearchIndex.build(load_agenda(path), encoder, args.cache_dir)
            index = indexes[path]
            titles = [normalise_title(t) for t in index.sessions["title"]]
            words = index.words()
            level = {int(r) for r in words._sessions_holding(level_term(asked), words._declared)}

            def measured(queries: list[str]) -> tuple[float, float]:
                rows = [[index.row_of(h.id) for h in hits] for hits in index.search(queries, 3)]
                precision = sum(query_metrics([titles[r] for r in rs], item.relevant)["P@3"] for rs, item in zip(rows, labels))
                both = sum(sum(r in level and item.relevant.get(titles[r], 0) > 0 for r in rs) / 3 for rs, item in zip(rows, labels))
                return precision, both

            typed = [phrase.replace("{query}", item.query) for item in labels]
            row = [measured([item.query for item in labels]), measured(typed)]
            with mock.patch.object(lexical, "level_term", lambda name: "@nobody"):
                row.append(measured(typed))
            pooled = [[a + b for a, b in zip(p, r)] for p, r in zip(pooled, row)]
            count += len(labels)
            cells = " | ".join(f"{p / len(labels):.3f} / {s / len(labels):.3f}" for p, s in row)
            print(f"| {pair_name(pair)} | {len(labels)} | {len(level)} | {cells} |")
        print(f"| **all** | {count} | | " + " | ".join(f"{p / max(count, 1):.3f} / {s / max(count, 1):.3f}" for p, s in pooled) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
