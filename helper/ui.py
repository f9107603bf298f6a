"""The Gradio page. ``build_demo`` builds it and never launches it."""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from helper import handlers, render, share  # noqa: E402
from helper.calendar import CalendarFiles  # noqa: E402
from helper.errors import HelperError  # noqa: E402
from helper.index import SearchIndex  # noqa: E402
from helper.settings import Settings  # noqa: E402
from helper.timefilters import WINDOW_ANY, WINDOWS, Choice, clock, day_choices, time_choices  # noqa: E402

CSS = """
.gradio-container { max-width: 860px !important; margin: auto; }
#results { min-height: 4rem; }
.hc-card { border: 1px solid var(--border-color-primary); border-radius: 12px; padding: 0.9rem 1rem;
  margin: 0 0 0.9rem 0; background: var(--background-fill-primary); overflow-wrap: anywhere; }
.hc-head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
.hc-rank { display: inline-flex; align-items: center; justify-content: center; width: 1.8rem; height: 1.8rem;
  border-radius: 50%; background: #1d4ed8; color: #fff; font-weight: 700; }
.hc-score { font-size: 0.9rem; color: #374151; }
.hc-title { margin: 0.4rem 0 0.2rem 0 !important; font-size: 1.15rem !important; line-height: 1.3; }
.hc-meta, .hc-speakers { margin: 0.15rem 0 !important; font-size: 0.95rem; }
.hc-abstract { margin: 0.4rem 0 0 0 !important; line-height: 1.45; }
.hc-more summary { cursor: pointer; color: #1d4ed8; margin-top: 0.3rem; min-height: 24px; }
.hc-preview:has(+ .hc-more[open]) { display: none; }
.hc-why { margin: 0.3rem 0 0 0 !important; font-size: 0.95rem; }
.hc-why mark { background: #fff3b0; color: #222; padding: 0 0.15em; border-radius: 3px; }
.hc-nothing-close { font-weight: 600; }
.hc-similar summary { cursor: pointer; color: #1d4ed8; margin-top: 0.4rem; min-height: 24px; }
.hc-similar ul { margin: 0.3rem 0 0 1.2rem; }
.hc-note { color: #374151; }
.hc-badge { display: inline-block; border-radius: 999px; padding: 0 0.55rem; font-size: 0.85rem; font-weight: 700; }
.hc-badge-now { background: #166534; color: #fff; }
.hc-badge-soon { background: #92400e; color: #fff; }
.hc-badge-ended { background: #374151; color: #fff; }
.hc-conflict { color: #991b1b; font-weight: 600; }
.hc-list { padding-left: 1.1rem; }
.hc-line { margin: 0.3rem 0; overflow-wrap: anywhere; }
.gradio-container [data-testid="block-info"], .gradio-container label[data-testid="block-label"], .gradio-container .label { color: #111827 !important; }
#search-button { background: #1d4ed8 !important; color: #fff !important; border-color: #1d4ed8 !important; }
#filter-window label.selected, #filter-window label.selected span { background: #1d4ed8 !important; color: #fff !important; }
#handoff-qr svg { width: 240px; height: 240px; background: #fff; }
#agenda-info { font-size: 0.9rem; color: #374151; }
/* the per-result .ics list is read-only: Gradio's remove buttons would only confuse */
#result-ics td:has(> .label-clear-button) { display: none; }
button, input, select, textarea { min-height: 44px; }
.gradio-container :is(a, button, input, select, textarea, summary, [tabindex]):focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px !important; }
.gradio-container .label-wrap:focus-visible { outline-offset: -3px !important; }  /* accordion headers clip their outside */
#results .block { overflow: visible !important; }  /* not a scroll box: Chromium would make it a Tab stop while it loads */
#results [id^="card-"]:has(+ .form > .hc-star) .hc-card { margin-bottom: 0; border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
#results .form:has(> .hc-star) { margin-top: calc(-1 * var(--layout-gap, 16px)) !important; border: 1px solid var(--border-color-primary) !important;
  border-top: 1px dashed var(--border-color-primary) !important; border-radius: 0 0 12px 12px !important; box-shadow: none !important;
  background: var(--background-fill-primary) !important; overflow: visible !important; }
#results .hc-star { margin: 0 !important; padding: 0 1rem !important; border: none !important; border-radius: 0 0 12px 12px !important;
  background: var(--background-fill-primary) !important; }
#results .hc-star label { height: auto !important; min-height: 44px; align-items: center; cursor: pointer; padding: 0.2rem 0; }
#results .hc-star input[type="checkbox"] { min-height: 0; width: 1.2rem; height: 1.2rem; border: 2px solid #4b5563 !important; }
@media (max-width: 480px) { .gradio-container { padding: 0 6px !important; } .hc-card { padding: 0.75rem; } }
"""

