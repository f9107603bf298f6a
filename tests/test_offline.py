"""The offline copy: only the attendee page has it, its worker is served, and it moves text only (never markup)."""

from __future__ import annotations

import re

import httpx

from helper.web.assets import launch_options
from helper.web.offline import OFFLINE_PAGE, SNAPSHOT_JS, WORKER_PATH, worker_js
from tests.live_server import serving

MARKUP_SINKS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function")


def test_the_attendee_page_is_installable_and_offline_ready_and_the_kiosk_is_neither():
    attendee, kiosk = launch_options(), launch_options(kiosk=True, idle_seconds=30)
    assert attendee["pwa"] is True and [r.path for r in attendee["app_kwargs"]["routes"]] == [WORKER_PATH]
    assert "serviceWorker.register" in attendee["js"]
    assert kiosk["pwa"] is False and "app_kwargs" not in kiosk and "serviceWorker.register" not in kiosk["js"]
    assert "caches.delete" in kiosk["js"] and "unregister" in kiosk["js"]


def test_the_snapshot_and_the_offline_page_handle_agenda_text_as_text_only():
    for name, script in {"snapshot": SNAPSHOT_JS, "offline page": OFFLINE_PAGE, "worker": worker_js()}.items():
        assert not MARKUP_SINKS.search(script), f"the {name} must not turn text into markup"
    assert "textContent" in SNAPSHOT_JS and "textContent" in OFFLINE_PAGE


def test_the_worker_is_served_at_the_root_of_the_attendee_page(index):
    with serving(index) as url:
        answer = httpx.get(url + WORKER_PATH.lstrip("/"), timeout=30)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/javascript")
    assert 'event.request.mode !== "navigate"' in answer.text and "offline-banner" in answer.text
