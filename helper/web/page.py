"""The Gradio page. ``build_demo`` lays it out (``helper.web.layout``) and wires its events; it never launches.

Every event handler takes one snapshot of the live index, asks ``helper.web.handlers`` for data, has
``helper.web.render`` turn it into safe HTML, and returns updates keyed by component.
"""

from __future__ import annotations

import os
from contextlib import suppress
from datetime import datetime
from urllib.parse import parse_qsl

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from helper.errors import HelperError  # noqa: E402
from helper.ops.live import LiveIndex  # noqa: E402
from helper.search.filters import FILTERS, Choice  # noqa: E402
from helper.search.index import Hit, SearchIndex  # noqa: E402
from helper.search.schedule import clock  # noqa: E402
from helper.settings import Settings  # noqa: E402
from helper.web import handlers, links, render  # noqa: E402
from helper.web.api import endpoints  # noqa: E402
from helper.web.assets import BACK_RELOADS_JS, DROP_PICKS_PARAM_JS, PUSH_ADDRESS_JS  # noqa: E402
from helper.web.calendar import PICKS_FILE, CalendarFiles  # noqa: E402
from helper.web.gradio_sessions import lazy_session_configs  # noqa: E402
from helper.web.layout import AgendaState, Components, examples_label, lay_out, shown, star_label  # noqa: E402


