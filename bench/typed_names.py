"""Names as people type them: is one of a speaker's sessions in the top 3 however the name is typed?

    python bench/typed_names.py [--cache-dir /tmp/eval-cache] [--people 60] [--only NAME ...] [--checkout DIR]

For each labelled agenda present (helper.eval: the repository's and the real exports in ../shared), a seeded
sample of speakers with a first and last name (plus every one whose name has an umlaut, hyphen or apostrophe) is
searched for in sixteen ways: as written, the surname alone, "C. Lee", "Lee, Chris", "Dr. …", one slip in the
first name or the surname, the hyphen or apostrophe left out, the umlaut spelled out ("oe"), and so on. Printed:
per way, how many of those searches show one of the person's sessions in the top 3 (the app's hybrid ranking).
To compare with older code, run it again with ``--checkout`` naming a checkout of that commit (its ``helper`` is
ranked with; the speakers and ways typed are the same, from the same seed). The surname alone is ambiguous by nature
("Zhang").
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SPELLED_OUT = str.maketrans({"ü": "ue", "ö": "oe", "ä": "ae", "Ü": "Ue", "Ö": "Oe", "Ä": "Ae", "ø": "oe", "Ø": "Oe", "å": "aa"})


def slip(word: str, rng: random.Random) -> str:
    """One letter dropped or two neighbours swapped, inside the word."""
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def typed_ways(name: str, rng: random.Random) -> dict[str, str]:
    parts = name.split()
    first, last = parts[0], parts[-1]
    ways = {
        "as written": name,
        "surname alone": last,
        "lower case": name.lower(),
        "initial + surname": f"{first[0]}. {last}",
        "Last, First": f"{last}, {' '.join(parts[:-1])}",
        "with Dr.": f"Dr. {name}",
        "talk by …": f"talk by {name}",
        "possessive": f"{last}'s talk",
        "first + last only": f"{first} {last}",
        "slip in first name": " ".join([slip(first, rng)] + parts[1:]),
        "slip in surname": " ".join(parts[:-1] + [slip(last, rng)]),
    }
    if "-" in name:
        ways["hyphen as space"] = name.replace("-", " ")
        ways["hyphen left out"] = name.replace("-", "")
    if "'" in name or "’" in name:
        ways["apostrophe left out"] = name.replace("'", "").replace("’", "")
    if name.translate(SPELLED_OUT) != name:
        ways["umlaut spelled out"] = name.translate(SPELLED_OUT)
    return ways


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: none, embed afresh)")
    parser.add_argument("--people", type=int, default=60, help="speakers sampled per agenda (default 60)")
    parser.add_argument("--only", action="append", metavar="NAME", help="only this labelled agenda (colt2020, 38c3, ...)")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the checkout whose helper ranks (default: this one)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.checkout.resolve()))

    from helper.agenda import load_agenda
    from helper.eval import DEFAULT_PAIRS
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.names import people_in  # (in older checkouts too: the split of author lists)
    from helper.settings import BUNDLED_MODEL

    encoder = load_encoder(BUNDLED_MODEL)
    rng = random.Random(7)
    asked, found, missed = Counter(), Counter(), defaultdict(list)
    for agenda_path, labels_path in DEFAULT_PAIRS:
        name = labels_path.stem
        if not agenda_path.exists() or (args.only and name not in args.only):
            continue
        agenda = load_agenda(agenda_path)
        index = SearchIndex.build(agenda, encoder, args.cache_dir)
        people: dict[str, set[int]] = defaultdict(set)
        for row, entries in enumerate(agenda.sessions["speakers"]):
            for person in (p for entry in entries for p in people_in(entry)):
                if len(person.split()) >= 2:
                    people[person].add(row)
        everyone = sorted(people)
        special = [p for p in everyone if "-" in p or "'" in p or p.translate(SPELLED_OUT) != p]
        sample = sorted(set(rng.sample(everyone, min(args.people, len(everyone))) + special[: args.people]))
        queries = [(person, way, typed) for person in sample for way, typed in typed_ways(person, rng).items()]
        for (person, way, typed), hits in zip(queries, index.search([typed for _, _, typed in queries], k=3)):
            asked[way] += 1
            if {index.row_of(h.id) for h in hits} & people[person]:
                found[way] += 1
            else:
                missed[way].append(f"{name}: {typed!r}")
        print(f"{name}: {len(sample)} people", flush=True)
    print("\n| typed | in the top 3 | misses, for example |\n|---|---|---|")
    for way in asked:
        print(f"| {way} | {found[way]} / {asked[way]} | {'; '.join(missed[way][:3])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
