"""The page's search on the real agendas: a query whose cards' sentences were never embedded (the why-line runs the
model over every sentence of the three abstracts) against one whose sentences were (helper.search.explain.SentenceVectors),
in turns, in one process.

    python bench/explain_speed.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helper.agenda import load_agenda  # noqa: E402
from helper.search.encoder import load_encoder  # noqa: E402
from helper.search.explain import SentenceVectors  # noqa: E402
from helper.search.filters import Choice  # noqa: E402
from helper.search.index import SearchIndex  # noqa: E402
from helper.settings import Settings  # noqa: E402
from helper.web import handlers  # noqa: E402
from bench.plan_speed import AGENDAS, QUERIES, SHARED  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    encoder = load_encoder(settings.model, settings.cache_dir)
    print("| agenda | sessions | first time p50 (ms) | sentences known p50 (ms) | ratio |\n|---|---:|---:|---:|---:|")
    for name, relative in AGENDAS.items():
        path = SHARED / relative
        if not path.exists():
            print(f"| {name} | skipped: {path} is absent | | | |")
            continue
        index = SearchIndex.build(load_agenda(path), encoder, settings.cache_dir)
        now = (index.sessions["start"].dropna().min() - timedelta(days=2)).to_pydatetime()  # before it: nothing hidden
        handlers.search(index, QUERIES[0], Choice(), now)  # warm
        first, known = [], []
        for _ in range(args.rounds):
            for query in QUERIES:
                index.explained = SentenceVectors()  # nothing embedded yet
                began = time.perf_counter()
                handlers.search(index, query, Choice(), now)
                first.append(time.perf_counter() - began)
                began = time.perf_counter()
                handlers.search(index, query, Choice(), now)  # the same cards again: their sentences are known
                known.append(time.perf_counter() - began)
        a, b = statistics.median(first) * 1000, statistics.median(known) * 1000
        print(f"| {name} | {len(index.sessions)} | {a:.1f} | {b:.1f} | {a / b:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