KIOSK_CSS = """
.gradio-container { max-width: 1400px !important; font-size: 1.35rem; }
.gradio-container input, .gradio-container textarea { font-size: 1.5rem !important; }
button, input, select, textarea, label, [role="option"], .hc-more summary { min-height: 48px !important; }
.hc-title { font-size: 1.6rem !important; }
.hc-card, .hc-card p, .hc-note { font-size: 1.25rem !important; }
#kiosk-hint { font-size: 1.4rem; }
"""

# After a search, put the share link's query into the address bar so Back and copy-paste work.
PUSH_ADDRESS_JS = """(qs) => {
  const target = location.pathname + (qs || "");
  if (target !== location.pathname + location.search) history.pushState({}, "", target);
}"""

STAR_LABEL = "☆ Keep in My picks"

BACK_RELOADS_JS = """() => { window.addEventListener("popstate", () => location.reload()); }"""


# Chromium makes scrollable boxes Tab stops: a dropdown's open option list took the focus from its box,
# closed and dropped it on the page. The list is driven by the arrow keys from the box, so keep it out of Tab.
# A Textbox with a copy button wraps both in one <label>, which then names the button only: give the box its
# label's text as its accessible name. A dropdown's option list gets its box's name.
KEYBOARD_JS = """() => {
  const fix = () => {
    document.querySelectorAll("ul.option-list").forEach((list) => {
      if (!list.hasAttribute("tabindex")) list.setAttribute("tabindex", "-1");
      const box = !list.hasAttribute("aria-label") && list.id && document.querySelector(`[aria-controls="${CSS.escape(list.id)}"]`);
      if (box && box.getAttribute("aria-label")) list.setAttribute("aria-label", box.getAttribute("aria-label"));
    });
    document.querySelectorAll("label textarea:not([aria-label]), label input:not([aria-label])").forEach((box) => {
      const label = box.closest("label"), info = label.querySelector('[data-testid="block-info"]');
      if (info && label.control !== box) box.setAttribute("aria-label", info.textContent.trim());
    });
  };
  new MutationObserver(fix).observe(document.body, {childList: true, subtree: true});
}"""


def kiosk_js(idle_seconds: int) -> str:
    """Forget everything in the browser, and go back to the welcome page after ``idle_seconds`` without input."""
    return """() => {
  try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}
  const idleMs = %d * 1000;
  let last = Date.now();
  for (const name of ["pointerdown", "keydown", "input", "touchstart", "wheel"]) {
    window.addEventListener(name, () => { last = Date.now(); }, true);
  }
  setInterval(() => {
    if (Date.now() - last < idleMs) return;
    last = Date.now();
    const box = document.querySelector("#query textarea, #query input");
    const used = location.search !== "" || (box && box.value !== "") || document.querySelector("#results .hc-card, #results .hc-list");
    if (used) location.replace(location.pathname);
  }, 1000);
}""" % max(int(idle_seconds), 1)


