"""Where one search's time goes, part by part, in process; two checkouts side by side.

    python bench/search_parts.py AGENDA CACHE_DIR [--code DIR] [--rounds 30]
    python bench/search_parts.py --compare OLD_DIR OLD_CACHE NEW_DIR NEW_CACHE AGENDA [--times 3]

One process per checkout (``--code``: whose ``helper`` is imported), its prebuilt index loaded from CACHE_DIR (build
it with that checkout's ``python -m helper build --agenda AGENDA --cache-dir CACHE_DIR``), numpy on one BLAS thread
as a server runs it. For each of the 8 benchmark queries, alone: the model run, the dense cosines, each lexical
signal, the fusion, the top-k cut, the whole ``search_one``, and what ``/search`` runs (``handlers.api_search``);
the medians in milliseconds. ``--compare`` runs the two checkouts in turns, ``--times`` each, and prints the
medians of the runs side by side, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(agenda: Path, cache: Path, rounds: int) -> dict[str, float]:
    import numpy as np

    from helper.ops import service
    from helper.ops.serve import one_blas_thread
    from helper.search.index import _top_k
    from helper.search.lexical import query_terms
    from helper.search.ranking import combine, signals
    from helper.settings import load_settings
    from helper.web import handlers

    sys.path.insert(0, str(ROOT))
    from bench.speed import QUERIES

    index = service.build_index(load_settings({"agenda": agenda, "cache_dir": cache}, env={}))
    one_blas_thread()
    lexical = index.lexical
    now = index.sessions["start"].min().to_pydatetime().replace(year=1990)  # before the conference: no nudge

    def bm25(terms):  # one batch product (this branch) or one bm25s call per query (before it)
        return lexical.bm25_scores([terms]) if hasattr(lexical, "bm25_scores") else lexical.bm25(terms)

    parts: dict[str, list[float]] = {}

    def timed(name: str, fn) -> None:
        fn()
        for _ in range(rounds):
            began = time.perf_counter()
            fn()
            parts.setdefault(name, []).append((time.perf_counter() - began) * 1000)

    for query in QUERIES:
        vector = index.encoder.encode([query])
        dense = vector @ index.embeddings.T
        terms = [query_terms(query)]
        found = signals(lexical, dense, [query])
        scores = combine(found, "hybrid")
        timed("model run (1 query)", lambda: index.encoder.encode([query]))
        timed("dense cosines", lambda: vector @ index.embeddings.T)
        timed("BM25", lambda: bm25(terms[0]))
        timed("rare-word coverage", lambda: lexical.rare_coverages(terms))
        timed("tag coverage", lambda: lexical.tag_coverages(terms))
        timed("names", lambda: lexical.name_matches([query]))
        timed("all lexical signals", lambda: signals(lexical, dense, [query]))
        timed("fusion", lambda: combine(found, "hybrid"))
        timed("top 3", lambda: _top_k(scores[0], 3, None))
        timed("search_one", lambda: index.search_one(query, 3))
        timed("/search handler (api_search)", lambda: handlers.api_search(index, query, 3, now))
    return {name: statistics.median(values) for name, values in parts.items()} | {"sessions": len(index.agenda)}


def run(code: Path, agenda: Path, cache: Path, rounds: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, str(agenda), str(cache), "--code", str(code), "--rounds", str(rounds), "--json"],
                          cwd=code, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("args", nargs="+", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--times", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.compare:
        old_code, old_cache, new_code, new_cache, agenda = args.args
        runs: dict[str, list[dict]] = {"old": [], "new": []}
        for _ in range(args.times):
            runs["old"].append(run(old_code, agenda, old_cache, args.rounds))
            runs["new"].append(run(new_code, agenda, new_cache, args.rounds))
        print(f"{agenda.name}, {runs['new'][0]['sessions']:.0f} sessions, {args.times} runs each in turns, medians (ms)\n")
        print("| part | old | new | new / old |\n|---|---:|---:|---:|")
        for name in runs["old"][0]:
            if name == "sessions":
                continue
            old, new = (statistics.median(r[name] for r in runs[k]) for k in ("old", "new"))
            print(f"| {name} | {old:.2f} | {new:.2f} | {new / old:.2f}x |")
        return
    sys.path.insert(0, str(args.code.resolve()))
    agenda, cache = args.args
    figures = measure(agenda, cache, args.rounds)
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name:32} {value:8.3f}")


if __name__ == "__main__":
    main()
