"""What the page and the API do, as plain functions of the index: testable without a server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from helper import render
from helper.explain import explain
from helper.index import Filters, Hit, SearchIndex
from helper.ranking import NOTHING_CLOSE
from helper.timefilters import WINDOW_NEXT, Choice, badge, now_and_next, to_filters

HINT = "Type what you care about — a topic, a tool, a speaker's name — and press Enter."
MAX_TOP_K = 50


@dataclass
class Results:
    """What the page shows for a search: notes above the cards, then one card per session (ids alike)."""

    head: str
    cards: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    @property
    def view(self) -> str:
        return self.head + "".join(self.cards)


def results_view(index: SearchIndex, query: str, k: int = 3, filters: Filters | None = None, now: datetime | None = None) -> str:
    """The cards for a query, or a friendly hint when there is nothing to search for."""
    return results(index, query, k, filters, now).view


def results(index: SearchIndex, query: str, k: int = 3, filters: Filters | None = None, now: datetime | None = None) -> Results:
    """``results_view`` in parts: the cards one by one, with their session ids."""
    query = query or ""
    cleaned = index.clean_query(query)
    if not cleaned:
        return Results(render.note(HINT))
    hits = index.search_one(cleaned, k, filters)
    nothing_close = bool(hits) and index.method == "hybrid" and hits[0].score < NOTHING_CLOSE
    similar = [index.more_like_this(hit.id) for hit in hits]
    badges = [badge(h.start, h.end, now) for h in hits] if now is not None else None
    head, bodies = render.cards_parts(hits, cleaned, explain(index, cleaned, hits), nothing_close, similar, badges)
    if len(" ".join(query.split())) > index.max_query_chars:
        head = render.note(f"Your query was long, so only its first {index.max_query_chars} characters were used.") + head
    return Results(head, bodies, [h.id for h in hits])


def api_search(index: SearchIndex, query: str, top_k: int = 3) -> list[dict]:
    """The program API: the best ``top_k`` sessions as plain dicts (times in ISO 8601)."""
    if not isinstance(top_k, int) or isinstance(top_k, bool) or not 1 <= top_k <= MAX_TOP_K:
        raise ValueError(f"top_k must be a whole number from 1 to {MAX_TOP_K}, got {top_k!r}")
    return [hit.to_dict() for hit in index.search_one(query or "", top_k)]


def agenda_summary(index: SearchIndex) -> str:
    agenda = index.agenda
    parts = [f"{agenda.source}", f"{len(agenda)} sessions"]
    span = agenda.date_range()
    if span:
        first, last = span
        parts.append(f"{first:%a %d %b}" + (f" – {last:%a %d %b %Y}" if first.date() != last.date() else f" {first:%Y}"))
    parts.append(f"model {index.encoder.model_id.split('@')[0]}")
    return "Agenda: " + " · ".join(parts)


def example_queries(index: SearchIndex, limit: int = 6) -> list[str]:
    """Examples drawn from the agenda itself: its tracks, else its most common tags."""
    tracks = index.agenda.tracks()
    if len(tracks) >= 2:
        return tracks[:limit]
    tags = index.sessions["tags"].explode().dropna()
    return list(tags.value_counts().index[:limit])


# --- filters, time awareness, single sessions, picks (attendee and kiosk pages) -------------------


def filtered_results_view(index: SearchIndex, query: str, choice: Choice, now: datetime, k: int = 3) -> str:
    """Cards for a query under the filters beside the box; badges say what is on now or soon."""
    return filtered_results(index, query, choice, now, k).view


def filtered_results(index: SearchIndex, query: str, choice: Choice, now: datetime, k: int = 3) -> Results:
    """``filtered_results_view`` in parts, with the shown sessions' ids (one search for both)."""
    if not index.clean_query(query or ""):
        return Results(render.note(HINT))
    filters = to_filters(index.sessions, choice, now)
    found = results(index, query, k, filters, now)
    if not choice.show_ended and filters.ends_after is not None and choice.window != WINDOW_NEXT:
        found.head = render.note("Sessions that have already ended are hidden.") + found.head
    return found


def result_ids(index: SearchIndex, query: str, choice: Choice, now: datetime, k: int = 3) -> list[str]:
    cleaned = index.clean_query(query or "")
    if not cleaned:
        return []
    return [h.id for h in index.search_one(cleaned, k, to_filters(index.sessions, choice, now))]


def now_next_view(index: SearchIndex, now: datetime) -> str:
    """What's on now and what starts next, at the page's clock."""
    running, upcoming = now_and_next(index.sessions, now)
    parts = [render.heading(f"On now ({now:%a %d %b %H:%M})")]
    parts.append(render.session_list([render.session_line(index.hit(i, 0.0), badge(*_times(index, i), now)) for i in running]) if running else render.note("Nothing is running right now."))
    parts.append(render.heading("Next"))
    parts.append(render.session_list([render.session_line(index.hit(i, 0.0), badge(*_times(index, i), now)) for i in upcoming]) if upcoming else render.note("Nothing else is scheduled."))
    return "".join(parts)


def find_row(index: SearchIndex, session_id: str) -> int | None:
    matches = (index.sessions["id"] == str(session_id).strip()).to_numpy().nonzero()[0]
    return int(matches[0]) if matches.size else None


def session_view(index: SearchIndex, session_id: str, now: datetime) -> str:
    """One session as a card (deep link ``?session=ID``)."""
    return session_result(index, session_id, now).view


def session_result(index: SearchIndex, session_id: str, now: datetime) -> Results:
    row = find_row(index, session_id)
    if row is None:
        return Results(render.note(f"No session has the id {session_id}. It may have been removed from the agenda."))
    hit = index.hit(row, 1.0, 1)
    return Results("", [render.card(hit, badge=badge(hit.start, hit.end, now))], [hit.id])


def picks_view(index: SearchIndex, picks: list[str], now: datetime) -> str:
    """The starred sessions in time order, each overlap flagged as a conflict."""
    rows = [r for r in (find_row(index, p) for p in dict.fromkeys(picks or [])) if r is not None]
    if not rows:
        return render.note("No picks yet: tick “Keep in My picks” under a result to keep it here.")
    hits = sorted((index.hit(r, 0.0) for r in rows), key=lambda h: (h.start is None, h.start or now, h.title))
    clashes = conflicts(hits)
    lines = [render.session_line(h, badge(h.start, h.end, now), clashes.get(h.id)) for h in hits]
    return render.heading(f"My picks ({len(hits)})") + render.session_list(lines)


def conflicts(hits: list[Hit]) -> dict[str, list[str]]:
    """For each session, the titles of the other sessions whose time overlaps it."""
    out: dict[str, list[str]] = {}
    for a in hits:
        for b in hits:
            if a.id == b.id or a.start is None or b.start is None:
                continue
            a_end, b_end = a.end or a.start, b.end or b.start
            if a.start < b_end and b.start < a_end:
                out.setdefault(a.id, []).append(b.title)
    return out


def set_pick(picks: list[str], session_id: str, keep: bool) -> list[str]:
    """Picks after the attendee stars (``keep``) or unstars one session; the order of the others stays."""
    kept = [p for p in (picks or []) if p != session_id]
    return kept + [session_id] if keep and session_id else kept


def _times(index: SearchIndex, row: int) -> tuple[datetime | None, datetime | None]:
    hit = index.hit(row, 0.0)
    return hit.start, hit.end
