"""What reading a query's words alone (``WORD_NEAR``, helper.search.ranking.word_nearness) costs per query, with the real
model: ``SearchIndex.signals`` for one query at a time with the rule off and on, alternating, side by side in one run.

    python bench/word_near_cost.py --cache-dir /tmp/eval-cache [--agenda PATH ...]

The queries are every title of the agenda typed as a query (known-item queries: each lifts the session that holds its
words, the case where the words are read) and the labelled queries of the agenda when it has them. "cold": each query's
words never read before (the index's word cache emptied each time); "warm": read before, as when attendees type the
same words again. Each query is run once first, so what the index keeps of the query itself is warm for all three.
Also counts how many queries read words at all.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, read_labels
    from helper.search import ranking
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--agenda", type=Path, action="append", help="default: ISMIR 2023, FOSS4G 2022 and 38C3 from ../shared")
    parser.add_argument("--queries", type=int, default=150, help="at most this many queries an agenda")
    args = parser.parse_args(argv)
    pairs = {path: labels for path, labels in DEFAULT_PAIRS}
    agendas = args.agenda or [p for p in pairs if p.parent.name in ("ismir2023", "foss4g2022", "38c3") and p.exists()]
    encoder = load_encoder(BUNDLED_MODEL, args.cache_dir)  # the ONNX path the app serves, when the export is cached there
    print(f"Encoder: {type(encoder).__name__}\n")
    kept = ranking.WORD_NEAR
    print("| agenda | queries | reading words | off ms | on, cold ms | on, warm ms | cold / off | warm / off |\n|---|---|---|---|---|---|---|---|")
    for path in agendas:
        index = SearchIndex.build(load_agenda(path), encoder, args.cache_dir)
        queries = list(dict.fromkeys(index.clean_query(t) for t in index.sessions["title"]))
        if path in pairs and pairs[path].exists():
            queries += [index.clean_query(item.query) for item in read_labels(pairs[path])]
        queries = queries[:: max(1, len(queries) // args.queries)][: args.queries]
        index.signals(queries[:4])  # warm the model and the lazy parts of the index
        off, cold, warm, reading = [], [], [], 0
        for query in queries:  # alternating, so a busy machine slows each alike
            index.signals([query])  # the query's own caches (its reading, its vector) warm for all three
            ranking.WORD_NEAR = 0.0
            began = time.perf_counter()
            index.signals([query])
            off.append(time.perf_counter() - began)
            ranking.WORD_NEAR = kept
            index._words_read.clear()
            began = time.perf_counter()
            found, _ = index.signals([query])
            cold.append(time.perf_counter() - began)
            began = time.perf_counter()
            index.signals([query])
            warm.append(time.perf_counter() - began)
            reading += bool(index._words_read)
        m = {name: 1000 * statistics.median(v) for name, v in (("off", off), ("cold", cold), ("warm", warm))}
        print(f"| {path.parent.name}/{path.name} | {len(queries)} | {reading} | {m['off']:.2f} | {m['cold']:.2f} | {m['warm']:.2f} | "
              f"{m['cold'] / m['off']:.2f} | {m['warm'] / m['off']:.2f} |")
    ranking.WORD_NEAR = kept
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
