"""Compounds typed the other way: "finetuning" where the agenda writes "fine-tuning", "multi-modal" where it writes
"multimodal". What it costs, and what reading it as the agenda writes it gives back.

    python bench/compounds.py [--cache-dir /tmp/eval-cache] [--only NAME ...] [--most 40]

For each agenda present (helper.eval's, the real exports included), queries are made from the agenda's own words, so
nobody chooses them:

* **joined**: each compound the agenda writes with hyphens in 2 sessions up to 15% of them, and never joined, typed
  joined ("fine-tuning" -> "finetuning"); relevant: the sessions that write it;
* **hyphenated**: each word the agenda writes joined after a common prefix ("pretrained", "multimodal"), in 2
  sessions up to 15%, and never with a hyphen, typed with one ("pre-trained"); relevant: the sessions that write it;
* **two words**: each word another agenda writes joined ("dataset", "workflow") that this one writes as two words
  side by side in 2 sessions up to 15%, and never joined, typed joined; relevant: the sessions that write the two.

Printed per agenda and kind: the hybrid's P@3 / nDCG@3 as the agenda writes the word, typed the other way with the
reading off (helper.search.spelling), and on; at most ``--most`` queries of each kind (seeded sample). With
``--slip``, each word typed the other way also holds one slip of the hand (bench/slips.py's, seeded): "finetunng".
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


def forms(texts) -> dict[str, set[int]]:
    """Each word or hyphenated compound of ``texts`` (lower case) -> the rows that write it."""
    holders: dict[str, set[int]] = {}
    for row, text in enumerate(texts):
        for form in set(_FORM.findall(text.lower())):
            holders.setdefault(form, set()).add(row)
    return holders


def compound_queries(titles, texts, most: int, elsewhere: set[str] = frozenset(), seed: int = 5) -> dict[str, list[tuple[str, str, dict]]]:
    """Per kind: (as the agenda writes it, typed the other way, relevant titles) for the agenda's own compounds;
    ``elsewhere``: words other agendas write."""
    from helper.eval import normalise_title
    from helper.search.tokens import STOPWORDS

    holders = forms(texts)
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
    pairs: dict[str, set[int]] = {}
    for row, text in enumerate(texts):
        found = _FORM.findall(text.lower())
        for a, b in {(a, b) for a, b in zip(found, found[1:]) if len(a) >= 3 and len(b) >= 3}:
            if a + b in elsewhere and a + b not in words and a not in STOPWORDS and b not in STOPWORDS:
                pairs.setdefault(f"{a} {b}", set()).add(row)
    apart = [(pair, pair.replace(" ", ""), relevant(rows)) for pair, rows in pairs.items() if low <= len(rows) <= high and pair.isascii()]
    rng = random.Random(seed)
    kinds = (("joined", joined), ("hyphenated", hyphened), ("two words", apart))
    return {kind: rng.sample(sorted(found), min(most, len(found))) for kind, found in kinds}


def main(argv: list[str] | None = None) -> int:
    from bench.slips import _slip_once, hybrid_metrics
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
    parser.add_argument("--slip", action="store_true", help="one slip of the hand in each word typed the other way, too")
    args = parser.parse_args(argv)
    rng = random.Random(3)

    encoder = load_encoder(BUNDLED_MODEL)
    print("| agenda | typed (n) | as the agenda writes it | the other way, reading off | **on** | read as written |")
    print("|---|---|---|---|---|---|")
    agendas = {}
    for pair in DEFAULT_PAIRS:
        if pair[0].exists() and pair[0] not in {path for path, _ in agendas.values()}:
            agenda = load_agenda(pair[0])
            s = agenda.sessions
            agendas[pair_name(pair)] = (pair[0], agenda)
    texts_of = {name: [" | ".join([t, *g, a]) for t, g, a in zip(a.sessions["title"], a.sessions["tags"], a.sessions["abstract"])]
                for name, (_, a) in agendas.items()}
    joined_words = {name: {f for f in forms(texts) if "-" not in f} for name, texts in texts_of.items()}
    for name, (agenda_path, agenda) in agendas.items():
        if args.only and name not in args.only:
            continue
        index = SearchIndex.build(agenda, encoder, args.cache_dir)
        s = index.sessions
        elsewhere = set().union(*(w for other, w in joined_words.items() if other != name))
        for kind, queries in compound_queries(list(s["title"]), texts_of[name], args.most, elsewhere).items():
            if args.slip:
                queries = [(w, slipped, r) for w, o, r in queries if (slipped := _slip_once(o, rng)) != o]
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
