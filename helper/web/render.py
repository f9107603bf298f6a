"""The one place data becomes HTML. Agenda and query text is escaped to inert entities before it meets any markup.

The page shows these strings in ``gr.Markdown`` (which sanitises too); nothing here is ever given to ``gr.HTML``.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from helper.agenda.languages import language_name
from helper.search.explain import Why
from helper.search.index import Hit
from helper.search.ranking import NOTHING_CLOSE
from helper.search.schedule import agenda_day

if TYPE_CHECKING:
    from helper.web.handlers import NowNext, Picks, Plan, Results

PICKS_EMPTY = "No picks yet: tick “Keep in My picks” under a result to keep it here."
# the kiosk's QR holder (gr.HTML: our own constant text only) before there is a result to hand over
QR_PLACEHOLDER = '<p class="hc-qr-wait">After a search, a code appears here.</p>'
PICKS_QR_CAPTION = "Or scan this code with your phone to open your picks there."

ABSTRACT_PREVIEW_CHARS = 260
# a session held more than once names this many of its other times on its card (SIGDIAL's "Coffee break" has nine)
ALSO_HELD_SHOWN = 4
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


def also_held(hit: Hit) -> str:
    """The other times of a session held more than once ("" for most): "Also held Sat 28 Dec · 15:00, Sun 29 Dec · 19:30
    (8-10 Jahre)", each with what its title says beyond the shown one's, unless that is only its day or number."""
    if not hit.also_at:
        return ""
    times = []
    for other in hit.also_at[:ALSO_HELD_SHOWN]:
        time = when(other.start, None)
        rest = _title_beyond(hit.title, other.title)
        times.append(f"{time} ({rest})" if rest else time)
    more = len(hit.also_at) - ALSO_HELD_SHOWN
    return "Also held " + ", ".join(times) + (f" and {more} more time{'s' if more > 1 else ''}" if more > 0 else "")


# what a repeat's title adds that its time already says: "(Day 2)", "- Tag 3", "day2.1", "1.2", "(Day 1 19:00)", "2b"
_ONLY_WHEN = re.compile(r"[\s\W_]*((day|tag|dag|jour|giorno|d[ií]a)?\s*\d+([.:/]\d+)*[a-z]?[\s\W_]*)*", re.IGNORECASE)


def _title_beyond(shown: str, other: str) -> str:
    """Where ``other`` differs from ``shown``, to its end, from the bracket it opens in ("(8-10 Jahre)")."""
    a, b = (list(_TITLE_WORD.finditer(title)) for title in (shown, other))
    same = next((i for i, (x, y) in enumerate(zip(a, b)) if x.group() != y.group()), min(len(a), len(b)))
    while 0 < same < len(b) and (tail := "".join(w.group() for w in b[same:])).count(")") > tail.count("("):
        same -= 1
    rest = other[b[same].start():] if same < len(b) else ""
    return "" if _ONLY_WHEN.fullmatch(rest) else rest


_TITLE_WORD = re.compile(r"\(|[^\s(]+")


def match_label(score: float) -> str:
    """Words for a score (the cosine, lifted by name and rare-word matches), so a person can read it."""
    if score >= 0.55:
        return "strong match"
    if score >= 0.40:
        return "good match"
    if score >= NOTHING_CLOSE:  # below it the page says "nothing close"
        return "partial match"
    return "weak match"


def card(
    hit: Hit, why: Why | None = None, similar: list[Hit] | None = None, badge: str = "", far: bool = False, scored: bool = True,
) -> str:
    """One result; ``far``: the page says nothing is close to the query, so the card says "weak match" whatever its score;
    ``scored``: False for a session listed by its time, not ranked (no score to show)."""
    meta = [f'<strong>{escape(when(hit.start, hit.end))}</strong>']
    if badge:
        meta.insert(0, badge_tag(badge))
    if hit.room:
        meta.append(f'<span class="hc-room">{escape(hit.place)}</span>')
    if hit.track:
        meta.append(f'<span class="hc-track">{escape(hit.track)}</span>')
    if hit.languages:
        meta.append(f'<span class="hc-language">{escape(", ".join(language_name(code) for code in hit.languages))}</span>')
    label = escape("weak match" if far else match_label(hit.score))
    score = f'<span class="hc-score" title="closeness to your query, 0 to 1">{label} · {hit.score:.2f}</span>'
    lines = [
        '<div class="hc-card">',
        f'<div class="hc-head"><span class="hc-rank">{hit.rank}</span>{score if scored else ""}</div>',
        f'<h3 class="hc-title">{escape(hit.title)}</h3>',
        f'<p class="hc-meta">{" &nbsp;·&nbsp; ".join(meta)}</p>',
    ]
    if scored and (again := also_held(hit)):  # a listing of what is on then names only then
        lines.append(f'<p class="hc-also">{escape(again)}</p>')
    if hit.speakers:
        # where the speakers are from: on a phone's one column; on the desktop's three, on hover (helper.web.assets)
        origin = escape(", ".join(hit.organizations))
        shown, hover = (f' <span class="hc-organizations">· from {origin}</span>', f' title="From {origin}"') if origin else ("", "")
        lines.append(f'<p class="hc-speakers"{hover}>With {escape(", ".join(hit.speakers))}{shown}</p>')
    if why is not None:
        lines.append(why_lines(why))
    lines.append(_abstract(hit.abstract))
    if similar:
        lines.append(more_like_this(similar))
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
        f'<p class="hc-abstract hc-preview">{escape(text[:cut])}…</p>'
        f'<details class="hc-more"><summary>more</summary><p class="hc-abstract">{escape(text)}</p></details>'
    )


