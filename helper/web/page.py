"""The Gradio page. ``build_demo`` lays it out and wires its events; it never launches.

Every event handler takes one snapshot of the live index, asks ``helper.web.handlers`` for data, has
``helper.web.render`` turn it into safe HTML, and returns updates keyed by component.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from helper.errors import HelperError  # noqa: E402
from helper.ops.live import LiveIndex  # noqa: E402
from helper.search.filters import CHECKBOX, DROPDOWN, FILTERS, Choice, agenda_options  # noqa: E402
from helper.search.index import Hit, SearchIndex  # noqa: E402
from helper.search.schedule import clock  # noqa: E402
from helper.settings import Settings  # noqa: E402
from helper.web import handlers, links, render  # noqa: E402
from helper.web.api import endpoints  # noqa: E402
from helper.web.assets import BACK_RELOADS_JS, PUSH_ADDRESS_JS  # noqa: E402
from helper.web.calendar import CalendarFiles  # noqa: E402

STAR_LABEL = "☆ Keep in My picks"
FILTERS_PER_ROW = 3


def build_demo(index: SearchIndex | LiveIndex, settings: Settings | None = None) -> gr.Blocks:
    """The attendee page for ``index`` (or a live index that reloads), plus the program endpoint ``/search``.
    Kiosk mode and the clock come from ``settings``."""
    settings = settings or Settings()
    live = index if isinstance(index, LiveIndex) else LiveIndex(index)
    page = Page(live, settings)
    first = live.current()
    state = page.agenda_state(first)
    ui = page.ui
    with gr.Blocks(title="Conference Helper", analytics_enabled=False) as demo:
        gr.Markdown("# Conference Helper\nFind the sessions that fit what you care about.")
        if settings.kiosk:
            gr.Markdown("**Touch the box, type a topic, a tool or a speaker's name — for example *SQL*, *Tableau* or *healthcare* — then press Search.**", elem_id="kiosk-hint")
        with gr.Row(equal_height=True):
            ui.query = gr.Textbox(
                label="What are you interested in?", placeholder="e.g. deploying models, Tableau, a speaker's name",
                scale=5, max_lines=1, autofocus=True, elem_id="query",
            )
            button = gr.Button("Search", variant="primary", scale=1, min_width=96, elem_id="search-button")
        with gr.Accordion("Filters", open=False, elem_id="filters"):  # closed: results first, one tap opens it
            for start in range(0, len(FILTERS), FILTERS_PER_ROW):
                with gr.Row():
                    for f in FILTERS[start : start + FILTERS_PER_ROW]:
                        ui.filters[f.name] = _filter_widget(f, state.options)
        with gr.Row():
            now_button = gr.Button("What's on now and next", elem_id="now-next-button", size="md")
        ui.info = gr.Markdown(state.summary, elem_id="agenda-info")
        # one Markdown for the notes (hint, "nothing close", now/next), then per result its card and, right under
        # it, its star; fixed slots filled by the search itself, so no extra round trip to draw them
        with gr.Column(elem_id="results"):
            ui.note = _markdown(render.note(handlers.HINT), elem_id="results-note")
            for slot in range(settings.top_k):
                ui.cards.append(_markdown("", visible=False, elem_id=f"card-{slot + 1}", elem_classes=["hc-slot"]))
                if not settings.kiosk:
                    ui.stars.append(gr.Checkbox(False, label=STAR_LABEL, visible=False, elem_id=f"star-{slot + 1}", elem_classes=["hc-star"]))
        ui.address = gr.Textbox(visible=False, elem_id="address")
        if settings.kiosk:
            gr.Markdown("**Scan the code to take these results to your phone.**", elem_id="handoff-label")
            # segno's SVG holds path data only (no agenda or query text), so gr.HTML is safe here
            ui.qr = gr.HTML("", elem_id="handoff-qr")
        else:
            ui.share = gr.Textbox(label="Share link for these results", interactive=False, buttons=["copy"], elem_id="share-link")
            ui.ics = gr.File(label="Add a result to your calendar (.ics)", file_count="multiple", interactive=False, elem_id="result-ics")
            with gr.Accordion("My picks", open=True, elem_id="my-picks"):
                ui.picks_view = _markdown("", elem_id="picks")
                ui.picks_ics = gr.DownloadButton("All picks as a calendar file (.ics)", visible=False, elem_id="picks-ics")
            ui.picks = gr.BrowserState([], storage_key="conference-helper-picks")
            # the shown results' ids live in the page, not in Gradio's per-session server state: that state is
            # bounded (helper.ops.serve.MAX_SESSIONS) and a busy server may drop a visitor's, which must not break a star
            ui.shown = gr.JSON([], visible=False, elem_id="shown")

        searching = {"inputs": set(ui.search_inputs()), "outputs": ui.search_outputs(), "api_visibility": "private", "concurrency_limit": None}
        searched = gr.on([ui.query.submit, button.click], page.on_search, **searching)
        # Gradio's dropdowns send "input" whenever they lose the focus: only a changed choice searches again
        filtered = gr.on([c.input for c in ui.filters.values()], page.on_filter_change, **{**searching, "inputs": {ui.address, *ui.search_inputs()}})
        after_search = [searched, filtered]
        now_button.click(page.on_now_next, outputs=[ui.note, *ui.cards, *ui.stars, *([ui.shown] if ui.shown else [])], api_visibility="private", concurrency_limit=None)

        if state.examples:
            # a click fills the box, then runs the page's own search (filters, stars, share link and address too)
            ui.examples = gr.Examples(examples=[[e] for e in state.examples], inputs=[ui.query], cache_examples=False, label="Try one of the agenda's tracks")
            after_search.append(ui.examples.load_input_event.then(page.on_search, **searching))
        if not settings.kiosk:
            for event in after_search:
                event.then(None, inputs=[ui.address], js=PUSH_ADDRESS_JS)

        load_outputs = ui.load_outputs()
        if settings.kiosk:
            demo.load(page.on_load_kiosk, outputs=load_outputs, api_visibility="private")
        else:
            for slot, box in enumerate(ui.stars):
                box.input(partial(page.on_star, slot), inputs=[ui.picks, ui.shown, box], outputs=[ui.picks, ui.picks_view, ui.picks_ics], api_visibility="private")
            loaded = demo.load(page.on_load, inputs={ui.picks}, outputs=load_outputs, api_visibility="private", js=BACK_RELOADS_JS)
            # the stored picks may arrive after the first load event: show them again once they have
            loaded.then(page.on_refresh_picks, inputs=[ui.picks, ui.shown], outputs=[ui.picks_view, ui.picks_ics, *ui.stars], api_visibility="private")

        for endpoint in endpoints(live, page.now):  # also the MCP tools, when the server runs one
            gr.api(endpoint, api_name=endpoint.__name__, concurrency_limit=None)
    return demo


def _markdown(value: str, **options) -> gr.Markdown:
    # agenda text reaches these already escaped (helper.web.render); no LaTeX, and Gradio sanitises too
    return gr.Markdown(value, latex_delimiters=[], sanitize_html=True, **options)


def _filter_widget(f, options: dict[str, list]) -> gr.components.Component:
    elem_id = "filter-" + f.name.replace("_", "-")
    if f.widget == DROPDOWN:
        return gr.Dropdown(options[f.name], value=f.default, label=f.label, elem_id=elem_id, min_width=150)
    if f.widget == CHECKBOX:
        return gr.Checkbox(f.default, label=f.label, elem_id=elem_id)
    return gr.Radio(options[f.name], value=f.default, label=f.label, elem_id=elem_id, min_width=200)


@dataclass
class AgendaState:
    """What the page shows of the agenda itself; worked out once per agenda, not on every visit."""

    summary: str
    options: dict[str, list]
    examples: list[str]


@dataclass
class Components:
    """The page's components that events read or write, by role (set while ``build_demo`` lays them out)."""

    query: gr.Textbox | None = None
    filters: dict[str, gr.components.Component] = field(default_factory=dict)  # filter name -> widget
    info: gr.Markdown | None = None
    note: gr.Markdown | None = None
    cards: list[gr.Markdown] = field(default_factory=list)
    stars: list[gr.Checkbox] = field(default_factory=list)
    address: gr.Textbox | None = None
    qr: gr.HTML | None = None
    share: gr.Textbox | None = None
    ics: gr.File | None = None
    picks_view: gr.Markdown | None = None
    picks_ics: gr.DownloadButton | None = None
    picks: gr.BrowserState | None = None
    shown: gr.JSON | None = None
    examples: gr.Examples | None = None

    def search_inputs(self) -> list:
        return [self.query, *self.filters.values(), *([self.picks] if self.picks else [])]

    def search_outputs(self) -> list:
        parts = [self.note, *self.cards, self.address]
        if self.qr is not None:
            return parts + [self.qr]
        return parts + [self.share, *self.stars, self.ics, self.shown]

    def load_outputs(self) -> list:
        frame = [self.info] + ([self.examples.dataset] if self.examples else [])
        picks = [self.picks_view, self.picks_ics] if self.picks_view else []
        return [*frame, self.query, *self.filters.values(), *self.search_outputs(), *picks]


