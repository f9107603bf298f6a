"""Flaky venue Wi-Fi: what the attendee page last showed stays readable without the server.

The page keeps a snapshot of its cards, its now/next list and My picks as plain text (``SNAPSHOT_JS``, in the
browser's Cache Storage, on the visitor's own device), and a small service worker (``/offline-sw.js``) answers a
page load that cannot reach the server with a fixed offline page that shows that snapshot. Everything else goes
to the network as before: the worker caches nothing of Gradio's and never answers a search.

Text only, both ways: the snapshot is read from the page with ``textContent`` and shown with ``textContent``, so
agenda text never becomes markup. Browsers run service workers on HTTPS or localhost only; elsewhere the page
works as before, without the offline copy. The kiosk has none of this (``helper.web.assets.kiosk_js``).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

WORKER_PATH = "/offline-sw.js"
CACHE = "conference-helper-offline"
SNAPSHOT = "offline-snapshot.json"  # the snapshot's key, relative to the page
NETWORK_WAIT_MS = 10000  # a page load that hangs this long on venue Wi-Fi shows the offline copy

# The offline page: constant markup; its script fills it from the snapshot with textContent only.
OFFLINE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conference Helper (offline)</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 860px; padding: 12px;
  color: #111827; background: #f9fafb; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0.4rem 0; } h2 { font-size: 1.2rem; margin: 1.2rem 0 0.4rem 0; }
.banner { background: #fef3c7; border: 1px solid #92400e; border-radius: 10px; padding: 0.6rem 0.8rem; }
.card { border: 1px solid #d1d5db; border-radius: 12px; background: #fff; padding: 0.8rem 1rem; margin: 0.7rem 0; overflow-wrap: anywhere; }
.card h3 { font-size: 1.1rem; margin: 0 0 0.3rem 0; } .card p { margin: 0.25rem 0; } li { margin: 0.3rem 0; overflow-wrap: anywhere; }
button { min-height: 48px; padding: 0 1.2rem; font-size: 1rem; border-radius: 8px; border: 0; background: #1d4ed8; color: #fff; margin-top: 0.6rem; }
</style></head>
<body><main>
<h1>Conference Helper</h1>
<p class="banner" id="offline-banner">You are offline, or the helper cannot be reached. This is what this device last showed<span id="saved"></span>.
Searching, filters and calendar files need the connection.</p>
<button type="button" id="retry">Try again</button>
<section id="offline-results"></section>
<section id="offline-picks"></section>
</main>
<script>
(async () => {
  document.getElementById("retry").addEventListener("click", () => location.reload());
  const add = (parent, tag, text) => { const e = document.createElement(tag); if (text) e.textContent = text; parent.appendChild(e); return e; };
  let snap = null;
  try { const hit = await caches.match("%(snapshot)s"); snap = hit ? await hit.json() : null; } catch (e) {}
  if (!snap) { add(document.getElementById("offline-results"), "p", "Nothing was saved on this device yet."); return; }
  if (snap.saved) document.getElementById("saved").textContent = " (" + new Date(snap.saved).toLocaleString() + ")";
  const results = document.getElementById("offline-results");
  if (snap.results) {
    add(results, "h2", snap.results.heading || "Last results");
    for (const line of snap.results.notes || []) add(results, "p", line);
    for (const card of snap.results.cards || []) {
      const box = add(results, "article", ""); box.className = "card";
      add(box, "h3", card.title);
      for (const line of card.lines || []) add(box, "p", line);
      if (card.abstract) add(box, "p", card.abstract);
    }
  }
  const picks = document.getElementById("offline-picks");
  if (snap.picks) {
    add(picks, "h2", "My picks (" + snap.picks.length + ")");
    if (!snap.picks.length) add(picks, "p", "No picks yet.");
    const list = add(picks, "ul", "");
    for (const line of snap.picks) add(list, "li", line);
  }
})();
</script></body></html>
""" % {"snapshot": SNAPSHOT}

WORKER_JS = """// Conference Helper: a page load that cannot reach the server gets the offline copy; nothing else is touched.
const OFFLINE_PAGE = %(page)s;
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (event) => {
  if (event.request.mode !== "navigate" || event.request.method !== "GET") return;
  const offline = () => new Response(OFFLINE_PAGE, {headers: {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}});
  const hung = new Promise((resolve) => setTimeout(() => resolve(null), %(wait)d));
  event.respondWith(Promise.race([fetch(event.request).catch(() => null), hung]).then((answer) => answer || offline()));
});
"""


def worker_js() -> str:
    import json

    return WORKER_JS % {"page": json.dumps(OFFLINE_PAGE), "wait": NETWORK_WAIT_MS}


# In the attendee page: register the worker, and keep the snapshot of what is shown (cards or the now/next
# list, and My picks) a moment after it changes.
SNAPSHOT_JS = """() => {
  if (!window.isSecureContext || !("serviceWorker" in navigator) || !window.caches) return;
  navigator.serviceWorker.register("%(worker)s").catch(() => {});
  const text = (e) => (e ? e.textContent.replace(/\\s+/g, " ").trim() : "");
  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  let last = {results: null, picks: null}, timer = null;
  const shownFor = () => {
    const params = new URLSearchParams(location.search);
    return params.get("q") ? "Results for “" + params.get("q") + "”" : params.get("session") ? "A session" : "Last results";
  };
  const save = () => {
    const cards = all(document, "#results .hc-card").map((card) => ({
      title: text(card.querySelector(".hc-title")),
      lines: all(card, ".hc-meta, .hc-speakers").map(text),
      abstract: text(card.querySelector(".hc-more .hc-abstract") || card.querySelector(".hc-abstract")),
    }));
    const listed = all(document, "#results-note .hc-section, #results-note .hc-line").map(text);
    if (cards.length) {
      last.results = {heading: shownFor(), notes: all(document, "#results-note .hc-note").map(text), cards};
    } else if (listed.length) {
      last.results = {heading: "On now and next", notes: listed, cards: []};
    }
    if (document.querySelector("#picks .hc-note, #picks .hc-line")) last.picks = all(document, "#picks .hc-line").map(text);
    if (!last.results && !last.picks) return;
    const body = JSON.stringify({saved: Date.now(), address: location.href, results: last.results, picks: last.picks});
    caches.open("%(cache)s").then((c) => c.put("%(snapshot)s", new Response(body, {headers: {"Content-Type": "application/json"}}))).catch(() => {});
  };
  // start from the saved copy, so a plain visit (nothing searched yet) keeps the last results it had
  caches.match("%(snapshot)s").then((hit) => (hit ? hit.json() : null)).catch(() => null).then((saved) => {
    if (saved) last = {results: saved.results || null, picks: saved.picks || null};
    new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(save, 500); })
      .observe(document.body, {childList: true, subtree: true, characterData: true});
    save();
  });
}""" % {"worker": WORKER_PATH.lstrip("/"), "cache": CACHE, "snapshot": SNAPSHOT}


async def _worker(_request: Request) -> Response:
    return Response(worker_js(), media_type="text/javascript", headers={"Cache-Control": "no-cache"})


def routes() -> list[Route]:
    """The service worker's route, for the attendee page's server (``launch(app_kwargs={"routes": ...})``)."""
    return [Route(WORKER_PATH, _worker, methods=["GET"])]
