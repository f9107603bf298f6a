"""An abbreviation typed where the agenda spells it out ("RL", "LLMs", "OSM"): does the model now read it for what it
stands for here (``helper.search.abbreviations``)?

    python bench/abbreviations.py [--cache-dir /tmp/eval-cache]

For every labelled agenda present and the five Mini-Conf sites read whole, side by side in one run, the rule off / on.
Queries nobody here chose:
- "labelled, abbreviated": each labelled topic, keyword or lexical query that writes out an abbreviation the agenda
  defines, typed with the abbreviation instead ("reinforcement learning for games" -> "RL for games"), graded by its
  labels; the query as labelled is the reference;
- "alone": each abbreviation the agenda defines, typed alone in capitals, where at least two sessions' titles or tags
  hold it or what it stands for; those sessions are the relevant ones (what the organiser says the sessions are about).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _holds(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}s?(?![\w-])", text, re.IGNORECASE) is not None


def abbreviated(query: str, pairs: list[tuple[str, str]]) -> str:
    """``query`` with the first long form it writes out replaced by its abbreviation in capitals ("" when none)."""
    for key, long_form in pairs:
        found = re.search(rf"(?<![\w-]){re.escape(long_form.removesuffix('s'))}(s?)(?![\w-])", query, re.IGNORECASE)
        if found:
            return query[: found.start()] + key.upper() + ("s" if found.group(1) else "") + query[found.end() :]
    return ""


def main(argv: list[str] | None = None) -> int:
    from bench.titles_typed import agendas
    from helper.eval import normalise_title
    from helper.search.abbreviations import Abbreviations

    print("Each cell: off / on. P@3 / hit@3.\n")
    print("| agenda | defined | labelled, abbreviated (n) | as labelled | abbreviated, off / on | alone (n) | alone, off / on |")
    print("|---|---|---|---|---|---|---|")
    totals = {"labelled": [], "alone": []}
    for agenda in agendas(__doc__.splitlines()[0], argv):
        index = agenda.index
        rule = index.abbreviations
        pairs = sorted(rule.items(), key=lambda p: -len(p[1]))
        off = Abbreviations({})
        items = [(item, q) for item in agenda.labelled if item.kind != "speaker" and (q := abbreviated(item.query, pairs))]
        declared = [f"{t} {' '.join(tags)} {track}" for t, tags, track in zip(index.sessions["title"], index.sessions["tags"], index.sessions["track"])]
        alone = [(key.upper(), {row for row, text in enumerate(declared) if _holds(text, key) or _holds(text, long_form.removesuffix("s"))})
                 for key, long_form in pairs]
        alone = [(q, rows) for q, rows in alone if len(rows) >= 2]

        def graded(queries, relevant_of):
            hits = index.search(queries, 3)
            scores = [relevant_of(i, top) for i, top in enumerate(hits)]
            return np.array([[p for p, _ in scores], [h for _, h in scores]]) if scores else np.zeros((2, 0))

        def by_labels(i, top):
            found = [items[i][0].relevant.get(normalise_title(h.title), 0) > 0 for h in top]
            return sum(found) / 3, float(any(found))

        def by_rows(i, top):
            found = [index.row_of(h.id) in alone[i][1] for h in top]
            return sum(found) / 3, float(any(found))

        cells = []
        for state in (off, rule):
            index.__dict__["abbreviations"] = state
            cells.append((graded([q for _, q in items], by_labels), graded([q for q, _ in alone], by_rows)))
        reference = graded([item.query for item, _ in items], by_labels)
        index.__dict__["abbreviations"] = rule
        totals["labelled"].append((reference, cells[0][0], cells[1][0]))
        totals["alone"].append((cells[0][1], cells[1][1]))

        def cell(a):
            return f"{a[0].mean():.3f} / {a[1].mean():.2f}" if a.size else "–"

        print(f"| {agenda.name} | {len(rule)} | {len(items)} | {cell(reference)} | {cell(cells[0][0])} → {cell(cells[1][0])} "
              f"| {len(alone)} | {cell(cells[0][1])} → {cell(cells[1][1])} |")
    pooled = [np.concatenate([t[i] for t in totals["labelled"]], axis=1) for i in range(3)]
    alone = [np.concatenate([t[i] for t in totals["alone"]], axis=1) for i in range(2)]
    print(f"\nPooled: labelled, abbreviated ({pooled[0].shape[1]}): as labelled {pooled[0][0].mean():.3f}, abbreviated "
          f"{pooled[1][0].mean():.3f} → {pooled[2][0].mean():.3f} (P@3); alone ({alone[0].shape[1]}): "
          f"P@3 {alone[0][0].mean():.3f} → {alone[1][0].mean():.3f}, hit@3 {alone[0][1].mean():.3f} → {alone[1][1].mean():.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