class Page:
    """The page's event handlers: each turns handler data into updates keyed by component."""

    def __init__(self, live: LiveIndex, settings: Settings) -> None:
        self.live = live
        self.settings = settings
        self.ui = Components()
        self.calendars = CalendarFiles()
        self._state_of: SearchIndex | None = None  # the index self._state was worked out for
        self._state: AgendaState | None = None
        self._built: AgendaState | None = None  # the state the page was laid out with

    def now(self, index: SearchIndex | None = None) -> datetime:
        index = index or self.live.current()
        return clock(self.settings.now, index.agenda.tz)

    def agenda_state(self, index: SearchIndex) -> AgendaState:
        if self._state_of is not index:
            self._state = AgendaState(handlers.agenda_summary(index), agenda_options(index.sessions), handlers.example_queries(index))
            self._state_of = index
            self._built = self._built or self._state
        return self._state

    # --- events ----------------------------------------------------------------------------------

    def on_search(self, data: dict, request: gr.Request = None) -> dict:
        index = self.live.current()
        return self._show(index, *self._read(index, data), data.get(self.ui.picks), request)

    def on_filter_change(self, data: dict, request: gr.Request = None) -> dict:
        query, choice = self._read(self.live.current(), data)
        if links.query_string(query, choice) == (data.get(self.ui.address) or ""):
            return gr.skip()
        return self.on_search(data, request)

    def on_now_next(self) -> dict:
        index = self.live.current()
        out = {self.ui.note: render.now_next(handlers.now_next(index, self.now(index)))}
        out.update(self._cards(index, [], None))
        return out

    def on_star(self, slot: int, picks: list[str], shown: list[str], keep: bool) -> list:
        if slot < len(shown or []):
            picks = handlers.set_pick(picks, shown[slot], bool(keep))
        return [picks, *self._picks(self.live.current(), picks).values()]

    def on_refresh_picks(self, picks: list[str], shown: list[str]) -> list:
        shown = shown or []
        ticks = [gr.update(value=shown[i] in (picks or [])) if i < len(shown) else gr.skip() for i in range(len(self.ui.stars))]
        return [*self._picks(self.live.current(), picks).values(), *ticks]

    def on_load(self, data: dict | None = None, request: gr.Request = None) -> dict:
        """Fill the page from its address; the agenda's summary and filter choices are read afresh, so a
        visitor sees a reloaded agenda (new tracks, rooms, days) without a restart."""
        index = self.live.current()
        picks = (data or {}).get(self.ui.picks) if self.ui.picks else None
        state = self.agenda_state(index)
        params = dict(request.query_params) if request is not None else {}
        link = handlers.open_link(index, params, self.now(index), self.settings.top_k)
        out: dict = {}
        opened = link.results is not None
        if opened or state != self._built:
            out.update(self._frame(state))
            for f in FILTERS:
                update = ({"choices": state.options[f.name]} if f.name in state.options else {}) | ({"value": getattr(link.choice, f.name)} if opened else {})
                if update:
                    out[self.ui.filters[f.name]] = gr.update(**update)
        # a plain visit leaves the query, filters and results alone: on slow Wi-Fi the attendee may have
        # searched before this event returns, and writing the empty page again would wipe their results
        if opened:
            out[self.ui.query] = link.query
            qs = links.session_query_string(link.session_id) if link.session_id else links.query_string(link.query, link.choice)
            out.update(self._results(index, link.results, qs, picks, request))
        if self.ui.picks_view is not None:
            out.update(self._picks(index, picks))
        return out or gr.skip()

    def on_load_kiosk(self, request: gr.Request = None) -> dict:
        return self.on_load({}, request)

    # --- parts -----------------------------------------------------------------------------------

    def _read(self, index: SearchIndex, data: dict) -> tuple[str, Choice]:
        return data.get(self.ui.query) or "", Choice(**{name: data.get(widget) for name, widget in self.ui.filters.items()})

    def _show(self, index: SearchIndex, query: str, choice: Choice, picks: list[str] | None, request: gr.Request | None) -> dict:
        try:
            found = handlers.search(index, query, choice, self.now(index), self.settings.top_k)
        except HelperError as exc:
            raise gr.Error(exc.line()) from None
        return self._results(index, found, links.query_string(query, choice), picks, request)

    def _results(self, index: SearchIndex, found: handlers.Results, qs: str, picks: list[str] | None, request: gr.Request | None) -> dict:
        head, cards = render.results(found)
        base = links.base_url(self.settings.public_url, dict(request.headers) if request is not None else None)
        link = base + "/" + qs if qs else ""
        out = {self.ui.note: head, self.ui.address: qs}
        out.update(self._cards(index, cards, found.hits, picks))
        if self.ui.qr is not None:
            out[self.ui.qr] = links.qr_svg(link) if link and found.hits else ""
            return out
        files = [str(self.calendars.path_for([h], h.title)) for h in found.hits if h.start is not None]
        out.update({self.ui.share: link, self.ui.ics: files or None})
        return out

    def _cards(self, index: SearchIndex, cards: list[str], hits: list[Hit] | None, picks: list[str] | None = None) -> dict:
        """The card slots, and under each its star (not on a kiosk) with the shown ids."""
        hits = hits or []
        out = {card: gr.update(value=cards[i], visible=True) if i < len(cards) else gr.update(value="", visible=False) for i, card in enumerate(self.ui.cards)}
        for i, star in enumerate(self.ui.stars):
            out[star] = gr.update(value=hits[i].id in (picks or []), label=star_label(hits[i].title), visible=True) if i < len(hits) else gr.update(value=False, visible=False)
        if self.ui.shown is not None:
            out[self.ui.shown] = [h.id for h in hits]
        return out

    def _frame(self, state: AgendaState) -> dict:
        out = {self.ui.info: state.summary}
        if self.ui.examples is not None:
            out[self.ui.examples.dataset] = gr.Dataset(samples=[[e] for e in state.examples])
        return out

    def _picks(self, index: SearchIndex, picks: list[str] | None) -> dict:
        view = handlers.picks(index, picks, self.now(index))
        button = gr.DownloadButton(value=str(self.calendars.path_for(view.hits, "my-picks")), visible=True) if view.hits else gr.DownloadButton(visible=False)
        return {self.ui.picks_view: render.picks(view), self.ui.picks_ics: button}


def star_label(title: str, limit: int = 70) -> str:
    """The star's label names its session, so each of the page's stars says what it keeps (plain text in Gradio)."""
    title = " ".join(str(title).split())
    return f"{STAR_LABEL}: {title if len(title) <= limit else title[: limit - 1].rstrip() + '…'}"
