"""Places 2 and 3 that only fill: which far sessions the page leaves out, and were they right or wrong?

    python bench/fillers.py [--cache-dir /tmp/eval-cache]

For every labelled agenda present (helper.eval), and the five Mini-Conf sites read whole (their folders: papers plus
the calendar's keynotes, tutorials, breaks and meals, which ``helper.eval`` leaves out), each labelled query's top
three by the hybrid. A place below the first is "far" when it scores under ``NOTHING_CLOSE`` while the first does
not. Printed per agenda and kind: how many far places each rule would leave out, right (graded above 0) / wrong:
* ``kept rule`` (helper.search.ranking.fillers): the first was lifted by a name or the query's words, this one by neither;
* ``every far place``: whatever lifted the first;
* ``names only``: the first was lifted by a name, this one was not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RULES = ("kept rule", "every far place", "names only")


def hidden(scores, lifted, named) -> dict[str, list[bool]]:
    """Per rule, which of one query's hits (best first) it leaves out."""
    from helper.search.ranking import NOTHING_CLOSE, fillers

    far = [i > 0 and s < NOTHING_CLOSE <= scores[0] for i, s in enumerate(scores)]
    return {
        "kept rule": fillers(scores, lifted),
        "every far place": far,
        "names only": [f and named[0] and not n for f, n in zip(far, named)],
    }


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, LABELS, SHARED, normalise_title, pair_name, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    sites = ("colt2020", "eeml2020", "icwsm2021", "ismir2023", "sigdialinlg2023")
    pairs = list(DEFAULT_PAIRS) + [(SHARED / "agendas" / name, LABELS / f"{name}.jsonl") for name in sites]
    print("| agenda | kind (queries) | " + " | ".join(f"{r}: right / wrong left out" for r in RULES) + " |")
    print("|---|---|" + "---|" * len(RULES))
    totals = {r: [0, 0] for r in RULES}
    for agenda_path, labels_path in pairs:
        if not agenda_path.exists():
            continue
        index = SearchIndex.build(load_agenda(agenda_path), encoder, args.cache_dir)
        labels = [item for item in read_labels(labels_path) if item.kind != "offtopic"]
        results = index.search([item.query for item in labels], 3)
        counts: dict[str, dict[str, list[int]]] = {}
        queries: dict[str, int] = {}
        for item, hits in zip(labels, results):
            queries[item.kind] = queries.get(item.kind, 0) + 1
            left = hidden([h.score for h in hits], [h.why.lifted for h in hits], [bool(h.why.name) for h in hits])
            for rule, out in left.items():
                cell = counts.setdefault(item.kind, {r: [0, 0] for r in RULES})[rule]
                for hit, gone in zip(hits, out):
                    if gone:
                        cell[item.relevant.get(normalise_title(hit.title), 0) <= 0] += 1
        name = pair_name((agenda_path, labels_path)) + (" (site read whole)" if agenda_path.is_dir() else "")
        for kind, cells in counts.items():
            row = " | ".join(f"{right} / {wrong}" for right, wrong in (cells[r] for r in RULES))
            print(f"| {name} | {kind} ({queries[kind]}) | {row} |", flush=True)
            for rule in RULES:
                totals[rule][0] += cells[rule][0]
                totals[rule][1] += cells[rule][1]
    print("| all | | " + " | ".join(f"{right} / {wrong}" for right, wrong in totals.values()) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
