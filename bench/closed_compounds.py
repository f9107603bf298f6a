"""A German compound 38C3 never writes ("Wahlcomputer"): do the top 3 speak of both its parts?

    python bench/closed_compounds.py [--cache-dir /tmp/eval-cache] [--queries 200] [--seed 1]

Nobody here chose the queries: they are the words of wordfreq's large German list (its 100,000 most used) of 9 letters
or more that no session of 38C3 uses, no speaker is named and English does not use often, which the rule
(``helper.search.closed_compounds``) reads as two words of the agenda; a seeded sample of them. Each is searched as
typed, side by side in one run, with the rule off (the model reads the word as typed; for the words it weighs as the
agenda's rarest and no session holds it) and on: the words read the two words, the model the word as typed and the two
(``MODEL_READS``), or, to compare, the two alone or the word as typed alone. Judges looser than the rule, which reads
whole words: a top-3 session speaks of a part when a word of its title, tags or abstract contains it ("wahl" in
"Landtagswahlen" too); "both" when it speaks of both. Also printed: how many queries the page answers "nothing close",
the words left as typed by each guard, and the splits themselves, to read by eye.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import on_38c3  # noqa: E402

WORDS = 100_000  # wordfreq's most used German words read


def main(argv: list[str] | None = None) -> int:
    from unittest import mock

    from wordfreq import iter_wordlist

    from helper.agenda.text import fold
    from helper.search.closed_compounds import MODEL_READS, best_split, english_word
    from helper.search.spelling import Speller
    from helper.search.tokens import words
    from helper.web.handlers import nothing_close

    queries = lambda parser: parser.add_argument("--queries", type=int, default=200)  # noqa: E731
    seed = lambda parser: parser.add_argument("--seed", type=int, default=1)  # noqa: E731
    if (args := on_38c3.arguments(__doc__.splitlines()[0], argv, queries, seed)) is None:
        return 0
    index = on_38c3.index(args.cache_dir)
    agenda = index.agenda
    lexical = index.words()
    names = set(lexical.name_words())
    split, refused = {}, {"English": [], "no rarer than its parts": []}
    for n, typed in enumerate(iter_wordlist("de", "large")):
        if n >= WORDS:
            break
        word = fold(typed)
        if len(word) < 9 or not word.isalpha():
            continue
        if word in names:
            continue
        if parts := lexical.closed_parts(word):
            split[typed] = parts
        elif lexical._in_agenda_number(word) == word and not lexical._held_by_some(word) and (
            parts := best_split(word, lexical._sessions_using)
        ):
            refused["English" if english_word(word) else "no rarer than its parts"].append(f"{typed} = {' + '.join(parts)}")
    typed_words = random.Random(args.seed).sample(sorted(split), min(args.queries, len(split)))
    fields = zip(agenda.sessions["title"], agenda.sessions["tags"], agenda.sessions["abstract"])
    texts = [" ".join(words(f"{title} {' '.join(tags)} {abstract}")) for title, tags, abstract in fields]
    print(f"38C3: {len(split)} of wordfreq's {WORDS:,} most used German words read as two of its words; {len(typed_words)} sampled")
    for why, found in refused.items():
        print(f"left as typed, {why}: {len(found)}, such as {', '.join(random.Random(args.seed).sample(found, min(12, len(found))))}")
    print()
    answerable = {typed for typed in typed_words if any(_speaks_of(text, split[typed]) for text in texts)}
    print(f"{len(answerable)} of them have some session speaking of both parts\n")
    print("| rule | top 3 speaking of both parts (answerable) | some of the top 3 does | top 3 speaking of the head "
          "| of the modifier | nothing close |")
    print("|---|---|---|---|---|---|")
    rules = {"off": None, "on (the model reads the word as typed and the two words: kept)": MODEL_READS,
             "on, the model reading the two words alone": ("parts",), "on, the model reading the word as typed alone": ("typed",)}
    for rule, model_reads in rules.items():
        index.speller._cached.cache_clear()  # the speller keeps its readings of each text
        off = mock.patch.object(Speller, "_closed", lambda self, word: "")
        with off if model_reads is None else mock.patch("helper.search.spelling.MODEL_READS", model_reads):
            found = index.search(typed_words, k=3)
            both = hit = head = modifier = far = 0
            for typed, hits in zip(typed_words, found):
                first, last = split[typed]
                held = [texts[index.row_of(h.id)] for h in hits]
                head += sum(last in text for text in held)
                modifier += sum(first in text for text in held)
                if typed in answerable:
                    both += sum(_speaks_of(text, split[typed]) for text in held)
                    hit += any(_speaks_of(text, split[typed]) for text in held)
                far += nothing_close(index, index.clean_query(typed), hits)
        places = 3 * len(typed_words)
        print(f"| {rule} | {both / (3 * len(answerable)):.2f} | {hit / len(answerable):.2f} | {head / places:.2f} "
              f"| {modifier / places:.2f} | {far} of {len(typed_words)} |")
    print("\nThe splits, to read:", ", ".join(f"{typed} = {' + '.join(split[typed])}" for typed in typed_words[:60]))
    return 0


def _speaks_of(text: str, parts: tuple[str, str]) -> bool:
    """Whether words of ``text`` (folded, joined by spaces) contain both ``parts``."""
    return all(part in text for part in parts)


if __name__ == "__main__":
    raise SystemExit(main())