def build_demo(index: SearchIndex | LiveIndex, settings: Settings | None = None) -> gr.Blocks:
    """The attendee page for ``index`` (or a live index that reloads), plus the program endpoint ``/search``.
    Kiosk mode and the clock come from ``settings``."""
    settings = settings or Settings()
    lazy_session_configs()
    live = index if isinstance(index, LiveIndex) else LiveIndex(index)
    page = Page(live, settings)
    first = live.current()
    state = page.agenda_state(first)
    ui = page.ui
    with gr.Blocks(title="Conference Helper", analytics_enabled=False) as demo:
        lay_out(ui, state, settings)

        searching = {"inputs": set(ui.search_inputs()), "outputs": ui.search_outputs(), "api_visibility": "private", "concurrency_limit": None}
        searched = gr.on([ui.query.submit, ui.search_button.click], page.on_search, **searching)
        planned = ui.plan_button.click(page.on_plan, **searching)
        # Gradio's dropdowns send "input" whenever they lose the focus: only a changed choice searches (or plans) again
        filtered = gr.on([c.input for c in ui.filters.values()], page.on_filter_change, **{**searching, "inputs": {ui.address, *ui.search_inputs()}})
        after_search = [searched, planned, filtered]
        ui.now_button.click(page.on_now_next, outputs=[ui.note, *ui.card_outputs(), *ui.plan_outputs()], api_visibility="private", concurrency_limit=None)

        if ui.examples is not None:
            after_search.append(ui.examples.load_input_event.then(page.on_search, **searching))
        if not settings.kiosk:
            for event in after_search:
                event.then(None, inputs=[ui.address], js=PUSH_ADDRESS_JS)

        load_outputs = ui.load_outputs()
        if settings.kiosk:
            demo.load(page.on_load_kiosk, outputs=load_outputs, api_visibility="private")
        else:
            # one tap keeps the whole plan: its calendar file downloads, and its sessions join My picks
            ui.plan_take.click(page.on_take_plan, inputs=[ui.picks, ui.planned], outputs=[ui.picks, *ui.picks_outputs()], api_visibility="private")
            for slot, box in enumerate(ui.stars):
                box.input(page.star_handler(slot), inputs=[ui.picks, ui.shown, box], outputs=[ui.picks, *ui.picks_outputs()], api_visibility="private")
            loaded = demo.load(page.on_load, inputs={ui.picks}, outputs=load_outputs, api_visibility="private", js=BACK_RELOADS_JS)
            # the stored picks may arrive after the first load event: show them again once they have, and take
            # in a picks link's (?picks=ID,ID) then, never over picks not read yet
            stored = loaded.then(page.on_stored_picks, inputs=[ui.picks, ui.shown], outputs=[ui.picks, *ui.picks_outputs(), *ui.stars, *ui.plan_outputs()], api_visibility="private")
            stored.then(None, js=DROP_PICKS_PARAM_JS)

        for endpoint in endpoints(live, page.now):  # also the MCP tools, when the server runs one
            gr.api(endpoint, api_name=endpoint.__name__, concurrency_limit=None)
    return demo


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
            self._state = AgendaState(handlers.agenda_summary(index), index.filter_options, handlers.example_queries(index))
            self._state_of = index
            self._built = self._built or self._state
        return self._state

    # --- events ----------------------------------------------------------------------------------

    def on_search(self, data: dict, request: gr.Request = None) -> dict:
        index = self.live.current()
        return self._show(index, *self._read(index, data), data.get(self.ui.picks), request)

    def on_plan(self, data: dict, request: gr.Request = None) -> dict:
        index = self.live.current()
        return self._show_plan(index, *self._read(index, data), data.get(self.ui.picks), request)

    def on_filter_change(self, data: dict, request: gr.Request = None) -> dict:
        query, choice = self._read(self.live.current(), data)
        address = data.get(self.ui.address) or ""
        showing_plan = links.wants_plan(dict(parse_qsl(address.lstrip("?"))))
        if links.query_string(query, choice, plan=showing_plan) == address:
            return gr.skip()
        return self.on_plan(data, request) if showing_plan and query.strip() else self.on_search(data, request)

    def on_take_plan(self, picks: list[str], planned: list[str], request: gr.Request = None) -> list:
        picks = list(dict.fromkeys([*(picks or []), *(planned or [])]))
        return [picks, *self._picks(self.live.current(), picks, request).values()]

    def on_now_next(self, request: gr.Request = None) -> dict:
        index = self.live.current()
        out = {self.ui.note: render.now_next(handlers.now_next(index, self.now(index)))}
        out.update(self._cards(index, [], None, None, request))
        return out | self._no_plan()

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
        plan = [gr.skip()] * len(self.ui.plan_outputs())
        if picks and links.wants_plan(params):  # a plan's address, opened before the picks were read: plan around them
            query, choice, _session = links.from_params(params)
            choice, _problems = links.fit_to_agenda(choice, index.filter_options)
            with suppress(HelperError):
                shown_plan = self._plan(index, handlers.plan_my_day(index, query, choice, self.now(index), picks), "", request)
                plan = [shown_plan[c] for c in self.ui.plan_outputs()]
        return [keep, *self._picks(index, picks, request, notes).values(), *ticks, *plan]

    def on_load(self, data: dict | None = None, request: gr.Request = None) -> dict:
        """Fill the page from its address; the agenda's summary and filter choices are read afresh, so a
        visitor sees a reloaded agenda (new tracks, rooms, days) without a restart."""
        return self._load(data, request) or gr.skip()

    def _load(self, data: dict | None, request: gr.Request | None) -> dict:
        index = self.live.current()
        picks = (data or {}).get(self.ui.picks) if self.ui.picks else None
        state = self.agenda_state(index)
        params = dict(request.query_params) if request is not None else {}
        link = handlers.open_link(index, params, self.now(index), self.settings.top_k, picks)
        out: dict = {}
        opened = link.results is not None
        if opened or state != self._built:
            out.update(self._frame(state))
            for f in FILTERS:
                update = ({"choices": state.options[f.name], "visible": shown(f, state.options)} if f.name in state.options else {})
                update |= {"value": getattr(link.choice, f.name)} if opened else {}
                if update:
                    out[self.ui.filters[f.name]] = gr.update(**update)
        # a plain visit leaves the query, filters and results alone: on slow Wi-Fi the attendee may have
        # searched before this event returns, and writing the empty page again would wipe their results
        if opened:
            out[self.ui.query] = link.query
            if link.plan is not None:
                out.update(self._plan(index, link.plan, links.query_string(link.query, link.choice, plan=True), request))
            else:
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

    def _show_plan(self, index: SearchIndex, query: str, choice: Choice, picks: list[str] | None, request: gr.Request | None) -> dict:
        try:
            found = handlers.plan_my_day(index, query, choice, self.now(index), picks)
        except HelperError as exc:
            raise gr.Error(exc.line()) from None
        return self._plan(index, found, links.query_string(query, choice, plan=True) if found.query else "", request)

    def _plan(self, index: SearchIndex, found: handlers.Plan, qs: str, request: gr.Request | None) -> dict:
        """The plan's timeline in place of the cards, its one-tap button, and its link (share box or kiosk QR)."""
        out = {self.ui.note: "", self.ui.address: qs, self.ui.plan_view: gr.update(value=render.plan(found), visible=True)}
        out.update(self._cards(index, [], None, None, request))
        new = [h for h in found.hits if h.id not in found.fixed]
        if self.ui.plan_take is not None:
            out[self.ui.plan_take] = gr.DownloadButton(value=self._calendar(index, found.hits, f"My plan – {found.query}", request), visible=True) if new else gr.DownloadButton(value=None, visible=False)
            out[self.ui.planned] = [h.id for h in found.hits]
        self._link_out(out, self._base(request) + "/" + qs if qs and found.hits else "")
        return out

    def _no_plan(self) -> dict:
        out = {self.ui.plan_view: gr.update(value="", visible=False)}
        if self.ui.plan_take is not None:
            out[self.ui.plan_take] = gr.DownloadButton(value=None, visible=False)
            out[self.ui.planned] = []
        return out

    def _link_out(self, out: dict, link: str) -> None:
        """The link to what is shown: as a QR code on a kiosk, in the share box elsewhere."""
        if self.ui.qr is not None:
            out[self.ui.qr] = links.qr_svg(link) if link else render.QR_PLACEHOLDER
        else:
            out[self.ui.share] = link

    def _base(self, request: gr.Request | None) -> str:
        """The page's public address (HELPER_PUBLIC_URL, else where the visitor reached it)."""
        return links.base_url(self.settings.public_url, dict(request.headers) if request is not None else None)

    def _results(self, index: SearchIndex, found: handlers.Results, qs: str, picks: list[str] | None, request: gr.Request | None) -> dict:
        head, cards = render.results(found)
        link = self._base(request) + "/" + qs if qs else ""
        out = {self.ui.note: head, self.ui.address: qs, **self._no_plan()}
        out.update(self._cards(index, cards, found.hits, picks, request))
        self._link_out(out, link if self.ui.qr is None or found.hits else "")
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
            out[self.ui.examples.dataset] = gr.Dataset(samples=[[e] for e in state.examples.queries], label=examples_label(state.examples))
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
