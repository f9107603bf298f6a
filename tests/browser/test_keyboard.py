"""Keyboard only (Tab, Shift+Tab, Enter, Space, arrows; no mouse): search, filter, open a card's "more", star it
into My picks, download the picks' .ics. Every stop shows a focus outline; every control has an accessible name."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CARDS = "#results .hc-card"
INTERACTIVE = {"button", "textbox", "searchbox", "combobox", "listbox", "checkbox", "radio", "link", "switch", "slider", "spinbutton", "menuitem", "tab", "option"}

ACTIVE_OPTIONS = "() => Array.from(document.querySelectorAll('[role=option].active')).map(o => o.getAttribute('aria-label')).join('|')"
DESCRIBE = "function () { const box = this.closest('[id]'); return (box ? '#' + box.id + ' ' : '') + this.outerHTML.slice(0, 120); }"
FOCUSED = """(selector) => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  return {inside: !!e.closest(selector), tag: e.tagName, text: (e.innerText || e.value || "").slice(0, 40),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def _tab_to(page: Page, selector: str, key: str = "Tab", limit: int = 80) -> list[dict]:
    """Press Tab until the focus is inside ``selector``; every stop on the way must show a focus outline."""
    stops = []
    for _ in range(limit):
        here = page.evaluate(FOCUSED, selector)
        if here and here["inside"]:
            return stops
        page.keyboard.press(key)
        here = page.evaluate(FOCUSED, selector)
        assert here is not None, f"focus fell back to the page after {stops[-1:]}"  # a stop that drops the focus
        assert here["outline"] != "none" and here["width"] >= 2, f"no visible focus outline on {here}"
        stops.append(here)
    raise AssertionError(f"{selector} not reached with {key} in {limit} presses: {[s['text'] for s in stops]}")


def _nameless_controls(page: Page) -> list[str]:
    """Controls in the accessibility tree (what a screen reader gets) that have no accessible name."""
    client = page.context.new_cdp_session(page)
    nodes = client.send("Accessibility.getFullAXTree")["nodes"]
    bad = []
    for node in nodes:
        role = (node.get("role") or {}).get("value", "")
        if node.get("ignored") or role not in INTERACTIVE:
            continue
        if not str((node.get("name") or {}).get("value", "")).strip():
            handle = client.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})["object"]["objectId"]
            where = client.send("Runtime.callFunctionOn", {"objectId": handle, "returnByValue": True, "functionDeclaration": DESCRIBE})["result"]["value"]
            bad.append(f"{role}: {where}")
    client.detach()
    return bad


def test_keyboard_only_search_filter_more_star_and_ics(page: Page, app_url, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(app_url)
    expect(page.locator("#results .hc-note")).to_be_visible(timeout=20000)
    page.wait_for_timeout(1500)  # the load event
    _tab_to(page, "#query")  # the box has the focus on arrival (autofocus), else Tab reaches it first
    page.keyboard.type("machine learning models in production")
    page.keyboard.press("Enter")
    expect(page.locator(CARDS)).to_have_count(3, timeout=20000)
    before = page.locator(f"{CARDS} .hc-title").all_inner_texts()

    _tab_to(page, "#filters")  # the accordion's header button
    page.keyboard.press("Enter")
    expect(page.locator("#filter-track input")).to_be_visible(timeout=5000)
    _tab_to(page, "#filter-track")  # focus opens its list; the arrows walk it, Enter picks
    for _ in range(10):
        active = page.evaluate(ACTIVE_OPTIONS)
        if "Healthcare Analytics" in active.split("|"):
            break
        page.keyboard.press("ArrowDown")
        page.wait_for_function(f"(before) => ({ACTIVE_OPTIONS})() !== before", arg=active)
    page.keyboard.press("Enter")  # Gradio then blurs the box; the next Tab goes on from it (checked below)
    expect(page.locator(f"{CARDS} .hc-track").first).to_have_text("Healthcare Analytics", timeout=20000)
    expect(page.locator(CARDS)).to_have_count(3)
    assert set(page.locator(f"{CARDS} .hc-track").all_inner_texts()) == {"Healthcare Analytics"}
    assert page.locator(f"{CARDS} .hc-title").all_inner_texts() != before

    stops = _tab_to(page, "#results .hc-more summary")  # the first card with a long abstract
    assert stops[0]["inside"] is False and "Any room" in stops[0]["text"], "Tab goes on from the track filter"
    card = page.evaluate("document.activeElement.closest('[id^=card-]').id")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{card} details.hc-more")).to_have_attribute("open", "")
    expect(page.locator(f"#{card} details.hc-more .hc-abstract")).to_be_visible()

    slot = card.split("-")[1]
    stops = _tab_to(page, ".hc-star")
    assert page.evaluate("document.activeElement.closest('.hc-star').id") == f"star-{slot}", "the next star is the card's own"
    assert all(s["tag"] == "SUMMARY" for s in stops[:-1]), f"only the card's own details lie between it and its star: {stops}"
    title = page.locator(f"#{card} .hc-title").inner_text()
    page.keyboard.press("Space")
    expect(page.locator(f"#star-{slot} input")).to_be_checked()
    expect(page.locator("#picks")).to_contain_text(title, timeout=20000)
    # the picks' calendar button is drawn a moment after the list (its file is fetched first): wait for it
    # before tabbing, as a person would see it before reaching for it
    expect(page.locator("#picks-ics button, #picks-ics a, button#picks-ics").first).to_be_visible(timeout=20000)
    page.keyboard.press("Shift+Tab")  # and back again to the card
    assert page.evaluate(f"!!document.activeElement.closest('#{card}')")

    _tab_to(page, "#picks-ics")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = tmp_path / "picks.ics"
    download.value.save_as(path)
    assert title.split()[0] in path.read_text(encoding="utf-8")

    assert _nameless_controls(page) == []


def test_every_control_has_an_accessible_name_on_a_fresh_page(page: Page, app_url):
    page.goto(app_url)
    expect(page.locator("#results .hc-note")).to_be_visible(timeout=20000)
    page.wait_for_timeout(1500)
    assert _nameless_controls(page) == []
