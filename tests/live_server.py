"""Serve the real page in-process (fake encoder) on a free localhost port, and call its HTTP API."""

from __future__ import annotations

import json
import socket
from contextlib import contextmanager
from typing import Iterator

import httpx

from helper.index import SearchIndex


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(index: SearchIndex) -> Iterator[str]:
    """The app for ``index`` at http://127.0.0.1:<port>/ until the block ends."""
    from helper.cli import bounded
    from helper.ui import build_demo, launch_options

    demo = build_demo(index)
    demo.queue(default_concurrency_limit=4)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **bounded(launch_options()))
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


def call_api(client: httpx.Client, base: str, data: list, name: str = "search") -> tuple[str, object]:
    """POST then GET the Gradio call protocol: returns ("complete", value) or ("error", message)."""
    started = client.post(f"{base}gradio_api/call/{name}", json={"data": data})
    started.raise_for_status()
    event_id = started.json()["event_id"]
    stream = client.get(f"{base}gradio_api/call/{name}/{event_id}")
    event, payload = "", None
    for line in stream.text.splitlines():
        if line.startswith("event: "):
            event = line[len("event: "):].strip()
        elif line.startswith("data: ") and event in ("complete", "error"):
            payload = json.loads(line[len("data: "):])
            return event, (payload[0] if event == "complete" and isinstance(payload, list) else payload)
    return event, payload
