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

SLOTS = "#results .hc-slot"  # each card with its star and calendar button (the kiosk's: the card alone)
QR = "#handoff-qr svg"

# each element matching a selector, with its box in the viewport (CSS px) and whether it lies wholly inside
BOXES = """(selectors) => selectors.flatMap((selector) => Array.from(document.querySelectorAll(selector)).map((e) => {
  const r = e.getBoundingClientRect();
  return {selector, top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right),
          inside: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth};
}))"""

# visible controls a finger is meant to hit, with their size (a checkbox or radio button is hit through its label)
TARGETS = """() => Array.from(document.querySelectorAll("button, input:not([type=hidden]), textarea, select, summary, [role=option]"))
  .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden"; })
  .map((e) => { const hit = (e.matches("input[type=checkbox], input[type=radio]") && e.closest("label")) || e;
    const r = hit.getBoundingClientRect(); const box = e.closest("[id]");
    return {what: (box ? "#" + box.id + " " : "") + e.tagName.toLowerCase() + " " + (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 30),
            width: Math.round(r.width), height: Math.round(r.height)}; })"""


def boxes(page: Page, *selectors: str) -> list[dict]:
    """Where each element of ``selectors`` lies in the viewport (as the person sees it, unscrolled)."""
    return page.evaluate(BOXES, list(selectors))


def outside_viewport(page: Page, *selectors: str) -> list[dict]:
    """The elements of ``selectors`` that do not lie wholly inside the viewport."""
    return [b for b in boxes(page, *selectors) if not b["inside"]]


def small_targets(page: Page, least: int) -> list[dict]:
    """Visible controls smaller than ``least`` CSS px either way."""
    return [t for t in page.evaluate(TARGETS) if t["width"] < least or t["height"] < least]


def settled(page: Page) -> None:
    """Gradio fades updated components in: wait until nothing in the results or the QR column is still fading
    (for a screenshot that shows what a person sees)."""
    page.wait_for_function("() => Array.from(document.querySelectorAll('#results *, #handoff *, #picks *'))"
                           ".every((e) => e.closest('[data-testid=status-tracker]') || getComputedStyle(e).opacity === '1')")
