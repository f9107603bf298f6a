"""What the bundled English model does with German queries on 38C3 (half its talks are German).

    python bench/german_queries.py [PATH-TO-38C3-schedule.xml]

For each need, the same request in German and in English; prints the rank of the talk meant (1 = first of
1,007) under the dense model alone and the hybrid. Figures go in the README, never in an assertion.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helper.agenda import load_agenda  # noqa: E402
from helper.search.encoder import load_encoder  # noqa: E402
from helper.search.index import SearchIndex  # noqa: E402
from helper.settings import BUNDLED_MODEL, default_cache_dir  # noqa: E402

# (German query, English query, start of the title meant); the talks are German unless marked
NEEDS = [
    ("Sicherheit der elektronischen Patientenakte", "security of electronic health records", "\"Konnte bisher noch nie gehackt werden"),
    ("Altersprüfung im Internet und Datenschutz", "age verification online and privacy", '"Natürlich bin ich 18!"'),
    ("Standortdaten von Autos im Netz", "location data of cars leaked online", "Wir wissen wo dein Auto steht"),
    ("Betrug mit gefälschten Onlineshops", "fraud with fake online shops", "Fake-Shops von der Stange"),
    ("Wie fliegen Piloten ein Flugzeug", "how pilots fly airplanes", "Wie fliegt man eigentlich Flugzeuge?"),
    ("Datenhändler und Massenüberwachung durch Apps", "data brokers and mass surveillance through apps", "Databroker Files"),
    ("Steuerbetrug und Wirtschaftskriminalität", "tax fraud and white-collar crime", "Der Milliarden-Steuerraub Cum/Ex"),
    ("Weltraumteleskop kartiert Galaxien", "space telescope mapping galaxies", "Euclid, das Weltraumteleskop"),
]


def rank(index: SearchIndex, query: str, title: str) -> int:
    scores = index.scores([index.clean_query(query)])[0]
    target = int(index.sessions.index[index.sessions["title"].str.startswith(title)][0])
    return int((scores > scores[target]).sum()) + 1


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/agendas/38c3/schedule-38c3-20251206.xml"
    cache = default_cache_dir()
    index = SearchIndex.build(load_agenda(path), load_encoder(BUNDLED_MODEL, cache), cache)
    print(f"{path.name}: {len(index.sessions)} sessions; rank of the talk meant (1 = first)\n")
    print("| need (German query / English query) | dense de | dense en | hybrid de | hybrid en |")
    print("|---|---:|---:|---:|---:|")
    totals = {key: [] for key in ("dense de", "dense en", "hybrid de", "hybrid en")}
    for german, english, title in NEEDS:
        cells = []
        for method in ("dense", "hybrid"):
            index.method = method
            for language, query in (("de", german), ("en", english)):
                found = rank(index, query, title)
                totals[f"{method} {language}"].append(found)
                cells.append(found)
        print(f"| {german} / {english} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} |")
    print("| **in the top 3** | " + " | ".join(f"{sum(r <= 3 for r in ranks)} of {len(ranks)}" for ranks in totals.values()) + " |")


if __name__ == "__main__":
    main()
