"""One slip of the hand in a query: what it costs, and what reading it as the agenda's word gives back.

    python bench/slips.py [--cache-dir /tmp/eval-cache] [--only NAME ...] [--letters 3 4 5]

For every labelled agenda present (helper.eval), each topic, keyword and lexical query gets one slip in one of its
words of 4+ letters (seeded): a letter dropped, doubled, two swapped, or a key beside the right one. Printed per
agenda: the hybrid's P@3 / nDCG@3 on the clean queries and on the slipped ones, with the mending off
(helper.search.spelling) and on at each ``--letters`` (its ``MIN_LETTERS``); the clean queries show what mending
costs where nothing was mistyped (every labelled query, speakers too).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MENDED_KINDS = ("topic", "keyword", "lexical")


def slipped(query: str, rng: random.Random, slips: int = 1) -> str | None:
    """``query`` with ``slips`` slips in one word of 4+ letters (8+ for two; None when it has none)."""
    from helper.search.tokens import STOPWORDS

    parts = query.split()
    fit = [i for i, w in enumerate(parts) if w.isalpha() and len(w) >= (4 if slips == 1 else 8) and w.lower() not in STOPWORDS]
    if not fit:
        return None
    i = rng.choice(fit)
    for _ in range(slips):
        parts[i] = _slip_once(parts[i], rng)
    return " ".join(parts)


def _slip_once(word: str, rng: random.Random) -> str:
    from helper.search.spelling import _BESIDE

    at = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.35:
        word = word[:at] + word[at + 1 :]
    elif kind < 0.7:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind < 0.85:
        word = word[:at] + word[at] + word[at:]
    else:
        beside = sorted(b for a, b in _BESIDE if a == word[at].lower())
        word = word[:at] + rng.choice(beside) + word[at + 1 :] if beside else word
    return word


def slipped_labels(labels: list, seed: int = 11, slips: int = 1) -> list[tuple]:
    """(label, slipped query) for each topic, keyword and lexical label that has a word to slip."""
    rng = random.Random(seed)
    pairs = [(item, slipped(item.query, rng, slips)) for item in labels if item.kind in MENDED_KINDS]
    return [(item, typed) for item, typed in pairs if typed]


class _AsTyped:
    @staticmethod
    def read_as(text: str, by_the_model: bool = False) -> str:
        return text


def hybrid_metrics(index, labels: list, queries: list[str], mending: bool) -> tuple[float, float]:
    """Mean hybrid P@3 and nDCG@3 of ``queries`` against ``labels``' grades, the mending on or off."""
    from helper.eval import normalise_title, query_metrics, ranked
    from helper.search.ranking import combine

    kept = index.__dict__.pop("speller", None)
    if not mending:
        index.__dict__["speller"] = _AsTyped()
    try:
        found, _ = index.signals([index.clean_query(q) for q in queries])
    finally:
        index.__dict__.pop("speller", None)
        if kept is not None:
            index.__dict__["speller"] = kept
    scores = combine(found, "hybrid")
    titles = [normalise_title(t) for t in index.sessions["title"]]
    rows = [query_metrics([titles[j] for j in ranked(scores[r])], item.relevant) for r, item in enumerate(labels)]
    return float(np.mean([r["P@3"] for r in rows])), float(np.mean([r["nDCG@3"] for r in rows]))


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, read_labels
    from helper.search import spelling
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: none, embed afresh)")
    parser.add_argument("--only", action="append", metavar="NAME", help="only this labelled agenda (colt2020, vis2018, ...)")
    parser.add_argument("--letters", type=int, nargs="+", default=[spelling.MIN_LETTERS], help="MIN_LETTERS values to compare")
    parser.add_argument("--slips", type=int, choices=(1, 2), default=1, help="slips in the one word (two: in a word of 8+ letters)")
    parser.add_argument("--two-slips-letters", type=int, nargs="+", help="compare TWO_SLIPS_LETTERS values instead of MIN_LETTERS")
    args = parser.parse_args(argv)

    encoder = load_encoder(BUNDLED_MODEL)
    constant, values = ("TWO_SLIPS_LETTERS", args.two_slips_letters) if args.two_slips_letters else ("MIN_LETTERS", args.letters)
    chosen = getattr(spelling, constant)
    head = " | ".join(f"{constant} {n}" for n in values)
    print(f"| agenda | queries (n) | mending off | {head} |\n|---|---|---|" + "---|" * len(values))
    for agenda_path, labels_path in DEFAULT_PAIRS:
        if not agenda_path.exists() or (args.only and labels_path.stem not in args.only):
            continue
        index = SearchIndex.build(load_agenda(agenda_path), encoder, args.cache_dir)
        labels = read_labels(labels_path)
        pairs = slipped_labels(labels, slips=args.slips)
        sets = (("clean", labels, [i.query for i in labels]), ("slipped", [i for i, _ in pairs], [q for _, q in pairs]))
        for name, items, queries in sets:
            if not items:
                continue
            cells = [hybrid_metrics(index, items, queries, mending=False)]
            for n in values:
                setattr(spelling, constant, n)
                cells.append(hybrid_metrics(index, items, queries, mending=True))
            setattr(spelling, constant, chosen)
            row = " | ".join(f"{p:.3f} / {d:.3f}" for p, d in cells)
            print(f"| {labels_path.stem} | {name} ({len(items)}) | {row} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
