"""What programs call: ``/search``, ``/plan`` and ``/session`` (Gradio API endpoints, and MCP tools of the same
names). Plain arguments in, plain dicts out, errors as one line; the filter arguments are read from their
declarations (``helper.search.filters.PUBLIC``), so a filter added there is an argument here too."""

from __future__ import annotations

import inspect
import json
import re
from datetime import datetime
from typing import Callable

import gradio as gr

from helper.errors import HelperError
from helper.ops.live import LiveIndex
from helper.search.filters import PUBLIC, Choice
from helper.search.ranking import NOTHING_CLOSE, NOTHING_CLOSE_UNHELD
from helper.web import handlers

_FILTER_DOCS = [f"    {f.name}: {f.help}; empty for any" for f in PUBLIC]


def endpoints(live: LiveIndex, now: Callable[[datetime | None], datetime]) -> list[Callable]:
    """The functions ``gr.api`` serves; their names are the endpoint and MCP tool names."""

    def search(query: str, top_k: int = 3, *filter_values: str) -> list[dict]:
        index = live.current()
        filters = {f.name: value for f, value in zip(PUBLIC, filter_values)}
        with _one_line_errors():
            return handlers.api_search(index, query, top_k, now(index), **filters)

    def plan(query: str, *values) -> dict:
        index = live.current()
        filters = {f.name: value or "" for f, value in zip(PUBLIC, values)}
        time_from, time_until, gap_minutes, picks = (list(values[len(PUBLIC):]) + ["", "", 0, ""])[:4]
        with _one_line_errors():
            choice = Choice(**filters)
            handlers.public_mask(index, now(index), **filters)  # unknown values: the same message as search
            found = handlers.plan(index, query, choice, now(index), int(gap_minutes or 0), _ids(picks), time_from or "", time_until or "")
        return found.to_dict()

    def session(session_id: str) -> dict:
        """One session of the agenda by its id (as search and plan give it): title, time, room, speakers, abstract.

        Args:
            session_id: the session's id, the "id" of a search or plan result
        """
        hit = live.current().session(session_id or "")
        if hit is None:
            raise gr.Error(f"No session has the id {session_id!r}. Fix: use an id from search or plan.")
        return hit.to_dict()

    _declare(
        search,
        [("query", str, inspect.Parameter.empty), ("top_k", int, 3)] + [(f.name, str, "") for f in PUBLIC],
        list[dict],
        "The best sessions of the agenda for what an attendee cares about, best first: id, title, score (0 to 1; below "
        f"{NOTHING_CLOSE} a session is far from the query, below {NOTHING_CLOSE_UNHELD} when none of the first three holds "
        "a word of it or was found by a name, and at any score when such a query is a person's name (no speaker has it): "
        "say so rather than recommend it), "
        "start, end (ISO 8601, the agenda's zone), room, track, speakers, abstract, tags, languages (codes such as 'de', "
        "'en', where the agenda holds sessions in more than one language), organizations (the speakers' organisations, where "
        "the export gives them a column), also_in (the other rooms the agenda lists the same session in at the same time: "
        "it is answered once), also_at (the other times the agenda holds the same session, by start: id, title, start, end, "
        "room; it is answered once, at the time the filters and the clock make best), and close (the app's own verdict "
        "from those rules: true when the page shows the session as an answer, false for every result when nothing is "
        "close). A day the query names ('keynote on Thursday', 'tomorrow', 'on Aug 25', 'day 2', 'the last day') is read as the "
        "day filter when day is empty, and "
        "a part of the day ('this afternoon', 'Thursday morning', 'tonight': sessions starting before 12:00, 12:00-17:00, "
        "from 17:00), a clock time ('after 3pm', 'before 10:30') or, while the conference runs, 'now' (on now or starting "
        "within two hours) keeps to those hours, and what starts next ('what is next', 'coming up', 'next talk on security') to the "
        "sessions from the next start on, that day; a room named after 'in' or 'at' ('in the Auditorium') is read as the "
        "room filter when room is empty; a language asked for ('security talks in English', 'Vorträge auf Deutsch') keeps to the "
        "sessions the agenda gives in it (one it gives no session in is read away: the rest of the query is answered); "
        "a query that names no topic, only a time or room ('talks tonight', 'Thursday afternoon', 'what is on now') lists "
        "the sessions then by start time (score 0, close true). "
        "While the conference runs, "
        "sessions of comparable relevance that start soon come first (soon from when the hours asked for open, if later that day).",
        ["    query: a topic, a tool, or a speaker's or organisation's name, in the attendee's words", "    top_k: how many sessions, 1 to 50", *_FILTER_DOCS],
    )
    _declare(
        plan,
        [("query", str, inspect.Parameter.empty)] + [(f.name, str, "") for f in PUBLIC] + [("time_from", str, ""), ("time_until", str, ""), ("gap_minutes", int, 0), ("picks", str, "")],
        dict,
        "A plan for the attendee's day (or the whole agenda when no day is given): sessions that match the query, "
        "no two overlapping, chosen for the greatest total relevance; returns {query, plan: [sessions by start time]}. "
        "Sessions in picks stay in the plan. A day the query names ('on Thursday') is read as the day filter when day is empty, "
        "a part of the day ('this afternoon') as the hours it plans.",
        [
            "    query: what the attendee wants to go to, e.g. 'graph databases'",
            *_FILTER_DOCS,
            "    time_from: the plan starts at or after this time of day, HH:MM; empty for any",
            "    time_until: the plan ends by this time of day, HH:MM; empty for any",
            "    gap_minutes: minutes to keep free between two sessions, 0 to 240",
            "    picks: session ids the attendee already chose, comma-separated; they are kept",
        ],
    )
    return [search, plan, session]


