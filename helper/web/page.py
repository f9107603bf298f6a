"""The Gradio page. ``build_demo`` lays it out and wires its events; it never launches.

Every event handler takes one snapshot of the live index, asks ``helper.web.handlers`` for data, has
``helper.web.render`` turn it into safe HTML, and returns updates keyed by component.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from helper.errors import HelperError  # noqa: E402
from helper.ops.live import LiveIndex  # noqa: E402
from helper.search.filters import CHECKBOX, DROPDOWN, FILTERS, Choice, agenda_options  # noqa: E402
from helper.search.index import Hit, SearchIndex  # noqa: E402
from helper.search.schedule import clock  # noqa: E402
from helper.settings import Settings  # noqa: E402
from helper.web import handlers, links, render  # noqa: E402
from helper.web.api import search_endpoint  # noqa: E402
from helper.web.assets import BACK_RELOADS_JS, DROP_PICKS_PARAM_JS, PUSH_ADDRESS_JS  # noqa: E402
from helper.web.calendar import PICKS_FILE, CalendarFiles  # noqa: E402

STAR_LABEL = "☆ Keep in My picks"
CALENDAR_LABEL = "Add to calendar"
PICKS_CALENDAR_LABEL = "Add all picks to calendar"
FILTERS_PER_ROW = 3
# stored in the visitor's browser; Gradio sends this key to the page, so it hides nothing: a fixed one only
# keeps the picks readable after the app restarts (a random one per start made every stored pick unreadable)
PICKS_STORAGE = {"storage_key": "conference-helper-picks", "secret": "conference-helper-picks"}


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
        with gr.Column(elem_id="page"):
            if settings.kiosk:
                # box and cards on the left; the QR code, and the tools used less, in a column beside them: box,
                # cards and code share one screen
                with gr.Row(elem_id="kiosk-main"):
                    with gr.Column(scale=4, elem_id="kiosk-left"):
                        _search(ui, settings)
                        _results(ui, settings)
                    with gr.Column(scale=1, min_width=260, elem_id="kiosk-side"):
                        with gr.Column(elem_id="handoff"):
                            gr.Markdown("**Scan to take these results to your phone**, with the whole abstracts.", elem_id="handoff-label")
                            # segno's SVG holds path data only (no agenda or query text), so gr.HTML is safe here
                            ui.qr = gr.HTML(render.QR_PLACEHOLDER, elem_id="handoff-qr")
                        _tools(ui, state)
            else:
                _search(ui, settings)
                _tools(ui, state)
                _results(ui, settings)
                _share_and_picks(ui)

        searching = {"inputs": set(ui.search_inputs()), "outputs": ui.search_outputs(), "api_visibility": "private", "concurrency_limit": None}
        searched = gr.on([ui.query.submit, ui.search_button.click], page.on_search, **searching)
        # Gradio's dropdowns send "input" whenever they lose the focus: only a changed choice searches again
        filtered = gr.on([c.input for c in ui.filters.values()], page.on_filter_change, **{**searching, "inputs": {ui.address, *ui.search_inputs()}})
        after_search = [searched, filtered]
        ui.now_button.click(page.on_now_next, outputs=[ui.note, *ui.card_outputs()], api_visibility="private", concurrency_limit=None)

        if ui.examples is not None:
            after_search.append(ui.examples.load_input_event.then(page.on_search, **searching))
        if not settings.kiosk:
            for event in after_search:
                event.then(None, inputs=[ui.address], js=PUSH_ADDRESS_JS)

        load_outputs = ui.load_outputs()
        if settings.kiosk:
            demo.load(page.on_load_kiosk, outputs=load_outputs, api_visibility="private")
        else:
            for slot, box in enumerate(ui.stars):
                box.input(page.star_handler(slot), inputs=[ui.picks, ui.shown, box], outputs=[ui.picks, *ui.picks_outputs()], api_visibility="private")
            loaded = demo.load(page.on_load, inputs={ui.picks}, outputs=load_outputs, api_visibility="private", js=BACK_RELOADS_JS)
            # the stored picks may arrive after the first load event: show them again once they have, and take
            # in a picks link's (?picks=ID,ID) then, never over picks not read yet
            stored = loaded.then(page.on_stored_picks, inputs=[ui.picks, ui.shown], outputs=[ui.picks, *ui.picks_outputs(), *ui.stars], api_visibility="private")
            stored.then(None, js=DROP_PICKS_PARAM_JS)

        gr.api(search_endpoint(live, page.now), api_name="search", concurrency_limit=None)
    return demo


def _search(ui: "Components", settings: Settings) -> None:
    """The title, the kiosk's hint and the search box."""
    gr.Markdown("# Conference Helper\nFind the sessions that fit what you care about.", elem_id="page-title")
    if settings.kiosk:
        gr.Markdown("**Touch the box, type a topic, a tool or a speaker's name — for example *SQL*, *Tableau* or *healthcare* — then press Search.**", elem_id="kiosk-hint")
    with gr.Row(equal_height=True, elem_id="search-row"):
        ui.query = gr.Textbox(
            label="What are you interested in?", placeholder="e.g. deploying models, Tableau, a speaker's name",
            scale=5, max_lines=1, autofocus=True, elem_id="query",
        )
        ui.search_button = gr.Button("Search", variant="primary", scale=1, min_width=96, elem_id="search-button")


