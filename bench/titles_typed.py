"""What the title-typed benches share: every labelled agenda present and the five Mini-Conf sites read whole, each
session's title typed as a query (known-item search: the session it titles is the right answer, sessions with the same
title all count), and the labelled queries found in the top 3.

Used by ``bench/name_gaps.py`` and ``bench/series_numbers.py``; not run on its own.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@dataclass
class Agenda:
    name: str  # the label file's stem, "(site)" for a Mini-Conf site read whole
    index: object  # helper.search.index.SearchIndex
    titles: list[str]  # each distinct title once, as written: the queries
    labelled: list  # helper.eval.Labelled


def agendas(description: str, argv: list[str] | None) -> Iterator[Agenda]:
    """Parse ``--cache-dir`` and build each agenda present, one at a time."""
    from bench.absent_names import SITES
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS, LABELS, SHARED, pair_name, read_labels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    pairs = [(p, False) for p in DEFAULT_PAIRS] + [((SHARED / "agendas" / n, LABELS / f"{n}.jsonl"), True) for n in SITES]
    for (agenda_path, labels_path), site in pairs:
        if not agenda_path.exists():
            continue
        index = SearchIndex.build(load_agenda(agenda_path), encoder, args.cache_dir)
        titles = list(dict.fromkeys(t for t in index.sessions["title"] if t.strip()))
        labelled = read_labels(labels_path) if labels_path.exists() else []
        yield Agenda(pair_name((agenda_path, labels_path)) + (" (site)" if site else ""), index, titles, labelled)


def title_ranks(agenda: Agenda) -> np.ndarray:
    """Each title typed as a query: the rank of the best session of that title (1 = first)."""
    from helper.eval import normalise_title

    index = agenda.index
    written = np.asarray([normalise_title(t) for t in index.sessions["title"]])
    scores = index.scores([index.clean_query(q) for q in agenda.titles])
    return np.asarray([int((s > s[written == normalise_title(q)].max()).sum()) + 1 for q, s in zip(agenda.titles, scores)])


def labelled_found(agenda: Agenda) -> list[bool]:
    """Each labelled query: whether a relevant session is in its top 3."""
    from helper.eval import normalise_title

    index = agenda.index
    hits = index.search([item.query for item in agenda.labelled], 3)
    return [any(item.relevant.get(normalise_title(h.title), 0) > 0 for h in top) for item, top in zip(agenda.labelled, hits)]
