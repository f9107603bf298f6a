"""A name's words held with another word between them ("Chaos Computer Club" where "Chaos-Cannabis-Club" speaks): a
match, or someone else?

    python bench/name_gaps.py [--cache-dir /tmp/eval-cache]

For every labelled agenda present (helper.eval) and the five Mini-Conf sites read whole, side by side in one run, the
name matcher without and with the rule that a person's words held around a word of no name of theirs do not name them
(``NameIndex._interrupted``):

* every session's title typed as a query (known-item search: the session it titles is the right answer, nobody chose
  it): how many titles name some speaker in part with a word between, the titled session's hit@1 and MRR;
* every labelled query: hit@3 per kind (the speaker queries must all stay found).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from bench.absent_names import SITES
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, LABELS, SHARED, normalise_title, pair_name, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.names import NameIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    pairs = [(p, False) for p in DEFAULT_PAIRS] + [((SHARED / "agendas" / n, LABELS / f"{n}.jsonl"), True) for n in SITES]
    kept = NameIndex._interrupted
    print("| agenda | titles typed | titles naming someone around another word (on) | title hit@1 off / on | title MRR off / on "
          "| labelled hit@3 off / on (speaker) |")
    print("|---|---|---|---|---|---|")
    for (agenda_path, labels_path), site in pairs:
        if not agenda_path.exists():
            continue
        index = SearchIndex.build(load_agenda(agenda_path), encoder, args.cache_dir)
        titles = [normalise_title(t) for t in index.sessions["title"]]
        queries = list(dict.fromkeys(t for t in index.sessions["title"] if t.strip()))
        cleaned = [index.clean_query(q) for q in queries]
        labelled = read_labels(labels_path) if labels_path.exists() else []
        names = index.words()._names
        row = []
        for rule in (False, True):
            NameIndex._interrupted = kept if rule else (lambda self, typed, name: False)
            try:
                scores = index.scores(cleaned)
                hits = index.search([item.query for item in labelled], 3)
                if rule:
                    cut = sum(_cut(names, q) for q in cleaned)
            finally:
                NameIndex._interrupted = kept
            ranks = []
            for query, row_scores in zip(queries, scores):
                mine = np.flatnonzero(np.asarray(titles) == normalise_title(query))
                ranks.append(int((row_scores > row_scores[mine].max()).sum()) + 1)
            found = [any(item.relevant.get(titles[index.row_of(h.id)], 0) > 0 for h in top) for item, top in zip(labelled, hits)]
            speakers = [f for item, f in zip(labelled, found) if item.kind == "speaker"]
            row.append((np.mean([r == 1 for r in ranks]), np.mean([1 / r for r in ranks]), sum(found), sum(speakers), len(speakers)))
        (hit_off, mrr_off, lab_off, sp_off, n_sp), (hit_on, mrr_on, lab_on, sp_on, _) = row
        name = pair_name((agenda_path, labels_path)) + (" (site)" if site else "")
        print(f"| {name} | {len(queries)} | {cut} | {hit_off:.3f} / {hit_on:.3f} | {mrr_off:.3f} / {mrr_on:.3f} "
              f"| {lab_off} / {lab_on} of {len(labelled)} ({sp_off} / {sp_on} of {n_sp}) |")
    return 0


def _cut(names, query: str) -> bool:
    """Whether the rule drops a name this query would otherwise match."""
    from helper.search.names import NameIndex

    kept = NameIndex._interrupted
    NameIndex._interrupted = lambda self, typed, name: False
    try:
        before = names.strengths([query])
    finally:
        NameIndex._interrupted = kept
    return bool((before > 0).sum() > (names.strengths([query]) > 0).sum())


if __name__ == "__main__":
    raise SystemExit(main())
