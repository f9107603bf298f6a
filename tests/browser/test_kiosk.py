"""Kiosk mode in headless Chromium: no picks, nothing stored, QR handoff, idle reset, 1920x1080."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import search, wait_for_load

pytestmark = pytest.mark.browser


def test_kiosk_has_no_picks_no_storage_and_a_qr(page: Page, kiosk_url, shots):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(kiosk_url)
    wait_for_load(page)
    search(page, "healthcare")
    expect(page.locator("#results .hc-card")).to_have_count(3, timeout=20000)
    expect(page.locator("#handoff-qr svg")).to_be_visible(timeout=20000)
    assert page.locator(".hc-star, #star").count() == 0 and page.locator("#picks").count() == 0
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    # no offline copy either: no service worker, nothing in Cache Storage, and the server has no worker to give
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    assert page.evaluate("caches.keys().then((k) => k.length)") == 0
    assert page.request.get(f"{kiosk_url}/offline-sw.js").status == 404
    height = page.locator("#search-button").bounding_box()["height"]
    assert height >= 48
    page.screenshot(path=str(shots / "kiosk-1920x1080.png"))


def test_kiosk_resets_after_idle(page: Page, idle_kiosk_url):
    page.goto(idle_kiosk_url)
    wait_for_load(page)
    search(page, "sql")
    expect(page.locator("#results .hc-card")).to_have_count(3, timeout=20000)
    expect(page.locator("#results .hc-card")).to_have_count(0, timeout=25000)  # idle 8 s in this test
    expect(page.locator("#query input, #query textarea").first).to_have_value("")


def test_a_picks_link_on_the_kiosk_says_it_keeps_no_picks(page: Page, kiosk_url):
    page.goto(f"{kiosk_url}/?picks=FC569896-8BEB-5886-AC32-6604989D02B3")
    expect(page.locator("#results-note")).to_contain_text("keeps no one's picks", timeout=20000)
    assert page.locator("#picks, .hc-star").count() == 0
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
