"""What the hybrid ranking and the why-snippets cost per query, next to dense alone.

Run: HELPER_CACHE_DIR=/tmp/bench-cache python bench/ranking_speed.py [AGENDA] [LABELS]
(defaults: the Mini-Conf paper agenda and its labelled queries). Prints medians in milliseconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helper.agenda import load_agenda  # noqa: E402
from helper.search.encoder import load_encoder  # noqa: E402
from helper.eval import read_labels  # noqa: E402
from helper.search.index import SearchIndex  # noqa: E402
from helper.search.lexical import LexicalIndex  # noqa: E402
from helper.settings import BUNDLED_MODEL  # noqa: E402


def median_ms(fn, items) -> float:
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    agenda_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/data/miniconf_papers.csv"
    labels_path = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "tests/data/labels/miniconf.jsonl"
    cache = Path(os.environ.get("HELPER_CACHE_DIR", "/tmp/bench-cache"))
    agenda = load_agenda(agenda_path)
    queries = [item.query for item in read_labels(labels_path)]
    index = SearchIndex.build(agenda, load_encoder(BUNDLED_MODEL), cache)
    start = time.perf_counter()
    LexicalIndex(agenda.sessions)
    print(f"{agenda_path.name}: {len(agenda)} sessions, {len(queries)} queries")
    print(f"lexical index build: {(time.perf_counter() - start) * 1000:.1f} ms")
    index.search_one(queries[0])  # warm up
    for method in ("dense", "hybrid"):
        index.method = method
        print(f"search, {method:6s}: median {median_ms(lambda q: index.search_one(q, 3), queries):.1f} ms per query")
    index.method = "hybrid"
    print(f"search with the cards' why (closest sentences): median {median_ms(lambda q: index.search_one(q, 3, explain=True), queries):.1f} ms per query")
    hits = {q: index.search_one(q, 3) for q in queries}
    print(f"more like this (3 cards): median {median_ms(lambda q: [index.more_like_this(h.id) for h in hits[q]], queries):.2f} ms per query")


if __name__ == "__main__":
    main()
