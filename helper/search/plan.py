"""A day plan: the set of non-overlapping sessions with the greatest total relevance (weighted interval
scheduling, exact), around sessions the attendee already fixed."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Sequence


@dataclass(frozen=True)
class Slot:
    key: str  # the session id
    start: datetime
    end: datetime  # == start for a session without an end
    weight: float  # its relevance to the query


def compatible(a: Slot, b: Slot, gap: timedelta) -> bool:
    """True when one ends, plus the gap, before the other starts."""
    return a.end + gap <= b.start or b.end + gap <= a.start


def best_plan_once_each(
    candidates: Sequence[Slot], fixed: Sequence[Slot] = (), gap: timedelta = timedelta(0), session_of: Callable[[str], object] = lambda key: key,
) -> list[Slot]:
    """``best_plan`` holding each session once (``session_of``: a slot's key -> its session): a session held on four days
    is four candidates, and a plan may hold one of them (none where a fixed slot holds it). Where the plan holds a session
    twice, it is made again keeping each of those times in turn, and the best is kept (``REPLANS`` at most; then the
    earliest is kept)."""
    picked = {session_of(slot.key) for slot in fixed}
    candidates = [c for c in candidates if session_of(c.key) not in picked]
    return _once_each(candidates, list(fixed), gap, session_of, [REPLANS])


# a plan holding several sessions twice is made again for each way of keeping one time of each: at most this many times
REPLANS = 64


def _once_each(candidates: list[Slot], fixed: list[Slot], gap: timedelta, session_of: Callable[[str], object], budget: list[int]) -> list[Slot]:
    plan = best_plan(candidates, fixed, gap)
    times: dict[object, list[Slot]] = {}
    for slot in plan:
        if slot not in fixed:
            times.setdefault(session_of(slot.key), []).append(slot)
    twice = next((chosen for chosen in times.values() if len(chosen) > 1), None)
    if twice is None:
        return plan
    options = []
    for keep in twice if budget[0] > 0 else twice[:1]:
        budget[0] -= 1
        drop = {slot.key for slot in candidates if session_of(slot.key) == session_of(keep.key) and slot.key != keep.key}
        options.append(_once_each([c for c in candidates if c.key not in drop], fixed, gap, session_of, budget))
    return max(options, key=lambda plan: (round(sum(slot.weight for slot in plan), 9), -len(plan)))


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
