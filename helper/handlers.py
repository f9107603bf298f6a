"""What the page and the API do, as plain functions of the index: testable without a server."""

from __future__ import annotations

from helper import render
from helper.explain import explain
from helper.index import SearchIndex
from helper.ranking import NOTHING_CLOSE

HINT = "Type what you care about — a topic, a tool, a speaker's name — and press Enter."
MAX_TOP_K = 50


def results_view(index: SearchIndex, query: str, k: int = 3) -> str:
    """The cards for a query, or a friendly hint when there is nothing to search for."""
    query = query or ""
    cleaned = index.clean_query(query)
    if not cleaned:
        return render.note(HINT)
    hits = index.search_one(cleaned, k)
    nothing_close = bool(hits) and index.method == "hybrid" and hits[0].score < NOTHING_CLOSE
    similar = [index.more_like_this(hit.id) for hit in hits]
    view = render.cards(hits, cleaned, explain(index, cleaned, hits), nothing_close, similar)
    if len(" ".join(query.split())) > index.max_query_chars:
        view = render.note(f"Your query was long, so only its first {index.max_query_chars} characters were used.") + view
    return view


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
