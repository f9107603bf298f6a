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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from bench.titles_typed import agendas, labelled_found, title_ranks
    from helper.search.names import NameIndex

    kept = NameIndex._interrupted
    print("| agenda | titles typed | titles naming someone around another word (on) | title hit@1 off / on | title MRR off / on "
          "| labelled hit@3 off / on (speaker) |")
    print("|---|---|---|---|---|---|")
    for agenda in agendas(__doc__.splitlines()[0], argv):
        names = agenda.index.words()._names
        cleaned = [agenda.index.clean_query(q) for q in agenda.titles]
        row = []
        for rule in (False, True):
            NameIndex._interrupted = kept if rule else (lambda self, typed, name: False)
            try:
                ranks, found = title_ranks(agenda), labelled_found(agenda)
            finally:
                NameIndex._interrupted = kept
            speakers = [f for item, f in zip(agenda.labelled, found) if item.kind == "speaker"]
            row.append(((ranks == 1).mean(), (1 / ranks).mean(), sum(found), sum(speakers), len(speakers)))
        cut = sum(_cut(names, q) for q in cleaned)
        (hit_off, mrr_off, lab_off, sp_off, n_sp), (hit_on, mrr_on, lab_on, sp_on, _) = row
        print(f"| {agenda.name} | {len(agenda.titles)} | {cut} | {hit_off:.3f} / {hit_on:.3f} | {mrr_off:.3f} / {mrr_on:.3f} "
              f"| {lab_off} / {lab_on} of {len(agenda.labelled)} ({sp_off} / {sp_on} of {n_sp}) |")
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
