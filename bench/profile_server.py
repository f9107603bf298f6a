"""Where a loaded server spends its time: py-spy samples the real app while N clients call /search.

    pip install py-spy
    python bench/profile_server.py [--clients 32] [--seconds 20] [--agenda sessions.csv]

Prints the share of samples (all threads) spent in each part of the request path, the top functions by
own time, and saves the raw speedscope profile to bench/results/profile-<time>.json (open it in
https://www.speedscope.app). Bounded: the load stops after --seconds and the server is always stopped.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import speed  # noqa: E402

# the parts of a request worth telling apart, by a function on the stack
PARTS = {
    "model run (onnxruntime)": "Session.run",
    "our search, all of it": "api_search",
    "Gradio: copy of every page component's config per new session": "SessionState.__init__",
    "Gradio: monitoring summary (off in ours)": "compute_analytics_summary",
    "HTTP stack (uvicorn/starlette/fastapi)": "RequestResponseCycle.run_asgi",
    "Gradio queue: processing events": "Queue.process_events",
}


def summarise(profile: dict, top: int = 15) -> dict:
    frames = profile["shared"]["frames"]
    total = 0.0
    inclusive: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    for thread in profile["profiles"]:
        for stack, weight in zip(thread["samples"], thread["weights"]):
            names = [frames[i]["name"] for i in stack]
            if not names or names[-1] in {"Condition.wait", "Event.wait", "Semaphore.acquire"}:
                continue  # an idle worker thread, not work
            total += weight
            own[names[-1]] += weight
            for name in set(names):
                inclusive[name] += weight
    share = {label: round(100 * inclusive[name] / total, 1) for label, name in PARTS.items()} if total else {}
    return {"busy_samples": total, "parts_percent": share, "top_own_percent": {n: round(100 * w / total, 1) for n, w in own.most_common(top)}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--agenda", type=Path, default=ROOT / "sessions.csv")
    args = parser.parse_args()
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        print("py-spy is not installed: pip install py-spy", file=sys.stderr)
        return 2
    from helper.settings import load_settings

    process, port, _ = speed.start_server("ours", args.agenda, load_settings().cache_dir)  # the usual cache: ONNX export there
    out = ROOT / "bench" / "results" / f"profile-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        speed.load(port, "search", 1, 50, 5)  # warm up
        recorder = subprocess.Popen([spy, "record", "-p", str(process.pid), "-d", str(int(args.seconds)), "-r", "200", "-f", "speedscope", "-o", str(out), "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        result: dict = {}
        loader = threading.Thread(target=lambda: result.update(speed.load(port, "search", args.clients, 10**6, args.seconds)))
        loader.start()
        loader.join()
        recorder.wait(args.seconds + 30)
    finally:
        process.terminate()
        process.wait(10)
    if not out.exists():
        print("py-spy wrote no profile (it needs permission to read the server's memory: run as the same user, or with CAP_SYS_PTRACE)", file=sys.stderr)
        return 1
    summary = summarise(json.loads(out.read_text()))
    print(f"load: {args.clients} clients, {result.get('req_per_s', 0):.1f} req/s, p50 {result.get('p50_ms', 0):.1f} ms, errors {result.get('errors')}")
    print("share of busy samples (a part includes what it calls; parts overlap):")
    for label, percent in summary["parts_percent"].items():
        print(f"  {percent:5.1f}%  {label}")
    print("top functions by own time:")
    for name, percent in summary["top_own_percent"].items():
        print(f"  {percent:5.1f}%  {name}")
    print(f"\nraw profile: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
