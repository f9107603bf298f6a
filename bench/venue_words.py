"""Words every venue hears ("lunch", "wifi", "party"): does a passing mention in some abstract answer them?

    python bench/venue_words.py [--cache-dir /tmp/eval-cache]

Each word below is typed alone on every agenda present: the sample, NAS 2021, the five Mini-Conf sites read whole
(papers and calendar events), FOSS4G's pretalx schedule and 38C3's frab XML. A word is "declared" on an agenda when a
session holds it in its title, tags or track (a session says it is about it: "Lunch", "Workshop" tagged); else any
answer comes from an abstract. Printed side by side, with the abstract-mention rule off (``MENTION_NEAR`` = 0: every
abstract word counts by how few sessions use it) and at each candidate: per agenda, the declared words whose first
answer declares the word (nothing lost), the undeclared words answered by a session whose abstract mentions the word
and whose cosine is below 0.1 (the model sees it as unrelated), the undeclared words with "nothing close", and every
first answer that changed, to read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ("lunch", "coffee", "breakfast", "dinner", "party", "reception", "registration", "wifi", "networking", "jobs",
         "awards", "closing", "opening", "parking", "childcare", "sponsors", "posters", "keynote", "workshop", "tutorial",
         "social", "panel", "music", "games", "beer")
FAR = 0.1  # a cosine below this: the model sees the session as unrelated to the word


def agendas() -> list[tuple[str, Path]]:
    """The sample, NAS 2021, the five Mini-Conf sites read whole (``absent_names.SITES``), FOSS4G and 38C3, where present."""
    from bench.absent_names import SITES
    from helper.eval import REAL_AGENDAS, REPO_PAIRS, SHARED, pair_name

    paths = [(pair_name(pair), pair[0]) for pair in REPO_PAIRS if pair_name(pair) != "miniconf"]
    paths += [(name, SHARED / "agendas" / name) for name in SITES]
    paths += [(name, SHARED / "agendas" / REAL_AGENDAS[name]) for name in ("foss4g2022", "38c3")]
    return [(name, path) for name, path in paths if path.exists()]


def main(argv: list[str] | None = None) -> int:
    from helper.agenda import load_agenda
    from helper.search import ranking
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.tokens import session_labels, tag_text, words
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--near", type=float, nargs="+", default=[0.0, 0.05, 0.1, 0.15, 0.2])
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    kept = ranking.MENTION_NEAR
    print(f"Rule in use: MENTION_NEAR = {kept}. Columns per candidate: declared words answered by a session declaring them | "
          f"undeclared words answered by a far abstract mention (cosine < {FAR}) | undeclared words with 'nothing close'\n")
    print("| agenda | declared / undeclared | " + " | ".join(f"near {n}" for n in args.near) + " |")
    print("|---|---|" + "---|" * len(args.near))
    changes = []
    try:
        for name, path in agendas():
            index = SearchIndex.build(load_agenda(path), encoder, args.cache_dir)
            s = index.sessions
            declares = [set(words(t)) | set(words(tag_text(session_labels(g, k)))) for t, g, k in zip(s["title"], s["tags"], s["track"])]
            declared = [any(w in d for d in declares) for w in WORDS]
            cells, firsts = [], []
            for near in args.near:
                ranking.MENTION_NEAR = near
                hits = index.search(list(WORDS), k=3)
                dense = index.scores(list(WORDS), "dense")
                right = far = nothing = 0
                first = []
                for q, (word, found) in enumerate(zip(WORDS, hits)):
                    top = found[0]
                    row = index.row_of(top.id)
                    close = not ranking.far_from_query(top.score, index.holds(word, found))
                    first.append(top.title if close else "(nothing close)")
                    if declared[q]:
                        right += close and word in declares[row]
                    elif not close:
                        nothing += 1
                    elif word in top.why.words and word not in declares[row] and dense[q, row] < FAR:
                        far += 1
                cells.append(f"{right} | {far} | {nothing}")
                firsts.append(first)
            print(f"| {name} | {sum(declared)} / {len(WORDS) - sum(declared)} | " + " | ".join(cells) + " |")
            base = firsts[0]
            at = args.near.index(kept) if kept in args.near else -1
            for q, word in enumerate(WORDS):
                if at >= 0 and firsts[at][q] != base[q]:
                    changes.append(f"- {name} '{word}': {base[q][:70]} -> {firsts[at][q][:70]}")
    finally:
        ranking.MENTION_NEAR = kept
    print(f"\nFirst answers that change with the rule in use (near {kept}), off -> on:")
    print("\n".join(changes) or "- none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