def _tools(ui: "Components", state: "AgendaState") -> None:
    """Filters, now/next, the agenda line and the example queries."""
    with gr.Row(elem_id="tools-row"):
        with gr.Accordion("Filters", open=False, elem_id="filters"):  # closed: results first, one tap opens it
            for start in range(0, len(FILTERS), FILTERS_PER_ROW):
                with gr.Row():
                    for f in FILTERS[start : start + FILTERS_PER_ROW]:
                        ui.filters[f.name] = _filter_widget(f, state.options)
        ui.now_button = gr.Button("What's on now and next", elem_id="now-next-button", size="md", scale=0, min_width=220)
    ui.info = gr.Markdown(state.summary, elem_id="agenda-info")
    if state.examples:
        # a click fills the box, then runs the page's own search (filters, stars, share link and address too)
        ui.examples = gr.Examples(examples=[[e] for e in state.examples], inputs=[ui.query], cache_examples=False, label="Try one of the agenda's tracks")


def _results(ui: "Components", settings: Settings) -> None:
    """The notes above the cards, then the result slots; filled by the search itself."""
    with gr.Column(elem_id="results"):
        ui.note = _markdown(render.note(handlers.HINT), elem_id="results-note")
        for slot in range(settings.top_k):
            _slot(ui, slot + 1, settings.kiosk)
    ui.address = gr.Textbox(visible=False, elem_id="address")


def _share_and_picks(ui: "Components") -> None:
    """The attendee page's share link and My picks (with their calendar file, link and QR code for another device)."""
    ui.share = gr.Textbox(label="Share link for these results", interactive=False, buttons=["copy"], elem_id="share-link")
    with gr.Accordion("My picks", open=True, elem_id="my-picks"):
        ui.picks_view = _markdown("", elem_id="picks")
        with gr.Row(elem_id="picks-actions"):
            ui.picks_ics = gr.DownloadButton(PICKS_CALENDAR_LABEL, visible=False, elem_id="picks-ics", scale=0, min_width=260)
            ui.picks_link = gr.Textbox(label="Your picks on another device: open this link there", interactive=False, buttons=["copy"],
                                       visible=False, elem_id="picks-link", scale=3)
        ui.picks_qr = _markdown("", visible=False, elem_id="picks-qr")
    ui.picks = gr.BrowserState([], **PICKS_STORAGE)
    # the shown results' ids live in the page, not in Gradio's per-session server state: that state is
    # bounded (helper.ops.serve.MAX_SESSIONS) and a busy server may drop a visitor's, which must not break a star
    ui.shown = gr.JSON([], visible=False, elem_id="shown")


