"""What the page shows for a query, as one HTML string: the handlers' data through the one renderer."""

from __future__ import annotations

from datetime import datetime, timezone

from helper.search.filters import Choice
from helper.search.index import SearchIndex
from helper.web import handlers, render

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def page_html(index: SearchIndex, query: str, k: int = 3, choice: Choice | None = None, now: datetime = NOW) -> str:
    head, cards = render.results(handlers.search(index, query, choice or Choice(), now, k))
    return head + "".join(cards)
