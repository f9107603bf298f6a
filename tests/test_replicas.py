"""``serve --replicas``: two replicas behind Debian's nginx on loopback, a replica killed, then SIGTERM.

The replicas serve the sample agenda with the fake encoder (tests/replica_app.py); the supervisor, the nginx
configuration and the restart policy are the real ones (helper.ops.replicas, helper.ops.nginx). Skipped when
nginx is not installed, unless HELPER_REQUIRE_BROWSER=1 (CI: the CI tools must be there).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from helper.errors import SettingsError
from helper.ops.nginx import Nginx
from helper.ops.replicas import serve_replicas
from helper.settings import load_settings
from tests.conftest import ROOT
from tests.live_server import call_api, free_port, replica_set


def _require_nginx() -> None:
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        return
    if os.environ.get("HELPER_REQUIRE_BROWSER") == "1":
        pytest.fail("nginx is required (HELPER_REQUIRE_BROWSER=1): apt-get install nginx")
    pytest.skip("nginx is not installed (apt-get install nginx)")


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _replicas(supervisor: int) -> list[int]:
    return [p for p in _children(supervisor) if "tests.replica_app" in _cmdline(p)]


def _visit(base: str, query: str) -> tuple[str, object, str]:
    """A new visitor: the page (its cookie), then a search through the Gradio call protocol, whose POST and GET
    must reach the same replica. Returns the event, its value and the replica that answered both."""
    with httpx.Client(timeout=30) as client:
        client.get(base).raise_for_status()
        started = client.post(f"{base}gradio_api/call/search", json={"data": [query, 3]})
        started.raise_for_status()
        stream = client.get(f"{base}gradio_api/call/search/{started.json()['event_id']}")
        # X-Served-By lists every replica tried (a dead one first, then the one that answered)
        answered = started.headers["x-served-by"].split(", ")[-1]
        assert stream.headers["x-served-by"].split(", ")[-1] == answered
        event, value = "", None
        for line in stream.text.splitlines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ").strip()
            elif line.startswith("data: ") and event in ("complete", "error"):
                value = json.loads(line.removeprefix("data: "))
                break
        return event, value[0] if event == "complete" else value, answered


def _wait(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_two_replicas_behind_nginx_survive_a_dead_replica_and_stop_on_sigterm(tmp_path) -> None:
    _require_nginx()
    log = tmp_path / "supervisor.log"
    seen: set[int] = set()
    with replica_set(log) as (base, supervisor):
        replicas = _replicas(supervisor.pid)
        nginx = [p for p in _children(supervisor.pid) if "nginx" in _cmdline(p)]
        assert len(replicas) == 2 and len(nginx) == 1, [_cmdline(p) for p in _children(supervisor.pid)]
        seen |= {*replicas, *nginx, *_children(nginx[0])}

        # answers through nginx; visitors (cookies) spread over both replicas, each visitor's POST and GET on one.
        # Up to 40 visitors, until both have answered: one CI run sent 12 in a row to one replica (uneven hashes, or a
        # replica sitting out FAIL_SECONDS after a failed connection); hashed by address alone, all 40 would go to one.
        served = set()
        for _ in range(40):
            event, value, by = _visit(base, "deploying models")
            assert event == "complete", value
            assert len(value) == 3 and value[0]["title"]
            served.add(by)
            if len(served) == 2:
                break
        assert len(served) == 2, f"all visitors went to {served}"
        # a caller without the cookie (curl, gradio_client) is kept on one replica by its address
        with httpx.Client(timeout=30) as client:
            assert all(call_api(client, base, ["pandas", 3])[0] == "complete" for _ in range(4))

        # one replica dies: new requests keep succeeding, and it is started again
        victim = replicas[0]
        os.kill(victim, signal.SIGKILL)
        _wait(lambda: not _alive(victim), 10, "the killed replica to go")
        results = [_visit(base, "graph databases")[0] for _ in range(10)]
        assert results == ["complete"] * 10
        # the plain JSON path keeps nothing between calls: any replica answers it
        assert [httpx.post(f"{base}api/search", json={"query": "sql"}, timeout=30).status_code for _ in range(5)] == [200] * 5
        _wait(lambda: len([p for p in _replicas(supervisor.pid) if p != victim]) == 2, 120, "the replica to be started again")
        assert "replica 1 exited" in log.read_text()
        seen |= set(_replicas(supervisor.pid))
        assert _visit(base, "machine learning")[0] == "complete"

        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(60) == 0, log.read_text()
    _wait(lambda: not any(_alive(p) for p in seen), 10, "every replica and nginx process to stop")
    with pytest.raises(httpx.ConnectError):
        httpx.get(base, timeout=5)


def _port_of(pid: int) -> str:
    args = _cmdline(pid).split()
    return args[args.index("--port") + 1]


def _visitor_of(base: str, port: str) -> httpx.Client:
    """A visitor (a client with the replicas' cookie) whose requests nginx sends to the replica on ``port``."""
    for _ in range(50):
        client = httpx.Client(timeout=60)
        client.get(base)  # the first page load (no cookie yet) goes by the address; it brings the cookie
        if client.get(base).headers["x-served-by"].endswith(f":{port}"):
            return client
        client.close()
    raise AssertionError(f"no visitor was sent to the replica on port {port} in 50 tries")


def test_a_hung_replica_is_taken_out_and_restarted_and_new_requests_get_answers_meanwhile(tmp_path) -> None:
    """SIGSTOP one replica (it keeps accepting connections and never answers): every new request, also those nginx
    sends to it, is answered within the health check's detection time plus a margin, and the replica is killed
    and started again."""
    from concurrent.futures import ThreadPoolExecutor

    from helper.ops.replicas import MISSES, PROBE_EVERY, PROBE_TIMEOUT

    _require_nginx()
    bound = MISSES * (PROBE_EVERY + PROBE_TIMEOUT) + 15  # detection, the kill, one answer; a loaded machine's margin
    log = tmp_path / "supervisor.log"
    with replica_set(log) as (base, supervisor):
        # the victim: the replica that answers callers without the cookie (hashed on their address)
        plain = httpx.post(f"{base}api/search", json={"query": "sql"}, timeout=30)
        port = plain.headers["x-served-by"].rsplit(":", 1)[1]
        victim = next(p for p in _replicas(supervisor.pid) if _port_of(p) == port)
        visitor = _visitor_of(base, port)
        os.kill(victim, signal.SIGSTOP)
        try:
            def timed(call) -> tuple[float, object]:
                began = time.monotonic()
                answer = call()
                return time.monotonic() - began, answer

            def visit() -> object:  # the page's visitor, through the Gradio call protocol (POST, then its stream)
                event, value = call_api(visitor, base, ["graph databases", 3])
                return event, len(value)

            calls = [visit] * 3 + [lambda: httpx.post(f"{base}api/search", json={"query": "pandas"}, timeout=60).status_code] * 3
            calls += [lambda: _visit(base, "machine learning")[0]] * 4  # new visitors, some hashed to the victim
            with ThreadPoolExecutor(len(calls)) as pool:
                answered = list(pool.map(timed, calls))
            assert [a for _, a in answered] == [("complete", 3)] * 3 + [200] * 3 + ["complete"] * 4
            assert max(t for t, _ in answered) < bound, [round(t, 1) for t, _ in answered]
            assert f"did not answer {MISSES} health checks in a row" in log.read_text()
            assert not _alive(victim)
            # started again on its port, and back in rotation: the visitor is answered by it again
            _wait(lambda: any(_port_of(p) == port for p in _replicas(supervisor.pid) if p != victim), 60, "the replica to be started again")
            _wait(lambda: visitor.get(base).headers["x-served-by"].endswith(f":{port}"), 60, "the replica to be back in rotation")
            assert call_api(visitor, base, ["sql", 3])[0] == "complete"
        finally:
            visitor.close()
            if _alive(victim):
                os.kill(victim, signal.SIGKILL)


def test_nginx_accepts_the_configuration_it_is_given(tmp_path) -> None:
    _require_nginx()
    ports = [free_port(), free_port()]
    nginx = Nginx(tmp_path / "run", "127.0.0.1", free_port(), ports)
    nginx.check()  # nginx -t; raises ServeError
    nginx.set_down(frozenset(ports[:1]))  # one replica out of rotation: still a valid configuration
    assert f"server 127.0.0.1:{ports[0]} max_fails=1 fail_timeout=5s down;" in nginx.config.read_text()
    nginx.check()


def test_replicas_without_nginx_is_one_line_naming_the_package(monkeypatch, capsys) -> None:
    import helper.ops.nginx as nginx_module

    monkeypatch.setattr(nginx_module.shutil, "which", lambda name: None)
    monkeypatch.setattr(nginx_module.os, "access", lambda path, mode: False)
    assert serve_replicas(load_settings({"replicas": 2, "port": free_port()}), build_first=False) == 2
    err = capsys.readouterr().err.strip()
    assert err == "Conference Helper cannot start: --replicas needs nginx, which is not installed. Fix: apt-get install nginx (Debian's package), or serve one process without --replicas."


def test_replica_count_out_of_range_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="0 replicas is out of range"):
        load_settings({"replicas": 0})


