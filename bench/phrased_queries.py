"""Labelled queries typed inside a phrase ("papers on {query}", "{query} papers"): how much P@3 does the phrase cost?

    python bench/phrased_queries.py [--cache-dir /tmp/eval-cache] [--phrase "research on {query}" ...]

Every labelled topic and keyword query of each labelled agenda (helper.eval's sets; the Mini-Conf sites read whole),
ranked by the app's hybrid alone and typed inside each phrase. Printed: P@3 per agenda and pooled, the query alone
first. The labels grade topics, so a phrase that only says what every session is ("talks on …") should cost nothing.
To compare with older code, run it from a checkout of that commit (docs/quality.md, "Papers on …").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHRASES = ("papers on {query}", "{query} papers", "research on {query}", "work on {query}", "talks on {query}")


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, normalise_title, pair_name, query_metrics, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--phrase", action="append", help=f"a phrase holding {{query}} instead of the default ones ({'; '.join(PHRASES)})")
    args = parser.parse_args(argv)
    phrases = args.phrase or PHRASES
    encoder = load_encoder(BUNDLED_MODEL)
    print("| agenda | queries | alone | " + " | ".join(phrases) + " |")
    print("|---|---|---|" + "---|" * len(phrases))
    pooled, count = [0.0] * (len(phrases) + 1), 0
    for pair in DEFAULT_PAIRS:
        path = pair[0].parent if pair[0].name == "papers.csv" else pair[0]
        labels = [item for item in read_labels(pair[1]) if item.kind in ("topic", "keyword")] if pair[1].exists() else []
        if not path.exists() or not labels:
            continue
        index = SearchIndex.build(load_agenda(path), encoder, args.cache_dir)
        titles = [normalise_title(t) for t in index.sessions["title"]]

        def precision(queries: list[str]) -> float:
            found = index.search(queries, 3)
            return sum(query_metrics([titles[index.row_of(h.id)] for h in hits], item.relevant)["P@3"] for hits, item in zip(found, labels))

        row = [precision([item.query for item in labels])] + [precision([p.replace("{query}", item.query) for item in labels]) for p in phrases]
        pooled = [a + b for a, b in zip(pooled, row)]
        count += len(labels)
        print(f"| {pair_name(pair)} | {len(labels)} | " + " | ".join(f"{x / len(labels):.3f}" for x in row) + " |")
    print(f"| **all** | {count} | " + " | ".join(f"{x / max(count, 1):.3f}" for x in pooled) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