def _slot(ui: "Components", n: int, kiosk: bool) -> None:
    """Result slot ``n``: its card and, under it (not on a kiosk), its star and its calendar button; filled by the search itself."""
    with gr.Column(elem_id=f"slot-{n}", elem_classes=["hc-slot"]):
        ui.cards.append(_markdown("", visible=False, elem_id=f"card-{n}", elem_classes=["hc-card-box"]))
        if kiosk:
            return
        with gr.Row(elem_classes=["hc-actions"]):
            ui.stars.append(gr.Checkbox(False, label=STAR_LABEL, visible=False, elem_id=f"star-{n}", elem_classes=["hc-star"], scale=3))
            ui.card_ics.append(gr.DownloadButton(CALENDAR_LABEL, visible=False, elem_id=f"ics-{n}", elem_classes=["hc-ics"], size="md", scale=0, min_width=190))


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
    search_button: gr.Button | None = None
    now_button: gr.Button | None = None
    filters: dict[str, gr.components.Component] = field(default_factory=dict)  # filter name -> widget
    info: gr.Markdown | None = None
    note: gr.Markdown | None = None
    cards: list[gr.Markdown] = field(default_factory=list)
    stars: list[gr.Checkbox] = field(default_factory=list)  # per card (not on a kiosk)
    card_ics: list[gr.DownloadButton] = field(default_factory=list)  # per card: its calendar file (not on a kiosk)
    address: gr.Textbox | None = None
    qr: gr.HTML | None = None
    share: gr.Textbox | None = None
    picks_view: gr.Markdown | None = None
    picks_ics: gr.DownloadButton | None = None
    picks_link: gr.Textbox | None = None
    picks_qr: gr.Markdown | None = None
    picks: gr.BrowserState | None = None
    shown: gr.JSON | None = None
    examples: gr.Examples | None = None

    def search_inputs(self) -> list:
        return [self.query, *self.filters.values(), *([self.picks] if self.picks else [])]

    def card_outputs(self) -> list:
        """What drawing the cards writes: each slot's card, star and calendar button, and the shown ids."""
        return [*self.cards, *self.stars, *self.card_ics, *([self.shown] if self.shown else [])]

    def search_outputs(self) -> list:
        parts = [self.note, *self.card_outputs(), self.address]
        return parts + ([self.qr] if self.qr is not None else [self.share])

    def picks_outputs(self) -> list:
        return [self.picks_view, self.picks_ics, self.picks_link, self.picks_qr]

    def load_outputs(self) -> list:
        frame = [self.info] + ([self.examples.dataset] if self.examples else [])
        picks = self.picks_outputs() if self.picks_view else []
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
        return clock(self.settings.now, ZoneInfo(index.agenda.timezone))

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

    def on_now_next(self, request: gr.Request = None) -> dict:
        index = self.live.current()
        out = {self.ui.note: render.now_next(handlers.now_next(index, self.now(index)))}
        out.update(self._cards(index, [], None, None, request))
        return out

    def star_handler(self, slot: int):
        """The event handler of the star under card ``slot``."""

        def on_star(picks: list[str], shown: list[str], keep: bool, request: gr.Request = None) -> list:
            if slot < len(shown or []):
                picks = handlers.set_pick(picks, shown[slot], bool(keep))
            return [picks, *self._picks(self.live.current(), picks, request).values()]

        return on_star

    def on_stored_picks(self, picks: list[str], shown: list[str], request: gr.Request = None) -> list:
        """Once the browser has read its stored picks: show them, with a picks link's (``?picks=``) taken in."""
        index = self.live.current()
        params = dict(request.query_params) if request is not None else {}
        notes, keep = [], gr.skip()
        if "picks" in params:
            taken = handlers.picks_from_link(index, params["picks"], picks)
            picks, notes = taken.picks, taken.notes
            keep = picks if taken.added else gr.skip()
        shown = shown or []
        ticks = [gr.update(value=shown[i] in (picks or [])) if i < len(shown) else gr.skip() for i in range(len(self.ui.stars))]
        return [keep, *self._picks(index, picks, request, notes).values(), *ticks]

    def on_load(self, data: dict | None = None, request: gr.Request = None) -> dict:
        """Fill the page from its address; the agenda's summary and filter choices are read afresh, so a
        visitor sees a reloaded agenda (new tracks, rooms, days) without a restart."""
        return self._load(data, request) or gr.skip()

    def _load(self, data: dict | None, request: gr.Request | None) -> dict:
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
            out.update(self._picks(index, picks, request))
        return out

    def on_load_kiosk(self, request: gr.Request = None) -> dict:
        out = self._load(None, request)
        if request is not None and "picks" in dict(request.query_params):  # a shared screen keeps no one's picks
            out[self.ui.note] = render.note(handlers.KIOSK_KEEPS_NO_PICKS)
        return out or gr.skip()

    # --- parts -----------------------------------------------------------------------------------

    def _read(self, index: SearchIndex, data: dict) -> tuple[str, Choice]:
        return data.get(self.ui.query) or "", Choice(**{name: data.get(widget) for name, widget in self.ui.filters.items()})

    def _show(self, index: SearchIndex, query: str, choice: Choice, picks: list[str] | None, request: gr.Request | None) -> dict:
        try:
            found = handlers.search(index, query, choice, self.now(index), self.settings.top_k)
        except HelperError as exc:
            raise gr.Error(exc.line()) from None
        return self._results(index, found, links.query_string(query, choice), picks, request)

    def _base(self, request: gr.Request | None) -> str:
        """The page's public address (HELPER_PUBLIC_URL, else where the visitor reached it)."""
        return links.base_url(self.settings.public_url, dict(request.headers) if request is not None else None)

    def _results(self, index: SearchIndex, found: handlers.Results, qs: str, picks: list[str] | None, request: gr.Request | None) -> dict:
        head, cards = render.results(found)
        link = self._base(request) + "/" + qs if qs else ""
        out = {self.ui.note: head, self.ui.address: qs}
        out.update(self._cards(index, cards, found.hits, picks, request))
        if self.ui.qr is not None:
            out[self.ui.qr] = links.qr_svg(link) if link and found.hits else render.QR_PLACEHOLDER
        else:
            out[self.ui.share] = link
        return out

    def _cards(self, index: SearchIndex, cards: list[str], hits: list[Hit] | None, picks: list[str] | None, request: gr.Request | None) -> dict:
        """The card slots, and under each (not on a kiosk) its star and calendar button, with the shown ids."""
        hits = hits or []
        out = {card: gr.update(value=cards[i], visible=True) if i < len(cards) else gr.update(value="", visible=False) for i, card in enumerate(self.ui.cards)}
        for i, star in enumerate(self.ui.stars):
            out[star] = gr.update(value=hits[i].id in (picks or []), label=star_label(hits[i].title), visible=True) if i < len(hits) else gr.update(value=False, visible=False)
        for i, button in enumerate(self.ui.card_ics):
            timed = i < len(hits) and hits[i].start is not None
            out[button] = gr.DownloadButton(value=self._calendar(index, [hits[i]], hits[i].title, request), visible=True) if timed else gr.DownloadButton(value=None, visible=False)
        if self.ui.shown is not None:
            out[self.ui.shown] = [h.id for h in hits]
        return out

    def _calendar(self, index: SearchIndex, hits: list[Hit], title: str, request: gr.Request | None) -> str:
        return str(self.calendars.path_for(hits, title, index.agenda.timezone, self._base(request)))

    def _frame(self, state: AgendaState) -> dict:
        out = {self.ui.info: state.summary}
        if self.ui.examples is not None:
            out[self.ui.examples.dataset] = gr.Dataset(samples=[[e] for e in state.examples])
        return out

    def _picks(self, index: SearchIndex, picks: list[str] | None, request: gr.Request | None, notes: list[str] | None = None) -> dict:
        """My picks: the list, the calendar button for all of them, and their link and QR code for another device."""
        view = handlers.picks(index, picks, self.now(index))
        out = {self.ui.picks_view: render.picks(view, notes)}
        if not view.hits:
            return out | {self.ui.picks_ics: gr.DownloadButton(value=None, visible=False), self.ui.picks_link: gr.update(value="", visible=False),
                          self.ui.picks_qr: gr.update(value="", visible=False)}
        timed = [h for h in view.hits if h.start is not None]
        link = links.picks_link(self._base(request), [h.id for h in view.hits])
        out[self.ui.picks_ics] = gr.DownloadButton(value=self._calendar(index, timed, PICKS_FILE, request), visible=True) if timed else gr.DownloadButton(value=None, visible=False)
        out[self.ui.picks_link] = gr.update(value=link, visible=True)
        out[self.ui.picks_qr] = gr.update(value=render.picks_qr(links.qr_svg(link, scale=4, label=links.PICKS_QR)), visible=True)
        return out


def star_label(title: str, limit: int = 70) -> str:
    """The star's label names its session, so each of the page's stars says what it keeps (plain text in Gradio)."""
    title = " ".join(str(title).split())
    return f"{STAR_LABEL}: {title if len(title) <= limit else title[: limit - 1].rstrip() + '…'}"