def test_a_taken_port_is_one_line_before_any_replica_starts(capsys) -> None:
    import socket

    _require_nginx()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve_replicas(load_settings({"replicas": 2, "port": port}), build_first=False) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"Conference Helper cannot start: cannot listen on 127.0.0.1:{port} (Address already in use)") and "\n" not in err


@pytest.mark.slow
def test_the_real_command_builds_once_and_serves_through_nginx(tmp_path) -> None:
    """``python -m helper serve --replicas 2`` as a user runs it: real model, the prebuilt index built first."""
    from tests.conftest import SAMPLE

    _require_nginx()
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "HELPER_CACHE_DIR": str(tmp_path / "cache"), "GRADIO_ANALYTICS_ENABLED": "False"}
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "helper", "serve", "--agenda", str(SAMPLE), "--replicas", "2", "--port", str(port)], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(lambda: server.poll() is not None or "replicas behind nginx" in log.read_text(), 600, "the replicas behind nginx")
        assert server.poll() is None, log.read_text()
        assert list((tmp_path / "cache").glob("index-*/manifest.json")), "the prebuilt index was not built"
        assert "loaded the prebuilt index" in log.read_text()  # each replica loads it, none embeds
        hits = httpx.post(f"{base}api/search", json={"query": "deploying models"}, timeout=30).json()
        assert len(hits) == 3 and "Serving Models" in hits[0]["title"]
        event, value, _by = _visit(base, "deploying models")
        assert event == "complete" and value == hits
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(60)
    assert code == 0, log.read_text()
    with pytest.raises(httpx.ConnectError):
        httpx.get(base, timeout=5)
