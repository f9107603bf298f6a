"""Results as safe display text. Agenda text is escaped to inert entities before it meets any markup."""

from __future__ import annotations

import re
from datetime import datetime

from helper.index import Hit

ABSTRACT_PREVIEW_CHARS = 260
# Characters Markdown or HTML could give meaning to: all become numeric entities, so text stays text.
_SPECIAL = re.compile(r"[&<>\"'`*_\[\]()!#|~{}$\\=+:/@^-]")


def escape(text: str) -> str:
    """Agenda or query text -> inert text for a Markdown/HTML view (no tags, links, images or LaTeX)."""
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", " ".join(str(text).split()))


def when(start: datetime | None, end: datetime | None) -> str:
    if start is None:
        return "time to be announced"
    text = f"{start:%a %d %b} · {start:%H:%M}"
    if end is not None:
        text += f"–{end:%H:%M}" if end.date() == start.date() else f" – {end:%a %d %b %H:%M}"
    return text


def match_label(score: float) -> str:
    """Words for a cosine similarity, so a person can read it without knowing what a cosine is."""
    if score >= 0.55:
        return "strong match"
    if score >= 0.40:
        return "good match"
    if score >= 0.25:
        return "partial match"
    return "weak match"


def card(hit: Hit, badge: str = "") -> str:
    meta = [f'<strong>{escape(when(hit.start, hit.end))}</strong>']
    if badge:
        meta.insert(0, badge_tag(badge))
    if hit.room:
        meta.append(f'<span class="hc-room">{escape(hit.room)}</span>')
    if hit.track:
        meta.append(f'<span class="hc-track">{escape(hit.track)}</span>')
    lines = [
        '<div class="hc-card">',
        f'<div class="hc-head"><span class="hc-rank">{hit.rank}</span>'
        f'<span class="hc-score" title="cosine similarity">{escape(match_label(hit.score))} · {hit.score:.2f}</span></div>',
        f'<h3 class="hc-title">{escape(hit.title)}</h3>',
        f'<p class="hc-meta">{" &nbsp;·&nbsp; ".join(meta)}</p>',
    ]
    if hit.speakers:
        lines.append(f'<p class="hc-speakers">With {escape(", ".join(hit.speakers))}</p>')
    lines.append(_abstract(hit.abstract))
    lines.append("</div>")
    return "".join(lines)


def _abstract(text: str) -> str:
    if not text:
        return '<p class="hc-abstract hc-empty">No abstract in the agenda.</p>'
    if len(text) <= ABSTRACT_PREVIEW_CHARS + 40:
        return f'<p class="hc-abstract">{escape(text)}</p>'
    cut = text.rfind(" ", 0, ABSTRACT_PREVIEW_CHARS)
    cut = cut if cut > 0 else ABSTRACT_PREVIEW_CHARS
    return (
        f'<p class="hc-abstract">{escape(text[:cut])}…</p>'
        f'<details class="hc-more"><summary>more</summary><p class="hc-abstract">{escape(text)}</p></details>'
    )


def cards(hits: list[Hit], query: str, badges: list[str] | None = None) -> str:
    if not hits:
        return f'<p class="hc-note">No session matches “{escape(query)}” with the current filters.</p>'
    badges = badges or [""] * len(hits)
    return "".join(card(h, b) for h, b in zip(hits, badges))


def badge_tag(badge: str) -> str:
    kind = "now" if badge == "happening now" else "ended" if badge == "ended" else "soon"
    return f'<span class="hc-badge hc-badge-{kind}">{escape(badge)}</span>'


def session_line(hit: Hit, badge: str = "", conflict_with: list[str] | None = None) -> str:
    """One compact line (now/next view, picks): time, title, room; a conflict note when it overlaps."""
    parts = [f'<strong>{escape(when(hit.start, hit.end))}</strong>', escape(hit.title)]
    if hit.room:
        parts.append(f'<span class="hc-room">{escape(hit.room)}</span>')
    line = " &nbsp;·&nbsp; ".join(parts)
    if badge:
        line = badge_tag(badge) + " " + line
    if conflict_with:
        line += f'<br><span class="hc-conflict">Overlaps with: {escape("; ".join(conflict_with))}</span>'
    return f'<li class="hc-line">{line}</li>'


def heading(text: str) -> str:
    return f'<h3 class="hc-section">{escape(text)}</h3>'


def session_list(lines: list[str]) -> str:
    return f'<ul class="hc-list">{"".join(lines)}</ul>'



def note(text: str) -> str:
    return f'<p class="hc-note">{escape(text)}</p>'
