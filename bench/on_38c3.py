"""38C3's export and its index, as the benches of its German and its audiences read them (closed_compounds.py,
inflected_words.py, kids_level.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

EXPORT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "agendas" / "38c3" / "schedule-38c3-20251206.xml"


def arguments(description: str, argv: list[str] | None, *options: Callable[[argparse.ArgumentParser], object]) -> argparse.Namespace | None:
    """The bench's arguments (``--cache-dir`` and ``options``), or None, said, when ``../shared`` is absent."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cache-dir", type=Path, default=None)
    for add in options:
        add(parser)
    args = parser.parse_args(argv)
    if not EXPORT.exists():
        print("../shared/data/agendas is absent: nothing to measure")
        return None
    return args


def index(cache_dir: Path | None):
    """38C3's index with the bundled model (vectors cached in ``cache_dir``)."""
    from helper.agenda import load_agenda
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    return SearchIndex.build(load_agenda(EXPORT), load_encoder(BUNDLED_MODEL), cache_dir)
