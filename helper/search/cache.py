"""On-disk embedding cache, keyed by model id and a hash of each session's embedded text.

Layout: ``<cache_dir>/<model key>/manifest.json`` names the ``.npy`` file it describes and lists the
text hash of each row. Both files are written to a temporary name and renamed, the array first, so a
reader always sees a manifest whose array is complete; a concurrent writer only wins or loses whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

log = logging.getLogger(__name__)

FORMAT = 1
MAX_ROWS = 200_000  # rows kept per model across agendas; oldest dropped beyond this


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    def __init__(self, cache_dir: Path, model_id: str) -> None:
        self.model_id = model_id
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", model_id)[:80]
        self.folder = Path(cache_dir) / f"{safe}-{hashlib.sha256(model_id.encode()).hexdigest()[:8]}"
        self.warnings: list[str] = []

    def embed(self, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> tuple[np.ndarray, int]:
        """Vectors for ``texts``, computing only those not cached. Returns (matrix, number computed)."""
        hashes = [text_hash(t) for t in texts]
        known_hashes, known = self._read()
        row_of = {h: i for i, h in enumerate(known_hashes)}
        missing = list(dict.fromkeys(h for h in hashes if h not in row_of))
        if missing:
            first_text = {h: t for h, t in zip(hashes, texts)}
            fresh = encode([first_text[h] for h in missing])
            if known is not None and known.shape[1] != fresh.shape[1]:
                known_hashes, known, row_of = [], None, {}
                missing = list(dict.fromkeys(hashes))
                fresh = encode([first_text[h] for h in missing])
            known_hashes = known_hashes + missing
            known = fresh if known is None else np.vstack([known, fresh])
            row_of = {h: i for i, h in enumerate(known_hashes)}
            if len(known_hashes) > MAX_ROWS:
                keep = set(hashes)
                order = [i for i, h in enumerate(known_hashes) if h in keep] + [i for i, h in enumerate(known_hashes) if h not in keep]
                order = sorted(order[:MAX_ROWS])
                known_hashes = [known_hashes[i] for i in order]
                known = known[order]
                row_of = {h: i for i, h in enumerate(known_hashes)}
            self._write(known_hashes, known)
        matrix = known[[row_of[h] for h in hashes]] if hashes else np.zeros((0, 0), dtype=np.float32)
        return np.ascontiguousarray(matrix, dtype=np.float32), len(missing)

    # --- files ---------------------------------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        return self.folder / "manifest.json"

    def _read(self) -> tuple[list[str], np.ndarray | None]:
        if not self.manifest_path.exists():
            return [], None
        try:
            manifest = json.loads(self.manifest_path.read_text("utf-8"))
            if manifest.get("format") != FORMAT or manifest.get("model_id") != self.model_id:
                raise ValueError("written by another version or model")
            hashes = list(manifest["hashes"])
            array = np.load(self.folder / manifest["array"], allow_pickle=False)
            if array.dtype != np.float32 or array.ndim != 2 or array.shape[0] != len(hashes) or not np.isfinite(array).all():
                raise ValueError(f"array shape {array.shape} does not match {len(hashes)} rows")
            return hashes, array
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
            self._warn(f"embedding cache in {self.folder} was unreadable ({exc}); rebuilding it")
            return [], None

    def _write(self, hashes: list[str], array: np.ndarray) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            array_name = f"embeddings-{uuid.uuid4().hex[:12]}.npy"
            _atomic_write(self.folder / array_name, lambda handle: np.save(handle, array, allow_pickle=False))
            manifest = {"format": FORMAT, "model_id": self.model_id, "array": array_name, "rows": len(hashes), "dim": int(array.shape[1]), "hashes": hashes}
            _atomic_write(self.manifest_path, lambda handle: handle.write(json.dumps(manifest).encode("utf-8")))
            self._remove_stale(keep=array_name)
        except OSError as exc:
            self._warn(f"could not write the embedding cache in {self.folder} ({exc.strerror or exc}); running from memory, the next start will embed again")

    def _remove_stale(self, keep: str, older_than_s: float = 60.0) -> None:
        # an array another process is about to reference is newer than a minute: leave those alone
        now = time.time()
        stale = [p for p in self.folder.glob("embeddings-*.npy") if p.name != keep] + list(self.folder.glob(".tmp-*"))
        for path in stale:
            try:  # another process may remove the same file first: that is fine
                if now - path.stat().st_mtime > older_than_s:
                    path.unlink(missing_ok=True)
            except FileNotFoundError:
                continue

    def _warn(self, message: str) -> None:
        log.warning(message)
        self.warnings.append(message)


def _atomic_write(path: Path, write: Callable) -> None:
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False)
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
