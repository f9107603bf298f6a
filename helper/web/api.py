"""The program API ``/search``: (query, top_k) in, result dicts out, errors as one line.

Its arguments stay exactly these two: callers of Gradio's plain HTTP protocol send ``{"data": [query, top_k]}``
and Gradio refuses a call with fewer values than the endpoint has arguments, so a new argument would break
them. Filters for programs go through ``handlers.api_search`` (the CLI's ``--day/--track/--room`` today)."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

import gradio as gr

from helper.errors import HelperError
from helper.ops.live import LiveIndex
from helper.web import handlers


def search_endpoint(live: LiveIndex, now: Callable[[], datetime]) -> Callable[[str, int], list[dict]]:
    def search(query: str, top_k: int = 3) -> list[dict]:
        """The best sessions for a query: id, title, score, start, end, room, track, speakers, abstract."""
        try:
            return handlers.api_search(live.current(), query, top_k, now())
        except (ValueError, HelperError) as exc:
            raise gr.Error(str(exc)) from None

    return search
