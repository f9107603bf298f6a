"""The real app (real model; tests/live_server.py starts it) with the clock fixed, for Playwright tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import NAS2021, ROOT, SAMPLE
from tests.live_server import app_process

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
NOW = "2026-10-14T10:00"  # day 1 of sessions.csv, mid-morning
NAS_NOW = "2021-10-18T10:00"  # day 1 of the NAS 2021 export, mid-morning
# a long idle time: a slow run must not see the kiosk reset itself in the middle of a measurement
KIOSK = {"HELPER_KIOSK": "1", "HELPER_IDLE_SECONDS": "600", "HELPER_PUBLIC_URL": "https://conf.example/helper"}


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("HELPER_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"HELPER_REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is missing"))


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": str(CHROMIUM), "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]}


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    with app_process(SAMPLE, tmp_path_factory.mktemp("app") / "server.log", tmp_path_factory.getbasetemp() / "cache", timeout=120, HELPER_NOW=NOW) as url:
        yield url


@pytest.fixture(scope="session")
def kiosk_url(tmp_path_factory):
    with app_process(SAMPLE, tmp_path_factory.mktemp("kiosk") / "server.log", tmp_path_factory.getbasetemp() / "cache", timeout=120, HELPER_NOW=NOW, **KIOSK) as url:
        yield url


@pytest.fixture(scope="session")
def idle_kiosk_url(tmp_path_factory):
    """A kiosk that goes back to its welcome state after 8 s without input."""
    idle = {**KIOSK, "HELPER_IDLE_SECONDS": "8"}
    with app_process(SAMPLE, tmp_path_factory.mktemp("idle-kiosk") / "server.log", tmp_path_factory.getbasetemp() / "cache", timeout=120, HELPER_NOW=NOW, **idle) as url:
        yield url


def _nas_app(tmp_path_factory, name: str, **env: str):
    if not NAS2021.exists():
        pytest.skip("../shared/data/nas2021_sessions.csv is absent (a user's clone): skipped")
    return app_process(NAS2021, tmp_path_factory.mktemp(name) / "server.log", tmp_path_factory.getbasetemp() / "cache", timeout=120, HELPER_NOW=NAS_NOW, **env)


@pytest.fixture(scope="session")
def nas_app_url(tmp_path_factory):
    """The attendee page on the real NAS 2021 export (started only by the tests that ask for it)."""
    with _nas_app(tmp_path_factory, "nas-app") as url:
        yield url


@pytest.fixture(scope="session")
def nas_kiosk_url(tmp_path_factory):
    with _nas_app(tmp_path_factory, "nas-kiosk", **KIOSK) as url:
        yield url


@pytest.fixture
def shots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
