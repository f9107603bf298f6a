"""A speaker whose one-word name is a common word ("Ray", "Neo", "FrauD", "tree" at 38C3): named by a topic query that
holds the word ("ray tracing", "neo nazis", "fraud detection"), or only when the query asks for the person?

    python bench/common_handles.py

For every agenda present (the sixteen exports and the sets written here): each one-word speaker name that is a common
word of the agenda's languages. Asked for the person, three ways: the name as written, "talks by <name>", and the name
with the first word of their first title; what should name them. Asked for a topic: each pair of words another
session's title or abstract writes with the name's word beside a word that is not a stop word ("fraud detection",
"minor parties"); what should not. Side by side in one run, the name matcher without and with the rule
(``NameIndex._handle_as_word``): how many of each name the person. The lexical signals only: no model.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def agendas_with_names():
    """Each labelled agenda present (helper.eval's pairs): its pair, sessions and lexical index (names and all)."""
    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS
    from helper.search.lexical import LexicalIndex

    for pair in DEFAULT_PAIRS:
        if pair[0].exists():
            sessions = load_agenda(pair[0]).sessions
            yield pair, sessions, LexicalIndex(sessions)


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    from helper.eval import pair_name
    from helper.search.lexical import LexicalIndex
    from helper.search.names import NameIndex, name_tokens
    from helper.search.spelling import common_word
    from helper.search.tokens import STOPWORDS, words

    rule = NameIndex._handle_as_word
    print("| agenda | common-word names | asked for the person: named off / on | topic phrases: named off / on |")
    print("|---|---|---|---|")
    for pair, sessions, lexical in agendas_with_names():
        names = lexical._names
        handles: dict[str, set[int]] = {}
        for name in np.flatnonzero(names.person & (names.length == 1)):
            word = name_tokens(names.displays[name])[0]
            if len(words(names.displays[name])) == 1 and common_word(word, lexical.written_in):
                handles.setdefault(word, set()).add(int(names.owner[name]))
        person, topic = [], []
        for word, rows in sorted(handles.items()):
            display = next(d for d in names.displays if words(d) == [word])
            own_title = next((w for w in words(sessions["title"].iat[min(rows)]) if w not in STOPWORDS and w != word), None)
            person += [(q, rows) for q in (display, f"talks by {display}", f"{display} {own_title}" if own_title else display)]
            for row, (title, abstract) in enumerate(zip(sessions["title"], sessions["abstract"])):
                if row in rows:
                    continue
                typed = words(f"{title} {abstract}")
                for i, w in enumerate(typed[:-1]):
                    if w == word and typed[i + 1] not in STOPWORDS and typed[i + 1] != word and not typed[i + 1].isdigit():
                        topic.append((f"{w} {typed[i + 1]}", rows))
        topic = list(dict.fromkeys((q, frozenset(r)) for q, r in topic))
        person = [(q, frozenset(r)) for q, r in person]
        row = []
        for on in (False, True):
            NameIndex._handle_as_word = rule if on else (lambda self, typed, name: False)
            try:
                lexical = LexicalIndex(sessions)
                for queries in (person, topic):
                    strength = lexical.name_matches([q for q, _ in queries]) if queries else []
                    row.append(sum(bool(s[list(rows)].max() > 0) for s, (_, rows) in zip(strength, queries)))
            finally:
                NameIndex._handle_as_word = rule
        print(f"| {pair_name(pair)} | {len(handles)} | {row[0]} / {row[2]} of {len(person)} | {row[1]} / {row[3]} of {len(topic)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