def build_demo(index: SearchIndex, settings: Settings | None = None) -> gr.Blocks:
    """The attendee page for ``index``, plus the program endpoint ``/search``. Kiosk mode comes from ``settings``."""
    settings = settings or Settings()
    page = _Page(index, settings)
    with gr.Blocks(title="Conference Helper", analytics_enabled=False) as demo:
        gr.Markdown("# Conference Helper\nFind the sessions that fit what you care about.")
        if settings.kiosk:
            gr.Markdown("**Touch the box, type a topic, a tool or a speaker's name — for example *SQL*, *Tableau* or *healthcare* — then press Search.**", elem_id="kiosk-hint")
        with gr.Row(equal_height=True):
            query = gr.Textbox(
                label="What are you interested in?",
                placeholder="e.g. deploying models, Tableau, a speaker's name",
                scale=5,
                max_lines=1,
                autofocus=True,
                elem_id="query",
            )
            button = gr.Button("Search", variant="primary", scale=1, min_width=96, elem_id="search-button")
        page.built_state = page.agenda_state()
        options = filter_options(index)
        with gr.Accordion("Filters", open=False, elem_id="filters"):  # closed: results first, one tap opens it
            with gr.Row():
                day = gr.Dropdown(options["day"], value="", label="Day", elem_id="filter-day", min_width=150)
                track = gr.Dropdown(options["track"], value="", label="Track", elem_id="filter-track", min_width=150)
                room = gr.Dropdown(options["room"], value="", label="Room", elem_id="filter-room", min_width=150)
            with gr.Row():
                window = gr.Radio(WINDOWS, value=WINDOW_ANY, label="Time", elem_id="filter-window", min_width=200)
                time_from = gr.Dropdown(options["time_from"], value="", label="From (chosen range)", elem_id="filter-from", min_width=120)
                time_until = gr.Dropdown(options["time_until"], value="", label="Until (chosen range)", elem_id="filter-until", min_width=120)
            show_ended = gr.Checkbox(False, label="Show sessions that have already ended", elem_id="filter-ended")
        with gr.Row():
            now_button = gr.Button("What's on now and next", elem_id="now-next-button", size="md")
        info = gr.Markdown(handlers.agenda_summary(index), elem_id="agenda-info")
        # one Markdown for the notes (hint, "nothing close", now/next), then per result its card and, right under
        # it, its star; fixed slots filled by the search itself, so no extra round trip to draw them
        with gr.Column(elem_id="results"):
            results = gr.Markdown(handlers.results_view(index, ""), elem_id="results-note", latex_delimiters=[], sanitize_html=True)
            card_views, stars = [], []
            for slot in range(settings.top_k):
                card_views.append(gr.Markdown("", visible=False, elem_id=f"card-{slot + 1}", elem_classes=["hc-slot"], latex_delimiters=[], sanitize_html=True))
                if not settings.kiosk:
                    stars.append(gr.Checkbox(False, label=STAR_LABEL, visible=False, elem_id=f"star-{slot + 1}", elem_classes=["hc-star"]))
        page.slots = settings.top_k
        address = gr.Textbox(visible=False, elem_id="address")
        filters = [day, window, time_from, time_until, track, room, show_ended]
        search_outputs = [results, *card_views, address]
        if settings.kiosk:
            gr.Markdown("**Scan the code to take these results to your phone.**", elem_id="handoff-label")
            # segno's SVG holds path data only (no agenda or query text), so gr.HTML is safe here
            qr = gr.HTML("", elem_id="handoff-qr")
            search_outputs.append(qr)
            picks_state = None
        else:
            share_box = gr.Textbox(label="Share link for these results", interactive=False, buttons=["copy"], elem_id="share-link")
            ics_files = gr.File(label="Add a result to your calendar (.ics)", file_count="multiple", interactive=False, elem_id="result-ics")
            with gr.Accordion("My picks", open=True, elem_id="my-picks"):
                picks_view = gr.Markdown(elem_id="picks", latex_delimiters=[], sanitize_html=True)
                picks_ics = gr.DownloadButton("All picks as a calendar file (.ics)", visible=False, elem_id="picks-ics")
            picks_state = gr.BrowserState([], storage_key="conference-helper-picks")
            # the shown results' ids live in the page, not in Gradio's per-session server state: that state is
            # bounded (helper.cli.MAX_SESSIONS) and a busy server may drop a visitor's, which must not break a star
            shown = gr.JSON([], visible=False, elem_id="shown")
            search_outputs += [share_box, *stars, ics_files, shown]

        def run_search(query_text, day, window, time_from, time_until, track, room, show_ended, picks=None, request: gr.Request = None):
            return page.search(query_text, _choice(day, window, time_from, time_until, track, room, show_ended), picks, request)

        def run_filter_change(shown_address, query_text, day, window, time_from, time_until, track, room, show_ended, picks=None, request: gr.Request = None):
            # Gradio's dropdowns send "input" whenever they lose the focus, so every Tab through the filters
            # asked for a search and redrew the cards; the shown search's address tells whether anything changed
            choice = _choice(day, window, time_from, time_until, track, room, show_ended)
            if share.query_string(query_text, choice) == (shown_address or ""):
                return [gr.skip()] * len(search_outputs)
            return page.search(query_text, choice, picks, request)

        search_inputs = [query, *filters] + ([picks_state] if picks_state is not None else [])
        searched = gr.on([query.submit, button.click], run_search, inputs=search_inputs, outputs=search_outputs, api_visibility="private", concurrency_limit=None)
        filtered = gr.on([c.input for c in filters], run_filter_change, inputs=[address, *search_inputs], outputs=search_outputs, api_visibility="private", concurrency_limit=None)
        if not settings.kiosk:
            for event in (searched, filtered):
                event.then(None, inputs=[address], js=PUSH_ADDRESS_JS)
        now_outputs = [results, *card_views] + ([*stars, shown] if picks_state is not None else [])
        now_button.click(page.now_next, outputs=now_outputs, api_visibility="private", concurrency_limit=None)

        examples = handlers.example_queries(index)
        if examples:
            # a click fills the box, then runs the page's own search (filters, stars, share link and address too)
            shown_examples = gr.Examples(examples=[[e] for e in examples], inputs=[query], cache_examples=False, label="Try one of the agenda's tracks")
            ran = shown_examples.load_input_event.then(run_search, inputs=search_inputs, outputs=search_outputs, api_visibility="private", concurrency_limit=None)
            if not settings.kiosk:
                ran.then(None, inputs=[address], js=PUSH_ADDRESS_JS)

        # what a visit reads afresh from the agenda (it may have been reloaded since the page was built)
        agenda_frame = [info] + ([shown_examples.dataset] if examples else [])
        page.example_buttons = bool(examples)
        load_outputs = [*agenda_frame, query, *filters, *search_outputs]
        page.page_outputs = len(load_outputs)
        if picks_state is not None:
            for slot, box in enumerate(stars):
                box.input(partial(page.star, slot), inputs=[picks_state, shown, box], outputs=[picks_state, picks_view, picks_ics], api_visibility="private")
            loaded = demo.load(page.load, inputs=[picks_state], outputs=load_outputs + [picks_view, picks_ics], api_visibility="private", js=BACK_RELOADS_JS)
            # the stored picks may arrive after the first load event: show them again once they have
            loaded.then(page.refresh_picks, inputs=[picks_state, shown], outputs=[picks_view, picks_ics, *stars], api_visibility="private")
        else:
            demo.load(page.load_kiosk, outputs=load_outputs, api_visibility="private")

        def search(query: str, top_k: int = 3) -> list[dict]:
            """The best sessions for a query: id, title, score, start, end, room, track, speakers, abstract."""
            try:
                return handlers.api_search(index, query, top_k)
            except (ValueError, HelperError) as exc:
                raise gr.Error(str(exc)) from None

        gr.api(search, api_name="search", concurrency_limit=None)
    return demo


