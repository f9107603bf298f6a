"""What the browser tests do on the page again and again."""

from __future__ import annotations

from playwright.sync_api import Page, expect

CARDS = "#results .hc-card"


def wait_for_load(page: Page) -> None:
    """The page has drawn its empty state and its load event has had time to answer."""
    expect(page.locator("#results .hc-note")).to_be_visible(timeout=20000)
    page.wait_for_timeout(1500)


def search(page: Page, text: str) -> None:
    box = page.locator("#query input, #query textarea").first
    box.fill(text)
    box.press("Enter")
