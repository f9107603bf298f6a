"""What the page is made of: its components by role (``Components``) and how they are laid out, for the attendee
page (phone first; three cards side by side on a desktop) and for the kiosk (box and cards left, the QR code and
the tools used less in a column beside them, so box, cards and code share one screen). No events here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from helper.search.examples import Examples  # noqa: E402
from helper.search.filters import CHECKBOX, DROPDOWN, FILTERS  # noqa: E402
from helper.settings import Settings  # noqa: E402
from helper.web import handlers, render  # noqa: E402

STAR_LABEL = "☆ Keep in My picks"
CALENDAR_LABEL = "Add to calendar"
PICKS_CALENDAR_LABEL = "Add all picks to calendar"
PLAN_LABEL = "Plan my day"
PLAN_TAKE_LABEL = "Add this plan to My picks and calendar"
FILTERS_PER_ROW = 3
# stored in the visitor's browser; Gradio sends this key to the page, so it hides nothing: a fixed one only
# keeps the picks readable after the app restarts (a random one per start made every stored pick unreadable)
PICKS_STORAGE = {"storage_key": "conference-helper-picks", "secret": "conference-helper-picks"}


def lay_out(ui: Components, state: AgendaState, settings: Settings) -> None:
    """Lay the page out inside the open ``gr.Blocks``, naming its components in ``ui``."""
    with gr.Column(elem_id="page"):
        if settings.kiosk:
            # box and cards on the left; the QR code, and the tools used less, in a column beside them: box,
            # cards and code share one screen
            with gr.Row(elem_id="kiosk-main"):
                with gr.Column(scale=4, elem_id="kiosk-left"):
                    _search(ui, settings, state)
                    _results(ui, settings)
                with gr.Column(scale=1, min_width=260, elem_id="kiosk-side"):
                    with gr.Column(elem_id="handoff"):
                        gr.Markdown("**Scan to take these results to your phone**, with the whole abstracts.", elem_id="handoff-label")
                        # segno's SVG holds path data only (no agenda or query text), so gr.HTML is safe here
                        ui.qr = gr.HTML(render.QR_PLACEHOLDER, elem_id="handoff-qr")
                    _tools(ui, state)
        else:
            _search(ui, settings, state)
            _tools(ui, state)
            _results(ui, settings)
            _share_and_picks(ui)


def _search(ui: Components, settings: Settings, state: AgendaState) -> None:
    """The title, the kiosk's hint and the search box."""
    hint, placeholder = search_hints(state.examples)
    gr.Markdown("# Conference Helper\nFind the sessions that fit what you care about.", elem_id="page-title")
    if settings.kiosk:
        gr.Markdown(hint, elem_id="kiosk-hint")
    with gr.Row(equal_height=True, elem_id="search-row"):
        ui.query = gr.Textbox(
            label="What are you interested in?", placeholder=placeholder,
            scale=5, max_lines=1, autofocus=True, elem_id="query",
        )
        ui.search_button = gr.Button("Search", variant="primary", scale=1, min_width=96, elem_id="search-button")
        ui.plan_button = gr.Button(PLAN_LABEL, variant="secondary", scale=1, min_width=132, elem_id="plan-button")


def _tools(ui: Components, state: AgendaState) -> None:
    """Filters, now/next, the agenda line and the example queries."""
    with gr.Row(elem_id="tools-row"):
        with gr.Accordion("Filters", open=False, elem_id="filters"):  # closed: results first, one tap opens it
            for start in range(0, len(FILTERS), FILTERS_PER_ROW):
                with gr.Row():
                    for f in FILTERS[start : start + FILTERS_PER_ROW]:
                        ui.filters[f.name] = _filter_widget(f, state.options)
        ui.now_button = gr.Button("What's on now and next", elem_id="now-next-button", size="md", scale=0, min_width=220)
    ui.info = gr.Markdown(state.summary, elem_id="agenda-info")
    if state.examples.queries:
        # a click fills the box, then runs the page's own search (filters, stars, share link and address too)
        ui.examples = gr.Examples(examples=[[e] for e in state.examples.queries], inputs=[ui.query], cache_examples=False, label=examples_label(state.examples), elem_id="examples")


def _results(ui: Components, settings: Settings) -> None:
    """The notes above the cards, then the result slots; filled by the search itself."""
    with gr.Column(elem_id="results"):
        ui.note = _markdown(render.note(handlers.HINT), elem_id="results-note")
        _plan(ui, settings.kiosk)
        for slot in range(settings.top_k):
            _slot(ui, slot + 1, settings.kiosk)
    ui.address = gr.Textbox(visible=False, elem_id="address")


