"""What the page looks like: its CSS, the small scripts it runs in the browser, and Gradio's launch options for them."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from helper.web.offline import SNAPSHOT_JS
from helper.web.offline import routes as offline_routes

CSS = """
/* Gradio scopes rules inside @media to descendants of the container, so the container itself is sized once here
   and #page (the column around everything) is narrowed below desktop widths */
.gradio-container { max-width: 1640px !important; margin: auto; }
#page { max-width: 860px; margin: 0 auto; width: 100%; }
#results { min-height: 4rem; }
.hc-card { border: 1px solid var(--border-color-primary); border-radius: 12px; padding: 0.9rem 1rem;
  margin: 0 0 0.9rem 0; background: var(--background-fill-primary); overflow-wrap: anywhere; }
.hc-head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
.hc-rank { display: inline-flex; align-items: center; justify-content: center; width: 1.8rem; height: 1.8rem;
  border-radius: 50%; background: #1d4ed8; color: #fff; font-weight: 700; }
.hc-score { font-size: 0.9rem; color: #374151; }
.hc-title { margin: 0.4rem 0 0.2rem 0 !important; font-size: 1.15rem !important; line-height: 1.3; }
.hc-meta, .hc-speakers, .hc-also { margin: 0.15rem 0 !important; font-size: 0.95rem; }
.hc-organizations { color: #374151; }
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
#plan-button { border: 2px solid #1d4ed8 !important; color: #1d4ed8 !important; white-space: nowrap; }
#plan-take { background: #1d4ed8 !important; color: #fff !important; border-color: #1d4ed8 !important; }
/* a plan: a timeline of stops, each its time, then title, room and why */
#plan-view { border: none !important; padding: 0 !important; }
.hc-day { margin: 0.8rem 0 0.2rem 0 !important; font-size: 1rem; color: #111827; }
.hc-timeline { list-style: none; margin: 0 !important; padding: 0 0 0 0.6rem !important; border-left: 3px solid #1d4ed8; }
.hc-stop { display: flex; gap: 0.8rem; margin: 0 0 0.7rem 0 !important; padding-left: 0.2rem; overflow-wrap: anywhere; }
.hc-stop-time { flex: 0 0 6.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.hc-stop-body { display: flex; flex-direction: column; gap: 0.1rem; min-width: 0; }
.hc-stop-why { font-size: 0.92rem; color: #374151; }
.hc-stop-why mark { background: #fff3b0; color: #222; padding: 0 0.15em; border-radius: 3px; }
.hc-badge-pick { background: #1d4ed8; color: #fff; }
@media (max-width: 480px) {
  .hc-stop { flex-direction: column; gap: 0.1rem; } .hc-stop-time { flex: none; }
  /* a phone: the example queries in one row that scrolls sideways, so the results start on the first screen */
  #examples .gallery { flex-wrap: nowrap !important; overflow-x: auto; padding-bottom: 0.2rem; }
  #examples { contain: inline-size; width: 100%; }  /* its row of examples must not widen the page */
  #examples .gallery-item { flex: none; }
}
#filter-window label.selected, #filter-window label.selected span { background: #1d4ed8 !important; color: #fff !important; }
#agenda-info { font-size: 0.9rem; color: #374151; }
button, input, select, textarea { min-height: 44px; }
#share-link button.icon-button, #picks-link button.icon-button { min-width: 44px; justify-content: center; }
#share-link button.icon-button, #picks-link button.icon-button { min-width: 44px; justify-content: center; }
.gradio-container :is(a, button, input, select, textarea, summary, [tabindex]):focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px !important; }
.gradio-container .label-wrap:focus-visible { outline-offset: -3px !important; }  /* accordion headers clip their outside */
#results .block { overflow: visible !important; }  /* not a scroll box: Chromium would make it a Tab stop while it loads */
/* a result slot: its card, then its star and calendar button in one box */
#results .hc-slot { gap: 0 !important; border: 1px solid var(--border-color-primary); border-radius: 12px; background: var(--background-fill-primary);
  margin: 0 0 0.9rem 0; overflow: hidden; }
#results .hc-slot:not(:has(.hc-card)) { display: none; }
#results .hc-slot .hc-card { border: none; margin: 0; border-radius: 0; background: transparent; }
#results .hc-slot > .block, #results .hc-card-box { border: none !important; box-shadow: none !important; background: transparent !important; padding: 0 !important; }
#results .hc-actions { border-top: 1px dashed var(--border-color-primary); padding: 0.35rem 1rem 0.5rem 1rem; gap: 0.5rem 1rem !important;
  align-items: center; margin-top: auto; flex-wrap: wrap; }
#results .hc-actions > .form { border: none !important; box-shadow: none !important; background: transparent !important; min-width: min(220px, 100%) !important; }
#results .hc-star { margin: 0 !important; padding: 0 !important; border: none !important; background: transparent !important; }
#results .hc-star label { height: auto !important; min-height: 44px; align-items: center; cursor: pointer; padding: 0.2rem 0; }
#results .hc-star input[type="checkbox"] { min-height: 0; width: 1.2rem; height: 1.2rem; border: 2px solid #4b5563 !important; }
#results .hc-ics { white-space: nowrap; }
#picks-actions { align-items: end; flex-wrap: wrap; }
#picks-actions > #picks-link { flex: 1 1 320px !important; }
#tools-row { flex-wrap: wrap; align-items: flex-start; }
#tools-row > #filters { flex: 1 1 300px; }
.hc-qr { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
.hc-qr svg { width: 168px; height: 168px; background: #fff; flex: none; }
.hc-qr-caption { margin: 0 !important; max-width: 22rem; }
/* desktops: the cards side by side, so all three are above the fold */
@media (min-width: 1100px) {
  #page { max-width: none; }
  #results { display: grid !important; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem !important; align-items: stretch; }
  #results > :not(.hc-slot) { grid-column: 1 / -1; }
  #results .hc-slot { margin: 0; display: flex; flex-direction: column; }
  .hc-organizations { display: none; }  /* a line more would push the cards' buttons below the fold: on hover instead */
}
@media (max-width: 480px) { .hc-card { padding: 0.75rem; } }
"""

KIOSK_CSS = """
.gradio-container { max-width: 100% !important; padding: 0.5rem 1.25rem !important; font-size: 1.3rem; }
#page { max-width: none; }
.gradio-container input, .gradio-container textarea { font-size: 1.5rem !important; }
button, input, select, textarea, label, [role="option"], .hc-similar summary, .label-wrap { min-height: 48px !important; }
#page-title h1 { font-size: 1.7rem !important; margin: 0 !important; }
#page-title p { margin: 0.1rem 0 0 0 !important; }
#kiosk-hint p { margin: 0 !important; font-size: 1.3rem !important; }
#kiosk-main { align-items: flex-start; flex-wrap: nowrap !important; }
#kiosk-side { position: sticky; top: 0.5rem; align-self: flex-start; }
#handoff { border: 3px solid #1d4ed8; border-radius: 14px; padding: 0.75rem !important; background: var(--background-fill-primary); gap: 0.5rem !important; }
#handoff-label, #handoff-label p { font-size: 1.3rem !important; margin: 0 !important; line-height: 1.35; }
#handoff-qr svg { width: 100%; max-width: 320px; height: auto; display: block; margin: auto; background: #fff; }
#kiosk-side #tools-row { flex-direction: column; gap: 0.5rem !important; }
#kiosk-side #tools-row > #filters { flex: 0 0 auto; }
#kiosk-side #tools-row > #filters { flex: 0 0 auto; }
#kiosk-side #now-next-button { width: 100%; }
#kiosk-side button, #kiosk-side .label-wrap span { font-size: 1.15rem !important; }
#search-button, #plan-button { font-size: 1.4rem !important; }
#plan-button { white-space: normal !important; line-height: 1.2; }
#agenda-info p { font-size: 1rem !important; }
.hc-qr-wait { color: #374151; font-size: 1.15rem; }
/* everything on one screen: title, why and abstract are cut to fit; the whole text is on the phone, through the QR */
.hc-card, .hc-card p, .hc-note { font-size: 1.15rem !important; }
.hc-title { font-size: 1.45rem !important; }
.hc-title, .hc-why, .hc-abstract { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
.hc-title { -webkit-line-clamp: 3; }
.hc-why { -webkit-line-clamp: 2; }
.hc-card .hc-abstract { -webkit-line-clamp: 5; }
.hc-more, .hc-organizations { display: none; }
#plan-view .hc-section, .hc-day { font-size: 1.35rem !important; }
.hc-stop { font-size: 1.2rem !important; }
.hc-stop-time { flex-basis: 8.5rem; }
.hc-stop-why { font-size: 1.05rem !important; }
@media (min-aspect-ratio: 1/1) {
  #results { display: grid !important; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem !important; align-items: stretch; }
  #results > :not(.hc-slot) { grid-column: 1 / -1; }
  #results .hc-slot { margin: 0; }
}
@media (max-height: 800px) {
  #page-title h1 { font-size: 1.4rem !important; }
  #page-title p { display: none; }
  #kiosk-hint p { font-size: 1.05rem !important; }
  .hc-card, .hc-card p, .hc-note { font-size: 1.02rem !important; }
  .hc-title { font-size: 1.2rem !important; -webkit-line-clamp: 2; }
  .hc-speakers, .hc-also { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; -webkit-line-clamp: 1; }
  .hc-why-sentence { display: none; }
  .hc-card .hc-abstract { -webkit-line-clamp: 3; }
  #handoff-label, #handoff-label p { font-size: 1.1rem !important; }
}
"""

# After a search, put the share link's query into the address bar so Back and copy-paste work.
PUSH_ADDRESS_JS = """(qs) => {
  const target = location.pathname + (qs || "");
  if (target !== location.pathname + location.search) history.pushState({}, "", target);
}"""

# Once a picks link (?picks=ID,ID) is taken into My picks, drop it from the address: a reload must not bring
# back a pick the visitor has since unstarred. The rest of the address stays.
DROP_PICKS_PARAM_JS = """() => {
  const url = new URL(location.href);
  if (!url.searchParams.has("picks")) return;
  url.searchParams.delete("picks");
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
}"""

BACK_RELOADS_JS = """() => { window.addEventListener("popstate", () => location.reload()); }"""


# Chromium makes scrollable boxes Tab stops: a dropdown's open option list took the focus from its box,
# closed and dropped it on the page. The list is driven by the arrow keys from the box, so keep it out of Tab.
# A Textbox with a copy button wraps both in one <label>, which then names the button only: give the box its
# label's text as its accessible name. A dropdown's option list gets its box's name. Each card's calendar
# button says which session it adds ("Add to calendar: <title>", the title read as text from the card).
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
    document.querySelectorAll("#results .hc-slot").forEach((slot) => {
      const title = slot.querySelector(".hc-title"), button = slot.querySelector("button.hc-ics");
      const name = title && "Add to calendar: " + title.textContent.trim();
      if (button && name && button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
    });
  };
  new MutationObserver(fix).observe(document.body, {childList: true, subtree: true});
}"""


def kiosk_js(idle_seconds: int) -> str:
    """Forget everything in the browser (storage, and any offline copy or service worker an attendee page on this
    address left), and go back to the welcome page after ``idle_seconds`` without input."""
    return """() => {
  try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}
  try { if (window.caches) caches.keys().then((keys) => keys.forEach((k) => caches.delete(k))); } catch (e) {}
  try { if (navigator.serviceWorker) navigator.serviceWorker.getRegistrations().then((rs) => rs.forEach((r) => r.unregister())); } catch (e) {}
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


ICON = Path(__file__).with_name("static") / "icon.svg"


def launch_options(kiosk: bool = False, idle_seconds: int = 90) -> dict:
    """Arguments for ``demo.launch`` that belong to the page's look, privacy and offline use. The attendee page is an
    installable web app (Gradio's ``pwa``: its manifest, with our icon) that keeps its last results and picks
    readable offline (``helper.web.offline``); the kiosk is bigger, forgetful, resets when idle, and is neither."""
    options = {"css": CSS, "footer_links": ["api"], "run_history": False, "show_error": False, "theme": theme(), "favicon_path": str(ICON)}
    if kiosk:
        return options | {"css": CSS + KIOSK_CSS, "footer_links": [], "js": _both(KEYBOARD_JS, kiosk_js(idle_seconds)), "pwa": False}
    return options | {"js": _both(KEYBOARD_JS, SNAPSHOT_JS), "pwa": True, "app_kwargs": {"routes": offline_routes()}}


def _both(first: str, second: str) -> str:
    return f"() => {{ ({first})(); ({second})(); }}"


def theme() -> gr.themes.Base:
    # system fonts: no request to a font host from a phone on venue Wi-Fi
    return gr.themes.Soft(font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"], font_mono=["ui-monospace", "monospace"])
