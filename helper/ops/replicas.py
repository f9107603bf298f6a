"""``python -m helper serve --replicas N``: N app processes on loopback behind Debian's nginx, from one prebuilt index.

The supervisor (this process) builds the prebuilt index once (``python -m helper build``, in a child), starts the
replicas (``python -m helper serve`` on free loopback ports, the same settings), waits until each answers, then
starts nginx on ``--host``/``--port`` (helper.ops.nginx: sticky per visitor). It then watches them:

* a replica that exits is taken out of nginx's rotation (its visitors go to the others; a request already on its
  way gets a refused connection, which nginx tries on the next replica, so no new request fails) and started
  again on its port, at once the first time, then after 1, 2, 4 ... 30 s while it keeps dying young; it is back
  in rotation once it answers a search through Gradio's queue;
* a replica that hangs (stopped, deadlocked, its event loop stuck) is found by its health check: every
  ``PROBE_EVERY`` s a thread per replica asks ``GET /api/health`` (answered by the event loop, no queue, no model)
  and waits ``PROBE_TIMEOUT`` s. After ``MISSES`` misses in a row it is taken out of rotation and killed (SIGKILL:
  a stopped or deadlocked process ignores SIGTERM), then started again as a replica that exited. The kill also
  ends the requests nginx had sent it: nginx tries them on the next replica, so no new request waits longer than
  the detection (about ``MISSES * (PROBE_EVERY + PROBE_TIMEOUT)`` s) plus one answer;
* nginx exiting is started again the same way;
* SIGTERM or SIGINT stops nginx and every replica (SIGTERM, then SIGKILL after a grace period) and returns 0.

Children are also told by the kernel to stop if the supervisor dies (Linux ``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from helper.ops.nginx import Nginx, ServeError
from helper.settings import Settings, to_env

log = logging.getLogger(__name__)

START_TIMEOUT = 300.0  # seconds for a replica to answer its first request (prebuilt index: a few)
GRACE = 15.0  # seconds between SIGTERM and SIGKILL when stopping
YOUNG = 30.0  # a replica that dies sooner than this after starting waits longer before the next start
MAX_DELAY = 30.0
# Health checks of the replicas in rotation. A loaded replica answers GET /api/health in milliseconds (its event
# loop runs between searches, which run in threads); one that misses 3 checks of 2 s over ~9 s is not serving.
PROBE_EVERY = 1.0
PROBE_TIMEOUT = 2.0
MISSES = 3
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class _Stopped(Exception):
    """SIGTERM or SIGINT arrived while the replicas were starting."""


@dataclass
class Child:
    """A process the supervisor keeps running: a replica on ``port``, or nginx (port 0)."""

    name: str
    port: int
    process: subprocess.Popen | None = None
    started: float = 0.0
    quick_deaths: int = 0
    next_start: float = 0.0
    restarts: int = 0
    ready: bool = False  # in nginx's rotation: answered a search since it was started
    misses: int = 0  # health checks missed in a row (written by its probe thread)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def serve_replicas(settings: Settings, replica_command: Sequence[str] | None = None, build_first: bool = True) -> int:
    """Run until SIGTERM/SIGINT. ``replica_command``: what starts one replica, before ``--host/--port/--replicas``
    (default ``python -m helper serve``); ``build_first``: build the prebuilt index before starting them."""
    env = {**os.environ, **to_env(settings), "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH", "")]))}
    command = list(replica_command or [sys.executable, "-m", "helper", "serve"])
    runtime = Path(tempfile.mkdtemp(prefix="helper-replicas-"))
    ports = _free_ports(settings.replicas)
    try:
        _check_free(settings.host, settings.port)
        nginx = Nginx(runtime, settings.host, settings.port, ports)
        nginx.check()
        if build_first:
            _build(env)
        supervisor = Supervisor(command, env, ports, nginx)
        return supervisor.run()
    except ServeError as exc:
        print(f"Conference Helper cannot start: {exc.line()}", file=sys.stderr)
        return 2
    finally:
        import shutil

        shutil.rmtree(runtime, ignore_errors=True)


class Supervisor:
    def __init__(self, command: list[str], env: dict[str, str], ports: list[int], nginx: Nginx) -> None:
        self.command = command
        self.env = env
        self.nginx = nginx
        self.replicas = [Child(f"replica {i + 1}", port) for i, port in enumerate(ports)]
        self.proxy = Child("nginx", 0)
        self.stopping = threading.Event()
        self._lock = threading.Lock()  # between the main loop and the probe threads (a Child's process and misses)

    def run(self) -> int:
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            return self._serve()
        except _Stopped:
            return 0  # SIGTERM while starting: everything started so far is stopped below
        finally:
            self._stop_all()
            for s, handler in previous.items():
                signal.signal(s, handler)

    def _serve(self) -> int:
        for replica in self.replicas:
            self._start(replica)
        self._wait_ready()
        self._start(self.proxy)
        self._wait_proxy()
        host, port = self.env["HELPER_HOST"], self.env["HELPER_PORT"]
        print(f"Conference Helper: {len(self.replicas)} replicas behind nginx at http://{_url_host(host)}:{port}/ (Ctrl+C or SIGTERM stops all)", flush=True)
        for replica in self.replicas:
            threading.Thread(target=self._probe, args=(replica,), name=f"probe {replica.name}", daemon=True).start()
        while not self.stopping.wait(0.5):
            for replica in self.replicas:
                self._kill_if_hung(replica)
            for child in [*self.replicas, self.proxy]:
                self._watch(child)
            self._rotate()
        return 0

    # --- children ----------------------------------------------------------------------------------

    def _start(self, child: Child) -> None:
        if child is self.proxy:
            child.process = self.nginx.start(preexec=_die_with_parent)
        else:
            args = [*self.command, "--host", "127.0.0.1", "--port", str(child.port), "--replicas", "1"]
            process = subprocess.Popen(args, env=self.env, stdout=subprocess.DEVNULL, preexec_fn=_die_with_parent)
            with self._lock:
                child.process, child.misses = process, 0
        child.started = time.monotonic()
        again = f", start {child.restarts + 1}" if child.restarts else ""
        log.info("%s started (pid %d%s%s)", child.name, child.process.pid, f", port {child.port}" if child.port else "", again)

    def _probe(self, replica: Child) -> None:
        """Its own thread: count the health checks a replica in rotation misses in a row (a hung one blocks only this)."""
        while not self.stopping.wait(PROBE_EVERY):
            with self._lock:
                process = replica.process if replica.ready and replica.alive() else None
            if process is None:
                continue
            healthy = _healthy(replica.port)
            with self._lock:
                if replica.process is process:  # not restarted meanwhile
                    replica.misses = 0 if healthy else replica.misses + 1

    def _kill_if_hung(self, replica: Child) -> None:
        """A replica that missed MISSES health checks in a row: out of rotation at once, and killed; ``_watch`` starts
        it again. Its pending requests fail at nginx, which tries them on the next replica."""
        with self._lock:
            if replica.misses < MISSES or not replica.alive():
                return
            replica.misses = 0
            replica.ready = False
            process = replica.process
        self.nginx.set_down(frozenset(r.port for r in self.replicas if not r.ready))
        log.warning("%s did not answer %d health checks in a row (%.0f s each): out of rotation; killing it (pid %d) to start it again", replica.name, MISSES, PROBE_TIMEOUT, process.pid)
        process.kill()
        process.wait()

    def _rotate(self) -> None:
        """nginx's rotation holds the replicas that are up and have answered since they started."""
        for replica in self.replicas:
            if not replica.alive():
                replica.ready = False
            elif not replica.ready and _answers_search(replica.port):
                replica.ready = True
                log.info("%s answers again: back in rotation", replica.name)
        self.nginx.set_down(frozenset(r.port for r in self.replicas if not r.ready))

    def _watch(self, child: Child) -> None:
        if child.alive() or self.stopping.is_set():
            return
        if child is not self.proxy and child.ready:
            child.ready = False
            self.nginx.set_down(frozenset(r.port for r in self.replicas if not r.ready))  # out of rotation at once
        now = time.monotonic()
        if child.next_start == 0.0:  # just found dead: decide when to start it again
            code = child.process.returncode if child.process else None
            young = now - child.started < YOUNG
            child.quick_deaths = child.quick_deaths + 1 if young else 0
            delay = 0.0 if child.quick_deaths <= 1 else min(MAX_DELAY, 2.0 ** (child.quick_deaths - 2))
            child.next_start = now + delay
            detail = f": {self.nginx.last_error()}" if child is self.proxy and self.nginx.last_error() else ""
            log.warning("%s exited (code %s)%s; starting it again%s", child.name, code, detail, f" in {delay:.0f} s" if delay else "")
        if now >= child.next_start:
            child.next_start = 0.0
            child.restarts += 1
            self._start(child)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        waiting = list(self.replicas)
        while waiting:
            if self.stopping.is_set():
                raise _Stopped
            for replica in list(waiting):
                if not replica.alive():
                    raise ServeError(f"{replica.name} exited while starting (code {replica.process.returncode})", "see its message above")
                if _answers_search(replica.port):
                    replica.ready = True
                    waiting.remove(replica)
            if time.monotonic() > deadline:
                raise ServeError(f"{len(waiting)} replica(s) did not answer within {START_TIMEOUT:.0f} s", "run python -m helper build --agenda ... first, or serve without --replicas to see why")
            time.sleep(0.2)

    def _wait_proxy(self) -> None:
        deadline = time.monotonic() + 10
        port = int(self.env["HELPER_PORT"])
        host = self.env["HELPER_HOST"]
        while not _answers(port, "127.0.0.1" if host in ("0.0.0.0", "::", "") else host):
            if not self.proxy.alive() or time.monotonic() > deadline:
                raise ServeError(f"nginx did not start ({self.nginx.last_error() or 'no message'})", f"pick another --port than {port}, or see {self.nginx.runtime}")
            time.sleep(0.1)

    def _on_signal(self, signum, frame) -> None:  # noqa: ANN001
        log.info("signal %d: stopping nginx and the replicas", signum)
        self.stopping.set()

    def _stop_all(self) -> None:
        self.stopping.set()
        children = [c for c in (self.proxy, *self.replicas) if c.alive()]
        for child in children:
            child.process.terminate()
        deadline = time.monotonic() + GRACE
        for child in children:
            try:
                child.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop in %.0f s: killing it", child.name, GRACE)
                child.process.kill()
                child.process.wait()


