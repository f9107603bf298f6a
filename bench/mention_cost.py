"""What the abstract-mention rule (``MENTION_NEAR``) costs: the rare-word coverage of a query with it off (one sparse
product) and on (two: the held words and the title/tag words), side by side in one run, at 10,000 sessions.

    python bench/big_agenda.py --sessions 10000 --out /tmp/helper-big/agenda-10000.csv
    python bench/mention_cost.py [/tmp/helper-big/agenda-10000.csv]

No model: the cosines the rule reads are drawn at random (their values do not change the work).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    from bench.speed import QUERIES
    from helper.agenda import load_agenda
    from helper.search.lexical import LexicalIndex, query_terms
    from helper.search.ranking import mention_nearness

    args = sys.argv[1:] if argv is None else argv
    sessions = load_agenda(Path(args[0] if args else "/tmp/helper-big/agenda-10000.csv")).sessions
    lexical = LexicalIndex(sessions)
    near = mention_nearness(np.random.default_rng(0).uniform(-0.1, 0.6, size=(1, len(sessions))).astype(np.float32))
    off, on = [], []
    for _ in range(30):  # alternating, so a busy machine slows both alike
        for query in QUERIES:
            terms = [query_terms(query)]
            began = time.perf_counter()
            lexical.rare_coverages(terms)
            middle = time.perf_counter()
            lexical.rare_coverages(terms, near)
            off.append(middle - began)
            on.append(time.perf_counter() - middle)
    declared = lexical._declared
    size = declared.data.nbytes + declared.indices.nbytes + declared.indptr.nbytes
    print(f"{len(sessions)} sessions, {len(QUERIES)} queries x 30: rare-word coverage per query, median ms: rule off "
          f"{1000 * statistics.median(off):.3f}, on {1000 * statistics.median(on):.3f} (x{statistics.median(on) / statistics.median(off):.2f}); "
          f"title/tag matrix {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
