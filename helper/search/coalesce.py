"""Queries that arrive at the same moment are embedded in one model run ("group commit").

Under load, dozens of requests wait while the model runs; encoding them together costs little more than
encoding one. A lone query is never held back: the first caller finds the model free and goes at once, and
only callers that arrive while it is busy are grouped. One run at a time (``runs=1``) leaves the other
cores to Gradio's event loop; on 2 cores it served as many requests/s as two runs side by side, with 50 MB
less memory (bench/README.md). The API's contract (one query in, one answer or one error out) is
untouched, unlike Gradio's ``batch=True``.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Sequence

import numpy as np

from helper.search.encoder import Encoder


class _Pending:
    __slots__ = ("text", "vector", "error", "done")

    def __init__(self, text: str) -> None:
        self.text = text
        self.vector: np.ndarray | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()


class CoalescingEncoder:
    """Wraps an encoder: single-text calls from many threads share model runs; other calls pass through."""

    def __init__(self, inner: Encoder, runs: int = 1, max_batch: int = 32) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        if hasattr(inner, "count_tokens"):  # long abstracts read whole (helper.search.reading)
            self.window, self.count_tokens = inner.window, inner.count_tokens
        self.max_batch = max_batch
        self._slots = threading.Semaphore(max(1, runs))
        self._mutex = threading.Lock()
        self._queue: list[_Pending] = []
        self.batch_sizes: deque[int] = deque(maxlen=1000)  # the last runs' sizes, for the benchmark and tests

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        texts = list(texts)
        if len(texts) != 1:
            return self.inner.encode(texts, progress=progress)
        mine = _Pending(texts[0])
        with self._mutex:
            self._queue.append(mine)
        # Every caller takes one turn at a run slot and embeds whatever is waiting then (its own text,
        # unless an earlier turn took it). Each turn takes at least one text while any wait, and every
        # text's caller has a turn after adding it, so no text is left behind.
        with self._slots:
            with self._mutex:
                batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
            if batch:
                self._run(batch)
        mine.done.wait()
        if mine.error is not None:
            raise mine.error
        return mine.vector[None, :]

    def _run(self, batch: list[_Pending]) -> None:
        try:
            vectors = self.inner.encode([p.text for p in batch])
            for pending, vector in zip(batch, vectors):
                pending.vector = vector
        except BaseException as exc:  # noqa: BLE001 - handed to every caller in this run
            for pending in batch:
                pending.error = exc
        finally:
            self.batch_sizes.append(len(batch))
            for pending in batch:
                pending.done.set()
