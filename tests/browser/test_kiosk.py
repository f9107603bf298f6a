"""Kiosk mode in headless Chromium: no picks, nothing stored, QR handoff, idle reset, 1920x1080."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _wait_for_load(page: Page) -> None:
    """The page's load event fills the box from the address; typing before it ends would be overwritten."""
    expect(page.locator("#results .hc-note")).to_be_visible(timeout=20000)
    page.wait_for_timeout(1500)


def test_kiosk_has_no_picks_no_storage_and_a_qr(page: Page, kiosk_url, shots):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(kiosk_url)
    _wait_for_load(page)
    box = page.locator("#query input, #query textarea").first
    box.fill("healthcare")
    box.press("Enter")
    expect(page.locator("#results .hc-card")).to_have_count(3, timeout=20000)
    expect(page.locator("#handoff-qr svg")).to_be_visible(timeout=20000)
    assert page.locator(".hc-star, #star").count() == 0 and page.locator("#picks").count() == 0
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    height = page.locator("#search-button").bounding_box()["height"]
    assert height >= 48
    page.screenshot(path=str(shots / "kiosk-1920x1080.png"))


def test_kiosk_resets_after_idle(page: Page, kiosk_url):
    page.goto(kiosk_url)
    _wait_for_load(page)
    box = page.locator("#query input, #query textarea").first
    box.fill("sql")
    box.press("Enter")
    expect(page.locator("#results .hc-card")).to_have_count(3, timeout=20000)
    expect(page.locator("#results .hc-card")).to_have_count(0, timeout=25000)  # idle 8 s in this test
    expect(page.locator("#query input, #query textarea").first).to_have_value("")
