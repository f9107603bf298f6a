"""My picks travel: a picks link (and its QR code) opened in a fresh browser shows the same picks, and a bad one
says what it left out. Each card has its own calendar file, named after it, linking back to its session."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import CARDS

pytestmark = pytest.mark.browser

PICKS = "#picks .hc-line"


def test_a_picks_link_opened_in_a_fresh_browser_shows_the_same_picks(browser: Browser, app_url):
    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    page = laptop.new_page()
    page.goto(f"{app_url}/?q=sql")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    page.locator("#star-1 label").click()
    expect(page.locator(PICKS)).to_have_count(1, timeout=20000)
    page.locator("#star-3 label").click()
    expect(page.locator(PICKS)).to_have_count(2, timeout=20000)
    link = page.locator("#picks-link input, #picks-link textarea").first
    expect(page.locator("#picks-qr svg")).to_be_visible(timeout=20000)
    address = link.input_value()
    assert address.startswith(f"{app_url}/?picks=") and address.count(",") == 1
    picked = page.locator(PICKS).all_inner_texts()

    phone = browser.new_context(viewport={"width": 360, "height": 800})  # another device: nothing stored
    other = phone.new_page()
    other.goto(address)
    expect(other.locator(PICKS)).to_have_count(2, timeout=20000)
    assert other.locator(PICKS).all_inner_texts() == picked
    expect(other.locator("#picks")).to_contain_text("Added 2 sessions from the picks link")
    expect(other).to_have_url(f"{app_url}/")  # taken in, then dropped from the address: a reload keeps an unstar
    other.reload()
    expect(other.locator(PICKS)).to_have_count(2, timeout=20000)
    assert other.locator(PICKS).all_inner_texts() == picked
    laptop.close()
    phone.close()


def test_a_bad_picks_link_says_what_it_left_out_and_the_page_keeps_working(page: Page, app_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{app_url}/?picks=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E,FC569896-8BEB-5886-AC32-6604989D02B3,nope")
    expect(page.locator(PICKS)).to_have_count(1, timeout=20000)
    expect(page.locator("#picks")).to_contain_text("SQL Window Functions Without Tears")
    expect(page.locator("#picks")).to_contain_text("2 sessions this agenda does not have")
    expect(page.locator("#picks")).to_contain_text("<img src=x onerror=alert(1)>")  # shown as text
    assert page.locator("#picks img").count() == 0
    box = page.locator("#query input, #query textarea").first
    box.fill("tableau")
    box.press("Enter")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    assert dialogs == []


def test_each_card_has_its_own_calendar_file_named_after_it_and_linking_back(page: Page, app_url, tmp_path):
    page.goto(f"{app_url}/?q=sql+window+functions")
    expect(page.locator(CARDS)).to_have_count(2, timeout=20000)  # only two are close
    title = page.locator("#card-1 .hc-title").inner_text()
    button = page.locator("#ics-1")
    expect(button).to_have_text("Add to calendar")
    expect(button).to_have_accessible_name(f"Add to calendar: {title}")
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == "SQL Window Functions Without Tears.ics" == f"{title}.ics"
    path = tmp_path / "one.ics"
    download.value.save_as(path)
    cal = Calendar.from_ical(path.read_bytes())
    (event,) = cal.walk("VEVENT")
    assert str(event["summary"]) == title and str(event["location"]) == "Cumberland B"
    assert event.decoded("dtstart") == datetime(2026, 10, 14, 9, 45, tzinfo=timezone.utc)
    assert str(event["url"]) == f"{app_url}/?session=FC569896-8BEB-5886-AC32-6604989D02B3"
    assert "With " in str(event["description"])

    page.goto(str(event["url"]))  # the link back opens that session
    expect(page.locator(CARDS)).to_have_count(1, timeout=20000)
    expect(page.locator(f"{CARDS} .hc-title")).to_have_text(title)
