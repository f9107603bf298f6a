"""A language typed into the query that the agenda gives no session in ("QGIS talks in Italian" at FOSS4G, all in
English; "… auf Französisch" at 38C3, German and English): kept as words, or read away?

    python bench/absent_languages.py [--cache-dir /tmp/eval-cache]

For the labelled agendas that say which language each session is held in (FOSS4G 2022, 38C3), every labelled query
typed with phrases asking for a language they lack, side by side in one run: the query alone, the phrase kept as words
(before the nineteenth session: ``handlers.read_language``) and read away (now). Printed per agenda and phrase: P@3 and hit@3 against
the query's labels.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHRASES = ["{} in Italian", "{} talks in French", "Spanish talks on {}", "{} auf Italienisch"]


def main(argv: list[str] | None = None) -> int:
    import argparse

    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, pair_name, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL
    from helper.web.handlers import public_reading

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    print("| agenda | phrase | queries | P@3 alone / as words / read away | hit@3 alone / as words / read away |")
    print("|---|---|---|---|---|")
    for pair in DEFAULT_PAIRS:
        if pair_name(pair) not in ("foss4g2022", "38c3") or not pair[0].exists():
            continue
        index = SearchIndex.build(load_agenda(pair[0]), encoder, args.cache_dir)
        labelled = read_labels(pair[1])
        before = datetime(2000, 1, 1, tzinfo=timezone.utc)  # no session has ended, none is "soon"

        def scored(hits_per_query) -> tuple[float, float]:
            return labelled_scores(labelled, hits_per_query)

        alone = scored(index.search([item.query for item in labelled], 3))
        for phrase in PHRASES:
            typed = [phrase.format(item.query) for item in labelled]
            readings = [public_reading(index, query, before) for query in typed]
            as_words = scored(index.search(typed, 3))
            read = scored(index.search([r.query for r in readings], 3, [r.mask for r in readings], cleaned=True))
            print(f"| {pair_name(pair)} | {phrase.format('…')} | {len(typed)} | {alone[0]:.3f} / {as_words[0]:.3f} / {read[0]:.3f} "
                  f"| {alone[1]:.3f} / {as_words[1]:.3f} / {read[1]:.3f} |")
    return 0


def labelled_scores(labelled: list, hits_per_query) -> tuple[float, float]:
    """P@3 and hit@3 of each labelled query's hits, averaged."""
    from helper.eval import normalise_title

    right = [[item.relevant.get(normalise_title(h.title), 0) > 0 for h in hits] for item, hits in zip(labelled, hits_per_query)]
    return sum(sum(r) / 3 for r in right) / len(right), sum(any(r) for r in right) / len(right)


if __name__ == "__main__":
    raise SystemExit(main())
