"""Plan my day against a search, in one process, side by side in turns, on the real agendas in ../shared.

    python bench/plan_speed.py [--rounds 5]

For each agenda: the p50 of ``handlers.plan_my_day`` and of ``handlers.search`` (what the page runs) over a few
queries, at a clock before the conference (every day planned) and during it (today only), and their ratio."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from helper.agenda import load_agenda  # noqa: E402
from helper.search.encoder import load_encoder  # noqa: E402
from helper.search.filters import Choice  # noqa: E402
from helper.search.index import SearchIndex  # noqa: E402
from helper.settings import Settings  # noqa: E402
from helper.web import handlers  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "agendas"
AGENDAS = {"foss4g2022": "foss4g2022/schedule.json", "38c3": "38c3/schedule-38c3-20251206.xml", "icwsm2021": "icwsm2021"}
QUERIES = ["machine learning", "open data for cities", "privacy and security", "teaching beginners"]


def p50(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    encoder = load_encoder(settings.model, settings.cache_dir)
    print("| agenda | sessions | clock | plan p50 (ms) | search p50 (ms) | plan / search | stops (mean) |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for name, rel in AGENDAS.items():
        path = SHARED / rel
        if not path.exists():
            continue
        index = SearchIndex.build(load_agenda(path), encoder, settings.cache_dir)
        first = index.sessions["start"].dropna().min()
        for label, now in (("before", first - timedelta(days=2)), ("during, day 1 10:00", first.replace(hour=10, minute=0))):
            now = now.to_pydatetime()
            handlers.plan_my_day(index, QUERIES[0], Choice(), now)  # warm
            plan_ms = p50(lambda q: handlers.plan_my_day(index, q, Choice(), now), args.rounds)
            search_ms = p50(lambda q: handlers.search(index, q, Choice(), now), args.rounds)
            stops = statistics.mean(len(handlers.plan_my_day(index, q, Choice(), now).hits) for q in QUERIES)
            print(f"| {name} | {len(index.sessions)} | {label} | {plan_ms:.1f} | {search_ms:.1f} | {plan_ms / search_ms:.2f}x | {stops:.1f} |", flush=True)


if __name__ == "__main__":
    main()
