"""One replica as ``helper.ops.replicas`` starts it (``--host H --port P --replicas 1``), for tests/test_replicas.py:
the sample agenda with the fake encoder, served by the app's own launch. ``python -m tests.replica_app``."""

from __future__ import annotations

import argparse

from helper.agenda import load_agenda
from helper.ops.live import LiveIndex
from helper.ops.serve import launch
from helper.search.index import SearchIndex
from helper.settings import Settings
from helper.web.page import build_demo
from tests.conftest import SAMPLE
from tests.fakes import HashingEncoder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--replicas", type=int, default=1)
    args = parser.parse_args()
    settings = Settings(host=args.host, port=args.port, reload_seconds=0)
    live = LiveIndex(SearchIndex.build(load_agenda(SAMPLE), HashingEncoder(), None))
    launch(build_demo(live, settings), settings, live=live, quiet=True)


if __name__ == "__main__":
    main()
