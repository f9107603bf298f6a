"""The page's search on the real agendas: a query whose cards' sentences were never embedded (the why-line runs the
model over every sentence of the three abstracts) against one whose sentences were (helper.search.explain.SentenceVectors),
and against an index that embedded every sentence at build (``python -m helper build --agenda``: StoredSentences,
float16), in turns, in one process. Also: what storing them costs at build (sentences, seconds with nothing cached,
MB), and whether the stored float16 vectors choose the same sentence as the model's float32 ones on every card.

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
from helper.search.explain import SentenceVectors, StoredSentences  # noqa: E402
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
    print("| agenda | sessions | first time p50 (ms) | sentences known p50 (ms) | stored at build p50 (ms) | first / stored | "
          "sentences stored | build (s) | MB | same sentence |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, relative in AGENDAS.items():
        path = SHARED / relative
        if not path.exists():
            print(f"| {name} | skipped: {path} is absent | | | |")
            continue
        index = SearchIndex.build(load_agenda(path), encoder, settings.cache_dir)
        now = (index.sessions["start"].dropna().min() - timedelta(days=2)).to_pydatetime()  # before it: nothing hidden
        handlers.search(index, QUERIES[0], Choice(), now)  # warm
        began = time.perf_counter()
        stored = StoredSentences.embed(list(index.sessions["abstract"]), encoder.encode)  # nothing cached: the build's cost
        build_s = time.perf_counter() - began
        first, known, from_build, same = [], [], [], []
        for _ in range(args.rounds):
            for query in QUERIES:
                index.explained = SentenceVectors()  # nothing embedded yet
                began = time.perf_counter()
                embedded = handlers.search(index, query, Choice(), now)
                first.append(time.perf_counter() - began)
                began = time.perf_counter()
                handlers.search(index, query, Choice(), now)  # the same cards again: their sentences are known
                known.append(time.perf_counter() - began)
                index.explained = SentenceVectors(stored=stored)  # a prebuilt index: every sentence made at build
                began = time.perf_counter()
                prebuilt = handlers.search(index, query, Choice(), now)
                from_build.append(time.perf_counter() - began)
                same.append(_whys(embedded) == _whys(prebuilt))
        a, b, c = (statistics.median(x) * 1000 for x in (first, known, from_build))
        size = (stored.vectors.nbytes + stored.keys.nbytes) / 1e6
        print(f"| {name} | {len(index.sessions)} | {a:.1f} | {b:.1f} | {c:.1f} | {a / c:.1f}x | {len(stored)} | {build_s:.1f} | {size:.1f} | "
              f"{sum(same)} of {len(same)} searches |", flush=True)


def _whys(result) -> list[str]:
    """Every card's why-line sentence in a search result, in order."""
    return [hit.why.sentence for hit in result.hits]


if __name__ == "__main__":
    main()
