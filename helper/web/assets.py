"""What the page looks like: its CSS, the small scripts it runs in the browser, and Gradio's launch options for them."""

from __future__ import annotations

import gradio as gr

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


def launch_options(kiosk: bool = False, idle_seconds: int = 90) -> dict:
    """Arguments for ``demo.launch`` that belong to the page's look and privacy (kiosk: bigger, forgetful, idle reset)."""
    options = {"css": CSS, "footer_links": ["api"], "run_history": False, "show_error": False, "theme": theme(), "js": KEYBOARD_JS}
    if kiosk:
        options.update(css=CSS + KIOSK_CSS, footer_links=[], js=f"() => {{ ({KEYBOARD_JS})(); ({kiosk_js(idle_seconds)})(); }}", pwa=False)
    return options


def theme() -> gr.themes.Base:
    # system fonts: no request to a font host from a phone on venue Wi-Fi
    return gr.themes.Soft(font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"], font_mono=["ui-monospace", "monospace"])
