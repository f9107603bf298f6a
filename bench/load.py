"""Load run on localhost: N concurrent clients call the HTTP API of the real app (python app.py).

    python bench/load.py [--clients 32] [--seconds 60] [--min-requests 10000] [--max-seconds 300]
                         [--agenda sessions.csv] [--json results.json]

Starts the app on a free 127.0.0.1 port with a private cache dir, waits for it, warms it up, then
runs the clients until both --seconds have passed and --min-requests were served (never longer than
--max-seconds). Reports requests, errors, latency percentiles (p50/p90/p99/max), throughput and the
server's resident memory (RSS) after warm-up and at the end, sampled every second. Exit status 1
when any request failed. Bounded: every request has a timeout and the server is always stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUERIES_FILE = ROOT / "tests" / "data" / "labels" / "sessions.jsonl"
EXTRA = ["", "   ", "<script>alert(1)</script>", "x" * 5000, "🤖 machine learning", "${alert(1)}", "SQL", "Tableau dashboards"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def queries() -> list[str]:
    lines = QUERIES_FILE.read_text("utf-8").splitlines() if QUERIES_FILE.exists() else []
    return [json.loads(line)["query"] for line in lines if line.strip()] + EXTRA


def search(client: httpx.Client, base: str, query: str, top_k: int) -> list:
    started = client.post(f"{base}gradio_api/call/search", json={"data": [query, top_k]})
    started.raise_for_status()
    stream = client.get(f"{base}gradio_api/call/search/{started.json()['event_id']}")
    stream.raise_for_status()
    event = ""
    for line in stream.text.splitlines():
        if line.startswith("event: "):
            event = line[7:].strip()
        elif line.startswith("data: ") and event == "complete":
            return json.loads(line[6:])[0]
        elif event == "error":
            raise RuntimeError(f"server error event: {line}")
    raise RuntimeError(f"no complete event in {stream.text[:200]!r}")


def start_app(agenda: Path, port: int, cache_dir: str, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "HELPER_CACHE_DIR": cache_dir, "GRADIO_ANALYTICS_ENABLED": "False"}
    with log_path.open("w") as log:
        return subprocess.Popen([sys.executable, "app.py", "--agenda", str(agenda), "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(process: subprocess.Popen, base: str, log_path: Path, timeout_s: float = 240) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"app exited early:\n{log_path.read_text()[-2000:]}")
        try:
            with httpx.Client(timeout=5) as client:
                search(client, base, "warm up", 3)
            return
        except (httpx.HTTPError, RuntimeError):
            time.sleep(0.5)
    raise SystemExit("app did not answer in time")


def run(clients: int, seconds: float, min_requests: int, max_seconds: float, agenda: Path) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="helper-load-") as tmp:
        log_path = Path(tmp) / "app.log"
        process = start_app(agenda, port, str(Path(tmp) / "cache"), log_path)
        try:
            wait_ready(process, base, log_path)
            pool = queries()
            with httpx.Client(timeout=30) as client:  # warm-up: every query once
                for query in pool:
                    search(client, base, query, 3)
            rss_start = rss_mb(process.pid)
            latencies: list[float] = []
            errors: list[str] = []
            rss_samples = [rss_start]
            curve: list[tuple[int, float]] = [(0, round(rss_start, 1))]  # (requests served, RSS MB)
            lock = threading.Lock()
            stop = threading.Event()
            begin = time.monotonic()

            def client_loop(seed: int) -> None:
                rng = random.Random(seed)
                with httpx.Client(timeout=30) as client:
                    while not stop.is_set():
                        query, top_k = rng.choice(pool), rng.choice((1, 3, 3, 3, 5, 10))
                        t0 = time.perf_counter()
                        try:
                            result = search(client, base, query, top_k)
                            if not isinstance(result, list) or len(result) > top_k:
                                raise RuntimeError(f"bad result for {query[:40]!r}: {str(result)[:100]}")
                            ok = True
                        except Exception as exc:  # noqa: BLE001 - every failure is counted
                            ok = False
                            message = f"{type(exc).__name__}: {str(exc)[:200]}"
                        elapsed = time.perf_counter() - t0
                        with lock:
                            (latencies.append(elapsed) if ok else errors.append(message))

            threads = [threading.Thread(target=client_loop, args=(i,), daemon=True) for i in range(clients)]
            for thread in threads:
                thread.start()
            while True:
                time.sleep(1)
                rss_samples.append(rss_mb(process.pid))
                elapsed = time.monotonic() - begin
                with lock:
                    served = len(latencies) + len(errors)
                if served >= len(curve) * 1000:
                    curve.append((served, round(rss_samples[-1], 1)))
                if (elapsed >= seconds and served >= min_requests) or elapsed >= max_seconds:
                    break
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            elapsed = time.monotonic() - begin
            rss_end = rss_mb(process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1) if ordered else float("nan")

    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies) + len(errors),
        "ok": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:5],
        "throughput_rps": round((len(latencies) + len(errors)) / elapsed, 1),
        "latency_ms": {"p50": pct(50), "p90": pct(90), "p99": pct(99), "max": round(1000 * ordered[-1], 1) if ordered else None},
        "rss_mb": {"start": round(rss_start, 1), "end": round(rss_end, 1), "max": round(max(rss_samples), 1), "samples": len(rss_samples), "by_requests": curve},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--min-requests", type=int, default=10_000)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--agenda", type=Path, default=ROOT / "sessions.csv")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    result = run(args.clients, args.seconds, args.min_requests, args.max_seconds, args.agenda)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
