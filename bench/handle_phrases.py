"""A speaker's one-word name (a handle: 38C3's "Sec", "Moritz", "FrauD") typed beside a word another session writes
beside it ("IT Sec", "Moritz Simon", "tax fraud"): the name, or that session's words?

    python bench/handle_phrases.py [--show]   # --show: the queries each rule names wrong

For every agenda present (the sixteen exports and the sets written here): each one-word speaker name. Asked for the
person, four ways: the name as written, "talks by <name>", "<name>'s talk", and the name with the first word of their
first title; what should name them. Typed as another session writes it: each pair of words that a title or abstract of
a session not theirs writes with the name's word beside a word that is no stop word of the agenda's languages ("von
Moritz" asks for Moritz) or is an acronym in capitals ("IT Sec"), and that the person's own sessions do not use ("Hosts
neox" where neox hosts), kept as written; what should not. Side by side in one run, the name matcher with no phrase rule, with the
phrases of titles only (the rule until the twenty-third session) and with those of titles and abstracts
(``NameIndex._written_phrase``): how many of each name the person. The lexical signals only: no model.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RULES = ("no phrase rule", "titles only", "titles and abstracts")


def main(argv: list[str] | None = None) -> int:
    from bench.common_handles import agendas_with_names
    from helper.eval import pair_name
    from helper.search import names as names_module
    from helper.search.lexical import LexicalIndex
    from helper.search.names import NameIndex, name_tokens
    from helper.search.tokens import STOPWORDS, words

    beside_rule, phrase_rule = names_module._written_beside, NameIndex._written_phrase
    variants = {
        RULES[0]: (beside_rule, lambda self, typed, name: False),
        RULES[1]: (lambda texts, own, stopwords: beside_rule(((row, title, "") for row, title, _ in texts), own, stopwords), phrase_rule),
        RULES[2]: (beside_rule, phrase_rule),
    }
    print(f"| agenda | one-word names | asked for the person: named ({' / '.join(RULES)}) | another session's phrase: named |")
    print("|---|---|---|---|")
    for pair, sessions, lexical in agendas_with_names():
        names = lexical._names
        stopwords = names.stopwords
        handles = names.handles
        if not handles:
            continue
        person, phrases = [], []
        for word, rows in sorted(handles.items()):
            display = next(d for d in names.displays if name_tokens(d) == (word,))
            own_title = next((w for w in words(sessions["title"].iat[min(rows)]) if w not in STOPWORDS and w != word), None)
            asked = (display, f"talks by {display}", f"{display}'s talk", f"{display} {own_title}" if own_title else display)
            person += [(q, frozenset(rows)) for q in asked]
            own_words = {w for row in rows for w in words(f"{sessions['title'].iat[row]} {sessions['abstract'].iat[row]}")}
            for row, text in enumerate(f"{t}\n{a}" for t, a in zip(sessions["title"], sessions["abstract"])):
                if row in rows:
                    continue
                found = list(re.finditer(r"\w+", text))
                written = [m.group() for m in found]
                for i, w in enumerate(written):
                    if words(w) != [word]:
                        continue
                    for j in (i - 1, i + 1):
                        a, b = sorted((i, j))
                        joined = 0 <= j < len(written) and re.fullmatch(r"[\s'’-]*", text[found[a].end() : found[b].start()])
                        other = written[j] if joined else ""  # no punctuation between: one phrase
                        folded = words(other)
                        if len(other) > 1 and folded != [word] and folded[0] not in own_words - stopwords and (
                            folded[0] not in stopwords or other.isupper()
                        ):
                            phrases.append((f"{other} {w}" if j < i else f"{w} {other}", frozenset(rows)))
        phrases = list(dict.fromkeys(phrases))
        counts, named = [], []
        for rule in RULES:
            names_module._written_beside, NameIndex._written_phrase = variants[rule]
            try:
                under_rule = LexicalIndex(sessions)
                hits = [
                    [q for s, (q, rows) in zip(under_rule.name_matches([q for q, _ in queries]), queries) if s[list(rows)].max() > 0]
                    if queries else []
                    for queries in (person, phrases)
                ]
            finally:
                names_module._written_beside, NameIndex._written_phrase = beside_rule, phrase_rule
            counts.append([len(h) for h in hits])
            named.append(hits)
        asked_cell = " / ".join(str(c[0]) for c in counts)
        phrase_cell = " / ".join(str(c[1]) for c in counts)
        print(f"| {pair_name(pair)} | {len(handles)} | {asked_cell} of {len(person)} | {phrase_cell} of {len(phrases)} |")
        if "--show" in (argv if argv is not None else sys.argv[1:]):
            for rule, (asked, phrased) in zip(RULES, named):
                print(f"  {rule}: asked for, not named {sorted(set(q for q, _ in person) - set(asked))}; phrases named {sorted(phrased)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
