"""Search quality, measured: ``python -m helper.eval`` ranks labelled queries with each method side by side.

Label files are JSONL, one query a line: ``{"query": ..., "kind": ..., "relevant": {title: 1 or 2}}``.
Methods: ``seed`` (dense on the abstract only, the first version), ``dense`` (title + abstract),
``bm25`` and ``hybrid`` (the default ranking, helper.search.ranking). Metrics at a cut of 3, the cards shown:
hit@3 (a grade-2 session in the top 3), P@3, nDCG@3 (graded) and MRR (first relevant session).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from helper.agenda import load_agenda
from helper.agenda.copies import listed_once
from helper.errors import HelperError
from helper.search.cache import EmbeddingCache
from helper.search.index import SearchIndex
from helper.search.ranking import NOTHING_CLOSE

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("seed", "dense", "bm25", "hybrid")
METRICS = ("hit@3", "P@3", "nDCG@3", "MRR")
CUT = 3
LABELS = ROOT / "tests/data/labels"
SHARED = ROOT.parent / "shared/data"  # read-only exports beside the checkout; absent in a user's clone
# agenda -> labels: the sets written here (the sample, the synthetic Mini-Conf file) and the real exports nobody
# here wrote (labels made by tests/data/labels/make_real.py from the exports' own topic labels)
REPO_PAIRS = (
    (ROOT / "sessions.csv", LABELS / "sessions.jsonl"),
    (SHARED / "nas2021_sessions.csv", LABELS / "nas2021.jsonl"),
    (ROOT / "tests/data/miniconf_papers.csv", LABELS / "miniconf.jsonl"),
)
REAL_AGENDAS = {
    "colt2020": "colt2020/papers.csv",
    "eeml2020": "eeml2020/papers.csv",
    "icwsm2021": "icwsm2021/papers.csv",
    "ismir2023": "ismir2023/papers.csv",
    "sigdialinlg2023": "sigdialinlg2023/papers.csv",
    "vis2018": "vis2018/papers.csv",
    "foss4g2022": "foss4g2022/schedule.json",
    "38c3": "38c3/schedule-38c3-20251206.xml",
}
REAL_PAIRS = tuple((SHARED / "agendas" / path, LABELS / f"{name}.jsonl") for name, path in REAL_AGENDAS.items())
DEFAULT_PAIRS = REPO_PAIRS + REAL_PAIRS


def pair_name(pair: tuple[Path, Path]) -> str:
    """The label file's stem names the pair ("colt2020", "nas2021", "sessions")."""
    return pair[1].stem


@dataclass(frozen=True)
class Labelled:
    query: str
    kind: str
    relevant: dict[str, int]  # whitespace-normalised title -> grade


def normalise_title(title: str) -> str:
    return " ".join(title.split()).casefold()


def read_labels(path: Path) -> list[Labelled]:
    labelled = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            labelled.append(Labelled(row["query"], row.get("kind", "other"), {normalise_title(t): int(g) for t, g in row["relevant"].items()}))
        except (ValueError, KeyError, TypeError) as exc:
            raise HelperError(f"{path.name} line {number} is not a label ({exc})", 'write {"query": ..., "kind": ..., "relevant": {"title": 2}}') from None
    return labelled


def unknown_titles(labels: list[Labelled], titles: list[str]) -> list[str]:
    known = {normalise_title(t) for t in titles}
    return sorted({t for item in labels for t in item.relevant if t not in known})


def query_metrics(ranked_titles: list[str], relevant: dict[str, int]) -> dict[str, float]:
    """Metrics of one ranked list (titles, best first) against graded relevance."""
    # an agenda may repeat a title (a workshop held on four days): its repeats add no new relevant session
    ranked_titles = list(dict.fromkeys(ranked_titles))
    top = [relevant.get(t, 0) for t in ranked_titles[:CUT]]
    ideal = sorted(relevant.values(), reverse=True)[:CUT]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(top))
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    first = next((i for i, t in enumerate(ranked_titles) if relevant.get(t, 0) > 0), None)
    return {
        "hit@3": float(any(g == 2 for g in top)),
        "P@3": sum(g > 0 for g in top) / CUT,
        "nDCG@3": dcg / idcg if idcg else 0.0,
        "MRR": 1.0 / (first + 1) if first is not None else 0.0,
    }


