"""Plan my day: which sessions may a plan take? Plans on the labelled queries, right and wrong, for each bar.

    python bench/plan_fillers.py [--cache-dir /tmp/eval-cache]

A plan fills every free slot with the best candidate it has, so a session far from the query takes a slot. For every
labelled agenda with times (helper.eval) and the five Mini-Conf sites read whole, each labelled topic, keyword and
lexical query is planned over the whole conference (no day, no gap), as ``helper.web.handlers.plan`` plans it, under
each bar of ``helper.search.ranking.worth_planning``: after a first session that the query's words or a name lifted, a
session neither lifted needs the bar (0.28: no such rule). Printed per agenda, then summed over the agendas the unheld
bar (``NOTHING_CLOSE_UNHELD``) was chosen on and over the others: the planned sessions graded relevant / not.
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHOSEN_ON = {"sessions", "nas2021", "miniconf", "colt2020", "eeml2020"}  # as bench/absent_names.py
SITES = ("colt2020", "eeml2020", "icwsm2021", "ismir2023", "sigdialinlg2023")
KINDS = ("topic", "keyword", "lexical")


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, LABELS, SHARED, normalise_title, pair_name, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.plan import Slot, best_plan
    from helper.search.ranking import NOTHING_CLOSE, NOTHING_CLOSE_UNHELD, worth_planning
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--bars", type=float, nargs="+", default=[NOTHING_CLOSE, 0.35, NOTHING_CLOSE_UNHELD, 0.45])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    pairs = [p for p in list(DEFAULT_PAIRS) + [(SHARED / "agendas" / n, LABELS / f"{n}.jsonl") for n in SITES] if p[0].exists()]
    totals = {(chosen, bar): [0, 0] for chosen in (True, False) for bar in args.bars}
    print("| agenda | queries | " + " | ".join(f"bar {bar:.2f}: right / wrong planned" for bar in args.bars) + " |")
    print("|---|---|" + "---|" * len(args.bars))
    for agenda_path, labels_path in pairs:
        index = SearchIndex.build(load_agenda(agenda_path), encoder, args.cache_dir)
        labels = [item for item in read_labels(labels_path) if item.kind in args.kinds and item.relevant]
        if not labels or index.sessions["start"].isna().all():
            continue
        titles = [normalise_title(t) for t in index.sessions["title"]]
        results = index.search([item.query for item in labels], len(index.sessions), at_least=NOTHING_CLOSE)
        chosen = pair_name((agenda_path, labels_path)) in CHOSEN_ON
        cells = []
        for bar in args.bars:
            counts = totals[(chosen, bar)]
            right = wrong = 0
            for item, hits in zip(labels, results):
                held = index.holds(index.clean_query(item.query), hits[:3])
                worth = worth_planning([h.score for h in hits], [h.why.lifted for h in hits], held, bar)
                slots = [Slot(h.id, h.start, h.end or h.start, h.score) for h, ok in zip(hits, worth) if ok and h.start]
                for slot in best_plan(slots, [], timedelta(0)):
                    good = item.relevant.get(titles[index.row_of(slot.key)], 0) > 0
                    right, wrong = right + good, wrong + (not good)
            counts[0], counts[1] = counts[0] + right, counts[1] + wrong
            cells.append(f"{right} / {wrong}")
        name = pair_name((agenda_path, labels_path)) + (" (site read whole)" if agenda_path.is_dir() else "")
        print(f"| {name} | {len(labels)} | " + " | ".join(cells) + " |", flush=True)
    for chosen in (True, False):
        label = "agendas the unheld bar was chosen on" if chosen else "the others"
        print(f"| {label} | | " + " | ".join("{} / {}".format(*totals[(chosen, bar)]) for bar in args.bars) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
