"""The Gradio page. ``build_demo`` builds it and never launches it."""

from __future__ import annotations

import os
from functools import partial

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from helper import handlers  # noqa: E402
from helper.errors import HelperError  # noqa: E402
from helper.index import SearchIndex  # noqa: E402

CSS = """
.gradio-container { max-width: 860px !important; margin: auto; }
#results { min-height: 4rem; }
.hc-card { border: 1px solid var(--border-color-primary); border-radius: 12px; padding: 0.9rem 1rem;
  margin: 0 0 0.9rem 0; background: var(--background-fill-primary); overflow-wrap: anywhere; }
.hc-head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
.hc-rank { display: inline-flex; align-items: center; justify-content: center; width: 1.8rem; height: 1.8rem;
  border-radius: 50%; background: var(--color-accent); color: #fff; font-weight: 700; }
.hc-score { font-size: 0.9rem; color: var(--body-text-color-subdued); }
.hc-title { margin: 0.4rem 0 0.2rem 0 !important; font-size: 1.15rem !important; line-height: 1.3; }
.hc-meta, .hc-speakers { margin: 0.15rem 0 !important; font-size: 0.95rem; }
.hc-abstract { margin: 0.4rem 0 0 0 !important; line-height: 1.45; }
.hc-more summary { cursor: pointer; color: var(--color-accent); margin-top: 0.3rem; min-height: 24px; }
.hc-more[open] + .hc-abstract, .hc-more[open] ~ * { display: none; }
.hc-note { color: var(--body-text-color-subdued); }
.hc-why { margin: 0.3rem 0 0 0 !important; font-size: 0.95rem; }
.hc-why mark { background: #fff3b0; color: #222; padding: 0 0.15em; border-radius: 3px; }
.hc-nothing-close { font-weight: 600; }
.hc-similar summary { cursor: pointer; color: var(--color-accent); margin-top: 0.4rem; min-height: 24px; }
.hc-similar ul { margin: 0.3rem 0 0 1.2rem; }
#agenda-info { font-size: 0.9rem; color: var(--body-text-color-subdued); }
@media (max-width: 480px) { .gradio-container { padding: 0 6px !important; } .hc-card { padding: 0.75rem; } }
"""


def build_demo(index: SearchIndex) -> gr.Blocks:
    """The attendee page for ``index``, plus the program endpoint ``/search``."""
    show = partial(_show_results, index)
    with gr.Blocks(title="Conference Helper", analytics_enabled=False) as demo:
        gr.Markdown("# Conference Helper\nFind the sessions that fit what you care about.")
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
        gr.Markdown(handlers.agenda_summary(index), elem_id="agenda-info")
        results = gr.Markdown(handlers.results_view(index, ""), elem_id="results", latex_delimiters=[], sanitize_html=True)
        examples = handlers.example_queries(index)
        if examples:
            gr.Examples(examples=[[e] for e in examples], inputs=[query], outputs=[results], fn=show, run_on_click=True, cache_examples=False, label="Try one of the agenda's tracks")
        for event in (query.submit, button.click):
            event(show, inputs=[query], outputs=[results], api_visibility="private", concurrency_limit=None)

        def search(query: str, top_k: int = 3) -> list[dict]:
            """The best sessions for a query: id, title, score, start, end, room, track, speakers, abstract."""
            try:
                return handlers.api_search(index, query, top_k)
            except (ValueError, HelperError) as exc:
                raise gr.Error(str(exc)) from None

        gr.api(search, api_name="search", concurrency_limit=None)
    return demo


def _show_results(index: SearchIndex, query: str) -> str:
    try:
        return handlers.results_view(index, query)
    except HelperError as exc:
        raise gr.Error(exc.line()) from None


def launch_options(kiosk: bool = False) -> dict:
    """Arguments for ``demo.launch`` that belong to the page's look and privacy."""
    return {"css": CSS, "footer_links": ["api"], "run_history": False, "show_error": False, "theme": theme()}


def theme() -> gr.themes.Base:
    # system fonts: no request to a font host from a phone on venue Wi-Fi
    return gr.themes.Soft(font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"], font_mono=["ui-monospace", "monospace"])