class _Page:
    """The page's event handlers: thin wrappers that turn handler output into component updates."""

    def __init__(self, index: SearchIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.tz = ZoneInfo(index.agenda.timezone)
        self.page_outputs = 0  # how many components the load event fills besides the picks; set by build_demo
        self.slots = 3  # result slots (card and star) on the page; set by build_demo
        self.example_buttons = False  # whether the page shows example buttons; set by build_demo
        self.built_state: tuple = ()  # agenda_state() when the page was built; set by build_demo
        self._state_of: SearchIndex | None = None  # the index self._state was worked out for
        self._state: tuple = ()
        self.calendars = CalendarFiles()

    def now(self) -> datetime:
        return clock(self.settings.now, self.tz)

    def search(self, query: str, choice: Choice, picks: list[str] | None, request: gr.Request | None, session_id: str = "") -> list:
        now = self.now()
        try:
            if session_id:
                found = handlers.session_result(self.index, session_id, now)
                qs = "?" + share.urlencode({"session": session_id})
            else:
                found = handlers.filtered_results(self.index, query, choice, now, self.settings.top_k)
                qs = share.query_string(query, choice)
        except HelperError as exc:
            raise gr.Error(exc.line()) from None
        base = share.base_url(self.settings.public_url, dict(request.headers) if request is not None else None)
        link = base + "/" + qs if qs else ""
        out = [found.head, *self._cards(found.cards), qs]
        if self.settings.kiosk:
            out.append(share.qr_svg(link) if link and found.ids else "")
            return out
        hits = [self.index.hit(r, 0.0) for r in (handlers.find_row(self.index, i) for i in found.ids) if r is not None]
        files = [str(self.calendars.path_for([h], h.title)) for h in hits if h.start is not None]
        out += [link, *self._stars(hits, picks), files or None, [h.id for h in hits]]
        return out

    def _cards(self, cards: list[str]) -> list[dict]:
        return [gr.update(value=cards[i], visible=True) if i < len(cards) else gr.update(value="", visible=False) for i in range(self.slots)]

    def _stars(self, hits: list, picks: list[str] | None) -> list[dict]:
        return [
            gr.update(value=hits[i].id in (picks or []), label=star_label(hits[i].title), visible=True) if i < len(hits) else gr.update(value=False, visible=False)
            for i in range(self.slots)
        ]

    def now_next(self) -> list:
        out = [handlers.now_next_view(self.index, self.now()), *self._cards([])]
        return out if self.settings.kiosk else out + [*self._stars([], None), []]

    def star(self, slot: int, picks: list[str], shown: list[str], keep: bool):
        if slot < len(shown or []):
            picks = handlers.set_pick(picks, shown[slot], bool(keep))
        return [picks, *self._picks(picks)]

    def load(self, picks: list[str] | None, request: gr.Request):
        """Fill the page from its address; the agenda's summary and filter choices are read afresh, so a
        visitor sees a reloaded agenda (new tracks, rooms, days) without a restart."""
        query, choice, session_id = share.from_params(dict(request.query_params) if request is not None else {})
        state = self.agenda_state()
        summary, options, examples = state
        frame = [summary] + ([gr.Dataset(samples=[[e] for e in examples])] if self.example_buttons else [])
        if not (query or session_id or not choice.is_default()):
            # a plain visit: the page already shows its empty state, and on slow Wi-Fi the attendee may have
            # searched or opened a filter before this event returns; writing the empty state again would wipe
            # their results, so only an agenda reloaded since the page was built is sent
            reloaded = state != self.built_state
            out = [*(frame if reloaded else [gr.skip()] * len(frame)), gr.skip()]
            out += self._filters(options, None) if reloaded else [gr.skip()] * len(FILTERS)
            out += [gr.skip()] * (self.page_outputs - len(out))
            return out + self._picks(picks) if picks is not None else out
        choice, problems = share.fit_to_agenda(choice, options)
        try:
            found = self.search(query, choice, picks, request, session_id)
        except gr.Error as exc:  # e.g. a range that ends before it starts: say so, and show the plain page
            problems.append(f"This link could not be opened as it is: {exc.message}")
            query, choice = "", Choice()
            found = self.search("", Choice(), picks, request)
        if problems:  # the first search output is the note above the cards
            found[0] = "".join(render.note(line) for line in problems) + found[0]
        out = [*frame, query, *self._filters(options, choice), *found]
        if picks is not None:
            out += self._picks(picks)
        return out

    def agenda_state(self) -> tuple[str, dict[str, list], list[str]]:
        """What the page shows of the agenda itself: its summary line, filter choices and example queries.
        Worked out once per agenda (a reload swaps the index), not on every visit."""
        current = self.index.current() if hasattr(self.index, "current") else self.index
        if self._state_of is not current:
            self._state = handlers.agenda_summary(current), filter_options(current), handlers.example_queries(current)
            self._state_of = current
        return self._state

    @staticmethod
    def _filters(options: dict[str, list], choice: Choice | None) -> list:
        """Updates for the filter controls, in page order: fresh choices, and values only when ``choice`` is given."""
        def dropdown(name: str):
            return gr.Dropdown(choices=options[name]) if choice is None else gr.Dropdown(choices=options[name], value=getattr(choice, name))

        other = {"window": gr.skip(), "show_ended": gr.skip()} if choice is None else {"window": choice.window, "show_ended": choice.show_ended}
        return [dropdown(name) if name in options else other[name] for name in FILTERS]

    def refresh_picks(self, picks: list[str], shown: list[str]):
        shown = shown or []
        ticks = [gr.update(value=shown[i] in (picks or [])) if i < len(shown) else gr.skip() for i in range(self.slots)]
        return [*self._picks(picks), *ticks]

    def load_kiosk(self, request: gr.Request):
        return self.load(None, request)

    def _picks(self, picks: list[str]) -> list:
        view = handlers.picks_view(self.index, picks, self.now())
        hits = [self.index.hit(r, 0.0) for r in (handlers.find_row(self.index, p) for p in picks or []) if r is not None]
        if not hits:
            return [view, gr.DownloadButton(visible=False)]
        path = self.calendars.path_for(hits, "my-picks")
        return [view, gr.DownloadButton(value=str(path), visible=True)]


FILTERS = ("day", "window", "time_from", "time_until", "track", "room", "show_ended")  # the page's filter controls, in order


def filter_options(index: SearchIndex) -> dict[str, list]:
    """The choices of each filter dropdown, from the agenda as it is now."""
    sessions = index.sessions
    times = [("—", "")] + [(t, t) for t in time_choices(sessions)]
    return {
        "day": day_choices(sessions),
        "track": [("Any track", "")] + [(t, t) for t in index.agenda.tracks()],
        "room": [("Any room", "")] + [(r, r) for r in sorted(set(sessions["room"]) - {""})],
        "time_from": times,
        "time_until": times,
    }


def _choice(day, window, time_from, time_until, track, room, show_ended) -> Choice:
    return Choice(day or "", window or WINDOW_ANY, time_from or "", time_until or "", track or "", room or "", bool(show_ended))


def star_label(title: str, limit: int = 70) -> str:
    """The star's label names its session, so each of the page's stars says what it keeps (plain text in Gradio)."""
    title = " ".join(str(title).split())
    return f"{STAR_LABEL}: {title if len(title) <= limit else title[: limit - 1].rstrip() + '…'}"


def enable_queue(demo: gr.Blocks) -> gr.Blocks:
    """Turn on Gradio's queue, without the per-event records kept for its monitoring dashboard (which this
    app never enables). By default Gradio keeps the last 10,000 events and rebuilds a pandas summary of all
    of them after every event: a cost that grows with traffic, in CPU and in memory (bench/README.md)."""
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "100")
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(10**9))
    # Gradio tries `import matplotlib` around every event; when it is not installed, each failed import
    # searches sys.path again (about 3% of a loaded server's CPU, bench/profile_server.py). A None entry
    # in sys.modules makes that import fail at once; it only applies when matplotlib is absent anyway.
    if "matplotlib" not in sys.modules and importlib.util.find_spec("matplotlib") is None:
        sys.modules["matplotlib"] = None
    return demo.queue(default_concurrency_limit=4)


def launch_options(kiosk: bool = False, idle_seconds: int = 90) -> dict:
    """Arguments for ``demo.launch`` that belong to the page's look and privacy (kiosk: bigger, forgetful, idle reset)."""
    options = {"css": CSS, "footer_links": ["api"], "run_history": False, "show_error": False, "theme": theme(), "js": KEYBOARD_JS}
    if kiosk:
        options.update(css=CSS + KIOSK_CSS, footer_links=[], js=f"() => {{ ({KEYBOARD_JS})(); ({kiosk_js(idle_seconds)})(); }}", pwa=False)
    return options


def theme() -> gr.themes.Base:
    # system fonts: no request to a font host from a phone on venue Wi-Fi
    return gr.themes.Soft(font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"], font_mono=["ui-monospace", "monospace"])
