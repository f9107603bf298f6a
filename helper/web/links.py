"""Deep links (``?q=...&track=...``, ``?session=ID``, ``?picks=ID,ID``), share links and their QR code (segno, offline).

URL parameters come from the filter declarations (``helper.search.filters.FILTERS``)."""

from __future__ import annotations

from typing import Mapping
from urllib.parse import quote, urlencode

from helper.search.filters import CHECKBOX, FILTERS, Choice, Options


PLAN_PARAM = "plan"  # ?q=...&plan=1: the query's plan ("Plan my day") rather than its three best sessions


def query_string(query: str, choice: Choice, plan: bool = False) -> str:
    """``?q=...`` plus the filters that differ from their defaults, and ``plan=1`` for a plan ('' when there is
    nothing to share)."""
    pairs = [("q", " ".join((query or "").split()))] if (query or "").strip() else []
    for f in FILTERS:
        value = getattr(choice, f.name)
        if value != f.default:
            pairs.append((f.param, "1" if f.widget == CHECKBOX else value))
    if plan and pairs:
        pairs.append((PLAN_PARAM, "1"))
    return "?" + urlencode(pairs) if pairs else ""


def wants_plan(params: Mapping[str, str]) -> bool:
    """Whether a page address asks for a plan (``plan=1``) rather than search results."""
    return str(params.get(PLAN_PARAM, "")).strip().lower() in ("1", "true", "yes")


def session_query_string(session_id: str) -> str:
    return "?" + urlencode({"session": session_id})


def session_link(base_url: str, session_id: str) -> str:
    """The page of one session, e.g. the link back from a calendar event."""
    return base_url.rstrip("/") + "/" + session_query_string(session_id)


def picks_query_string(ids: list[str]) -> str:
    """``?picks=ID,ID`` ('' without picks); a comma inside an id is written %2C (``handlers.picks_from_link``
    reads such ids back by the agenda's own ids)."""
    return "?picks=" + ",".join(quote(i, safe="") for i in ids) if ids else ""


def picks_link(base_url: str, ids: list[str]) -> str:
    qs = picks_query_string(ids)
    return base_url.rstrip("/") + "/" + qs if qs else ""


def share_link(base_url: str, query: str, choice: Choice) -> str:
    qs = query_string(query, choice)
    return base_url.rstrip("/") + "/" + qs if qs else ""


def from_params(params: Mapping[str, str]) -> tuple[str, Choice, str]:
    """(query, filter choice, session id) from a page address's parameters."""
    choice = Choice(**{f.name: str(params.get(f.param, "")) for f in FILTERS})
    return str(params.get("q", "")).strip(), choice, str(params.get("session", "")).strip()


def fit_to_agenda(choice: Choice, options: Mapping[str, Options]) -> tuple[Choice, list[str]]:
    """A link's filters, keeping only values this agenda offers (``options``: each filter's (label, value)
    choices); one plain-text line per value dropped, to show the visitor why it was not applied."""
    outside = choice.outside(options)
    reasons = [f'This link asks for the {f.noun} "{value}", {f.unknown}, so that filter is not applied.' for f, value in outside]
    return choice.replace(**{f.name: None for f, _value in outside}), reasons


def base_url(public_url: str, headers: Mapping[str, str] | None) -> str:
    """Where links point: ``HELPER_PUBLIC_URL`` if set (a kiosk's own address is not the public one), else the page's origin."""
    if public_url:
        return public_url.rstrip("/")
    headers = headers or {}
    origin = headers.get("origin") or ""
    if origin and origin != "null":
        return origin.rstrip("/")
    host = headers.get("host") or "127.0.0.1"
    return f"http://{host}"


RESULTS_QR = "QR code of the share link for these results"
PICKS_QR = "QR code of the link to your picks"


def qr_svg(link: str, scale: int = 6, label: str = RESULTS_QR) -> str:
    """The QR code as inline SVG: only path data drawn by segno (the link is never written out as text);
    ``label`` is one of this module's constant names for it."""
    import segno

    svg = segno.make(link, error="m").svg_inline(scale=scale, border=2, omitsize=True, title="", desc="")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
