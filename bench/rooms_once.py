"""One session the export lists in several rooms at once (helper.agenda.copies): how often did it fill two or more of a
query's three places, and what do the three places hold now?

    python bench/rooms_once.py [--cache-dir /tmp/eval-cache]

For every labelled agenda present (helper.eval) and the five Mini-Conf sites read whole, side by side in one run, with
the rule off (every row its own session) and on. Nobody chose the queries: every session's title typed as a query,
and every labelled query. Counted: the top-3 lists that show one session twice or more, the distinct sessions in
them, and labelled hit@3.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from bench.titles_typed import agendas, labelled_found

    print("| agenda | sessions in several rooms (rows) | queries | top 3 showing a session twice, off / on "
          "| distinct sessions per top 3, off / on | labelled hit@3 off / on |")
    print("|---|---|---|---|---|---|")
    for agenda in agendas(__doc__.splitlines()[0], argv):
        index = agenda.index
        first = index.first_copy
        copies = first != np.arange(len(first))
        queries = agenda.titles + [item.query for item in agenda.labelled]
        cells = []
        for rule in (False, True):
            index.first_copy, index._copies = (first, int(copies.sum())) if rule else (np.arange(len(first)), 0)
            tops = [[index.row_of(h.id) for h in top] for top in index.search(queries, 3)]
            sessions = [len({int(first[row]) for row in top}) for top in tops]
            cells.append((sum(len(top) > n for top, n in zip(tops, sessions)), np.mean(sessions), sum(labelled_found(agenda))))
        (twice_off, mean_off, found_off), (twice_on, mean_on, found_on) = cells
        print(f"| {agenda.name} | {len(np.unique(first[copies]))} ({len(np.unique(first[copies])) + int(copies.sum())}) | {len(queries)} "
              f"| {twice_off} / {twice_on} | {mean_off:.3f} / {mean_on:.3f} | {found_off} / {found_on} of {len(agenda.labelled)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
