"""The page's note for a name nobody on the agenda has ("No speaker of this agenda is named “Tamara Munzner”…"): said for
the people who are not there, never for those who are, nor for a topic?

    python bench/name_nobody_note.py [--cache-dir /tmp/eval-cache] [--people 40]   # ~1.5 min

For every labelled agenda present (helper.eval): ``--people`` people of the *other* agendas (two words or more, no word
shared with this agenda's people; seeded), typed as written and as "talks by <name>"; as many of its own speakers typed
so; and every labelled query (topics, keywords, names as people type them). Counted: how many of each get the note
(``handlers.why_nothing_close``), and how many absent people get "nothing close" at all (the note's upper bound: a name
typed in lower case is not read as one).
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NOTES = ("No speaker of this agenda is named", "This agenda does not list its speakers,")


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, pair_name, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.filters import Choice
    from helper.search.index import SearchIndex
    from helper.search.names import people_in
    from helper.search.tokens import words
    from helper.settings import BUNDLED_MODEL
    from helper.web import handlers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--people", type=int, default=40)
    args = parser.parse_args(argv)

    pairs = [p for p in DEFAULT_PAIRS if p[0].exists()]
    agendas = {pair_name(p): load_agenda(p[0]) for p in pairs}
    people = {
        name: sorted({q for names in agenda.sessions["speakers"] for p in names for q in people_in(p) if len(q.split()) >= 2})
        for name, agenda in agendas.items()
    }
    encoder = load_encoder(BUNDLED_MODEL)
    now = datetime(2000, 1, 1, tzinfo=timezone.utc)  # before every agenda: no session has ended
    print("| agenda | absent people: nothing close / the note | own speakers: the note | labelled queries: the note |")
    print("|---|---|---|---|")
    for pair in pairs:
        name = pair_name(pair)
        own_words = {w for person in people[name] for w in words(person)}
        others = [p for other, listed in people.items() if other != name for p in listed if not set(words(p)) & own_words]
        rng = random.Random(0)
        absent = rng.sample(others, min(args.people, len(others)))
        own = rng.sample(people[name], min(args.people, len(people[name])))
        index = SearchIndex.build(agendas[name], encoder, args.cache_dir)

        def results(queries):
            return [handlers.search(index, q, Choice(), now) for q in queries]

        typed = [q for person in absent for q in (person, f"talks by {person}")]
        found = results(typed)
        mine = results([q for person in own for q in (person, f"talks by {person}")])
        labelled = results([label.query for label in read_labels(pair[1])])
        noted = lambda rs: sum(any(n.startswith(NOTES) for n in r.notes) for r in rs)  # noqa: E731
        print(
            f"| {name} | {sum(r.nothing_close for r in found)} / {noted(found)} of {len(typed)} | {noted(mine)} of {2 * len(own)} "
            f"| {noted(labelled)} of {len(labelled)} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
