"""The one place tests start the app: ``app_process`` runs the real ``python app.py`` (real model) in a child
process, ``serving`` runs the page in-process (any index, e.g. the fake encoder); ``call_api`` speaks the
Gradio call protocol to either."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

from helper.ops.live import LiveIndex
from helper.search.index import SearchIndex

ROOT = Path(__file__).resolve().parent.parent


class AppDidNotStart(RuntimeError):
    """``python app.py`` exited or did not answer in time; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_command(agenda: Path | str, port: int) -> list[str]:
    """How the app is started from the repository root, exactly as a user starts it."""
    return [sys.executable, "app.py", "--agenda", str(agenda), "--port", str(port)]


@contextmanager
def app_process(agenda: Path | str, log: Path, cache_dir: Path, timeout: float = 180, **env: str) -> Iterator[str]:
    """``python app.py`` for ``agenda`` on a free port, its output in ``log``: yields http://127.0.0.1:<port>
    (no trailing slash) once the page answers, and stops the app when the block ends. ``env``: HELPER_* settings."""
    port = free_port()
    environment = {**os.environ, "HELPER_CACHE_DIR": str(cache_dir), "GRADIO_ANALYTICS_ENABLED": "False", **env}
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        process = subprocess.Popen(app_command(agenda, port), cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise AppDidNotStart(f"app exited early ({log}):\n{log.read_text()}")
            if time.monotonic() > deadline:
                raise AppDidNotStart(f"app did not answer in {timeout:.0f} s ({log}):\n{log.read_text()}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Served:
    """An app served in this process: its address, and ``stop()`` to take it away mid-test (a dropped connection)."""

    def __init__(self, demo, url: str) -> None:
        self.demo, self.url = demo, url

    def stop(self) -> None:
        self.demo.close()


@contextmanager
def served(index: SearchIndex | LiveIndex, settings=None) -> Iterator[Served]:
    """The app for ``index`` (``settings``: e.g. a fixed clock) in this process until the block ends."""
    from dataclasses import replace

    from helper.ops.serve import launch
    from helper.settings import Settings
    from helper.web.page import build_demo

    settings = replace(settings or Settings(), port=free_port())
    live = index if isinstance(index, LiveIndex) else LiveIndex(index)
    demo = build_demo(live, settings)
    launch(demo, settings, live=live, prevent_thread_lock=True, quiet=True)
    try:
        yield Served(demo, f"http://127.0.0.1:{settings.port}/")
    finally:
        demo.close()


@contextmanager
def serving(index: SearchIndex | LiveIndex, settings=None) -> Iterator[str]:
    """The app for ``index`` in this process at http://127.0.0.1:<port>/ until the block ends."""
    with served(index, settings) as app:
        yield app.url


def call_api(client: httpx.Client, base: str, data: list, name: str = "search") -> tuple[str, object]:
    """POST then GET the Gradio call protocol: returns ("complete", value) or ("error", message)."""
    started = client.post(f"{base}gradio_api/call/{name}", json={"data": data})
    started.raise_for_status()
    event_id = started.json()["event_id"]
    try:
        stream = client.get(f"{base}gradio_api/call/{name}/{event_id}")
    except httpx.RemoteProtocolError:
        # the kept-alive connection was closed before any answer: an nginx worker that a reload (a replica taken out of
        # rotation) retired just after the POST. A browser sends such a GET again on a new connection; so do we, once.
        stream = client.get(f"{base}gradio_api/call/{name}/{event_id}")
    event, payload = "", None
    for line in stream.text.splitlines():
        if line.startswith("event: "):
            event = line[len("event: "):].strip()
        elif line.startswith("data: ") and event in ("complete", "error"):
            payload = json.loads(line[len("data: "):])
            return event, (payload[0] if event == "complete" and isinstance(payload, list) else payload)
    return event, payload


@contextmanager
def replica_set(log: Path, replicas: int = 2, timeout: float = 120) -> Iterator[tuple[str, subprocess.Popen]]:
    """``serve --replicas`` behind Debian's nginx on a free port, each replica the sample agenda with the fake
    encoder (tests/replica_app.py): yields (http://127.0.0.1:<port>/, the supervisor) once nginx is up, and sends
    SIGTERM when the block ends (a block may stop it first)."""
    port = free_port()
    code = (
        "import sys; from helper.ops.replicas import serve_replicas; from helper.settings import load_settings; "
        f"sys.exit(serve_replicas(load_settings({{'port': {port}, 'replicas': {replicas}}}), [sys.executable, '-m', 'tests.replica_app'], build_first=False))"
    )
    with log.open("w") as out:
        supervisor = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"})
    try:
        deadline = time.monotonic() + timeout
        while "replicas behind nginx" not in log.read_text():
            if supervisor.poll() is not None or time.monotonic() > deadline:
                raise AppDidNotStart(f"the replicas did not come up ({log}):\n{log.read_text()}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", supervisor
    finally:
        if supervisor.poll() is None:
            supervisor.send_signal(signal.SIGTERM)
            try:
                supervisor.wait(60)
            except subprocess.TimeoutExpired:
                supervisor.kill()
                supervisor.wait()