def _declare(fn: Callable, parameters: list[tuple[str, type, object]], returns: type, summary: str, args: list[str]) -> None:
    """Give ``fn`` the signature, annotations and docstring Gradio reads to describe the endpoint and the tool."""
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    fn.__signature__ = inspect.Signature([inspect.Parameter(name, kind, default=default, annotation=kind_) for name, kind_, default in parameters], return_annotation=returns)
    fn.__annotations__ = {name: kind_ for name, kind_, _ in parameters} | {"return": returns}
    fn.__doc__ = summary + "\n\nArgs:\n" + "\n".join(args)


def _ids(text: str) -> list[str]:
    return [part.strip() for part in str(text or "").split(",") if part.strip()]


class _one_line_errors:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, trace) -> bool:
        if isinstance(error, (ValueError, HelperError)):
            raise gr.Error(str(error)) from None
        return False


class FillMissingArguments:
    """ASGI middleware: a plain-HTTP call (``POST .../gradio_api/call/<name>`` with ``{"data": [...]}``) that sends
    fewer values than the endpoint now has arguments gets the rest filled with their defaults. Gradio refuses such
    calls, so without this every caller written when ``/search`` took (query, top_k) would break."""

    _CALL = re.compile(r"/gradio_api/call/([A-Za-z0-9_]+)/?$")

    def __init__(self, app, defaults: dict[str, list]) -> None:
        self.app = app
        self.defaults = defaults  # endpoint name -> default of each argument, in order

    async def __call__(self, scope, receive, send) -> None:
        match = self._CALL.search(scope.get("path", "")) if scope["type"] == "http" and scope.get("method") == "POST" else None
        if not match or match.group(1) not in self.defaults:
            return await self.app(scope, receive, send)
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        body = self._filled(body, self.defaults[match.group(1)])
        headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"] + [(b"content-length", str(len(body)).encode())]
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": headers}, replay, send)

    @staticmethod
    def _filled(body: bytes, defaults: list) -> bytes:
        try:
            payload = json.loads(body)
        except ValueError:
            return body  # Gradio answers bad JSON itself
        data = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(data, list) or len(data) >= len(defaults) or any(d is inspect.Parameter.empty for d in defaults[len(data):]):
            return body
        payload["data"] = data + defaults[len(data):]
        return json.dumps(payload).encode()


def argument_defaults() -> dict[str, list]:
    """Endpoint name -> its arguments' defaults, in order (``inspect.Parameter.empty``: required)."""
    return {fn.__name__: [p.default for p in inspect.signature(fn).parameters.values()] for fn in endpoints(LiveIndex(None), lambda index: datetime.now())}
