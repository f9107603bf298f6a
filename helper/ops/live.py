"""Live agenda updates: watch the agenda file, reload it in a background thread, swap the index.

``LiveIndex`` holds the index being served. A request takes one snapshot (``current()``) and uses only
it; a reload builds a complete new index first and then replaces one reference, so a request sees either
the old or the new agenda, never a mix. Sessions whose text did not change reuse their vectors; a bad file
is logged and the last good agenda keeps serving.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from helper.agenda import Agenda
from helper.errors import HelperError
from helper.ops.service import agenda_from
from helper.search.index import SearchIndex
from helper.search.reading import session_text
from helper.settings import Settings

log = logging.getLogger(__name__)


class LiveIndex:
    """The index being served, replaced whole on reload. Read it once per request: ``current()``."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index

    def current(self) -> SearchIndex:
        return self._index

    def swap(self, index: SearchIndex) -> None:
        self._index = index


class _ReusingEncoder:
    """Serves vectors of texts the previous index already had; encodes only the others."""

    def __init__(self, previous: SearchIndex) -> None:
        self.model_id = previous.encoder.model_id
        self._encoder = previous.encoder
        if hasattr(previous.encoder, "count_tokens"):  # long abstracts read in chunks, as the previous index read them
            self.window, self.count_tokens = previous.encoder.window, previous.encoder.count_tokens
        texts = [session_text(t, a) for t, a in zip(previous.sessions["title"], previous.sessions["abstract"])]
        # each session's one-text vector (a chunked session's chunks come again from the cache, or the model)
        self._known = dict(zip(texts, previous.whole if previous.whole is not None else previous.embeddings))
        self.encoded = 0

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._known]
        if missing:
            self.encoded += len(missing)
            self._known.update(zip(missing, self._encoder.encode(missing, progress=progress)))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._known[t] for t in texts]).astype(np.float32)


def rebuild(previous: SearchIndex, agenda: Agenda, cache_dir: Path | None) -> tuple[SearchIndex, int]:
    """A new index for ``agenda``, embedding only sessions whose text the previous index lacked."""
    reusing = _ReusingEncoder(previous)
    index = SearchIndex.build(agenda, reusing, cache_dir, previous.max_query_chars, previous.method)
    # the sentence vectors are looked up by text, so the unchanged abstracts' why-lines still run no model
    ready = dataclasses.replace(index, encoder=previous.encoder, explained=previous.explained)
    return ready.make_ready(), reusing.encoded


def file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class AgendaWatcher:
    """Polls the agenda file; on a change, reloads it and swaps ``live``'s index."""

    def __init__(self, live: LiveIndex, path: Path, load: Callable[[], Agenda], cache_dir: Path | None, interval_s: float = 5.0) -> None:
        self.live = live
        self.path = Path(path)
        self.load = load
        self.cache_dir = cache_dir
        self.interval_s = interval_s
        self.last_error = ""
        self.reloads = 0
        self._stamp = file_stamp(self.path)
        self._digest = file_digest(self.path)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check_once(self) -> bool:
        """Reload if the file changed since the last look. True when a new agenda is now served."""
        stamp = file_stamp(self.path)
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        digest = file_digest(self.path)
        if digest is not None and digest == self._digest:
            return False  # touched or rewritten unchanged
        try:
            agenda = self.load()
            index, encoded = rebuild(self.live.current(), agenda, self.cache_dir)
        except HelperError as exc:
            return self._keep(exc.line())
        except Exception as exc:  # noqa: BLE001 - a reload must never take the server down
            return self._keep(f"{type(exc).__name__}: {exc}")
        self._digest = digest
        self.live.swap(index)
        self.last_error = ""
        self.reloads += 1
        for warning in agenda.warnings:
            log.warning("%s: %s", agenda.source, warning)
        log.info("reloaded %s: %d sessions, %d embedded anew", self.path.name, len(agenda), encoded)
        return True

    def _keep(self, reason: str) -> bool:
        self.last_error = reason
        log.warning("agenda %s changed but cannot be used; still serving the last good agenda (%d sessions): %s", self.path.name, len(self.live.current().agenda), reason)
        return False

    def start(self) -> "AgendaWatcher":
        self._thread = threading.Thread(target=self._run, name="agenda-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.check_once()
            except Exception:  # noqa: BLE001 - keep watching whatever happens
                log.exception("agenda watcher failed; will look again")


def watch(index: SearchIndex, settings: Settings) -> tuple[LiveIndex, AgendaWatcher]:
    """Serve ``index`` live: the settings' agenda file is re-read when it changes (every
    ``settings.reload_seconds``; 0 turns the watching thread off)."""
    live = LiveIndex(index)
    watcher = AgendaWatcher(live, settings.agenda, lambda: agenda_from(settings), settings.cache_dir, settings.reload_seconds)
    if settings.reload_seconds > 0:
        watcher.start()
    return live, watcher
