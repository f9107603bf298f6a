"""A stop word of another language typed with its accent ("Vorträge über QGIS", "… für Anfänger"): a word of the query,
or no word at all?

    python bench/accented_stopwords.py [--cache-dir /tmp/eval-cache]

Folded, "über" is "uber" and "für" is "fur": at FOSS4G "Vorträge über QGIS" answered the talk on Uber's H3 first
("Mentions uber"). Every labelled topic and keyword query of each labelled agenda, typed with each phrase below, side
by side in one run: the query alone, the accented stop words read as words (before the twentieth session) and read as
stop words (now: ``spelling.accented_stopwords``). Printed per agenda and phrase: P@3 and hit@3 against the query's
labels, and how many top 3s the rule changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHRASES = ["talks über {}", "Vorträge über {}", "{} für Anfänger", "{} più recenti"]
KINDS = ("topic", "keyword")


def main(argv: list[str] | None = None) -> int:
    import argparse

    import helper.search.lexical as lexical
    from helper.agenda import load_agenda
    from bench.absent_languages import labelled_scores
    from helper.eval import DEFAULT_PAIRS, pair_name, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    rule = lexical.accented_stopwords
    print("| agenda | phrase | queries | P@3 alone / as words / stop words | hit@3 alone / as words / stop words | top 3s changed |")
    print("|---|---|---|---|---|---|")
    for pair in DEFAULT_PAIRS:
        labelled = [item for item in read_labels(pair[1]) if item.kind in KINDS] if pair[0].exists() else []
        if not labelled:
            continue
        index = SearchIndex.build(load_agenda(pair[0]), encoder, args.cache_dir)

        def scored(hits_per_query) -> tuple[float, float]:
            return labelled_scores(labelled, hits_per_query)

        alone = scored(index.search([item.query for item in labelled], 3))
        for phrase in PHRASES:
            typed = [phrase.format(item.query) for item in labelled]
            lexical.accented_stopwords = lambda text: frozenset()
            try:
                off = index.search(typed, 3)
            finally:
                lexical.accented_stopwords = rule
            on = index.search(typed, 3)
            changed = sum([h.id for h in a] != [h.id for h in b] for a, b in zip(off, on))
            as_words, stopped = scored(off), scored(on)
            print(f"| {pair_name(pair)} | {phrase.format('…')} | {len(typed)} | {alone[0]:.3f} / {as_words[0]:.3f} / {stopped[0]:.3f} "
                  f"| {alone[1]:.3f} / {as_words[1]:.3f} / {stopped[1]:.3f} | {changed} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
