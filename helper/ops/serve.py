"""The web server: the live index behind the page, Gradio's queue set up for load, and the launch."""

from __future__ import annotations

import importlib.util
import logging
import os
import signal
import sys
import threading

import gradio as gr

from helper.errors import HelperError
from helper.settings import Settings

log = logging.getLogger(__name__)

# Gradio keeps a copy of the page's state (~60 KB: every component's config) for each of the last N
# sessions, and every API call without a session is a new one. Its default, 10,000, let memory grow by
# ~500 MB under load. The page keeps nothing on the server that a visitor needs (results, picks and the
# shown ids live in the browser), so losing a session's copy costs nothing and a small bound keeps memory flat.
MAX_SESSIONS = 200


def serve(settings: Settings) -> int:
    """Build the index, watch the agenda file, and serve the page until stopped. 2 when it cannot start.
    With ``settings.replicas`` > 1: that many such processes behind nginx (helper.ops.replicas)."""
    if settings.replicas > 1:
        from helper.ops.replicas import serve_replicas

        return serve_replicas(settings)
    from helper.ops.live import watch
    from helper.ops.service import build_index
    from helper.web.page import build_demo

    logging.getLogger().setLevel(logging.INFO)
    try:
        index = build_index(settings)
    except HelperError as exc:
        print(f"Conference Helper cannot start: {exc.line()}", file=sys.stderr)
        return 2
    one_blas_thread()
    # the page serves whichever agenda is current: edits to the file are picked up while it runs
    live, _watcher = watch(index, settings)
    launch(build_demo(live, settings), settings, live=live)
    return 0


def one_blas_thread():
    """Limit numpy's BLAS to one thread in a serving process; returns the limiter (``restore_original_limits``).

    A query's matrix product is small (one vector against the agenda): spread over every core it only keeps the
    other cores spinning. 10,000 sessions: 29.6 ms of CPU for a 14.8 ms search with the default threads, 15.1 ms
    with one, the same wall time (bench/scale.py); that CPU is what Gradio's event loop and the other replicas
    need. Building an index (the neighbours' big products) happens before this, with every thread."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None
    return threadpool_limits(1, user_api="blas")


def launch(demo: gr.Blocks, settings: Settings, live=None, **options) -> None:
    """Launch ``demo`` as the app does (queue, session bound, look and privacy options); ``options`` add to them.
    ``live`` (the LiveIndex the page serves): also answer ``POST /api/search`` outside Gradio (web/json_api.py)."""
    from starlette.middleware import Middleware

    from helper.search.schedule import clock
    from helper.web.api import FillMissingArguments, argument_defaults
    from helper.web.assets import launch_options
    from helper.web.json_api import JsonSearch

    middleware = [Middleware(FillMissingArguments, defaults=argument_defaults())]
    if live is not None:
        middleware.insert(0, Middleware(JsonSearch, live=live, now=lambda index: clock(settings.now, index.agenda.tz)))
    enable_queue(demo)
    if not options.get("prevent_thread_lock"):  # this process is the server (not a test or a notebook serving beside)
        stop_on_sigterm()
    look = launch_options(settings.kiosk, settings.idle_seconds)
    app_kwargs = {**look.pop("app_kwargs", {}), "middleware": middleware}
    try:
        demo.launch(
            server_name=settings.host, server_port=settings.port, state_session_capacity=MAX_SESSIONS,
            mcp_server=settings.mcp and not settings.kiosk,  # a shared screen answers no assistant
            app_kwargs=app_kwargs, **look, **options,
        )
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM while Gradio is still starting (once it serves, it stops itself)
        demo.close()


def stop_on_sigterm() -> None:
    """SIGTERM (systemd, Docker, a Space restarting, nginx's replicas stopping) stops the server as Ctrl-C does: Gradio
    closes it and the process exits normally, so its exit handlers run (the .ics folder is removed). By default SIGTERM
    ended the process at once and left the folder behind."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame) -> None:  # noqa: ANN001
    raise KeyboardInterrupt


def enable_queue(demo: gr.Blocks) -> gr.Blocks:
    """Turn on Gradio's queue, without the per-event records kept for its monitoring dashboard (which this
    app never enables). By default Gradio keeps the last 10,000 events and rebuilds a pandas summary of all
    of them after every event: a cost that grows with traffic, in CPU and in memory (bench/README.md)."""
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "100")
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(10**9))
    # Gradio tries `import matplotlib` around every event; when it is not installed, each failed import
    # searches sys.path again (about 3% of a loaded server's CPU, bench/profile_server.py). A None entry
    # in sys.modules makes that import fail at once; it only applies when matplotlib is absent anyway.
    if "matplotlib" not in sys.modules and importlib.util.find_spec("matplotlib") is None:
        sys.modules["matplotlib"] = None
    return demo.queue(default_concurrency_limit=4)
