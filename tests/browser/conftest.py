"""Launch the real app (real model) on a free localhost port, with the clock fixed, for Playwright tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
NOW = "2026-10-14T10:00"  # day 1 of sessions.csv, mid-morning


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(tmp_path_factory, name: str, **env: str):
    port = _free_port()
    environment = dict(os.environ, HELPER_CACHE_DIR=str(tmp_path_factory.getbasetemp() / "cache"), HELPER_NOW=NOW, GRADIO_ANALYTICS_ENABLED="False", **env)
    log = open(tmp_path_factory.mktemp(name) / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "app.py", "--agenda", str(SAMPLE), "--port", str(port)], cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited early, see {log.name}")
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("app did not start in 120 s")
    return proc, url


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    proc, url = _serve(tmp_path_factory, "app")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def kiosk_url(tmp_path_factory):
    proc, url = _serve(tmp_path_factory, "kiosk", HELPER_KIOSK="1", HELPER_IDLE_SECONDS="8", HELPER_PUBLIC_URL="https://conf.example/helper")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def shots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
