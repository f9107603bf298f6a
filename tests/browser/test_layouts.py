"""Per screen, measured in Chromium: the kiosk shows the box, the three cards and the QR code on one screen (landscape
1920x1080 and 1366x768, portrait 1080x1920) with touch-sized controls; a 1920x1080 desktop has the three cards, each
with its star and calendar button, above the fold; a 360 px phone stacks them without sideways scrolling. On the
sample agenda and on the real NAS 2021 export."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import QR, SLOTS, boxes, outside_viewport, search, settled, small_targets, wait_for_load

pytestmark = pytest.mark.browser

AGENDAS = {"sample": ("app_url", "kiosk_url"), "nas2021": ("nas_app_url", "nas_kiosk_url")}
QUERIES = ["healthcare", "machine learning models in production"]
KIOSK_SCREENS = [(1920, 1080), (1366, 768), (1080, 1920)]
TOUCH = 48  # CSS px, each way


def _searched(page: Page, url: str, width: int, height: int, query: str) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    wait_for_load(page)
    search(page, query)
    expect(page.locator(SLOTS)).to_have_count(3, timeout=20000)
    expect(page.locator(f"{SLOTS} .hc-card")).to_have_count(3)


@pytest.mark.parametrize("agenda", AGENDAS)
@pytest.mark.parametrize("width,height", KIOSK_SCREENS)
@pytest.mark.parametrize("query", QUERIES)
def test_kiosk_shows_the_box_the_three_cards_and_the_qr_code_on_one_screen(page: Page, request, agenda, width, height, query, shots):
    _searched(page, request.getfixturevalue(AGENDAS[agenda][1]), width, height, query)
    expect(page.locator(QR)).to_be_visible(timeout=20000)
    assert page.evaluate("window.scrollY") == 0  # measured as a visitor sees it, untouched
    assert outside_viewport(page, "#query textarea, #query input", "#search-button", SLOTS, QR) == []
    assert small_targets(page, TOUCH) == []
    if query == QUERIES[0]:
        settled(page)
        page.screenshot(path=str(shots / f"kiosk-{agenda}-{width}x{height}.png"))


@pytest.mark.parametrize("agenda", AGENDAS)
def test_desktop_has_the_three_cards_with_their_star_and_calendar_button_above_the_fold(page: Page, request, agenda, shots):
    _searched(page, request.getfixturevalue(AGENDAS[agenda][0]), 1920, 1080, QUERIES[0])
    expect(page.locator("#results .hc-ics")).to_have_count(3)
    assert outside_viewport(page, "#query textarea, #query input", SLOTS, "#results .hc-star", "#results .hc-ics") == []
    tops = {b["top"] for b in boxes(page, SLOTS)}
    assert len(tops) == 1, "side by side"
    settled(page)
    page.screenshot(path=str(shots / f"desktop-{agenda}-1920x1080.png"))


@pytest.mark.parametrize("agenda", AGENDAS)
def test_phone_stacks_the_cards_in_one_column_without_sideways_scrolling(page: Page, request, agenda, shots):
    _searched(page, request.getfixturevalue(AGENDAS[agenda][0]), 360, 800, QUERIES[0])
    expect(page.locator("#results .hc-ics")).to_have_count(3)  # the calendar buttons follow the cards' text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    slots = boxes(page, SLOTS)
    assert all(b["left"] >= 0 and b["right"] <= 360 for b in slots)
    assert slots[0]["bottom"] <= slots[1]["top"] and slots[1]["bottom"] <= slots[2]["top"], "one under the other"
    assert small_targets(page, 24) == []  # WCAG 2.2 target size (minimum)
    actions = boxes(page, "#results .hc-star label", "#results .hc-ics")
    assert len(actions) == 6 and all(b["bottom"] - b["top"] >= 44 and b["left"] >= 0 and b["right"] <= 360 for b in actions)
    settled(page)
    page.screenshot(path=str(shots / f"phone-{agenda}-360x800.png"))
    page.screenshot(path=str(shots / f"phone-{agenda}-360x800-full.png"), full_page=True)
