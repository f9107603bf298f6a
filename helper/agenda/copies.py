"""One session the export lists more than once: 38C3 lists its Kidspace's "Legal Destruction" in five rooms at 17:00
with the same text and host (a sixth room has another host: a session of its own), "Rockets löten" once per soldering
station; EEML 2020 lists four papers twice, under two ids. Search, listings and "more like this" show such a session
once, naming every room (``Hit.also_in``); the rows stay, so the Room filter and a room typed in the query still find
it in each room.

A session held more than once (38C3's "Kurzvorstellung chaos.jetzt" on four days; "Soldering Competition - Day 1", "- Day 2",
…) is one answer too: ranked answers show its best time (``held_again``; the page, while the conference runs, the next
one) and name the others (``Hit.also_at``). Every row stays: listings, plans and the filters read each time."""

from __future__ import annotations

import numpy as np
import pandas as pd

# what makes two rows one session: everything an attendee reads on its card but the room (and the export's id)
SAME = ("title", "abstract", "speakers", "start", "end")
# An abstract of at least this many words, opened again with the same words (all of the shorter one's, up to
# ``OPENING_WORDS``: 38C3's "Drop-in Meow Mixer Soldering (Day 2)" adds a paragraph to Day 3's) by the same speakers under a
# title that starts with the same word, is the same session held again, whatever the title adds ("(Day 2)", "- Tag 3", "Teil 2/2", "(8-10 Jahre)").
# A shorter one ("TBD", "NA": ISMIR's placeholders) says nothing: then the title must be the same too.
SAME_ABSTRACT_WORDS = 8
OPENING_WORDS = 40


def first_copies(sessions: pd.DataFrame) -> np.ndarray:
    """For each row, the first row that lists the same session (itself for most rows)."""
    rows = pd.Series(np.arange(len(sessions)), index=sessions.index)
    if rows.empty:
        return rows.to_numpy(dtype=np.int64)
    group = sessions.groupby(list(SAME), sort=False, dropna=False).ngroup()
    return rows.groupby(group.to_numpy()).transform("min").to_numpy(dtype=np.int64)


def held_again(sessions: pd.DataFrame) -> np.ndarray:
    """For each row, the first row of the same session at any time and in any room (``SAME_ABSTRACT_WORDS``): the rows
    ``first_copies`` groups, and a session's repeats on other days or hours."""
    abstracts = [str(text).split() for text in sessions["abstract"]]
    buckets: dict[tuple, list[int]] = {}
    for row, (words, title, speakers) in enumerate(zip(abstracts, sessions["title"], sessions["speakers"])):
        title = " ".join(str(title).split()).casefold()
        said = len(words) >= SAME_ABSTRACT_WORDS
        buckets.setdefault((title.split(" ", 1)[0] if said else title, tuple(speakers), said), []).append(row)
    first = np.arange(len(abstracts), dtype=np.int64)
    for rows in buckets.values():
        openings: dict[tuple[str, ...], int] = {}  # the same opening: the same session, without comparing the pair
        for row in rows:
            first[row] = openings.setdefault(tuple(abstracts[row][:OPENING_WORDS]), row)
        leaders = list(openings.values())
        for at, row in enumerate(leaders):  # one opening the start of another ("Meow Mixer (Day 2)" adds a paragraph)
            if first[row] == row:
                for other in leaders[at + 1 :]:
                    if first[other] == other and _same_opening(abstracts[row], abstracts[other]):
                        first[other] = row
    return first[first]


def _same_opening(one: list[str], other: list[str]) -> bool:
    """Whether two abstracts (as words) open alike: the shorter's first ``OPENING_WORDS`` words open the longer too; a
    short one (``SAME_ABSTRACT_WORDS``) must be the same."""
    if min(len(one), len(other)) < SAME_ABSTRACT_WORDS:
        return one == other
    words = min(len(one), len(other), OPENING_WORDS)
    return one[:words] == other[:words]


def other_times(sessions: pd.DataFrame, again: np.ndarray, first: np.ndarray) -> list[tuple[int, ...]]:
    """For each row, the rows of the same session's other times, by start (one row a time: ``first``, its first room)."""
    by_start = np.lexsort((np.arange(len(again)), sessions["start"].isna().to_numpy(), sessions["start"].to_numpy()))
    times: dict[int, list[int]] = {}
    for row in by_start.tolist():
        if first[row] == row:
            times.setdefault(int(again[row]), []).append(row)
    return [tuple(r for r in times[group] if r != first[row]) for row, group in enumerate(again.tolist())]


def other_rooms(sessions: pd.DataFrame, first: np.ndarray) -> list[tuple[str, ...]]:
    """For each row, the rooms its copies are in besides its own, in the agenda's order ("" rooms left out)."""
    rooms = sessions["room"].tolist()
    by_group: dict[int, list[str]] = {}
    for row, group in enumerate(first.tolist()):
        by_group.setdefault(group, []).append(rooms[row])
    return [tuple(r for r in dict.fromkeys(by_group[group]) if r and r != rooms[row]) for row, group in enumerate(first.tolist())]


def listed_once(rows: np.ndarray, first: np.ndarray) -> np.ndarray:
    """``rows`` in their order, without the copies of a session listed earlier among them."""
    if rows.size == 0:
        return rows
    _, at = np.unique(first[rows], return_index=True)
    return rows[np.sort(at)]


def copies_note(first: np.ndarray) -> str:
    """What the load says of the sessions listed in several rooms ("" when there are none)."""
    copies = first != np.arange(len(first))
    if not copies.any():
        return ""
    sessions = len(np.unique(first[copies]))
    return (f"found {sessions} session(s) listed more than once with the same title, abstract, speakers and time "
            f"({sessions + int(copies.sum())} rows, in other rooms or repeated): each is shown once, with all its rooms")
