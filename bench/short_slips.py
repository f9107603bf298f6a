"""Slips in three-letter words: what mending them would read right, and which acronyms typed right it would misread.

    python bench/short_slips.py [--cache-dir /tmp/eval-cache]

The speller mends words of ``MIN_LETTERS`` (4) letters or more. For each agenda present (the real exports, the
sample, NAS 2021), with ``MIN_LETTERS`` at 4 (as kept) and at 3 under three guards:
* the agenda's own words of 3 or 4 letters (two sessions or more) with a seeded slip that leaves 3 letters ("nws" for
  "news"): read back right / read as another word / left as typed;
* acronyms typed right that this agenda never uses: every 3-letter capitalised word of all the agendas' titles and
  abstracts ("GPU", "MCP", "AES"), lower-cased as a phone types them: how many are read as another word (all wrong).
Guards: ``any`` (any slip), ``first kept`` (the first letter is the agenda word's), ``dropped`` (a letter left out,
not the first: "nws" from "news", never "gpt" from "got").
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _dropped(typed: str, word: str) -> bool:
    """``typed`` is ``word`` with one letter left out, not its first."""
    return len(word) == len(typed) + 1 and typed[0] == word[0] and any(word[:i] + word[i + 1 :] == typed for i in range(1, len(word)))


def guards(slip):
    """Name -> (MIN_LETTERS, the speller's slip test) for each variant compared."""
    return {
        "4 (kept)": (4, slip),
        "3, any": (3, slip),
        "3, first kept": (3, lambda t, w: (len(t) > 3 or t[0] == w[0]) and slip(t, w)),
        "3, dropped": (3, lambda t, w: (len(t) > 3 or _dropped(t, w)) and slip(t, w)),
    }


def main(argv: list[str] | None = None) -> int:
    from bench.languages import agendas
    from bench.slips import _slip_once
    from helper.agenda.load import load_agenda
    from helper.agenda.text import fold
    from helper.search import spelling
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    loaded = [(path, load_agenda(path)) for path in agendas()]
    capitals = {a for _, agenda in loaded for text in (*agenda.sessions["title"], *agenda.sessions["abstract"]) for a in re.findall(r"\b[A-Z]{3}\b", str(text))}
    acronyms = sorted({a.lower() for a in capitals})
    variants = guards(spelling._slip)
    kept = spelling.MIN_LETTERS, spelling._slip
    print(f"{len(acronyms)} acronyms\n\n| agenda | " + " | ".join(f"{v}: right / wrong / left; acronyms misread" for v in variants) + " |")
    print("|---|" + "---|" * len(variants))
    totals = {v: [0, 0, 0, 0, 0] for v in variants}
    for path, agenda in loaded:
        index = SearchIndex.build(agenda, encoder, args.cache_dir)
        vocabulary, uses = index.words().vocabulary, index.words().df
        rng = random.Random(7)
        own = sorted(w for w, col in vocabulary.items() if w.isalpha() and len(w) in (3, 4) and uses[col] >= 2)
        slipped = list(dict.fromkeys((w, s) for w in own for s in (_slip_once(w, rng) for _ in range(3)) if len(s) == 3 and s not in vocabulary))
        typed_right = [a for a in acronyms if a not in vocabulary]
        cells = []
        try:
            for variant, (letters, slip) in variants.items():
                spelling.MIN_LETTERS, spelling._slip = letters, slip
                index.__dict__.pop("speller", None)
                speller = index.speller
                read = [dict(speller.corrections(s)).get(s, "") for _, s in slipped]
                right = sum(fold(r.lower()) == w for (w, _), r in zip(slipped, read))
                wrong = sum(bool(r) for r in read) - right
                misread = sum(bool(speller.corrections(a)) for a in typed_right)
                cells.append(f"{right} / {wrong} / {len(read) - right - wrong}; {misread} of {len(typed_right)}")
                for i, n in enumerate((right, wrong, len(read), misread, len(typed_right))):
                    totals[variant][i] += n
        finally:
            spelling.MIN_LETTERS, spelling._slip = kept
            index.__dict__.pop("speller", None)
        name = path.parent.name if path.parent.name != "data" and path.parent != Path(".") else path.stem
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    print("| all | " + " | ".join(f"{r} / {w} / {n - r - w}; {m} of {a}" for r, w, n, m, a in totals.values()) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
