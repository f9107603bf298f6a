"""A German word typed in another case or number than 38C3 writes it ("Routern" where it says "Router"): found?

    python bench/inflected_words.py [--cache-dir /tmp/eval-cache]

The German words that titles, tags or tracks of at least two 38C3 sessions use (five letters or more, more used in
German than in English by wordfreq), each typed alone in
another form made with German's endings (its base and "-e", "-en", "-n", "-s", "-es", "-er", "-ern", "-ns"), when that
form is a German word (wordfreq, Zipf 2 or more), English does not use often (below 3) and no session writes it: up
to 80, drawn with a fixed seed. A query is found when its first answer's title, tags or track hold the word itself and
the page does not say "nothing close" (the stemmer plays no part in the judge). Side by side in one run: the rule off
(the form weighs as the agenda's rarest word) and on (``LexicalIndex._inflected``).
"""

from __future__ import annotations

import random
import sys
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import on_38c3  # noqa: E402

PAIRS = 80
ENDINGS = ("ern", "ns", "en", "es", "er", "e", "n", "s", "")  # the longest first, to find a word's base


def main(argv: list[str] | None = None) -> int:
    from unittest import mock

    from wordfreq import zipf_frequency

    from helper.search.lexical import LexicalIndex
    from helper.search.tokens import session_labels, tag_text, words
    from helper.web.handlers import nothing_close

    if (args := on_38c3.arguments(__doc__.splitlines()[0], argv)) is None:
        return 0
    index = on_38c3.index(args.cache_dir)
    s, lexical = index.sessions, index.words()
    declares = [set(words(f"{t} {tag_text(session_labels(g, k))}")) for t, g, k in zip(s["title"], s["tags"], s["track"])]
    counts: dict[str, int] = {}
    for held in declares:
        for word in held:
            counts[word] = counts.get(word, 0) + 1
    pairs = set()
    for word, n in counts.items():
        if n < 2 or len(word) < 5 or not word.isalpha() or zipf_frequency(word, "de") <= zipf_frequency(word, "en"):
            continue  # a German word of the agenda's: "Router" (more German than English), not "using"
        base = next(word[: len(word) - len(e)] for e in ENDINGS if word.endswith(e) and len(word) - len(e) >= 4)
        for form in (base + e for e in ENDINGS):
            if form != word and form not in lexical.vocabulary and zipf_frequency(form, "de") >= 2 and zipf_frequency(form, "en") < 3:
                pairs.add((word, form))
    pairs = random.Random(7).sample(sorted(pairs), min(PAIRS, len(pairs)))
    found = {}
    for rule in ("off", "on"):
        with mock.patch.object(LexicalIndex, "_inflected", lambda self, word: "") if rule == "off" else nullcontext():
            hits = index.search([form for _word, form in pairs], k=3)
            found[rule] = [bool(h) and word in declares[index.row_of(h[0].id)] and not nothing_close(index, form, h)
                           for (word, form), h in zip(pairs, hits)]
    print(f"38C3: {len(pairs)} title words typed in another form; first answer holds the word: read as typed "
          f"{sum(found['off'])}, in the agenda's form {sum(found['on'])}")
    lost = [form for (_w, form), before, after in zip(pairs, found["off"], found["on"]) if before and not after]
    print("found off, not on:", ", ".join(lost) or "none")
    print("read as:", ", ".join(f"{form} -> {lexical._inflected(form) or '-'} ({word})" for word, form in pairs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
