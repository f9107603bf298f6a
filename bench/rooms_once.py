"""One session the export lists more than once (helper.agenda.copies): in several rooms at once, or again at other times
("Kurzvorstellung chaos.jetzt" on four days, "Elektrobausteine - Tag 1" to "- Tag 4"). How often did it fill two or more of
a query's three places, and what do the three places hold now?

    python bench/rooms_once.py [--cache-dir /tmp/eval-cache]

For every labelled agenda present (helper.eval) and the five Mini-Conf sites read whole, side by side in one run, with
each row its own session ("off"), a session listed in several rooms at once shown once (the nineteenth session's rule),
and a session held at several times shown once too (``held_again``, the twenty-fifth's). Nobody chose the queries:
every session's title typed as a query, and every labelled query. Counted by the sessions ``held_again`` finds (what
an attendee reads as one session): the top-3 lists that show one session twice or more, the distinct sessions in them,
the titles whose own session comes first, and labelled hit@3.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RULES = ("off", "rooms", "rooms and times")


def shown_once(index, groups: np.ndarray) -> None:
    """Make ``index`` show one row of each of ``groups`` (row -> its session's first row) in its answers."""
    index.__dict__["same_session"] = groups
    index.__dict__.pop("_held_more_than_once", None)


def main(argv: list[str] | None = None) -> int:
    from bench.titles_typed import agendas, labelled_found
    from helper.agenda.copies import held_again

    print(f"Each cell: {' / '.join(RULES)}.\n")
    print("| agenda | sessions listed more than once (rows) | queries | top 3 showing a session twice "
          "| distinct sessions per top 3 | title typed: its session first | labelled hit@3 |")
    print("|---|---|---|---|---|---|---|")
    for agenda in agendas(__doc__.splitlines()[0], argv):
        index = agenda.index
        index.hit(0)  # the cards' fields (each session's other rooms and times) as the app makes them, before any toggle
        again = held_again(index.sessions)
        rows = np.arange(len(again))
        repeated = again != rows
        queries = agenda.titles + [item.query for item in agenda.labelled]
        sessions_of = {title: set() for title in agenda.titles}
        for row, title in enumerate(index.sessions["title"]):
            sessions_of.setdefault(title, set()).add(int(again[row]))
        cells = []
        for groups in (rows, index.first_copy, again):
            shown_once(index, groups)
            tops = [[index.row_of(h.id) for h in top] for top in index.search(queries, 3)]
            distinct = [len({int(again[row]) for row in top}) for top in tops]
            first = sum(bool(top) and int(again[top[0]]) in sessions_of[title] for title, top in zip(agenda.titles, tops))
            cells.append((sum(len(top) > n for top, n in zip(tops, distinct)), f"{np.mean(distinct):.3f}", first, sum(labelled_found(agenda))))
        columns = [" / ".join(str(cell[i]) for cell in cells) for i in range(4)]
        print(f"| {agenda.name} | {len(np.unique(again[repeated]))} ({len(np.unique(again[repeated])) + int(repeated.sum())}) | {len(queries)} "
              f"| {columns[0]} | {columns[1]} | {columns[2]} of {len(agenda.titles)} | {columns[3]} of {len(agenda.labelled)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