def _plan(ui: Components, kiosk: bool) -> None:
    """Where "Plan my day" shows its timeline and, not on a kiosk, the one button that keeps the whole plan."""
    with gr.Column(elem_id="plan", elem_classes=["hc-plan"]):
        ui.plan_view = _markdown("", visible=False, elem_id="plan-view")
        if not kiosk:
            ui.plan_take = gr.DownloadButton(PLAN_TAKE_LABEL, visible=False, variant="primary", elem_id="plan-take", size="md", scale=0, min_width=260)
            ui.planned = gr.JSON([], visible=False, elem_id="planned")  # the plan's ids, in the page (as ``shown``)


def _share_and_picks(ui: Components) -> None:
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


def _slot(ui: Components, n: int, kiosk: bool) -> None:
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


def shown(f, options: dict[str, list]) -> bool:
    """Whether the page shows filter ``f``: one that needs a choice (Language) only where the agenda offers two values
    or more besides "any"."""
    return not f.only_with_choices or len(options.get(f.name, ())) > 2


def _filter_widget(f, options: dict[str, list]) -> gr.components.Component:
    elem_id = "filter-" + f.name.replace("_", "-")
    if f.widget == DROPDOWN:
        return gr.Dropdown(options[f.name], value=f.default, label=f.label, elem_id=elem_id, min_width=150, visible=shown(f, options))
    if f.widget == CHECKBOX:
        return gr.Checkbox(f.default, label=f.label, elem_id=elem_id)
    return gr.Radio(options[f.name], value=f.default, label=f.label, elem_id=elem_id, min_width=200)


@dataclass
class AgendaState:
    """What the page shows of the agenda itself; worked out once per agenda, not on every visit."""

    summary: str
    options: dict[str, list]
    examples: Examples


@dataclass
class Components:
    """The page's components that events read or write, by role (set while ``build_demo`` lays them out)."""

    query: gr.Textbox | None = None
    search_button: gr.Button | None = None
    plan_button: gr.Button | None = None
    plan_view: gr.Markdown | None = None
    plan_take: gr.DownloadButton | None = None  # not on a kiosk
    planned: gr.JSON | None = None  # the shown plan's session ids (not on a kiosk)
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

    def plan_outputs(self) -> list:
        return [p for p in (self.plan_view, self.plan_take, self.planned) if p is not None]

    def search_outputs(self) -> list:
        """What a search or a plan writes: the notes, the cards or the plan, and the address and its share link or QR."""
        parts = [self.note, *self.card_outputs(), *self.plan_outputs(), self.address]
        return parts + ([self.qr] if self.qr is not None else [self.share])

    def picks_outputs(self) -> list:
        return [self.picks_view, self.picks_ics, self.picks_link, self.picks_qr]

    def load_outputs(self) -> list:
        frame = [self.info] + ([self.examples.dataset] if self.examples else [])
        picks = self.picks_outputs() if self.picks_view else []
        return [*frame, self.query, *self.filters.values(), *self.search_outputs(), *picks]


def star_label(title: str, limit: int = 70) -> str:
    """The star's label names its session, so each of the page's stars says what it keeps (plain text in Gradio)."""
    title = " ".join(str(title).split())
    return f"{STAR_LABEL}: {title if len(title) <= limit else title[: limit - 1].rstrip() + '…'}"


def search_hints(examples: Examples) -> tuple[str, str]:
    """The kiosk's hint (Markdown) and the search box's placeholder, with this agenda's own example queries (its tracks
    or keywords, ``Examples``): the sample's "Tableau" means nothing at 38C3. Agenda text is escaped."""
    shown = examples.queries[:3]
    if not shown:
        return "**Touch the box, type a topic, a tool or a speaker's name, then press Search.**", "a topic, a tool, a speaker's name"
    named = ", ".join(f"*{render.escape(q)}*" for q in shown[:-1]) + (" or " if len(shown) > 1 else "") + f"*{render.escape(shown[-1])}*"
    hint = f"**Touch the box, type a topic, a tool or a speaker's name — for example {named} — then press Search.**"
    return hint, f"e.g. {', '.join(shown[:2])}, a speaker's name"


def examples_label(examples: Examples) -> str:
    return f"Try one of the agenda's {examples.source}"
