"""One session the export lists more than once: 38C3 lists its Kidspace's "Legal Destruction" in five rooms at 17:00
with the same text and host (a sixth room has another host: a session of its own), "Rockets löten" once per soldering
station; EEML 2020 lists four papers twice, under two ids. Search, listings and "more like this" show such a session
once, naming every room (``Hit.also_in``); the rows stay, so the Room filter and a room typed in the query still find
it in each room."""

from __future__ import annotations

import numpy as np
import pandas as pd

# what makes two rows one session: everything an attendee reads on its card but the room (and the export's id)
SAME = ("title", "abstract", "speakers", "start", "end")


def first_copies(sessions: pd.DataFrame) -> np.ndarray:
    """For each row, the first row that lists the same session (itself for most rows)."""
    rows = pd.Series(np.arange(len(sessions)), index=sessions.index)
    if rows.empty:
        return rows.to_numpy(dtype=np.int64)
    group = sessions.groupby(list(SAME), sort=False, dropna=False).ngroup()
    return rows.groupby(group.to_numpy()).transform("min").to_numpy(dtype=np.int64)


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
