"""Someone from an organisation: are that organisation's sessions in the top 3 however its name is typed?

    python bench/affiliations.py [--cache-dir /tmp/eval-cache] [--checkout DIR]

"someone from Vanderbilt" is how attendees ask for an organisation. Two agendas here say who is from where: the
sample (Whova's "Speaker N Organization" columns) and ISMIR 2023 (the affiliation in brackets after each author,
"Ana Ruiz (Universitat Pompeu Fabra)"). Every organisation they name is typed up to eight ways (as written, "someone
from …", lower case, "papers from …", "people at …", "… researchers", "someone from …" without words such as
"University", its short name where the export gives one in brackets) and ranked by the app's hybrid.
Printed per agenda and way: hit@3 (one of the organisation's sessions in the top 3) and P@3 against the most the top
3 can hold (3, or fewer when the organisation has fewer sessions). Run it again with ``--checkout`` naming a checkout
of an older commit to compare: the organisations and ways are the same, read from the exports by this script.

The cost side: "from", "at", "researchers" also occur in topics ("learning from noisy labels"). Every sentence of the
agendas' own titles and abstracts that holds such a word is read as a query, and the script counts those that frame
one of the agenda's organisations (``NameIndex.framed_organisations``; absent before the sixteenth session's rule);
and what reading the frame costs the name signal, with and without it side by side in one run.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared/data"
AGENDAS = {"sessions": ROOT / "sessions.csv", "ismir2023": SHARED / "agendas/ismir2023/papers.csv"}
_CLOSING_BRACKET = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)\s*\*?$")  # "(… Technology (AIST))" at the end of an entry


def organisations(speakers, columns) -> dict[str, set[int]]:
    """Organisation -> the sessions of someone from it, read straight from what the export wrote."""
    found: dict[str, set[int]] = defaultdict(set)
    for row, (entries, orgs) in enumerate(zip(speakers, columns)):
        for org in orgs:
            found[org].add(row)
        for entry in entries:
            if (m := _CLOSING_BRACKET.search(entry)) and "/" not in m.group(1):
                for org in m.group(1).split(";"):
                    found[" ".join(org.split())].add(row)
    return found


_GENERIC = re.compile(r"\b(?:University|Universit[éyà]t?|Institute|Institut|of|the|for|Department|Group|Lab|Laboratory|School)\b", re.I)


def typed_ways(org: str) -> dict[str, str]:
    ways = {"as written": org, "someone from …": f"someone from {org}", "lower case": org.lower(), "papers from …": f"papers from {org}"}
    ways |= {"people at …": f"people at {org}", "… researchers": f"{org} researchers"}
    if (bare := " ".join(_GENERIC.sub(" ", re.sub(r"\([^()]*\)", " ", org)).split())) and bare != org:
        ways["someone from … (no 'University')"] = f"someone from {bare}"
    if m := re.search(r"\(([^()]+)\)$", org):
        ways["short name"] = m.group(1)
    return ways


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: none, embed afresh)")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the checkout whose helper ranks (default: this one)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.checkout.resolve()))

    from helper.agenda import load_agenda
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.settings import BUNDLED_MODEL

    encoder = load_encoder(BUNDLED_MODEL)
    print("| agenda | typed | organisations | hit@3 | P@3 | misses, for example |\n|---|---|---|---|---|---|")
    ismir = None
    for name, path in AGENDAS.items():
        if not path.exists():
            print(f"| {name} | skipped: {path} is absent | | | | |")
            continue
        agenda = load_agenda(path)
        index = SearchIndex.build(agenda, encoder, args.cache_dir)
        ismir = index if name == "ismir2023" else ismir
        sessions = organisations(agenda.sessions["speakers"], agenda.sessions["organizations"])
        queries = [(org, way, typed) for org in sorted(sessions) for way, typed in typed_ways(org).items()]
        asked, hits, share, missed = defaultdict(int), defaultdict(int), defaultdict(float), defaultdict(list)
        for (org, way, typed), top in zip(queries, index.search([typed for *_, typed in queries], k=3)):
            rows = {index.row_of(h.id) for h in top} & sessions[org]
            asked[way] += 1
            hits[way] += bool(rows)
            share[way] += len(rows) / min(3, len(sessions[org]))
            if not rows:
                missed[way].append(repr(typed))
        for way in asked:
            print(f"| {name} | {way} | {asked[way]} | {hits[way] / asked[way]:.3f} | {share[way] / asked[way]:.3f} | {'; '.join(missed[way][:3])} |")
    print_frames_in_texts()
    print_frame_cost(ismir)
    return 0


def print_frames_in_texts() -> None:
    from helper.agenda import load_agenda
    from helper.eval import REAL_AGENDAS
    from helper.search.lexical import LexicalIndex

    frame = re.compile(r"\b(?:from|at|researchers|people|folks|employees|staff|team|von|aus|bei)\b", re.I)
    agendas = dict(AGENDAS) | {name: SHARED / "agendas" / path for name, path in REAL_AGENDAS.items()}
    print("\n| agenda | organisations | sentences with a frame word | framing an organisation, for example |\n|---|---|---|---|")
    for name, path in agendas.items():
        if not path.exists():
            continue
        agenda = load_agenda(path)
        names = LexicalIndex(agenda.sessions)._names
        if not hasattr(names, "framed_organisations"):
            print(f"| {name} | | | (no such rule in this checkout) |")
            continue
        texts = list(agenda.sessions["title"]) + [s for text in agenda.sessions["abstract"] for s in re.split(r"(?<=[.!?])\s+", text)]
        framed = [text for text in texts if frame.search(text) and names.framed_organisations(text)]
        example = framed[0][:100] + "…" if framed else ""
        print(f"| {name} | {int((~names.person).sum())} | {sum(bool(frame.search(t)) for t in texts)} | {len(framed)} {example} |")


def print_frame_cost(index, rounds: int = 5) -> None:
    """What reading the frame costs: the name signal alone and a whole search (the model encoding the queries, every
    signal, the top 3) of ISMIR's labelled queries and some framed ones, with and without it, best of ``rounds``."""
    import time

    from helper.eval import LABELS, read_labels
    from helper.search.names import NameIndex

    if index is None or not hasattr(NameIndex, "framed_organisations"):
        return
    labelled = [item.query for item in read_labels(LABELS / "ismir2023.jsonl")]
    queries = labelled * 4 + [f"someone from {o}" for o in ("McGill", "Microsoft")] * 10
    names = index.words()._names

    def best(run) -> float:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)

    framed = NameIndex.framed_organisations
    parts = {"name signal": lambda: names.strengths(queries), "whole search": lambda: index.search(queries, 3)}
    print()
    for part, run in parts.items():
        with_frame = best(run)
        NameIndex.framed_organisations = lambda self, text: set()
        without = best(run)
        NameIndex.framed_organisations = framed
        with_frame = min(with_frame, best(run))
        print(f"{part}, {len(queries)} queries on ISMIR: {with_frame * 1000:.1f} ms with the frame, {without * 1000:.1f} ms without "
              f"(best of {rounds}; {(with_frame - without) / len(queries) * 1e6:+.0f} µs a query); ratio {with_frame / without:.2f}")

if __name__ == "__main__":
    raise SystemExit(main())