def why_lines(why: Why) -> str:
    """Why a card matched: the name or words it shares with the query, and its closest abstract sentence."""
    # labels are our own constant wording (Why.parts); only the agenda/query text needs escaping. The closest
    # sentence has its own class: a short kiosk screen leaves it out (the abstract below starts the same way)
    return "".join(f'<p class="hc-why{" hc-why-sentence" if text == why.sentence else ""}">{label} <mark>{escape(text)}</mark></p>' for label, text in why.parts())


def more_like_this(similar: list[Hit]) -> str:
    items = "".join(f"<li>{escape(h.title)}{_where(h)}</li>" for h in similar)
    return f'<details class="hc-similar"><summary>More like this</summary><ul>{items}</ul></details>'


def _where(hit: Hit) -> str:
    parts = [when(hit.start, hit.end)] if hit.start else []
    parts += [hit.place] if hit.room else []
    return f" ({escape(' · '.join(parts))})" if parts else ""


def results(found: "Results") -> tuple[str, list[str]]:
    """The notes above the cards, and one card per hit (the page shows each card with its own star)."""
    head = "".join(note(line) for line in found.notes)
    if found.query and not found.hits:
        where = "with the time or room your query names" if found.narrowed else "with the current filters"
        head += f'<p class="hc-note">No session matches “{escape(found.query)}” {where}.</p>'
    elif found.nothing_close:
        head += f'<p class="hc-note hc-nothing-close">Nothing close to “{escape(found.query)}”; nearest sessions:</p>'
    similar = found.similar or [None] * len(found.hits)
    badges = found.badges or [""] * len(found.hits)
    return head, [card(h, h.why, near, b, found.nothing_close, not found.listing) for h, near, b in zip(found.hits, similar, badges)]


def now_next(view: "NowNext") -> str:
    parts = [heading(f"On now ({view.now:%a %d %b %H:%M})")]
    parts.append(session_list([session_line(h, view.badges.get(h.id, "")) for h in view.running]) if view.running else note("Nothing is running right now."))
    parts.append(heading("Next"))
    parts.append(session_list([session_line(h, view.badges.get(h.id, "")) for h in view.upcoming]) if view.upcoming else note("Nothing else is scheduled."))
    return "".join(parts)


def picks(view: "Picks", notes: list[str] | None = None) -> str:
    """My picks by time, conflicts flagged; ``notes`` (plain text, e.g. what a picks link added) above them."""
    head = "".join(note(line) for line in notes or [])
    if not view.hits:
        return head + note(PICKS_EMPTY)
    lines = [session_line(h, view.badges.get(h.id, ""), view.conflicts.get(h.id)) for h in view.hits]
    return head + heading(f"My picks ({len(view.hits)})") + session_list(lines)


def plan(view: "Plan") -> str:
    """A plan as a timeline, grouped by the agenda's day (38C3's 00:15 talk under Friday, as its Fahrplan files it):
    time, room, title and why each session is in it; picks marked."""
    head = "".join(note(line) for line in view.notes)
    if not view.hits:
        return head
    lines, day = [], None
    for hit in view.hits:
        if agenda_day(hit.start, view.day_begins) != day:
            if lines:
                lines.append("</ol>")
            day = agenda_day(hit.start, view.day_begins)
            lines.append(f'<h4 class="hc-day">{escape(f"{day:%A %d %B}")}</h4><ol class="hc-timeline">')
        lines.append(plan_line(hit, hit.id in view.fixed))
    lines.append("</ol>")
    fixed = sum(h.id in view.fixed for h in view.hits)
    title = f"Your plan for “{view.query}”: {len(view.hits) - fixed} session{'' if len(view.hits) - fixed == 1 else 's'}"
    title += f" around {fixed} of your picks" if fixed else ""
    return head + heading(title) + "".join(lines)


def plan_line(hit: Hit, picked: bool = False) -> str:
    """One stop of a plan: when (start to end), where, what, and why it is in the plan."""
    when_text = f"{hit.start:%H:%M}" + (f"–{hit.end:%H:%M}" if hit.end and hit.end.date() == hit.start.date() else "")
    where = f'<span class="hc-room">{escape(hit.place)}</span>' if hit.room else ""
    if picked:
        why = '<span class="hc-badge hc-badge-pick">in My picks</span>'
    else:
        reason = next((f"{label} <mark>{escape(text)}</mark>" for label, text in hit.why.parts() if text != hit.why.sentence), "")
        why = reason or escape(f"{match_label(hit.score)} · {hit.score:.2f}")
    return (f'<li class="hc-stop"><span class="hc-stop-time">{escape(when_text)}</span>'
            f'<span class="hc-stop-body"><strong class="hc-stop-title">{escape(hit.title)}</strong>'
            f'{" " + where if where else ""}<span class="hc-stop-why">{why}</span></span></li>')


def picks_qr(svg: str) -> str:
    """The picks link's QR code (segno's path data, ``helper.web.links.qr_svg``) with what it is for."""
    return f'<div class="hc-qr">{svg}<p class="hc-qr-caption">{escape(PICKS_QR_CAPTION)}</p></div>'


def badge_tag(badge: str) -> str:
    kind = "now" if badge == "happening now" else "ended" if badge == "ended" else "soon"
    return f'<span class="hc-badge hc-badge-{kind}">{escape(badge)}</span>'


def session_line(hit: Hit, badge: str = "", conflict_with: list[str] | None = None) -> str:
    """One compact line (now/next view, picks): time, title, room; a conflict note when it overlaps."""
    parts = [f'<strong>{escape(when(hit.start, hit.end))}</strong>', escape(hit.title)]
    if hit.room:
        parts.append(f'<span class="hc-room">{escape(hit.place)}</span>')
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