def method_scores(index: SearchIndex, queries: list[str], seed_embeddings: np.ndarray) -> dict[str, np.ndarray]:
    """Score matrices (queries x sessions) of every method, from one encoding of the queries."""
    from helper.search.ranking import combine

    cleaned = [index.clean_query(q) for q in queries]
    signals, vectors = index.signals(cleaned)
    return {
        "seed": vectors @ seed_embeddings.T,
        "dense": signals.dense,
        "bm25": combine(signals, "bm25"),
        "hybrid": combine(signals, "hybrid"),
    }


def session_keys(index: SearchIndex) -> tuple[list[str], dict[str, str]]:
    """Each row's session as the metrics count it, and each label title's: the title of the first row of the same
    session (a session held on four days, "(Day 1)" to "(Day 4)", is one answer on the page, so it is one here)."""
    titles = [normalise_title(t) for t in index.sessions["title"]]
    keys = [titles[first] for first in index.same_session.tolist()]
    by_title: dict[str, str] = {}
    for title, key in zip(titles, keys):
        by_title.setdefault(title, key)
    return keys, by_title


def keyed(relevant: dict[str, int], by_title: dict[str, str]) -> dict[str, int]:
    """Graded relevance by session (``session_keys``): a session's best grade among its titles."""
    out: dict[str, int] = {}
    for title, grade in relevant.items():
        key = by_title.get(title, title)
        out[key] = max(out.get(key, 0), grade)
    return out


def shown_rows(index: SearchIndex, order: np.ndarray, count: int = CUT) -> list[int]:
    """The first ``count`` rows of ``order`` as the page shows them: a session held more than once at its first row."""
    return listed_once(order, index.same_session)[:count].tolist()


def ranked(scores: np.ndarray) -> np.ndarray:
    """Session rows best first; ties keep agenda order."""
    return np.lexsort((np.arange(scores.size), -scores))


