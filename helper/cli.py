"""Command line: ``python -m helper search|check|serve|build`` and ``python app.py``."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence, TextIO

from helper.agenda.formats import READERS
from helper.errors import HelperError
from helper.search.filters import PUBLIC
from helper.settings import Settings, load_settings

log = logging.getLogger("helper")


def _common(parser: argparse.ArgumentParser) -> None:
    kinds = "; ".join(r.kind for r in READERS)
    parser.add_argument("--agenda", type=Path, help=f"agenda export ({kinds}); env HELPER_AGENDA; default sessions.csv")
    parser.add_argument("--timezone", help="show times in this zone, e.g. America/Chicago (times written without one are read in it); env HELPER_TIMEZONE; default: the zone the export states, else UTC")
    parser.add_argument("--date-order", dest="date_order", help="day-first or month-first, for dates such as 05/06/2026 the file does not settle; env HELPER_DATE_ORDER")
    parser.add_argument("--columns", help="map your columns: 'title=Session Name,abstract=Blurb,start=Begins'; env HELPER_COLUMNS")
    parser.add_argument("--model", help="sentence-transformers model name or path; env HELPER_MODEL; default the bundled all-MiniLM-L6-v2")
    parser.add_argument("--cache-dir", type=Path, help="where embeddings are cached; env HELPER_CACHE_DIR")


def _serve_options(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("--host", help="address to listen on; env HELPER_HOST; default 127.0.0.1")
    parser.add_argument("--port", type=int, help="port; env HELPER_PORT; default 7860")
    parser.add_argument("--kiosk", action="store_true", default=None, help="shared touch screen: large type, nothing stored, idle reset, QR handoff; env HELPER_KIOSK=1")
    _clock(parser)
    parser.add_argument("--public-url", dest="public_url", help="base URL for share links and the kiosk QR code; env HELPER_PUBLIC_URL")
    parser.add_argument("--idle-seconds", dest="idle_seconds", type=int, help="kiosk: seconds without input before the page resets; env HELPER_IDLE_SECONDS; default 90")
    parser.add_argument("--no-mcp", dest="mcp", action="store_false", default=None, help="serve no MCP tools (default: on at /gradio_api/mcp/, off on a kiosk); env HELPER_MCP=0")
    parser.add_argument("--replicas", type=int, help="run N app processes behind Debian's nginx on --host/--port (sticky per visitor; needs nginx); env HELPER_REPLICAS; default 1: one process, no nginx")
    _method(parser)
    _quantise(parser)


def _clock(parser: argparse.ArgumentParser) -> None:
    what = "what 'today', 'tonight' and 'now' mean"
    parser.add_argument("--now", type=_now, help=f"fix the clock, e.g. 2026-10-14T10:00 (agenda's zone): {what}; env HELPER_NOW")


def _quantise(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quantise", action="store_true", default=None, help="embed with the int8 model (faster cold embedding, vectors a little off: docs/deploy.md); env HELPER_QUANTISE=1")


def _method(parser: argparse.ArgumentParser) -> None:
    # no argparse choices: a bad value gets the same SettingsError as a bad HELPER_METHOD
    parser.add_argument("--method", type=lambda text: text.strip().lower(), help="ranking: hybrid, dense or bm25; env HELPER_METHOD; default hybrid")


def _now(text: str):
    from datetime import datetime

    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO date-time such as 2026-10-14T10:00") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helper", description="Conference Helper: search a conference agenda.")
    commands = parser.add_subparsers(dest="command", required=True)
    search = commands.add_parser("search", help="print the best sessions for each query")
    _common(search)
    search.add_argument("--top-k", type=int, dest="top_k", help="results per query (default 3)")
    search.add_argument("--json", action="store_true", help="one JSON object per query, one per line")
    _method(search)
    _clock(search)
    for f in PUBLIC:  # the same filters as the page and the API (helper.search.filters)
        search.add_argument(f"--{f.name}", default="", help=f.help)
    search.add_argument("queries", nargs="*", metavar="QUERY", help="queries; none: read one per line from standard input")
    plan = commands.add_parser("plan", help="plan a day for each query: matching sessions, no two overlapping, the greatest total relevance")
    _common(plan)
    for f in PUBLIC:
        plan.add_argument(f"--{f.name}", default="", help=f.help)
    plan.add_argument("--from", dest="time_from", default="", metavar="HH:MM", help="start at or after this time of day")
    plan.add_argument("--until", dest="time_until", default="", metavar="HH:MM", help="end by this time of day")
    plan.add_argument("--gap", type=int, default=0, metavar="MIN", help="minutes to keep free between two sessions (default 0)")
    plan.add_argument("--picks", default="", metavar="ID,ID", help="sessions already chosen: kept in the plan, planned around")
    plan.add_argument("--json", action="store_true", help="one JSON object per query, one per line")
    _method(plan)
    _clock(plan)
    plan.add_argument("queries", nargs="*", metavar="QUERY", help="queries; none: read one per line from standard input")
    check = commands.add_parser("check", help="check an agenda file: layout, sessions, columns, warnings")
    _common(check)
    serve = commands.add_parser("serve", help="run the web app (same as python app.py)")
    _serve_options(serve)
    build = commands.add_parser(
        "build", help="export the bundled model to ONNX once (the fast serving path, no torch at run time); with --agenda, "
        "also the prebuilt index a server or replica loads instead of embedding and indexing (docs/deploy.md)",
    )
    _common(build)
    _quantise(build)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    names = ("agenda", "timezone", "date_order", "columns", "model", "cache_dir", "host", "port", "top_k", "kiosk", "now", "public_url", "idle_seconds", "method", "mcp", "quantise", "replicas")
    return load_settings({n: getattr(args, n) for n in names if hasattr(args, n)})


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    stdout = stdout or sys.stdout
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        settings = _settings(args)
        if args.command == "build":
            return build(settings, stdout, with_agenda=args.agenda is not None or bool(os.environ.get("HELPER_AGENDA")))
        if args.command == "check":
            return check(settings, stdout)
        if args.command in ("search", "plan"):
            queries = list(args.queries) or [line.rstrip("\r\n") for line in (stdin or sys.stdin)]
            filters = {f.name: getattr(args, f.name) for f in PUBLIC}
            if args.command == "plan":
                return plan(settings, queries, args.json, stdout, filters, args.time_from, args.time_until, args.gap, args.picks)
            return search(settings, queries, args.json, stdout, filters)
        return serve(settings)
    except HelperError as exc:
        print(f"error: {exc.line()}", file=sys.stderr)
        return 2


def build(settings: Settings, out: TextIO, with_agenda: bool = False) -> int:
    """The ONNX export (int8 too with --quantise); with an agenda, the prebuilt index servers load."""
    from helper.search.onnx_encoder import prepare_onnx
    from helper.settings import BUNDLED_MODEL

    if settings.model == BUNDLED_MODEL:
        print(f"onnx:     {prepare_onnx(settings.cache_dir, settings.quantise)}", file=out)
    if with_agenda:
        from helper.ops.service import prebuild

        folder, index = prebuild(settings)
        print(f"index:    {folder} ({len(index.agenda)} sessions, {index.encoder.model_id})", file=out)
    return 0


def check(settings: Settings, out: TextIO) -> int:
    from helper.ops.service import agenda_from

    agenda = agenda_from(settings)
    print(f"agenda:   {settings.agenda}", file=out)
    print(f"layout:   {agenda.layout}", file=out)
    print(f"sessions: {len(agenda)}", file=out)
    print(f"zone:     {agenda.timezone} ({agenda.zone.because})", file=out)
    span = agenda.date_range()
    if span:
        print(f"dates:    {span[0]:%Y-%m-%d %H:%M} to {span[1]:%Y-%m-%d %H:%M}, read as {agenda.dates.describe()}", file=out)
    if agenda.day_begins:
        begins = f"{agenda.day_begins // 60:02d}:{agenda.day_begins % 60:02d}"
        print(f"days:     begin at {begins}: the export files talks after midnight under the day before, and so do the filters", file=out)
    spoken = Counter(code for codes in agenda.sessions["languages"] for code in codes)
    if spoken:
        from helper.agenda.languages import language_name

        said = ", ".join(f"{language_name(code)} {count}" for code, count in spoken.most_common())
        unsaid = sum(not codes for codes in agenda.sessions["languages"])
        print(f"language: {said}" + (f"; {unsaid} session(s) say none" if unsaid else "")
              + ("" if len(spoken) > 1 else " (one language: no Language filter)"), file=out)
    from helper.search.abbreviations import Abbreviations

    spelled = Abbreviations.of(agenda.sessions).items()
    if spelled:  # what a query's abbreviation is read as (helper.search.abbreviations)
        shown = "; ".join(f"{key.upper()} = {long_form}" for key, long_form in spelled[:6])
        print(f"abbrevs:  {len(spelled)} spelled out in the texts, e.g. {shown}" + ("; …" if len(spelled) > 6 else ""), file=out)
    print("columns:", file=out)
    for field_name, column in agenda.mapping.items():
        print(f"  {field_name:<13} <- {column}", file=out)
    print(f"warnings: {len(agenda.warnings) or 'none'}", file=out)
    for warning in agenda.warnings:
        print(f"  - {warning}", file=out)
    return 0


def search(settings: Settings, queries: list[str], as_json: bool, out: TextIO, filters: dict[str, str] | None = None) -> int:
    import numpy as np

    from helper.ops.service import build_index
    from helper.search.schedule import clock, timeliness
    from helper.web.handlers import answers, listed, public_reading, why_nothing_close, word_notes

    index = build_index(settings)
    now = clock(settings.now, index.agenda.tz)
    # each query with the time it names, if any, as its day filter and time window (as the API reads it); a value the agenda lacks is
    # one line naming what it has
    read = [public_reading(index, q, now, **(filters or {})) for q in queries]
    if not queries:
        public_reading(index, "", now, **(filters or {}))  # no query: the filters are still checked
    # time-aware as the page and the API are, while the conference runs: each query nudged at its own ranking clock
    nudges = [timeliness(index.columns.times, r.clock) for r in read]
    none = np.zeros(len(index.sessions), np.float32)  # outside the conference at that clock
    nudge = None if all(n is None for n in nudges) else np.stack([none if n is None else n for n in nudges])
    found = index.search([r.query for r in read], settings.top_k, [r.mask for r in read], explain=True, cleaned=True, nudge=nudge)
    for query, (cleaned, day, read_note, mask, when, listing, room, language, _clock), hits in zip(queries, read, found):
        if listing:  # only a time ("talks tonight"): the sessions then, by start, as the page lists them
            hits = listed(index, mask, settings.top_k)[0]
        close = [True] * len(hits) if listing else answers(index, cleaned, hits)
        nothing = bool(hits) and not any(close)
        if as_json:  # the why is the same the page's cards show; read_as: the query with slips mended, as searched
            rows = [{**h.to_dict(), "close": c, "why": h.why.to_dict()} for h, c in zip(hits, close)]
            line = {"query": query, "read_as": index.speller.read_as(cleaned), "day": day, "when": when, "room": room, "language": language, "listed": listing,
                    "nothing_close": nothing, "results": rows}
            print(json.dumps(line, ensure_ascii=False), file=out)
        else:
            notes = [read_note, *word_notes(index, cleaned), *why_nothing_close(index, cleaned, hits, nothing)]
            _print_table(query, hits, close, out, " ".join(filter(None, notes)), listing)
    return 0


def plan(settings: Settings, queries: list[str], as_json: bool, out: TextIO, filters: dict[str, str], time_from: str, time_until: str, gap: int, picks: str) -> int:
    from helper.ops.service import build_index
    from helper.search.filters import Choice
    from helper.search.schedule import clock
    from helper.web import handlers
    from helper.web.render import when

    index = build_index(settings)
    now = clock(settings.now, index.agenda.tz)
    handlers.public_mask(index, now, **filters)  # a value the agenda lacks: the same one line as search
    fixed = [p.strip() for p in picks.split(",") if p.strip()]
    for query in queries:
        found = handlers.plan(index, query, Choice(**filters), now, gap, fixed, time_from, time_until)
        if as_json:
            print(json.dumps(found.to_dict(), ensure_ascii=False), file=out)
            continue
        print(f"\n{query}", file=out)
        for note in found.notes:
            print(f"  ({note})", file=out)
        for hit in found.hits:
            mark = "pick" if hit.id in found.fixed else f"{hit.score:.2f}"
            print(f"  {when(hit.start, hit.end):<28} [{mark}] {hit.title}" + (f" | {hit.place}" if hit.room else ""), file=out)
    return 0


def _print_table(query: str, hits: list, close: list[bool], out: TextIO, note: str = "", listing: bool = False) -> None:
    """``close``: per hit, whether it is an answer (``handlers.answers``); none is: the page's "nothing close".
    ``listing``: the query names no topic, only a time or room; the hits are the sessions there and then, by start."""
    from helper.web.render import also_held, when

    print(f"\n{query}", file=out)
    if note:
        print(f"  ({note})", file=out)
    if not hits:
        print("  (nothing to search for)" if not query.strip() else "  (no sessions)", file=out)
    elif listing:
        print("  (the query names no topic: the sessions there and then, by start time)", file=out)
    elif not any(close):
        print("  (nothing close to this query; the nearest sessions:)", file=out)
    for hit, filler in zip(hits, [not c and any(close) for c in close]):
        print(f"  {hit.rank}. " + ("" if listing else f"[{hit.score:.2f}] ") + hit.title, file=out)
        details = " | ".join(filter(None, [when(hit.start, hit.end), hit.place, hit.track, ", ".join(hit.speakers)]))
        print(f"     {details}", file=out)
        if not listing and (again := also_held(hit)):
            print(f"     {again}", file=out)
        for label, text in hit.why.parts():
            print(f"     why: {label} {' '.join(text.split())}", file=out)
        if filler:
            print("     (far from the query and holding none of its words or names: the page leaves it out)", file=out)


def serve(settings: Settings | None = None) -> int:
    settings = settings or load_settings()
    if settings.replicas > 1:  # the supervisor itself never imports Gradio: each replica does
        from helper.ops.replicas import serve_replicas

        return serve_replicas(settings)
    from helper.ops.serve import serve as run

    return run(settings)


def app_main(argv: Sequence[str] | None = None) -> int:
    """``python app.py [--agenda PATH] [--host H] [--port P] ...``"""
    parser = argparse.ArgumentParser(prog="python app.py", description="Run the Conference Helper web app.")
    _serve_options(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        settings = _settings(args)
    except HelperError as exc:
        print(f"Conference Helper cannot start: {exc.line()}", file=sys.stderr)
        return 2
    return serve(settings)
