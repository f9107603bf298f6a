"""The page through ``serve --replicas 2`` and Debian's nginx: Gradio's own client (queue join, event stream)
reaches one replica per visitor, so searches and a reload work as they do against one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import CARDS, search, wait_for_load
from tests.live_server import replica_set

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def replicas_url(tmp_path_factory):
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        if os.environ.get("HELPER_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is required (HELPER_REQUIRE_BROWSER=1): apt-get install nginx")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    with replica_set(tmp_path_factory.mktemp("replicas") / "supervisor.log") as (url, _supervisor):
        yield url


def test_searches_and_a_reload_through_nginx(page: Page, replicas_url: str) -> None:
    page.goto(replicas_url)
    wait_for_load(page)
    assert any(c["name"] == "helper_replica" for c in page.context.cookies())
    search(page, "deploying models")
    expect(page.locator(CARDS).first).to_be_visible(timeout=20000)
    first, shown = page.locator(CARDS).first.inner_text(), page.locator(CARDS).count()
    search(page, "Tableau")
    expect(page.locator(CARDS).first).not_to_have_text(first, timeout=20000)
    page.reload()
    wait_for_load(page)
    search(page, "deploying models")
    expect(page.locator(CARDS)).to_have_count(shown, timeout=20000)
    assert page.locator(CARDS).first.inner_text() == first