def evaluate(index: SearchIndex, labels: list[Labelled], seed_embeddings: np.ndarray, scores: dict[str, np.ndarray] | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """method -> kind (and "all") -> metric -> mean."""
    keys, by_title = session_keys(index)
    scores = scores if scores is not None else method_scores(index, [item.query for item in labels], seed_embeddings)
    table: dict[str, dict[str, dict[str, float]]] = {}
    for method, matrix in scores.items():
        per_kind: dict[str, list[dict[str, float]]] = {}
        for row, item in enumerate(labels):
            found = query_metrics([keys[i] for i in ranked(matrix[row])], keyed(item.relevant, by_title))
            per_kind.setdefault(item.kind, []).append(found)
            per_kind.setdefault("all", []).append(found)
        table[method] = {kind: {m: float(np.mean([r[m] for r in rows])) for m in METRICS} for kind, rows in per_kind.items()}
    return table


def seed_embeddings(index: SearchIndex, cache_dir: Path | None = None) -> np.ndarray:
    """The first version's session vectors: the abstract alone (the title when there is none); through the embedding
    cache when ``cache_dir`` is given."""
    texts = [a or t for t, a in zip(index.sessions["title"], index.sessions["abstract"])]
    if cache_dir is None:
        return index.encoder.encode(texts)
    return EmbeddingCache(cache_dir, index.encoder.model_id).embed(texts, index.encoder.encode)[0]


def format_table(name: str, table: dict[str, dict[str, dict[str, float]]], counts: dict[str, int]) -> str:
    kinds = sorted(k for k in counts if k != "all") + ["all"]
    lines = [f"### {name}", "", "| kind (n) | method | " + " | ".join(METRICS) + " |", "|---|---|" + "---|" * len(METRICS)]
    for kind in kinds:
        best = {m: max(table[method][kind][m] for method in METHODS) for m in METRICS}
        for method in METHODS:
            cells = []
            for metric in METRICS:
                value = table[method][kind][metric]
                cells.append(f"**{value:.2f}**" if value >= best[metric] - 1e-9 else f"{value:.2f}")
            lines.append(f"| {kind} ({counts[kind]}) | {method} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary_table(tables: dict[str, tuple[dict, Counter]]) -> str:
    """One row per agenda and kind: P@3 and nDCG@3 as seed / dense / bm25 / hybrid, the hybrid's hit@3, and
    whether the hybrid is at least the best single method (dense, BM25) on both."""
    lines = ["| agenda | kind (n) | P@3 seed / dense / bm25 / **hybrid** | nDCG@3 seed / dense / bm25 / **hybrid** | hybrid hit@3 | floor |", "|---|---|---|---|---|---|"]
    for name, (table, counts) in tables.items():
        for kind in sorted(counts):
            cells = []
            for metric in ("P@3", "nDCG@3"):
                values = [table[m][kind][metric] for m in METHODS]
                cells.append(" / ".join(f"{v:.2f}" for v in values[:-1]) + f" / **{values[-1]:.2f}**")
            gaps = [m for m in ("P@3", "nDCG@3") if table["hybrid"][kind][m] < max(table["dense"][kind][m], table["bm25"][kind][m]) - 1e-9]
            lines.append(f"| {name} | {kind} ({counts[kind]}) | {cells[0]} | {cells[1]} | {table['hybrid'][kind]['hit@3']:.2f} | {'below on ' + ', '.join(gaps) if gaps else 'met'} |")
    return "\n".join(lines)


def shortfalls(table: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    """Where the hybrid is below the best single method, e.g. "keyword nDCG@3 0.985 < 0.995"."""
    gaps = []
    for kind, values in table["hybrid"].items():
        for metric in METRICS:
            best = max(table[m][kind][metric] for m in ("dense", "bm25"))
            if values[metric] < best - 1e-9:
                gaps.append(f"{kind} {metric} {values[metric]:.3f} < {best:.3f}")
    return gaps


def trailing_queries(index: SearchIndex, labels: list[Labelled], scores: dict[str, np.ndarray]) -> str:
    """Per query: where the hybrid's nDCG@3 trails dense or BM25, each method's top 3 (grade, title)."""
    keys, by_title = session_keys(index)
    shown = list(index.sessions["title"])
    lines = []
    for row, item in enumerate(labels):
        orders = {m: ranked(scores[m][row]) for m in ("dense", "bm25", "hybrid")}
        relevant = keyed(item.relevant, by_title)
        got = {m: query_metrics([keys[i] for i in order], relevant)["nDCG@3"] for m, order in orders.items()}
        if got["hybrid"] >= max(got["dense"], got["bm25"]) - 1e-9:
            continue
        lines.append(f"- {item.kind} {item.query!r}: nDCG@3 hybrid {got['hybrid']:.3f}, dense {got['dense']:.3f}, bm25 {got['bm25']:.3f}")
        for method, order in orders.items():
            top = "; ".join(f"[{relevant.get(keys[i], 0)}] {shown[i]}" for i in shown_rows(index, order))
            lines.append(f"    {method:<6} {top}")
    return "\n".join(lines) or "- none: the hybrid's nDCG@3 is at least dense's and BM25's on every query"


def run_pair(agenda_path: Path, labels_path: Path, encoder, cache_dir: Path | None, per_query: bool = False) -> tuple[str, dict, list[tuple[float, bool]]]:
    """The table of one agenda as text, the table itself, and the "nothing close" points of its queries."""
    agenda = load_agenda(agenda_path)
    labels = read_labels(labels_path)
    index = SearchIndex.build(agenda, encoder, cache_dir)
    missing = unknown_titles(labels, list(agenda.sessions["title"]))
    seed = seed_embeddings(index, cache_dir)  # once, and cached (it was twice, uncached: most of a warm run's model time)
    scores = method_scores(index, [item.query for item in labels], seed)
    table = evaluate(index, labels, seed, scores)
    counts = {"all": len(labels)}
    for item in labels:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    text = format_table(f"{labels_path.stem}: {agenda_path.name} ({len(agenda)} sessions, {len(labels)} queries)", table, counts)
    gaps = shortfalls(table)
    text += "\n\nHybrid vs the best single method (dense, bm25): " + ("at least as good on every kind and metric." if not gaps else "below on " + "; ".join(gaps) + ".")
    if per_query:
        text += "\n\nQueries where the hybrid trails (grade in brackets):\n" + trailing_queries(index, labels, scores)
    if missing:
        text += f"\n\nWarning: {len(missing)} labelled title(s) are not in the agenda: " + "; ".join(missing[:5])
    return text, table, top_scores(index, labels + read_labels(OFFTOPIC))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helper.eval", description=__doc__.splitlines()[0])
    parser.add_argument("--agenda", type=Path, help="an agenda file (with --labels); default: every labelled agenda present")
    parser.add_argument("--labels", type=Path, help="a JSONL label file for --agenda")
    parser.add_argument("--only", action="append", metavar="NAME", help="only this labelled agenda (label file stem: colt2020, nas2021, ...); repeatable")
    parser.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: none, embed afresh)")
    parser.add_argument("--per-query", action="store_true", help="also list each query where the hybrid's nDCG@3 trails dense or BM25, with every method's top 3")
    parser.add_argument("--summary", action="store_true", help="end with one compact table: a row per agenda and kind, P@3 and nDCG@3 of every method")
    args = parser.parse_args(argv)
    if bool(args.agenda) != bool(args.labels):
        print("error: give --agenda and --labels together (or neither, for the repository's label sets)", file=sys.stderr)
        return 2
    if args.agenda:
        pairs = [(args.agenda, args.labels)]
    else:
        chosen = [p for p in DEFAULT_PAIRS if not args.only or pair_name(p) in args.only]
        pairs = [(a, l) for a, l in chosen if a.exists() and l.exists()]
        absent = [pair_name(p) for p in chosen if not p[0].exists()]
        if absent:
            print(f"(skipped, agenda absent: {', '.join(absent)})\n")
    try:
        from helper.search.encoder import load_encoder
        from helper.settings import BUNDLED_MODEL

        encoder = load_encoder(BUNDLED_MODEL)
        points, tables = [], {}
        for agenda_path, labels_path in pairs:
            text, table, found = run_pair(agenda_path, labels_path, encoder, args.cache_dir, args.per_query)
            print(text + "\n", flush=True)
            points += found
            tables[labels_path.stem] = (table, Counter(item.kind for item in read_labels(labels_path)))
        print(f"### \"nothing close\" threshold (labelled queries + {OFFTOPIC.name}, all agendas above; in use: {NOTHING_CLOSE})\n")
        print(threshold_table(points, [0.20, 0.25, NOTHING_CLOSE, 0.30, 0.35, 0.40]))
        if args.summary:
            print("\n### Summary\n\n" + summary_table(tables))
    except HelperError as exc:
        print(f"error: {exc.line()}", file=sys.stderr)
        return 1
    return 0


# --- the "nothing close" threshold ---------------------------------------------------------------

OFFTOPIC = ROOT / "tests/data/labels/offtopic.jsonl"


def top_scores(index: SearchIndex, labels: list[Labelled]) -> list[tuple[float, bool, bool]]:
    """(best hybrid score, whether the top 3 hold a relevant session, whether the query is off-topic) per query."""
    keys, by_title = session_keys(index)
    matrix = index.scores([index.clean_query(item.query) for item in labels], method="hybrid")
    out = []
    for row, item in enumerate(labels):
        order = ranked(matrix[row])
        relevant = keyed(item.relevant, by_title)
        out.append((float(matrix[row, order[0]]), any(relevant.get(keys[i], 0) > 0 for i in shown_rows(index, order)), not item.relevant))
    return out


def threshold_table(points: list[tuple[float, bool, bool]], candidates: list[float]) -> str:
    """For each threshold: how often "nothing close" is right when shown, what it hides, what it catches."""
    lines = [
        "| threshold | shown for | precision (no relevant session in top 3) | good answers hidden | top 3 without a relevant session caught | off-topic queries caught |",
        "|---|---|---|---|---|---|",
    ]
    bad_total = sum(not good for _, good, _ in points)
    good_total = len(points) - bad_total
    offtopic_total = sum(off for _, _, off in points)
    for t in candidates:
        flagged = [(good, off) for score, good, off in points if score < t]
        right = sum(not good for good, _ in flagged)
        precision = right / len(flagged) if flagged else 1.0
        caught = sum(off for _, off in flagged)
        lines.append(f"| {t:.2f} | {len(flagged)} | {precision:.2f} | {len(flagged) - right} of {good_total} | {right} of {bad_total} | {caught} of {offtopic_total} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
