"""A number typed in the query ("Elektrobausteine Tag 1", "Build your own Tangara Session 2"): does it pick the
session of a series it names?

    python bench/series_numbers.py [--cache-dir /tmp/eval-cache]

For every labelled agenda present (helper.eval) and the five Mini-Conf sites read whole, side by side in one run, the
query's words without and with the numbers typed on their own (``tokens.query_terms``). Nobody chose the queries:

* every session's title typed as a query (known-item search: the session it titles is the right answer; sessions
  with the same title all count): hit@1 and MRR, and the same for the titles holding a number on its own;
* every labelled query: hit@3 (the labelled sets hold one number, "COVID-19", which is joined to its word).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from bench.titles_typed import agendas, labelled_found, title_ranks
    from helper.search import tokens

    kept = tokens._NUMBER_ALONE
    print("| agenda | titles typed | title hit@1 off / on | title MRR off / on | with a number: titles | hit@1 off / on "
          "| MRR off / on | labelled hit@3 off / on |")
    print("|---|---|---|---|---|---|---|---|")
    totals = np.zeros(10)
    for agenda in agendas(__doc__.splitlines()[0], argv):
        numbered = np.asarray([bool(kept.search(q)) for q in agenda.titles])
        cells = []
        for rule in (False, True):
            tokens._NUMBER_ALONE = kept if rule else re.compile(r"(?!)")
            try:
                ranks, found = title_ranks(agenda), sum(labelled_found(agenda))
            finally:
                tokens._NUMBER_ALONE = kept
            cells.append((ranks == 1, 1 / ranks, found))
        (first_off, rr_off, found_off), (first_on, rr_on, found_on) = cells
        n, m = len(agenda.titles), int(numbered.sum())
        print(f"| {agenda.name} | {n} | {first_off.mean():.3f} / {first_on.mean():.3f} | {rr_off.mean():.3f} / {rr_on.mean():.3f} | {m} "
              f"| {_mean(first_off[numbered])} / {_mean(first_on[numbered])} | {_mean(rr_off[numbered])} / {_mean(rr_on[numbered])} "
              f"| {found_off} / {found_on} of {len(agenda.labelled)} |")
        totals += [n, first_off.sum(), first_on.sum(), rr_off.sum(), rr_on.sum(), m,
                   first_off[numbered].sum(), first_on[numbered].sum(), found_off, found_on]
    n, f_off, f_on, r_off, r_on, m, nf_off, nf_on, l_off, l_on = totals
    print(f"| **all** | {n:.0f} | {f_off / n:.3f} / {f_on / n:.3f} | {r_off / n:.3f} / {r_on / n:.3f} | {m:.0f} "
          f"| {nf_off / m:.3f} / {nf_on / m:.3f} | | {l_off:.0f} / {l_on:.0f} |")
    return 0


def _mean(values: np.ndarray) -> str:
    return f"{values.mean():.3f}" if len(values) else "–"


if __name__ == "__main__":
    raise SystemExit(main())
