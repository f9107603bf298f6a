"""Words a tag gives in brackets ("YOC - Alles, was in einem Forum stattfinden soll (Lightning Talks, Quizze..)",
"Learning from complex/structured data (e.g. networks, time series)"): do they make every session of that tag declare
them as its topic?

    python bench/bracketed_tags.py [--cache-dir /tmp/eval-cache]

For every labelled agenda present (helper.eval) and the five Mini-Conf sites read whole, side by side in one run, with
the bracket read as the tag's topic (off) and not (on, ``tokens.unbracketed``). Nobody chose the queries: each item a
bracket of the agenda's tags lists, typed as a query. Counted: queries whose top 3 changed, and the sessions of those
top 3 whose title holds every word of the query (a session that is what was asked for). Then every labelled query and
every title typed as a query (known-item hit@1).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_BRACKET = re.compile(r"\(([^)]*)\)")


def main(argv: list[str] | None = None) -> int:
    from bench.titles_typed import agendas, labelled_found, title_ranks
    from helper.search import lexical
    from helper.search.lexical import LexicalIndex, words

    rule = lexical.unbracketed
    print("| agenda | bracket items typed | top 3 changed | of their top 3, titles holding the query off / on "
          "| labelled hit@3 off / on | title hit@1 off / on |")
    print("|---|---|---|---|---|---|")
    for agenda in agendas(__doc__.splitlines()[0], argv):
        index = agenda.index
        items = {
            " ".join(item.split()) for tags in index.sessions["tags"] for tag in tags for inside in _BRACKET.findall(tag)
            for item in re.split(r"[,;/]|\be\.g\.", inside) if len(words(item)) >= 1 and re.search(r"[^\W\d_]{3}", item)
        }
        queries = sorted(items)
        cells = []
        for on in (False, True):
            lexical.unbracketed = rule if on else (lambda label: label)
            index.lexical = LexicalIndex(index.sessions)
            tops = [[h.title for h in top] for top in index.search(queries, 3)]
            titled = sum(set(words(q)) <= set(words(t)) for q, top in zip(queries, tops) for t in top)
            cells.append((tops, titled, sum(labelled_found(agenda)), float(np.mean(title_ranks(agenda) == 1))))
        lexical.unbracketed = rule
        (tops_off, titled_off, found_off, hit_off), (tops_on, titled_on, found_on, hit_on) = cells
        changed = [q for q, a, b in zip(queries, tops_off, tops_on) if a != b]
        print(f"| {agenda.name} | {len(queries)} | {len(changed)} | {titled_off} / {titled_on} | {found_off} / {found_on} of "
              f"{len(agenda.labelled)} | {hit_off:.3f} / {hit_on:.3f} |")
        for q in changed:
            print(f"|  | {q} | | {tops_off[queries.index(q)]} -> {tops_on[queries.index(q)]} | | |", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
