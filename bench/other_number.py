"""A word typed in the other number ("keynotes" where the agenda says "Keynote"): found with and without the rule?

    python bench/other_number.py [--cache-dir /tmp/eval-cache]

On each agenda (the sample, NAS 2021, the five Mini-Conf sites read whole, FOSS4G, 38C3): the words that titles, tags
or tracks of at least two sessions use (four letters or more), typed alone in the other number when that form is an
English word (wordfreq, Zipf 3 or more) the agenda never uses: up to 40 a agenda, drawn with a fixed seed. A query is
found when its first answer holds the word in its title, tags or track and the page does not say "nothing close".
Printed side by side with the rule off (the word read as typed) and on (``LexicalIndex.terms``).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.venue_words import agendas  # noqa: E402

PER_AGENDA = 40


def main(argv: list[str] | None = None) -> int:
    from wordfreq import zipf_frequency

    from helper.agenda import load_agenda
    from helper.search import lexical as lexical_module
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.tokens import other_numbers, session_labels, tag_text, words
    from helper.settings import BUNDLED_MODEL
    from helper.web.handlers import nothing_close

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    encoder = load_encoder(BUNDLED_MODEL)
    kept = lexical_module.LexicalIndex._in_agenda_number
    print("| agenda | words | found, read as typed | found, in the agenda's number | examples (off -> on) |")
    print("|---|---|---|---|---|")
    totals = [0, 0, 0]
    for name, path in agendas():
        index = SearchIndex.build(load_agenda(path), encoder, args.cache_dir)
        s, lexical = index.sessions, index.words()
        declares = [set(words(t)) | set(words(tag_text(session_labels(g, k)))) for t, g, k in zip(s["title"], s["tags"], s["track"])]
        counts: dict[str, int] = {}
        for held in declares:
            for word in held:
                counts[word] = counts.get(word, 0) + 1
        pairs = sorted({(word, form) for word, n in counts.items() if n >= 2 and len(word) >= 4 and word.isalpha()
                        for form in other_numbers(word)[:1] if form not in lexical.vocabulary and zipf_frequency(form, "en") >= 3})
        pairs = random.Random(7).sample(pairs, min(PER_AGENDA, len(pairs)))
        found = []
        for rule in (False, True):
            lexical_module.LexicalIndex._in_agenda_number = kept if rule else (lambda self, word: word)
            try:
                hits = index.search([form for _w, form in pairs], k=3)
                found.append([bool(h) and word in declares[index.row_of(h[0].id)] and not nothing_close(index, form, h)
                              for (word, form), h in zip(pairs, hits)])
            finally:
                lexical_module.LexicalIndex._in_agenda_number = kept
        changed = [form for (_w, form), before, after in zip(pairs, *found) if before != after][:4]
        print(f"| {name} | {len(pairs)} | {sum(found[0])} | {sum(found[1])} | {', '.join(changed)} |")
        totals = [totals[0] + len(pairs), totals[1] + sum(found[0]), totals[2] + sum(found[1])]
    print(f"| all | {totals[0]} | {totals[1]} | {totals[2]} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
