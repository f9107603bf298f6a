"""Plan my day on the page: a timeline of non-overlapping sessions for the query, under the filters, that one tap
keeps (My picks and a calendar file); its address opens the same plan; the kiosk hands it over by QR code."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import CARDS, QR, search, settled, wait_for_load

pytestmark = pytest.mark.browser

STOPS = "#plan-view .hc-stop"
PICKS = "#picks .hc-line"


def stops(page: Page) -> list[tuple[str, str, str]]:
    """(start, end, title) of each stop of the shown plan, as the visitor reads them."""
    out = []
    for stop in page.locator(STOPS).all():
        start, end = stop.locator(".hc-stop-time").inner_text().split("–")
        out.append((start, end, stop.locator(".hc-stop-title").inner_text()))
    return out


def test_plan_my_day_shows_a_timeline_without_overlaps_that_one_tap_keeps(page: Page, app_url, tmp_path, shots):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(app_url)
    wait_for_load(page)
    page.locator("#query input, #query textarea").first.fill("sql")
    page.locator("#plan-button").click()
    expect(page.locator(STOPS).first).to_be_visible(timeout=20000)
    expect(page.locator(CARDS)).to_have_count(0)
    expect(page.locator("#plan-view")).to_contain_text("Planned for today, Wed 14 Oct")  # the clock is on day 1
    plan = stops(page)
    assert len(plan) >= 2
    assert all(a_end <= b_start for (_, a_end, _), (b_start, _, _) in zip(plan, plan[1:])), plan
    assert all(start >= "10:00" or end > "10:00" for start, end, _ in plan)  # nothing already over at 10:00
    expect(page.locator(STOPS).first.locator(".hc-stop-why")).not_to_be_empty()
    expect(page).to_have_url(f"{app_url}/?q=sql&plan=1")

    with page.expect_download() as download:
        page.locator("#plan-take").click()
    expect(page.locator(PICKS)).to_have_count(len(plan), timeout=20000)
    kept = page.locator(PICKS).all_inner_texts()
    assert all(any(title in line for line in kept) for *_, title in plan), (kept, plan)
    path = tmp_path / "plan.ics"
    download.value.save_as(path)
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == sorted(title for *_, title in plan)
    assert all(e.decoded("dtstart").date() == datetime(2026, 10, 14).date() for e in events)
    settled(page)
    page.screenshot(path=str(shots / "plan-desktop-1280x900.png"), full_page=True)

    page.reload()  # the address opens the same plan; the kept sessions now show as picks in it
    expect(page.locator(STOPS)).to_have_count(len(plan), timeout=20000)
    expect(page.locator("#plan-view .hc-badge-pick")).to_have_count(len(plan))
    expect(page.locator("#plan-take")).to_be_hidden()  # nothing new left to keep
    search(page, "tableau")  # a search shows cards again, and no plan
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    expect(page.locator("#plan-view")).to_be_hidden()


def test_the_plan_follows_the_filters(page: Page, app_url):
    page.goto(f"{app_url}/?q=data&day=2026-10-15&plan=1")
    expect(page.locator(STOPS).first).to_be_visible(timeout=20000)
    expect(page.locator("#plan-view .hc-day")).to_have_text(["Thursday 15 October"])
    expect(page.locator("#plan-view")).not_to_contain_text("Planned for today")
    everywhere = page.locator("#plan-view .hc-room").all_inner_texts()
    name = everywhere[-1]
    page.locator("#filters").get_by_text("Filters").first.click()  # a filter changed while a plan shows: plan again
    page.locator("#filter-room input").first.click()
    page.get_by_role("option", name=name, exact=True).click()
    expect(page).to_have_url(re.compile(r"room=.*&plan=1$"), timeout=20000)
    expect(page.locator(STOPS).first).to_be_visible(timeout=20000)
    expect(page.locator(CARDS)).to_have_count(0)
    assert set(page.locator("#plan-view .hc-room").all_inner_texts()) == {name} != set(everywhere)


@pytest.mark.parametrize("width,height", [(360, 800), (1920, 1080)])
def test_a_plan_reads_on_a_phone_and_a_desktop(browser: Browser, app_url, shots, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{app_url}/?q=machine+learning&plan=1")
    expect(page.locator(STOPS).first).to_be_visible(timeout=20000)
    settled(page)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the plan is {overflow}px wider than a {width}px screen"
    page.locator("#plan-view").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"plan-{width}x{height}.png"))
    context.close()


@pytest.mark.parametrize("width,height", [(1920, 1080), (1080, 1920)])
def test_the_kiosk_plans_and_hands_the_plan_over_by_qr_code_keeping_nothing(browser: Browser, kiosk_url, shots, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(kiosk_url)
    wait_for_load(page)
    page.locator("#query input, #query textarea").first.fill("healthcare")
    page.locator("#plan-button").click()
    expect(page.locator(STOPS).first).to_be_visible(timeout=20000)
    expect(page.locator(QR)).to_be_visible(timeout=20000)
    assert page.locator("#plan-take").count() == 0  # a shared screen keeps no one's picks
    settled(page)
    page.screenshot(path=str(shots / f"plan-kiosk-{width}x{height}.png"))
    context.close()
