"""Deep links (``?q=...&day=...``, ``?session=ID``), share links and their QR code (segno, offline)."""

from __future__ import annotations

import io
from typing import Mapping
from urllib.parse import urlencode

from helper.timefilters import WINDOW_ANY, WINDOWS, Choice

# URL parameter -> Choice field
PARAMS = {"day": "day", "when": "window", "from": "time_from", "until": "time_until", "track": "track", "room": "room"}


def query_string(query: str, choice: Choice) -> str:
    """``?q=...`` plus the filters that differ from the defaults ('' when there is nothing to share)."""
    pairs = [("q", " ".join((query or "").split()))] if (query or "").strip() else []
    for param, name in PARAMS.items():
        value = getattr(choice, name)
        if value and not (name == "window" and value == WINDOW_ANY):
            pairs.append((param, value))
    if choice.show_ended:
        pairs.append(("ended", "1"))
    return "?" + urlencode(pairs) if pairs else ""


def share_link(base_url: str, query: str, choice: Choice) -> str:
    qs = query_string(query, choice)
    return base_url.rstrip("/") + "/" + qs if qs else ""


def from_params(params: Mapping[str, str]) -> tuple[str, Choice, str]:
    """(query, filter choice, session id) from a page address's parameters."""
    values = {name: str(params.get(param, "")).strip() for param, name in PARAMS.items()}
    values["window"] = values["window"] or WINDOW_ANY
    choice = Choice(**values, show_ended=str(params.get("ended", "")).strip() in {"1", "true", "yes"})
    return str(params.get("q", "")).strip(), choice, str(params.get("session", "")).strip()


_NAMES = {"day": "day", "track": "track", "room": "room", "time_from": "start time", "time_until": "end time"}


def fit_to_agenda(choice: Choice, options: Mapping[str, list]) -> tuple[Choice, list[str]]:
    """A link's filters, keeping only values this agenda offers (``options``: each filter's (label, value)
    choices); one plain-text line per value dropped, to show the visitor why it was not applied."""
    kept, dropped = dict(vars(choice)), []
    for name, label in _NAMES.items():
        value = kept[name]
        if value and value not in {v for _label, v in options.get(name, [])}:
            dropped.append(f"This link asks for the {label} \"{value}\", which this agenda does not have, so that filter is not applied.")
            kept[name] = ""
    if kept["window"] not in {v for _label, v in WINDOWS}:
        dropped.append(f"This link asks for the time window \"{kept['window']}\", which is not one of any, next or range, so it is not applied.")
        kept["window"] = WINDOW_ANY
    return Choice(**kept), dropped


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


def qr_png(link: str, scale: int = 8) -> bytes:
    """A QR code of ``link`` as PNG bytes, drawn locally (no network)."""
    import segno

    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def qr_svg(link: str, scale: int = 6) -> str:
    """The QR code as inline SVG: only path data drawn by segno (the link is never written out as text)."""
    import segno

    svg = segno.make(link, error="m").svg_inline(scale=scale, border=2, omitsize=False, title="", desc="")
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code of the share link for these results" ', 1)