def _build(env: dict[str, str]) -> None:
    """The prebuilt index every replica loads, built once in a child (it may import torch for the ONNX export)."""
    done = subprocess.run([sys.executable, "-m", "helper", "build"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_die_with_parent)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ServeError(f"building the prebuilt index failed ({last.removeprefix('error: ')})")
    for line in done.stdout.splitlines():
        log.info("build: %s", line)


def _answers_search(port: int) -> bool:
    """A replica is ready when Gradio's queue answers a search (an empty one: no model run). The page alone
    answers a moment before the queue runs, and a call in that moment would fail."""
    import http.client
    import json

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("POST", "/gradio_api/call/search", json.dumps({"data": ["", 1]}), {"Content-Type": "application/json"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            return False
        conn.request("GET", f"/gradio_api/call/search/{json.loads(body)['event_id']}")
        return b"event: complete" in conn.getresponse().read()
    except (OSError, ValueError, KeyError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def _healthy(port: int) -> bool:
    """``GET /api/health`` answers within PROBE_TIMEOUT (helper.web.json_api)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PROBE_TIMEOUT)
    try:
        conn.request("GET", "/api/health")
        response = conn.getresponse()
        response.read()
        return response.status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def _answers(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with urllib.request.urlopen(f"http://{_url_host(host)}:{port}/", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _check_free(host: str, port: int) -> None:
    """The address nginx will listen on is free (else one line now, before any replica is started)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise ServeError(f"cannot listen on {_url_host(host)}:{port} ({exc.strerror or exc})", "pick another --port (HELPER_PORT) or stop what uses it") from None


def _free_ports(count: int) -> list[int]:
    import socket

    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _die_with_parent() -> None:
    """In the child, before exec: the kernel sends it SIGTERM when the supervisor dies (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
