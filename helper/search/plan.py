"""A day plan: the set of non-overlapping sessions with the greatest total relevance (weighted interval
scheduling, exact), around sessions the attendee already fixed."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Sequence


@dataclass(frozen=True)
class Slot:
    key: str  # the session id
    start: datetime
    end: datetime  # == start for a session without an end
    weight: float  # its relevance to the query


def compatible(a: Slot, b: Slot, gap: timedelta) -> bool:
    """True when one ends, plus the gap, before the other starts."""
    return a.end + gap <= b.start or b.end + gap <= a.start


def best_plan(candidates: Sequence[Slot], fixed: Sequence[Slot] = (), gap: timedelta = timedelta(0)) -> list[Slot]:
    """The fixed slots plus the compatible candidates of greatest total weight, in time order.

    Candidates that clash with a fixed slot are out; among the rest, the classic dynamic programme over
    slots sorted by end: best(j) = max(best(j - 1), weight_j + best(p(j))), p(j) the last slot that ends,
    plus the gap, before slot j starts. Ties keep the plan with fewer, earlier sessions."""
    free = [c for c in candidates if c.weight > 0 and all(compatible(c, f, gap) for f in fixed)]
    free.sort(key=lambda s: (s.end, s.start, s.key))
    ends = [s.end + gap for s in free]
    best = [0.0] * (len(free) + 1)  # best[j]: greatest total over the first j slots
    for j, slot in enumerate(free, start=1):
        before = bisect_right(ends, slot.start, 0, j - 1)  # slots (among the first j - 1) compatible with it
        best[j] = max(best[j - 1], slot.weight + best[before])
    chosen, j = [], len(free)
    while j > 0:
        slot = free[j - 1]
        before = bisect_right(ends, slot.start, 0, j - 1)
        if slot.weight + best[before] > best[j - 1]:
            chosen.append(slot)
            j = before
        else:
            j -= 1
    return sorted([*fixed, *chosen], key=lambda s: (s.start, s.end, s.key))
