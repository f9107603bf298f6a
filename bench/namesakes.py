"""Someone who shares one name word with a speaker ("Martin Wattenberg" where Martin Zdila speaks): "nothing close", or
the namesake offered as a match?

    python bench/namesakes.py [--cache-dir /tmp/eval-cache] [--people 60]

For every labelled agenda present (helper.eval) and the five Mini-Conf sites read whole: people of the *other* agendas
with a two-word name, exactly one word of which is a word of this agenda's people's names (seeded sample), typed as
written and in lower case. Side by side in one run, the name matcher without and with the rule that a person named in
part by a query that also names someone else is not named (``NameIndex._someone_else``): how many the page answers
"nothing close", and how many it answers with "Matches the name" of the namesake. The labelled speaker queries are
checked too: each one's person in the top 3 (hit@3), off and on.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from bench.absent_names import SITES
    from helper.agenda import load_agenda
    from helper.agenda.text import fold
    from helper.eval import DEFAULT_PAIRS, LABELS, SHARED, normalise_title, pair_name, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.filters import Choice
    from helper.search.index import SearchIndex
    from helper.search.names import NameIndex
    from helper.settings import BUNDLED_MODEL
    from helper.web import handlers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--people", type=int, default=60)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    pairs = [(p, False) for p in DEFAULT_PAIRS] + [((SHARED / "agendas" / n, LABELS / f"{n}.jsonl"), True) for n in SITES]
    loaded = [(pair, site, load_agenda(pair[0])) for pair, site in pairs if pair[0].exists()]
    people = {(pair[0], site): {p for names in agenda.sessions["speakers"] for p in names} for pair, site, agenda in loaded}
    before = datetime(1990, 1, 1, tzinfo=timezone.utc)  # no time of day nudges the order
    kept = NameIndex._someone_else
    print("| agenda | namesakes typed | nothing close off / on | namesake offered off / on | labelled speakers hit@3 off / on |")
    print("|---|---|---|---|---|")
    totals = [0] * 7
    for pair, site, agenda in loaded:
        index = SearchIndex.build(agenda, encoder, args.cache_dir)
        own = {fold(w) for person in people[(pair[0], site)] for w in person.split()}
        others = {p for (path, _), names in people.items() if path.parent != pair[0].parent and path != pair[0] for p in names}
        pool = sorted(p for p in others if len(words := p.split()) == 2 and "(" not in p and min(map(len, words)) > 2
                      and sum(fold(w) in own for w in words) == 1)
        typed = [form for p in random.Random(5).sample(pool, min(args.people, len(pool))) for form in (p, p.lower())]
        speakers = [item for item in read_labels(pair[1]) if item.kind == "speaker"] if pair[1].exists() else []
        titles = [normalise_title(t) for t in index.sessions["title"]]
        row = []
        for rule in (False, True):
            NameIndex._someone_else = kept if rule else (lambda self, text, name: False)
            try:
                found = [handlers.search(index, q, Choice(), before) for q in typed]
                hits = index.search([item.query for item in speakers], 3)
            finally:
                NameIndex._someone_else = kept
            row.append((sum(f.nothing_close or not f.hits for f in found),
                        sum(bool(f.hits) and not f.nothing_close and bool(f.hits[0].why.name) for f in found),
                        sum(any(item.relevant.get(titles[index.row_of(h.id)], 0) > 0 for h in found_hits) for item, found_hits in zip(speakers, hits))))
        (off_nc, off_named, off_hit), (on_nc, on_named, on_hit) = row
        name = pair_name(pair) + (" (site)" if site else "")
        print(f"| {name} | {len(typed)} | {off_nc} / {on_nc} | {off_named} / {on_named} | {off_hit} / {on_hit} of {len(speakers)} |")
        for i, value in enumerate((len(typed), off_nc, on_nc, off_named, on_named, off_hit, on_hit)):
            totals[i] += value
    n, off_nc, on_nc, off_named, on_named, off_hit, on_hit = totals
    print(f"| **all** | {n} | {off_nc} / {on_nc} | {off_named} / {on_named} | {off_hit} / {on_hit} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
