"""A prebuilt index on disk: what a server needs to answer at once, without reading the export, embedding or indexing.

``python -m helper build --agenda A`` writes one folder per agenda and model, ``<cache_dir>/index-<key>/``:

* ``manifest.json``: format, model id, the agenda's digest and the settings that shaped its table (the key), a
  fingerprint of the code that wrote the other files, the session count, and the sha256 of every file;
* ``agenda.pickle``: the agenda as the readers normalised it (the table, its zone and warnings);
* ``embeddings.npy`` and ``neighbours.npy``: the session vectors and "more like this", memory-mapped when
  served, so replicas on one machine share one copy in the page cache; ``whole.npy`` beside them when some
  abstract was read in chunks (the one-text vectors name queries read, helper.search.reading); ``sentence_keys.npy``
  and ``sentences.npy``: every abstract sentence's vector (float16), so no why-line runs the model
  (helper.search.explain.StoredSentences);
* ``lexical/``: the lexical index; its BM25 part in bm25s's own format (``BM25.save``, loaded memory-mapped),
  the rest pickled.

The folder is written under a temporary name and renamed, so a server sees a whole index or none. A folder
written by other code (another version of the readers or of the lexical index) is not used: the server builds
in memory as before and says to run ``build`` again. The pickles make the folder trusted like code: serve only
folders you built (or shipped) yourself.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from helper.agenda import Agenda
from helper.search.encoder import Encoder
from helper.search.explain import SentenceVectors, StoredSentences
from helper.search.index import SearchIndex
from helper.search.lexical import LexicalIndex
from helper.search.model_files import sha256_of

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
_PACKAGE = Path(__file__).resolve().parents[1]
# the code whose output the folder holds: the readers (the table), what the index embeds and its neighbours, the
# lexical index, and this format. The encoders are not in it: the model id in the manifest covers the vectors.
_CODE = ("agenda", "search/index.py", "search/reading.py", "search/lexical.py", "search/session_kinds.py", "search/levels.py",
         "search/tokens.py", "search/names.py", "search/explain.py", "search/store.py", "search/closed_compounds.py")


@dataclass(frozen=True)
class Recipe:
    """What a prebuilt index is built from; equal recipes give equal folders."""

    agenda: Path
    model_id: str
    reading: tuple[str, str, str]  # timezone, date order, column mapping: they shape the table

    def key(self) -> str:
        return self._key

    @cached_property
    def _key(self) -> str:  # reads the whole agenda file: once per recipe
        parts = [agenda_digest(self.agenda), self.model_id, *self.reading]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    def folder(self, cache_dir: Path) -> Path:
        return Path(cache_dir) / f"index-{self.key()}"


def agenda_digest(path: Path) -> str:
    """sha256 of the agenda file, or of every file under an agenda folder (a Mini-Conf site), by relative path."""
    path = Path(path)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(str(file.relative_to(path) if path.is_dir() else file.name).encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def code_fingerprint() -> str:
    """A hash of the code that makes what the folder holds; another version of it means another folder."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for part in _CODE:
        path = _PACKAGE / part
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(str(source.relative_to(_PACKAGE)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def save_index(index: SearchIndex, recipe: Recipe, cache_dir: Path) -> Path:
    """Write ``index`` as the prebuilt index of ``recipe``; returns its folder. Replaces an older one."""
    target = recipe.folder(cache_dir)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        _write_pickle(partial / "agenda.pickle", index.agenda)
        np.save(partial / "embeddings.npy", np.ascontiguousarray(index.embeddings, dtype=np.float32), allow_pickle=False)
        neighbours = index.neighbours if index.neighbours is not None else np.zeros((len(index.agenda), 0), dtype=np.int64)
        np.save(partial / "neighbours.npy", neighbours, allow_pickle=False)
        if index.whole is not None:  # the one-text vectors name queries read, when some abstract was read in chunks
            np.save(partial / "whole.npy", np.ascontiguousarray(index.whole, dtype=np.float32), allow_pickle=False)
        stored = index.explained.stored
        if stored is not None:  # every abstract sentence's vector, for the why-lines (index.store_sentences)
            np.save(partial / "sentence_keys.npy", np.ascontiguousarray(stored.keys, dtype=np.uint64), allow_pickle=False)
            np.save(partial / "sentences.npy", np.ascontiguousarray(stored.vectors, dtype=np.float16), allow_pickle=False)
        _save_lexical(index.lexical or LexicalIndex(index.sessions), partial / "lexical")
        manifest = {
            "format": FORMAT, "model_id": recipe.model_id, "key": recipe.key(), "code": code_fingerprint(),
            "source": str(Path(recipe.agenda).resolve()), "sessions": len(index.agenda), "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "files": {str(p.relative_to(partial)): sha256_of(p) for p in sorted(partial.rglob("*")) if p.is_file()},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        old = target.with_name(f".{target.name}.{os.getpid()}.old")
        if target.exists():
            os.replace(target, old)
        os.replace(partial, target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def has_index(recipe: Recipe, cache_dir: Path) -> bool:
    """Whether a prebuilt index of ``recipe`` is there (usable or not: ``load_index`` says)."""
    try:
        return (recipe.folder(cache_dir) / MANIFEST).is_file()
    except OSError:
        return False  # no agenda file: reading it says so, in one line


def load_index(recipe: Recipe, cache_dir: Path, encoder: Encoder, max_query_chars: int = 500, method: str = "hybrid") -> SearchIndex | None:
    """The prebuilt index of ``recipe`` when one is there and was written by this code for this model; else None
    (with a log line saying why when a folder is there but cannot be used)."""
    try:
        folder = recipe.folder(cache_dir)
    except OSError:
        return None  # no agenda file: reading it says so, in one line
    if not (folder / MANIFEST).is_file():
        return None
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        problem = _unusable(manifest, recipe, encoder) or _damaged(folder, manifest)
        if problem:
            log.warning("prebuilt index %s not used: %s; building in memory (run: python -m helper build --agenda %s)", folder, problem, recipe.agenda)
            return None
        agenda: Agenda = _read_pickle(folder / "agenda.pickle")
        embeddings = np.load(folder / "embeddings.npy", mmap_mode="r", allow_pickle=False)
        neighbours = np.load(folder / "neighbours.npy", mmap_mode="r", allow_pickle=False)
        files = manifest.get("files", {})
        whole = np.load(folder / "whole.npy", mmap_mode="r", allow_pickle=False) if "whole.npy" in files else None
        stored = None
        if "sentences.npy" in files and "sentence_keys.npy" in files:
            stored = StoredSentences(np.load(folder / "sentence_keys.npy", mmap_mode="r", allow_pickle=False), np.load(folder / "sentences.npy", mmap_mode="r", allow_pickle=False))
        lexical = _load_lexical(folder / "lexical")
    except (OSError, ValueError, KeyError, TypeError, EOFError, pickle.UnpicklingError, AttributeError, ImportError) as exc:
        log.warning("prebuilt index %s is unreadable (%s: %s); building in memory (run: python -m helper build --agenda %s)", folder, type(exc).__name__, exc, recipe.agenda)
        return None
    if embeddings.shape[0] != len(agenda) or neighbours.shape[0] != len(agenda) or (whole is not None and whole.shape != embeddings.shape):
        log.warning("prebuilt index %s holds %d vectors for %d sessions; building in memory", folder, embeddings.shape[0], len(agenda))
        return None
    log.info("loaded the prebuilt index %s: %d sessions, nothing to embed", folder.name, len(agenda))
    return SearchIndex(agenda, encoder, embeddings, max_query_chars, [], method=method, lexical=lexical, neighbours=neighbours, whole=whole,
                       explained=SentenceVectors(stored=stored))


def remove_stale(cache_dir: Path, keep: Path, recipe: Recipe) -> list[Path]:
    """Remove the other prebuilt indexes of the same agenda file and model (earlier versions of the file); returns them."""
    removed = []
    for manifest in Path(cache_dir).glob(f"index-*/{MANIFEST}"):
        folder = manifest.parent
        try:
            written = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if folder != keep and written.get("source") == str(Path(recipe.agenda).resolve()) and written.get("model_id") == recipe.model_id:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _unusable(manifest: dict, recipe: Recipe, encoder: Encoder) -> str:
    if manifest.get("format") != FORMAT:
        return f"format {manifest.get('format')!r}, this version reads {FORMAT}"
    if manifest.get("model_id") != encoder.model_id:
        return f"built for the model {manifest.get('model_id')!r}, serving {encoder.model_id!r}"
    if manifest.get("code") != code_fingerprint():
        return "written by another version of the code"
    if manifest.get("key") != recipe.key():
        return "built from another agenda or other reading settings"
    return ""


def _damaged(folder: Path, manifest: dict) -> str:
    """A file missing or changed since the build (a half copy; a Git LFS pointer shipped instead of the file)."""
    for name, digest in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file():
            return f"{name} is missing"
        if sha256_of(path) != digest:
            return f"{name} differs from what was built (a partial copy, or a Git LFS pointer instead of the file?)"
    return ""


def _save_lexical(lexical: LexicalIndex, folder: Path) -> None:
    """bm25s indexes in bm25s's format (``BM25.save``), everything else the lexical index holds pickled."""
    import bm25s

    folder.mkdir()
    state = {name: value for name, value in vars(lexical).items() if name not in LexicalIndex.DERIVED}
    engines = [name for name, value in state.items() if isinstance(value, bm25s.BM25)]
    for name in engines:
        state[name].save(str(folder / f"bm25-{name.strip('_')}"), show_progress=False)
        state[name] = None
    _write_pickle(folder / "lexical.pickle", {"engines": engines, "state": shared_strings(state, {})})


def shared_strings(value, pool: dict[str, str]):
    """``value`` with every equal string inside plain dicts, lists, tuples and sets made one object, so the pickle
    stores it once and a server holds it once (each session's word set had its own copies: 108 MB for the
    10,000-session lexical index, 58 MB shared). Other objects, subclasses included, are kept as they are."""
    kind = type(value)
    if kind is str:
        return pool.setdefault(value, value)
    if kind is dict:
        return {shared_strings(k, pool): shared_strings(v, pool) for k, v in value.items()}
    if kind in (list, tuple, set, frozenset):
        return kind(shared_strings(v, pool) for v in value)
    return value


def _load_lexical(folder: Path) -> LexicalIndex:
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    saved = _read_pickle(folder / "lexical.pickle")
    state = saved["state"]
    for name in saved["engines"]:
        state[name] = bm25s.BM25.load(str(folder / f"bm25-{name.strip('_')}"), mmap=True, show_progress=False)
    lexical = LexicalIndex.__new__(LexicalIndex)  # its state as saved, not rebuilt from the sessions
    vars(lexical).update(state)
    return lexical


def _write_pickle(path: Path, value: object) -> None:
    with path.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _read_pickle(path: Path):
    with path.open("rb") as handle:
        return pickle.load(handle)  # noqa: S301 - our own build output, trusted like the code (module docstring)
