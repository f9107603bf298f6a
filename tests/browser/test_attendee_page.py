"""The real app in headless Chromium: cards, filters, deep links, picks, .ics, phone layout."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.pages import CARDS
from tests.browser.pages import search as _search
from tests.browser.pages import wait_for_load as _wait_for_load

pytestmark = pytest.mark.browser


def _titles(page: Page) -> list[str]:
    return page.locator(f"{CARDS} .hc-title").all_inner_texts()


def test_query_shows_three_cards_and_updates_address(page: Page, app_url):
    page.goto(app_url)
    _wait_for_load(page)
    _search(page, "machine learning models in production")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    expect(page).to_have_url(f"{app_url}/?q=machine+learning+models+in+production")
    share = page.locator("#share-link input, #share-link textarea").first
    expect(share).to_have_value(f"{app_url}/?q=machine+learning+models+in+production")


def test_a_search_typed_before_the_page_finished_loading_is_kept(page: Page, app_url):
    """On slow Wi-Fi the page's load event can answer after the attendee's first search: it must not wipe it."""
    held = []

    def hold_first_event(route):
        if not held:
            held.append(route)  # the page's load event, sent first; answered only after the search below
        else:
            route.continue_()

    page.route("**/gradio_api/queue/join*", hold_first_event)
    page.goto(app_url)
    page.wait_for_selector("#query")
    for _ in range(200):  # the load event must be the one held: on a busy machine it is sent after #query shows
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page sent no load event"
    _search(page, "machine learning models in production")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    titles = _titles(page)
    assert len(held) == 1
    with page.expect_response("**/gradio_api/queue/join*"):
        held[0].continue_()
    page.wait_for_timeout(1500)  # the load event's answer (and its follow-up) arrive over the stream
    expect(page.locator(CARDS)).to_have_count(3)
    assert _titles(page) == titles
    assert page.locator("#query input, #query textarea").first.input_value() == "machine learning models in production"


def test_filter_changes_the_cards(page: Page, app_url):
    page.goto(app_url)
    _wait_for_load(page)
    _search(page, "machine learning models in production")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    before = _titles(page)
    page.locator("#filters").get_by_text("Filters").first.click()  # the filters fold away on phones
    page.locator("#filter-track input").first.click()
    page.get_by_role("option", name="Healthcare Analytics").click()
    expect(page.locator(f"{CARDS} .hc-track").first).to_have_text("Healthcare Analytics", timeout=20000)
    expect(page.locator(CARDS)).to_have_count(3)
    assert _titles(page) != before
    assert set(page.locator(f"{CARDS} .hc-track").all_inner_texts()) == {"Healthcare Analytics"}
    expect(page).to_have_url(f"{app_url}/?q=machine+learning+models+in+production&track=Healthcare+Analytics")


def test_deep_link_runs_its_query_on_load(page: Page, app_url):
    page.goto(f"{app_url}/?q=sql&room=Cumberland+B")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    assert set(page.locator(f"{CARDS} .hc-room").all_inner_texts()) == {"Cumberland B"}
    expect(page.locator("#query input, #query textarea").first).to_have_value("sql")


def test_session_deep_link_shows_one_session(page: Page, app_url):
    page.goto(f"{app_url}/?session=FC569896-8BEB-5886-AC32-6604989D02B3")
    expect(page.locator(CARDS)).to_have_count(1, timeout=20000)
    expect(page.locator(f"{CARDS} .hc-title")).to_have_text("SQL Window Functions Without Tears")


def test_star_survives_reload_and_picks_ics_parses(page: Page, app_url, tmp_path):
    page.goto(f"{app_url}/?q=sql+window+functions")
    expect(page.locator(CARDS)).to_have_count(2, timeout=20000)  # the third place was far from the query and held none of its words
    expect(page.locator("#results")).to_contain_text("Only 2 sessions are close to “sql window functions”.")
    first = page.locator("#star-1 label")  # the star right under the first card
    title = _titles(page)[0]
    first.click()
    expect(page.locator("#picks")).to_contain_text(title, timeout=20000)
    page.reload()
    expect(page.locator("#picks")).to_contain_text(title, timeout=20000)
    with page.expect_download() as download:
        page.locator("#picks-ics").click()
    path = tmp_path / "picks.ics"
    download.value.save_as(path)
    (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "SQL Window Functions Without Tears"
    assert event.decoded("dtstart") == datetime(2026, 10, 14, 9, 45, tzinfo=timezone.utc)
    assert event.decoded("dtend") == datetime(2026, 10, 14, 10, 30, tzinfo=timezone.utc)
    assert str(event["location"]) == "Cumberland B"


def test_a_star_still_works_after_the_server_dropped_the_visitors_session(page: Page, app_url):
    """Gradio keeps per-session state for the last MAX_SESSIONS sessions only; API traffic pushes a visitor's
    out. A star must not depend on it."""
    import httpx

    from helper.ops.serve import MAX_SESSIONS

    page.goto(f"{app_url}/?q=tableau+dashboards")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    title = _titles(page)[1]
    with httpx.Client(timeout=30) as client:  # each API call without a session is a new session
        for i in range(MAX_SESSIONS + 20):
            started = client.post(f"{app_url}/gradio_api/call/search", json={"data": [f"query {i}", 1]})
            client.get(f"{app_url}/gradio_api/call/search/{started.json()['event_id']}").raise_for_status()
    page.locator("#star-2 label").click()
    expect(page.locator("#picks")).to_contain_text(title, timeout=20000)


def test_example_runs_the_page_search_and_now_next_clears_the_cards(page: Page, app_url):
    page.goto(app_url)
    _wait_for_load(page)
    page.get_by_role("button", name="Healthcare Analytics").click()
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    expect(page.locator(".hc-star input")).to_have_count(3)  # each card with its own star
    expect(page).to_have_url(f"{app_url}/?q=Healthcare+Analytics")
    page.locator("#now-next-button").click()
    expect(page.locator("#results .hc-section").first).to_contain_text("On now", timeout=20000)
    expect(page.locator(CARDS)).to_have_count(0)
    expect(page.locator(".hc-star input")).to_have_count(0)


def test_phone_360_has_no_horizontal_scroll(page: Page, app_url, shots):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{app_url}/?q=sql")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(shots / "phone-360x800.png"))
    page.screenshot(path=str(shots / "phone-360x800-full.png"), full_page=True)
