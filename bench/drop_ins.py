"""A long session people join while it runs (a drop-in workshop, a poster session, a DJ set), at clocks while the
conference is on: is it still shown "happening now", or dropped back as a talk that has run for more than ten minutes?

    python bench/drop_ins.py [--cache-dir /tmp/eval-cache]

For every labelled agenda with times and the five Mini-Conf sites read whole, side by side in one run: each running
session dropped back ("off", before the twenty-sixth session) and a drop-in (``DROP_IN_MINUTES`` or longer, with
``JOIN_LEFT_MINUTES`` left) left where its relevance puts it ("on"). Clocks: every two hours from 10:00 to 20:00 of
each day of the agenda. Queries, which nobody chose: every session's title and every labelled query, ranked as the
page ranks them (ended sessions hidden, each session held more than once shown at one time).
- "title of a session held again, a time running now": the page shows the running time, or a later one;
- "top 3 changed": of all queries at all clocks; "running drop-ins in top 3": places held by one.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CLOCK_HOURS = range(10, 21, 2)


def clocks(index) -> list[datetime]:
    days = sorted({d for d in index.columns.times.day if not np.isnat(d)})
    midnight = [datetime.fromisoformat(str(d)).replace(tzinfo=index.agenda.tz) for d in days]
    return [m + timedelta(hours=h) for m in midnight for h in CLOCK_HOURS if index.columns.times.on(m + timedelta(hours=h))]


def main(argv: list[str] | None = None) -> int:
    from bench.titles_typed import agendas
    from helper.search import schedule
    from helper.search.filters import Choice

    print("Each cell: off / on.\n")
    print("| agenda | clocks | title of a session held again, a time running now: that time shown | top 3 changed "
          "| running drop-ins in top 3 |")
    print("|---|---|---|---|---|")
    switched = {"off": 10**9, "on": schedule.DROP_IN_MINUTES}
    for agenda in agendas(__doc__.splitlines()[0], argv):
        index = agenda.index
        times = index.columns.times
        if not times.timed.any():
            continue
        index.make_ready()
        queries = agenda.titles + [item.query for item in agenda.labelled]
        cleaned = [index.clean_query(q) for q in queries]
        groups = index.same_session
        cells = {state: [0, 0, 0, []] for state in switched}  # running time shown, its titles typed, drop-in places, tops
        moments = clocks(index)
        for now in moments:
            at = schedule._instant(now)
            long_left = times.drop_ins(now)
            later = {int(groups[r]) for r in np.flatnonzero(times.timed & (times.start > at))}
            typed = {t: r for r in np.flatnonzero(long_left) if int(groups[r]) in later and groups.tolist().count(groups[r]) > 1
                     for t in [index.sessions["title"].iat[r]]}
            mask = Choice().mask(index.columns, now)
            for state, minutes in switched.items():
                schedule.DROP_IN_MINUTES = minutes
                tops = index.search(cleaned, 3, [mask] * len(cleaned), cleaned=True, nudge=schedule.timeliness(times, now))
                rows = [[index.row_of(h.id) for h in top] for top in tops]
                cell = cells[state]
                by_query = dict(zip(queries, rows))
                cell[0] += sum(bool(by_query.get(t)) and by_query[t][0] == r for t, r in typed.items())
                cell[1] += len(typed)
                cell[2] += sum(bool(long_left[r]) for top in rows for r in top)
                cell[3].extend(rows)
            schedule.DROP_IN_MINUTES = switched["on"]
        changed = sum(a != b for a, b in zip(cells["off"][3], cells["on"][3]))
        shown = " / ".join(f"{cells[s][0]} of {cells[s][1]}" for s in switched)
        print(f"| {agenda.name} | {len(moments)} | {shown} | {changed} of {len(cells['on'][3])} "
              f"| {cells['off'][2]} / {cells['on'][2]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
