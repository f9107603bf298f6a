"""``POST /api/search``: the ``/search`` endpoint as one plain JSON round trip, outside Gradio's queue.

The Gradio call protocol takes two requests (POST, then GET the event stream) and Gradio gives every call
without a session its own copy of the page's config (1.6 ms for this page's 59 blocks, bench/README.md). Programs
that only want answers post ``{"query": ..., "top_k": 3, "day": ..., "track": ..., "room": ...}`` (only
``query`` required) and get the same list of dicts ``/search`` returns; a bad value is HTTP 400 with
``{"error": "<one line naming the fix>"}``. Nothing is kept between calls, so behind ``serve --replicas`` any
replica can answer it. The ASGI middleware answers that one path and passes everything else on.

``GET /api/health`` answers ``{"sessions": N}`` from the event loop itself (no queue, no search): that the process
is up and not hung. ``serve --replicas`` probes it to take a hung replica out of rotation (helper.ops.replicas).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Callable

from starlette.concurrency import run_in_threadpool

from helper.errors import HelperError
from helper.ops.live import LiveIndex
from helper.search.filters import PUBLIC
from helper.web import handlers

PATH = "/api/search"
HEALTH = "/api/health"
MAX_BODY = 64 * 1024
_FIELDS = {"query", "top_k", *(f.name for f in PUBLIC)}


class JsonSearch:
    """ASGI middleware: ``POST /api/search`` and ``GET /api/health`` answered from ``live``; every other request goes
    to ``app``."""

    def __init__(self, app, live: LiveIndex, now: Callable[[datetime | None], datetime]) -> None:
        self.app = app
        self.live = live
        self.now = now  # index -> the clock the page uses (settings.now or the real one, in the agenda's zone)

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "").rstrip("/") if scope["type"] == "http" else ""
        if path == HEALTH and scope.get("method") in ("GET", "HEAD"):
            return await _answer(send, 200, {"sessions": len(self.live.current().agenda)})
        if path != PATH:
            return await self.app(scope, receive, send)
        if scope.get("method") != "POST":
            return await _answer(send, 405, {"error": f"use POST {PATH} with a JSON object such as {{\"query\": \"graphs\", \"top_k\": 3}}"}, [(b"allow", b"POST")])
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY:
                return await _answer(send, 413, {"error": f"the request is larger than {MAX_BODY // 1024} KB; send one query"})
        try:
            arguments = parse(body)
            index = self.live.current()
            results = await run_in_threadpool(handlers.api_search, index, arguments.pop("query"), arguments.pop("top_k"), self.now(index), **arguments)
        except (ValueError, HelperError) as exc:
            return await _answer(send, 400, {"error": exc.line() if isinstance(exc, HelperError) else str(exc)})
        await _answer(send, 200, results)


def parse(body: bytes) -> dict:
    """The call's arguments (query, top_k, filters) from its JSON body; ValueError naming what to send."""
    try:
        data = json.loads(body or b"null")
    except ValueError:
        raise ValueError('the body is not JSON; send {"query": "graphs", "top_k": 3}') from None
    if not isinstance(data, dict) or not isinstance(data.get("query"), str):
        raise ValueError('send a JSON object with a "query" string, e.g. {"query": "graphs", "top_k": 3}')
    unknown = set(data) - _FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(_FIELDS))}")
    filters = {f.name: data.get(f.name) or "" for f in PUBLIC}
    if not all(isinstance(v, str) for v in filters.values()):
        raise ValueError(f"{', '.join(f.name for f in PUBLIC)} must be strings")
    return {"query": data["query"], "top_k": data.get("top_k", 3), **filters}


async def _answer(send, status: int, payload, headers: list | None = None) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
