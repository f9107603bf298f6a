"""Someone who is not on the agenda: does the page say "nothing close"? And which answers would a higher bar hide?

    python bench/absent_names.py [--cache-dir /tmp/eval-cache]

For every labelled agenda present (helper.eval) and the five Mini-Conf sites read whole: 100 people of the *other*
agendas (two words or more, no word shared with this agenda's people; seeded), every labelled query and the off-topic
ones. A query is "unheld" when its results (the top 3) hold none of its words (as read) and none was found by a name
(``SearchIndex.holds``; "agenda" beside it: the rule before, when the agenda's texts used none of its words). Printed
for the agendas the bar was chosen on (the sample, NAS, Mini-Conf, COLT, EEML) and those it was checked on: with
"nothing close" at ``NOTHING_CLOSE`` for held queries and each candidate bar for unheld ones, the labelled answers hidden
(a relevant session in the top 3 under "nothing close"), the absent people and off-topic queries caught; each also
with the rule for a name nobody on the agenda has (``SearchIndex.names_nobody``: "nothing close" whatever the score).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHOSEN_ON = {"sessions", "nas2021", "miniconf", "colt2020", "eeml2020"}
HELD_BY = ("results", "agenda")  # what must hold a word of the query: the kept rule, and the one before it
SITES = ("colt2020", "eeml2020", "icwsm2021", "ismir2023", "sigdialinlg2023")


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.agenda.text import fold
    from helper.eval import DEFAULT_PAIRS, LABELS, OFFTOPIC, SHARED, normalise_title, pair_name, ranked, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.names import typed_as_a_name
    from helper.search.ranking import NOTHING_CLOSE, combine
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--bars", type=float, nargs="+", default=[0.28, 0.35, 0.40, 0.45, 0.50])
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    pairs = [p for p in list(DEFAULT_PAIRS) + [(SHARED / "agendas" / n, LABELS / f"{n}.jsonl") for n in SITES] if p[0].exists()]
    loaded = [(agenda_path, labels_path, load_agenda(agenda_path)) for agenda_path, labels_path in pairs]
    people = {path: {p for names in agenda.sessions["speakers"] for p in names} for path, _, agenda in loaded}
    rows = []  # (chosen on?, best score, {held by: unheld?}, what: answer / no answer / absent / off-topic)
    for agenda_path, labels_path, agenda in loaded:
        index = SearchIndex.build(agenda, encoder, args.cache_dir)
        lexical = index.words()
        own = {fold(w) for person in people[agenda_path] for w in person.split()}
        pool = sorted({p for path, names in people.items() if path.parent != agenda_path.parent and path != agenda_path for p in names
                       if len(p.split()) >= 2 and "(" not in p and not any(fold(w) in own for w in p.split())})
        absent = random.Random(5).sample(pool, min(100, len(pool)))
        labels = read_labels(labels_path) + read_labels(OFFTOPIC)
        queries = [item.query for item in labels] + absent
        found, _ = index.signals([index.clean_query(q) for q in queries])
        scores = combine(found, "hybrid")
        titles = [normalise_title(t) for t in index.sessions["title"]]
        chosen = pair_name((agenda_path, labels_path)) in CHOSEN_ON
        for r in range(len(queries)):
            top3 = ranked(scores[r])[:3]
            named = found.name[r].max() > 0
            unheld = {
                "results": not named and not any(lexical.held_terms(int(i), found.terms[r]) for i in top3),
                "agenda": not named and not any(t in lexical.vocabulary for t in found.terms[r]),
            }
            if r < len(labels) and labels[r].relevant:
                what = "answer" if any(labels[r].relevant.get(titles[i], 0) > 0 for i in top3) else "no answer"
            else:
                what = "off-topic" if r < len(labels) else "absent"
            # SearchIndex.names_nobody
            nobody = typed_as_a_name(queries[r], index.speller.common) and unheld["results"]
            rows.append((chosen, float(scores[r, top3[0]]), unheld, what, nobody))
    for chosen in (True, False):
        group = [row for row in rows if row[0] == chosen]
        total = {w: sum(row[3] == w for row in group) for w in ("answer", "absent", "off-topic")}
        print(f"\n{'chosen on' if chosen else 'checked on'}: {total['answer']} labelled answers")
        for held_by in HELD_BY:
            print(f"  held by the {held_by}: {sum(row[3] == 'answer' and row[2][held_by] for row in group)} answers unheld")
            for bar in args.bars:
                for nobody in (False, True):
                    flagged = [row[3] for row in group if row[1] < (bar if row[2][held_by] else NOTHING_CLOSE) or (nobody and row[4])]
                    print(f"    unheld bar {bar:.2f}{', and names nobody has' if nobody else ''}: answers hidden {flagged.count('answer')}, "
                          f"absent people caught {flagged.count('absent')} of {total['absent']}, "
                          f"off-topic caught {flagged.count('off-topic')} of {total['off-topic']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
