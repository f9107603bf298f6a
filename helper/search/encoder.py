"""Sentence encoders: the bundled all-MiniLM-L6-v2 (verified by checksum) or any sentence-transformers model."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from helper.errors import ModelError
from helper.search.model_files import BUNDLED_FINGERPRINT, bundled_model_dir, verify_model_dir
from helper.settings import BUNDLED_MODEL

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors, so a dot product is the cosine.

    An encoder that also has ``window`` (the word pieces its model reads) and ``count_tokens(texts)`` (each text's
    word pieces, markers excluded) gets long abstracts read whole, in chunks (helper.search.reading); one without
    them has each session read as one text."""

    model_id: str

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


class SentenceTransformerEncoder:
    """The reference encoder: sentence-transformers on torch, CPU."""

    def __init__(self, model: str = BUNDLED_MODEL) -> None:
        self._lock = threading.Lock()
        if model == BUNDLED_MODEL:
            model_dir = bundled_model_dir()
            verify_model_dir(model_dir)
            source, self.model_id = str(model_dir), f"{BUNDLED_MODEL}@{BUNDLED_FINGERPRINT}"
            # the bundled model is complete on disk: never let a library reach for the hub
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        else:
            source, self.model_id = model, model
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError(
                "sentence-transformers is not installed, and there is no ONNX export to serve instead",
                "pip install -r requirements.txt, or ship the export: python -m helper build --cache-dir DIR where torch is installed, then serve with HELPER_CACHE_DIR=DIR (docs/deploy.md)",
            ) from None
        try:
            self._model = SentenceTransformer(source, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure becomes one clear line
            raise ModelError(f"could not load the model {model!r} ({type(exc).__name__}: {exc})", "use the bundled model (unset HELPER_MODEL) or a sentence-transformers name/path reachable from this host") from None

    @property
    def window(self) -> int:
        return int(self._model.max_seq_length)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(ids) for ids in self._model.tokenizer(list(texts), add_special_tokens=False, truncation=False, verbose=False)["input_ids"]]

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        # one encode at a time: torch already uses every core for one batch, and concurrent calls from
        # the server's worker threads only add allocator arenas (memory that grows under load)
        texts = list(texts)
        if not texts:  # as the ONNX path: (0, width), so a product with it keeps its shape (sentence-transformers: (0,))
            return np.zeros((0, self._model.get_embedding_dimension()), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=progress)
        return np.ascontiguousarray(vectors, dtype=np.float32)


def load_encoder(model: str, cache_dir: Path | None = None, quantised: bool = False) -> Encoder:
    """The fast ONNX path for the bundled model when its export is cached in cache_dir; else sentence-transformers.

    ``quantised``: the int8 export (opt-in, --quantise). HELPER_ENCODER=reference forces sentence-transformers
    (the reference and the fallback).
    """
    if model == BUNDLED_MODEL and cache_dir is not None and os.environ.get("HELPER_ENCODER", "") != "reference":
        from helper.search.onnx_encoder import load_fast_encoder

        # a damaged package is named whichever path serves; a missing one only when the export is not there
        # either (a Space serves the export alone: docs/deploy.md)
        package = _installed_model_dir()
        if package is not None:
            verify_model_dir(package)
        fast = load_fast_encoder(cache_dir, quantised)
        if fast is None and package is None:
            bundled_model_dir()  # raises: the package to install
        fast = fast or _export_once(cache_dir, quantised)
        if fast is not None:
            return fast
    return SentenceTransformerEncoder(model)


def _installed_model_dir() -> Path | None:
    try:
        return bundled_model_dir()
    except ModelError:
        return None


def expected_model_id(model: str, quantised: bool = False) -> str:
    """The ``model_id`` the encoder ``load_encoder`` gives will have, without loading it (a fallback may differ:
    whoever stores vectors under this id checks the real encoder's id too)."""
    if model != BUNDLED_MODEL:
        return model
    from helper.search.onnx_encoder import fast_model_id

    return fast_model_id(quantised and os.environ.get("HELPER_ENCODER", "") != "reference")


def _export_once(cache_dir: Path, quantised: bool = False) -> Encoder | None:
    """First launch: export the bundled model to ONNX beside the embeddings, so later starts skip torch.

    The export runs in a child process: torch then never enters the server, which would otherwise carry
    its ~500 MB for as long as it runs (a Space without persistent storage exports on every start)."""
    from helper.search.onnx_encoder import load_fast_encoder

    log.info("exporting the bundled model to ONNX once, into %s (later starts load it without torch)", cache_dir)
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH", "")])))
    code = "import sys; from helper.search.onnx_encoder import prepare_onnx; prepare_onnx(__import__('pathlib').Path(sys.argv[1]), sys.argv[2] == '1')"
    try:
        child = subprocess.run([sys.executable, "-c", code, str(cache_dir), "1" if quantised else "0"], env=env, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("no fast path, using sentence-transformers: the ONNX export did not run (%s)", type(exc).__name__)
        return None
    if child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["no message"])[-1]
        log.warning("no fast path, using sentence-transformers: the ONNX export failed (%s)", last)
        return None
    return load_fast_encoder(cache_dir, quantised)
