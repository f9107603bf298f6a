"""Compounds typed the other way: "finetuning" where the agenda writes "fine-tuning", "multi-modal" where it writes
"multimodal". What it costs, and what reading it as the agenda writes it gives back.

    python bench/compounds.py [--cache-dir /tmp/eval-cache] [--only NAME ...] [--most 40]

For each agenda present (helper.eval's, the real exports included), queries are made from the agenda's own words, so
nobody chooses them:

* **joined**: each compound the agenda writes with hyphens in 2 sessions up to 15% of them, and never joined, typed
  joined ("fine-tuning" -> "finetuning"); relevant: the sessions that write it;
* **hyphenated**: each word the agenda writes joined after a common prefix ("pretrained", "multimodal"), in 2
  sessions up to 15%, and never with a hyphen, typed with one ("pre-trained"); relevant: the sessions that write it.

Printed per agenda and kind: the hybrid's P@3 / nDCG@3 as the agenda writes the word, typed the other way with the
reading off (helper.search.spelling), and on; at most ``--most`` queries of each kind (seeded sample).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# prefixes people write both ways ("pre-trained", "pretrained"; "multimodal", "multi-modal")
PREFIXES = ("pre", "multi", "non", "sub", "self", "semi", "cross", "auto", "geo", "meta", "micro", "post", "hyper")
_FORM = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def compound_queries(titles, texts, most: int, seed: int = 5) -> dict[str, list[tuple[str, str, dict]]]:
    """Per kind: (as the agenda writes it, typed the other way, relevant titles) for the agenda's own compounds."""
    from helper.eval import normalise_title
    from helper.search.tokens import STOPWORDS

    holders: dict[str, set[int]] = {}
    for row, text in enumerate(texts):
        for form in set(_FORM.findall(text.lower())):
            holders.setdefault(form, set()).add(row)
    words = {f for f in holders if "-" not in f}
    low, high = 2, max(2, int(0.15 * len(texts)))

    def relevant(rows):
        return {normalise_title(titles[r]): 2 for r in rows}

    joined = [(form, form.replace("-", ""), relevant(rows)) for form, rows in holders.items()
              if "-" in form and low <= len(rows) <= high and form.replace("-", "") not in words and form.isascii()
              and not any(p in STOPWORDS or len(p) < 2 for p in form.split("-"))]
    hyphened = [(word, f"{p}-{word[len(p):]}", relevant(holders[word])) for word in words for p in PREFIXES
                if word.startswith(p) and len(word) >= len(p) + 4 and low <= len(holders[word]) <= high
                and f"{p}-{word[len(p):]}" not in holders and word.isascii() and word not in STOPWORDS]
    rng = random.Random(seed)
    return {kind: rng.sample(sorted(found), min(most, len(found))) for kind, found in (("joined", joined), ("hyphenated", hyphened))}


def main(argv: list[str] | None = None) -> int:
    from bench.slips import hybrid_metrics
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, Labelled, pair_name
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: none, embed afresh)")
    parser.add_argument("--only", action="append", metavar="NAME", help="only this labelled agenda (colt2020, 38c3, ...)")
    parser.add_argument("--most", type=int, default=40, help="queries of each kind per agenda, at most")
    parser.add_argument("--misses", action="store_true", help="list the queries not read as the agenda writes them")
    args = parser.parse_args(argv)

    encoder = load_encoder(BUNDLED_MODEL)
    print("| agenda | typed (n) | as the agenda writes it | the other way, reading off | **on** | read as written |")
    print("|---|---|---|---|---|---|")
    seen = set()
    for pair in DEFAULT_PAIRS:
        agenda_path, name = pair[0], pair_name(pair)
        if not agenda_path.exists() or agenda_path in seen or (args.only and name not in args.only):
            continue
        seen.add(agenda_path)
        index = SearchIndex.build(load_agenda(agenda_path), encoder, args.cache_dir)
        s = index.sessions
        texts = [f"{t} {' '.join(g)} {a}" for t, g, a in zip(s["title"], s["tags"], s["abstract"])]
        for kind, queries in compound_queries(list(s["title"]), texts, args.most).items():
            if not queries:
                print(f"| {name} | {kind} (0) | | | | |")
                continue
            labels = [Labelled(other, "compound", relevant) for _, other, relevant in queries]
            written = hybrid_metrics(index, labels, [w for w, _, _ in queries], mending=False)
            off = hybrid_metrics(index, labels, [o for _, o, _ in queries], mending=False)
            on = hybrid_metrics(index, labels, [o for _, o, _ in queries], mending=True)
            read = sum(index.speller.read_as(o) == w for w, o, _ in queries)
            if args.misses:
                print("  left:", [(o, index.speller.read_as(o)) for w, o, _ in queries if index.speller.read_as(o) != w])
            cells = " | ".join(f"{p:.3f} / {d:.3f}" for p, d in (written, off))
            print(f"| {name} | {kind} ({len(queries)}) | {cells} | **{on[0]:.3f} / {on[1]:.3f}** | {read} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
