"""A kind of session typed into a labelled query ("workshop on {query}", "{query} tutorial"): with and without the rule?

    python bench/kind_words.py [--cache-dir /tmp/eval-cache] [--phrase "seminar about {query}" ...]

Every labelled topic and keyword query of each labelled agenda (the Mini-Conf sites read whole, with their calendars'
keynotes, tutorials and panels) is typed inside each phrase below. Side by side in one run, the lexical rules without
and with ``helper.search.session_kinds`` (a kind word an abstract uses without calling its session one holds nothing;
a kind no session is, is read away):

* where the agenda has no session of the kind: P@3 and nDCG@3 against the labels, of the query alone, then typed in
  the phrase with the rule off and on. The labels grade topics, so the best the phrase can do is not to hurt.
* where it has: the same P@3, and the share of the top 3 that are of the kind (title, tags or track say it, or the
  abstract calls the session one): what the attendee asked for, which the labels do not grade.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHRASES = ("workshop on {query}", "{query} tutorial", "keynote about {query}", "panel on {query}", "posters on {query}",
           "{query} hackathon", "lecture on {query}", "{query} meetup")
KINDS = ("topic", "keyword")


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, normalise_title, pair_name, query_metrics, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.lexical import LexicalIndex
    from helper.search.session_kinds import KIND_WORDS
    from helper.search.tokens import query_terms
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--phrase", action="append", help=f"a phrase holding {{query}} instead of the default ones ({'; '.join(PHRASES)})")
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    phrases = args.phrase or PHRASES
    print("| agenda | kinds it has | lacks: pairs | P@3 alone / off / on | nDCG@3 alone / off / on | has: pairs | P@3 off / on | of the kind off / on |")
    print("|---|---|---|---|---|---|---|---|")
    pooled = _empty()
    for pair in DEFAULT_PAIRS:
        path = pair[0].parent if pair[0].name == "papers.csv" else pair[0]
        labels = [item for item in read_labels(pair[1]) if item.kind in KINDS] if pair[1].exists() else []
        if not path.exists() or not labels:
            continue
        on = SearchIndex.build(load_agenda(path), encoder, args.cache_dir)
        off = dataclasses.replace(on, lexical=LexicalIndex(on.sessions, kind_words=frozenset()))
        lexical = on.words()
        titles = [normalise_title(t) for t in on.sessions["title"]]
        has = {kind for phrase in phrases for kind in query_terms(phrase) if kind in KIND_WORDS and not lexical.absent_kinds(kind)}
        typed = [(phrase.replace("{query}", item.query), item, kind) for phrase in phrases for item in labels
                 for kind in query_terms(phrase) if kind in KIND_WORDS]
        alone = on.search([item.query for _q, item, _k in typed], 3)
        before, after = off.search([q for q, _i, _k in typed], 3), on.search([q for q, _i, _k in typed], 3)
        row = _empty()
        for (_query, item, kind), by_itself, hits_off, hits_on in zip(typed, alone, before, after):
            rows = [[on.row_of(h.id) for h in hits] for hits in (by_itself, hits_off, hits_on)]
            metrics = [query_metrics([titles[r] for r in found], item.relevant) for found in rows]
            side = "has" if kind in has else "lacks"
            row[side] += 1
            for name, m in zip(("alone", "off", "on"), metrics):
                row[f"{side} p {name}"] += m["P@3"]
                row[f"{side} n {name}"] += m["nDCG@3"]
            if side == "has":
                form = lexical.terms(kind)[0]
                row["kind off"] += sum(lexical.held_terms(r, [form]) != () for r in rows[1]) / 3
                row["kind on"] += sum(lexical.held_terms(r, [form]) != () for r in rows[2]) / 3
        for key in pooled:
            pooled[key] += row[key]
        print(_line(pair_name(pair), ", ".join(sorted(has)) or "none", row))
    print(_line("**all**", "", pooled))
    return 0


def _empty() -> dict[str, float]:
    keys = ["lacks", "has", "kind off", "kind on"]
    keys += [f"{side} {m} {name}" for side in ("lacks", "has") for m in ("p", "n") for name in ("alone", "off", "on")]
    return dict.fromkeys(keys, 0.0)


def _line(name: str, kinds: str, row: dict) -> str:
    lacks, has = max(row["lacks"], 1), max(row["has"], 1)
    p = " / ".join(f"{row[f'lacks p {x}'] / lacks:.3f}" for x in ("alone", "off", "on"))
    n = " / ".join(f"{row[f'lacks n {x}'] / lacks:.3f}" for x in ("alone", "off", "on"))
    return (f"| {name} | {kinds} | {row['lacks']:.0f} | {p} | {n} | {row['has']:.0f} | {row['has p off'] / has:.3f} / "
            f"{row['has p on'] / has:.3f} | {row['kind off'] / has:.2f} / {row['kind on'] / has:.2f} |")


if __name__ == "__main__":
    raise SystemExit(main())
