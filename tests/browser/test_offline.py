"""Flaky venue Wi-Fi: the attendee page is installable, and once the server cannot be reached the open page keeps
its cards and picks, and loading it again shows the last results and picks from this device (text only)."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import BrowserType, Page, expect

from helper.web.assets import ICON
from tests.browser.conftest import NOW
from tests.browser.pages import CARDS, search
from tests.live_server import served

pytestmark = pytest.mark.browser

SAVED = "caches.match('offline-snapshot.json').then((r) => (r ? r.json() : null))"


def _settings():
    from helper.settings import Settings

    return Settings(now=datetime.fromisoformat(NOW))


def _wait_for_snapshot(page: Page, picks: int) -> dict:
    """The page saves its snapshot a moment after it changes: poll until it holds the cards and ``picks`` picks."""
    for _ in range(80):
        saved = page.evaluate(SAVED)
        if saved and saved.get("results") and len(saved.get("picks") or []) == picks:
            return saved
        page.wait_for_timeout(250)
    raise AssertionError(f"no snapshot with {picks} picks: {page.evaluate(SAVED)}")


def test_last_results_and_picks_stay_readable_when_the_server_is_gone(page: Page, index, shots):
    page.set_viewport_size({"width": 360, "height": 800})
    with served(index, _settings()) as app:
        page.goto(app.url + "?q=sql")
        expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
        page.locator("#star-2 label").click()
        expect(page.locator("#picks .hc-line")).to_have_count(1, timeout=20000)
        titles = page.locator(f"{CARDS} .hc-title").all_inner_texts()
        pick = page.locator("#picks .hc-line").inner_text()
        saved = _wait_for_snapshot(page, 1)
        assert [c["title"] for c in saved["results"]["cards"]] == titles
        app.stop()

        search(page, "tableau")  # the open page: a search fails, what was shown stays
        expect(page.get_by_text("Connection to the server was lost")).to_be_visible(timeout=20000)
        assert page.locator(f"{CARDS} .hc-title").all_inner_texts() == titles
        expect(page.locator("#picks .hc-line")).to_have_text(pick)

        page.reload()  # loading the page again: the offline copy of this device
        expect(page.locator("#offline-banner")).to_be_visible(timeout=20000)
        expect(page.locator("#offline-results h3")).to_have_text(titles)
        expect(page.locator("#offline-results")).to_contain_text('Results for “sql”')
        expect(page.locator("#offline-picks li")).to_have_text([pick])
        page.screenshot(path=str(shots / "offline-360x800.png"), full_page=True)


def test_the_attendee_page_is_installable(browser_type: BrowserType, browser_type_launch_args, index, tmp_path):
    # a persistent profile: Chromium does not offer to install from a throwaway (incognito) one
    context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **browser_type_launch_args)
    try:
        with served(index, _settings()) as app:
            page = context.new_page()
            page.goto(app.url)
            expect(page.locator("#results .hc-note")).to_be_visible(timeout=20000)
            page.evaluate("navigator.serviceWorker.ready")
            cdp = context.new_cdp_session(page)
            manifest = cdp.send("Page.getAppManifest")
            assert manifest["errors"] == [] and '"name":"Conference Helper"' in manifest["data"]
            assert page.request.get(app.url + "pwa_icon").body() == ICON.read_bytes()  # our icon, not Gradio's logo
            assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()

