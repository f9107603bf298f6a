"""An audience asked for ("Löten für Kinder", "coding for kids"): are the sessions for children found, and the topic kept?

    python bench/kids_level.py [--cache-dir /tmp/eval-cache]

38C3's organisers put many sessions for children in the Kidspace rooms ("Kidspace - Workshopraum", …: 55 of its
1,007); others are elsewhere ("Junghackerinnentag Soldering" in the soldering area). The app reads neither rooms nor
passing mentions as a level, so two looser judges than its rules: the session is in a Kidspace room, or its room, title
or abstract mentions children at all (kids, children, Kinder, Jugend…, teens, family). Activities typed as a child's
parent would ("{activity} for kids", "{activity} für Kinder"), side by side in one run, with the kids level off (its
words left in the query, as before the twenty-third session) and on (``helper.search.levels``). Printed: the share of
the top 3 so judged, and the share whose title or abstract holds the activity's word (the topic kept). On every other
labelled agenda no session is for children: there ``bench/levels.py --phrase "{query} for kids"`` shows what the level
read away costs the labelled topics.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import on_38c3  # noqa: E402

ACTIVITIES = ("soldering", "coding", "games", "music", "robots", "painting", "Minecraft", "mathematics", "stories", "crafts",
              "electronics", "programming", "laser cutter", "knitting", "3D printing", "Löten", "Basteln", "Spiele", "Musik",
              "Programmieren")
PHRASES = ("{activity} for kids", "{activity} für Kinder", "{activity} for children")


def main(argv: list[str] | None = None) -> int:
    from unittest import mock

    import numpy as np

    from helper.agenda import load_agenda
    from helper.search import levels
    from helper.search.encoder import load_encoder
    from helper.search.index import SearchIndex
    from helper.search.tokens import words
    from helper.settings import BUNDLED_MODEL

    if (args := on_38c3.arguments(__doc__.splitlines()[0], argv)) is None:
        return 0
    agenda = load_agenda(on_38c3.EXPORT)
    kidspace = agenda.sessions["room"].astype(str).str.startswith("Kidspace").to_numpy()
    children = re.compile(r"\b(?:kids?|child(?:ren)?|kinder\w*|jugend\w*|junghacker\w*|teens?|teenagers?|famil\w+)\b", re.I)
    texts_of = agenda.sessions[["room", "title", "abstract"]].itertuples(index=False)
    mentions = kidspace | np.array([bool(children.search(f"{r} {t} {a}")) for r, t, a in texts_of])
    texts = [set(words(f"{t} {a}")) for t, a in zip(agenda.sessions["title"], agenda.sessions["abstract"])]
    encoder = load_encoder(BUNDLED_MODEL)
    without_kids = tuple(level for level in levels.LEVELS if level.name != "kids")
    print(f"38C3: {int(kidspace.sum())} of {len(kidspace)} sessions in a Kidspace room, {int(mentions.sum())} mention children; "
          f"{len(ACTIVITIES)} activities per phrase\n")
    print("| typed | top 3 in a Kidspace room: activity alone / kids level off / on | top 3 mentioning children "
          "| top 3 holding the activity's word | both |")
    print("|---|---|---|---|---|")
    rows = {}
    for rule in ("off", "on"):
        with mock.patch.object(levels, "LEVELS", without_kids if rule == "off" else levels.LEVELS):
            index = SearchIndex.build(agenda, encoder, args.cache_dir)
            for phrase in ("{activity}", *PHRASES):
                queries = [phrase.replace("{activity}", a) for a in ACTIVITIES]
                found = index.search(queries, k=3)
                rows[rule, phrase] = []
                for activity, hits in zip(ACTIVITIES, found):
                    held = np.array([set(words(activity)) <= t for t in texts])
                    judges = (kidspace, mentions, held, mentions & held)
                    rows[rule, phrase].append(tuple(sum(bool(judge[index.row_of(h.id)]) for h in hits) for judge in judges))
    alone = rows["on", "{activity}"]
    for phrase in PHRASES:
        cells = [alone, rows["off", phrase], rows["on", phrase]]
        share = [" / ".join(f"{sum(r[i] for r in cell) / (3 * len(ACTIVITIES)):.2f}" for cell in cells) for i in (0, 1, 2, 3)]
        print(f"| {phrase} | {' | '.join(share)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
