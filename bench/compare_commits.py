"""Two checkouts of this app side by side in one run, for "not worse" claims after a change.

    python bench/compare_commits.py OLD_DIR NEW_DIR [--agenda PATH] [--rounds 3]

Starts ``python app.py`` from each checkout (same Python, separate warm caches), then alternates: launch to first
answer, /search round trips at 1 client, requests/s at 8 clients, peak RSS. Rounds alternate old and new so a busy
machine slows both alike; prints medians and new/old ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.speed import QUERIES, call, free_port  # noqa: E402


def start(checkout: Path, agenda: Path, cache: Path) -> tuple[subprocess.Popen, int, float]:
    port = free_port()
    env = {"HELPER_CACHE_DIR": str(cache), "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "HELPER_RELOAD_SECONDS": "0", "PATH": "/usr/bin:/bin"}
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "app.py", "--agenda", str(agenda), "--port", str(port)], cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{checkout}: app exited with {process.returncode}")
        try:
            call(port, "search", QUERIES[0], timeout=5)
            return process, port, time.perf_counter() - began
        except OSError:
            time.sleep(0.05)
        except RuntimeError:
            time.sleep(0.05)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def p50_ms(port: int, n: int = 60) -> float:
    times = []
    for i in range(n):
        began = time.perf_counter()
        call(port, "search", QUERIES[i % len(QUERIES)])
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def throughput(port: int, clients: int = 8, seconds: float = 6.0) -> float:
    done, stop = [0], time.perf_counter() + seconds

    def client(k: int) -> None:
        i = k
        while time.perf_counter() < stop:
            call(port, "search", QUERIES[i % len(QUERIES)])
            done[0] += 1
            i += clients

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--agenda", type=Path, default=ROOT.parent / "shared/data/nas2021_sessions.csv")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    caches = {name: Path(tempfile.mkdtemp(prefix=f"compare-{name}-")) for name in ("old", "new")}
    figures: dict[str, dict[str, list[float]]] = {name: {"first answer, warm (s)": [], "/search p50, 1 client (ms)": [], "requests/s, 8 clients": [], "peak RSS (MB)": []} for name in caches}
    for name, checkout in (("old", args.old), ("new", args.new)):  # warm each cache (and the ONNX export) once
        process, _port, _ = start(checkout.resolve(), args.agenda.resolve(), caches[name])
        process.terminate()
        process.wait()
    for _ in range(args.rounds):
        for name, checkout in (("old", args.old), ("new", args.new)):
            process, port, first = start(checkout.resolve(), args.agenda.resolve(), caches[name])
            try:
                row = figures[name]
                row["first answer, warm (s)"].append(first)
                row["/search p50, 1 client (ms)"].append(p50_ms(port))
                row["requests/s, 8 clients"].append(throughput(port))
                row["peak RSS (MB)"].append(rss_mb(process.pid))
            finally:
                process.terminate()
                process.wait()
    print(f"{args.agenda.name}, {args.rounds} alternating rounds, medians\n")
    print("| measure | old | new | new / old |\n|---|---:|---:|---:|")
    for measure in figures["old"]:
        old, new = statistics.median(figures["old"][measure]), statistics.median(figures["new"][measure])
        print(f"| {measure} | {old:.2f} | {new:.2f} | {new / old:.2f} |")


if __name__ == "__main__":
    main()
