"""No script runs and no element is injected for payloads in queries, URL parameters and every agenda
field: the real page in chromium (Playwright), served in-process with the fake encoder."""

from __future__ import annotations

import csv
import html
import os
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex
from tests.fakes import HashingEncoder
from tests.live_server import serving

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# each payload, if it ever ran, would set window.__xss, add #xss-injected or open a dialog
PAYLOADS = [
    "<script>window.__xss=1;alert('script')</script>",
    "<img src=x onerror=\"window.__xss=2;document.body.appendChild(Object.assign(document.createElement('b'),{id:'xss-injected'}))\">",
    "<svg/onload=window.__xss=3>",
    "<iframe srcdoc=\"<script>parent.__xss=4</script>\"></iframe>",
    "[click](javascript:window.__xss=5)",
    "![img](x\" onerror=\"window.__xss=6)",
    "${window.__xss=7}",
    "{{constructor.constructor('window.__xss=8')()}}",
    "<details open ontoggle=window.__xss=9>",
    "<a href=javascript:window.__xss=10 id=xss-injected>link</a>",
    "$$\\href{javascript:window.__xss=11}{x}$$",
    "\"><style>@import 'javascript:window.__xss=12'</style>",
]


def _browser_or_skip():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("HELPER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and HELPER_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    return sync_playwright


def _hostile_agenda(path: Path) -> Path:
    """Every field of every row holds payloads, written entity-escaped so they survive cleaning as text,
    plus a word ('zebra') to find the rows by."""
    fields = ["id", "title", "abstract", "speakers", "room", "track", "tags", "start", "end"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        for i, payload in enumerate(PAYLOADS):
            once = html.escape(payload, quote=False)
            twice = html.escape(once, quote=False)  # survives unescaping and tag stripping as literal text
            writer.writerow([f"x{i}-{twice}", f"zebra {i} {twice}", f"zebra abstract {payload} {twice} {once} " * 3, f"Speaker {twice}", f"Room {once} {twice}", f"Track {i % 3} {twice}", f"{twice},{payload}", "2026-05-12 10:00", "2026-05-12 10:45"])
    return path


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xss")
    agenda = load_agenda(_hostile_agenda(folder / "hostile.csv"))
    for column in ("title", "abstract", "room", "track"):
        assert any("window.__xss" in t for t in agenda.sessions[column]), f"payloads must reach the {column} as text"
    index = SearchIndex.build(agenda, HashingEncoder(), folder / "cache")
    with serving(index) as url:
        yield url


@pytest.fixture(scope="module")
def xss_page(app_url, browser):
    """One page in pytest-playwright's chromium (launch arguments: tests/browser/conftest.py)."""
    _browser_or_skip()
    page = browser.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    page.close()


def assert_nothing_ran(page) -> None:
    assert page.dialogs == []
    assert page.evaluate("window.__xss") is None
    assert page.locator("#xss-injected").count() == 0
    # Gradio's own loading spinner (an svg in a block's status tracker) may show while an event runs: not content
    injected = page.evaluate(
        "() => Array.from(document.querySelectorAll('#results script, #results img, #results svg, #results iframe, #results a, #results style, [onerror], [onload], [ontoggle]'))"
        ".filter(e => !e.closest('#results [data-testid=status-tracker]')).map(e => e.outerHTML.slice(0, 300))"
    )
    assert injected == []


def search(page, text: str) -> None:
    box = page.locator("#query textarea, #query input").first
    box.fill(text)
    box.press("Enter")
    page.wait_for_timeout(700)


def test_every_agenda_field_is_shown_as_text(xss_page, app_url):
    page = xss_page
    page.goto(app_url)
    page.wait_for_selector("#query")
    assert_nothing_ran(page)  # the header, summary and examples are built from agenda text too
    search(page, "zebra")
    page.wait_for_selector("#results .hc-card")
    shown = page.locator("#results").inner_text()
    assert "<script>" in shown or "<img" in shown or "javascript:" in shown  # visible as literal text
    stars = page.locator("#results .hc-star").all_inner_texts()  # each card's star is labelled with its title
    assert stars and all("zebra" in label for label in stars)
    more = page.locator("#results .hc-card summary")
    for i in range(more.count()):  # open every "more": the full abstracts render too
        more.nth(i).click()
    assert_nothing_ran(page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_payloads_do_not_run(xss_page, app_url, payload):
    page = xss_page
    if page.url.rstrip("/") != app_url.rstrip("/"):
        page.goto(app_url)
        page.wait_for_selector("#query")
    search(page, payload)
    search(page, f"zebra {payload}")
    assert_nothing_ran(page)


@pytest.mark.parametrize("payload", PAYLOADS[:6])
@pytest.mark.parametrize("name", ["q", "track", "session", "__theme"])
def test_url_parameter_payloads_do_not_run(xss_page, app_url, name, payload):
    page = xss_page
    page.goto(f"{app_url}?{urlencode({name: payload})}")
    page.wait_for_selector("#query")
    page.wait_for_timeout(300)
    assert_nothing_ran(page)
