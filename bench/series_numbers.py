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

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from bench.absent_names import SITES
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, LABELS, SHARED, normalise_title, pair_name, read_labels
    from helper.search import tokens
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    pairs = [(p, False) for p in DEFAULT_PAIRS] + [((SHARED / "agendas" / n, LABELS / f"{n}.jsonl"), True) for n in SITES]
    kept = tokens._NUMBER_ALONE
    print("| agenda | titles typed | title hit@1 off / on | title MRR off / on | with a number: titles | hit@1 off / on "
          "| MRR off / on | labelled hit@3 off / on |")
    print("|---|---|---|---|---|---|---|---|")
    totals = np.zeros(10)
    for (agenda_path, labels_path), site in pairs:
        if not agenda_path.exists():
            continue
        index = SearchIndex.build(load_agenda(agenda_path), encoder, args.cache_dir)
        titles = np.asarray([normalise_title(t) for t in index.sessions["title"]])
        queries = list(dict.fromkeys(t for t in index.sessions["title"] if t.strip()))
        numbered = np.asarray([bool(kept.search(q)) for q in queries])
        labelled = read_labels(labels_path) if labels_path.exists() else []
        cells = []
        for rule in (False, True):
            tokens._NUMBER_ALONE = kept if rule else re.compile(r"(?!)")
            try:
                scores = index.scores([index.clean_query(q) for q in queries])
                hits = index.search([item.query for item in labelled], 3)
            finally:
                tokens._NUMBER_ALONE = kept
            ranks = np.asarray([int((s > s[titles == normalise_title(q)].max()).sum()) + 1 for q, s in zip(queries, scores)])
            found = sum(any(item.relevant.get(titles[index.row_of(h.id)], 0) > 0 for h in top) for item, top in zip(labelled, hits))
            cells.append((ranks == 1, 1 / ranks, found))
        (first_off, rr_off, found_off), (first_on, rr_on, found_on) = cells
        n, m = len(queries), int(numbered.sum())
        name = pair_name((agenda_path, labels_path)) + (" (site)" if site else "")
        print(f"| {name} | {n} | {first_off.mean():.3f} / {first_on.mean():.3f} | {rr_off.mean():.3f} / {rr_on.mean():.3f} | {m} "
              f"| {_mean(first_off[numbered])} / {_mean(first_on[numbered])} | {_mean(rr_off[numbered])} / {_mean(rr_on[numbered])} "
              f"| {found_off} / {found_on} of {len(labelled)} |")
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
