"""Words of the agenda's other language: are they left as typed, and are slips in its own words still mended?

    python bench/languages.py [--cache-dir /tmp/eval-cache] [--words 3000]

For each agenda present (the real exports in ../shared/data/agendas, the sample, NAS 2021), the languages the
speller finds it written in (helper.search.spelling.agenda_languages), then, with the speller reading English words
only as words (before) and every language found (after):
* common words of a found language (wordfreq's most used, 4+ letters) the agenda never uses and English does not
  use often: how many are read as another word ("Garten" as 38C3's "arten"), which is wrong;
* the agenda's own words (4+ letters, used by two sessions or more; ``--words`` sampled, seeded) with one slip
  each: read back as the word, as another word, or left as typed.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def agendas() -> list[Path]:
    found = sorted(p for p in (SHARED / "agendas").glob("*/*") if p.name in ("papers.csv", "schedule.json") or p.suffix == ".xml")
    return found + [p for p in (Path("sessions.csv"), SHARED / "nas2021_sessions.csv") if p.exists()]


def spellers(index):
    """The index's speller as the app builds it, and one that takes English words only as words."""
    from helper.search import index as index_module

    found = index.speller
    chosen = index_module.agenda_languages
    index_module.agenda_languages = lambda *args: ("en",)
    try:
        del index.__dict__["speller"]
        english_only = index.speller
    finally:
        index_module.agenda_languages = chosen
    return english_only, found


def main(argv: list[str] | None = None) -> int:
    from wordfreq import top_n_list

    from bench.slips import _slip_once
    from helper.agenda.load import load_agenda
    from helper.agenda.text import fold
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.spelling import common_word

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--words", type=int, default=3000)
    args = parser.parse_args(argv)
    from helper.settings import BUNDLED_MODEL

    encoder = load_encoder(BUNDLED_MODEL)
    print("| agenda | languages found | other-language words read as another word: English only → found | "
          "slipped own words mended / wrong / left: English only → found |\n|---|---|---|---|")
    for path in agendas():
        index = SearchIndex.build(load_agenda(path), encoder, args.cache_dir)
        before, after = spellers(index)
        vocabulary = index.words().vocabulary
        uses = index.words().df
        others = [lang for lang in after._languages if lang != "en"]
        foreign = [w for lang in others for w in top_n_list(lang, 20000, wordlist="small")
                   if w.isalpha() and len(w) >= 4 and fold(w.lower()) not in vocabulary and not common_word(w)]
        misread = [sum(bool(s.corrections(w.capitalize())) for w in foreign) for s in (before, after)]
        rng = random.Random(7)
        own = sorted(w for w, col in vocabulary.items() if w.isalpha() and len(w) >= 4 and uses[col] >= 2)
        sample = rng.sample(own, min(args.words, len(own)))
        slipped = [(w, _slip_once(w, rng)) for w in sample]
        slipped = [(w, s) for w, s in slipped if s != w and s not in vocabulary]
        tallies = []
        for speller in (before, after):
            read = [dict(speller.corrections(s)).get(s, "") for _, s in slipped]
            right = sum(fold(r.lower()) == w for (w, _), r in zip(slipped, read))
            wrong = sum(bool(r) for r in read) - right
            tallies.append(f"{right} / {wrong} / {len(read) - right - wrong}")
        name = path.parent.name if path.parent.name != "data" and path.parent != Path(".") else path.stem
        print(f"| {name} | {', '.join(after._languages)} | {misread[0]} → {misread[1]} of {len(foreign)} | "
              f"{tallies[0]} → {tallies[1]} (of {len(slipped)}) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
