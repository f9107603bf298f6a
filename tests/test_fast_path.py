"""The ONNX fast path gives the reference (sentence-transformers) vectors and the same top 3."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from helper.agenda import load_agenda
from helper.search.index import SearchIndex

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "labels"


@pytest.fixture(scope="session")
def onnx_path(tmp_path_factory):
    pytest.importorskip("onnx", reason="exporting needs the onnx package (pip install -r requirements.txt)")
    from helper.search.onnx_encoder import export_onnx

    return export_onnx(tmp_path_factory.mktemp("onnx-cache"))


@pytest.fixture(scope="session")
def fast_encoder(onnx_path):
    from helper.search.onnx_encoder import OnnxEncoder

    return OnnxEncoder(onnx_path)


def _queries(name: str) -> list[str]:
    path = LABELS / f"{name}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return [json.loads(line)["query"] for line in path.read_text().splitlines() if line.strip()]


def _top3(agenda_path: Path, encoder, queries: list[str], cache: Path) -> list[list[str]]:
    index = SearchIndex.build(load_agenda(agenda_path), encoder, cache)
    return [[hit.id for hit in hits] for hits in index.search(queries, 3)]


@pytest.mark.slow
def test_vectors_match_reference(fast_encoder, real_encoder):
    texts = ["machine learning for gene expression", "", "a" * 5000, "Café résumé naïve 日本語", "short"]
    fast, reference = fast_encoder.encode(texts), real_encoder.encode(texts)
    assert fast.shape == reference.shape and fast.dtype == np.float32
    cosines = (fast * reference).sum(axis=1)
    assert cosines.min() >= 0.999
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_the_export_fuses_attention_in_every_layer(onnx_path):
    """The optimizer's fusion is what makes the export faster (bench/README.md); a silent fallback to the plain
    graph would still give right vectors, so only this notices it."""
    import onnx

    ops = [node.op_type for node in onnx.load(str(onnx_path), load_external_data=False).graph.node]
    assert ops.count("Attention") == 6  # all-MiniLM-L6-v2: six layers
    assert "Softmax" not in ops


@pytest.mark.slow
def test_same_model_id_as_reference(fast_encoder, real_encoder):
    assert fast_encoder.model_id == real_encoder.model_id


@pytest.mark.slow
@pytest.mark.parametrize(("labels", "agenda"), [("sessions", ROOT / "sessions.csv"), ("nas2021", None), ("miniconf", ROOT / "tests" / "data" / "miniconf_papers.csv")])
def test_same_top3_on_label_sets(labels, agenda, fast_encoder, real_encoder, tmp_path, request):
    if agenda is None:
        agenda = request.getfixturevalue("nas2021")
    if not agenda.exists():
        pytest.skip(f"{agenda} is absent")
    queries = _queries(labels)
    fast = _top3(agenda, fast_encoder, queries, tmp_path / "fast")
    reference = _top3(agenda, real_encoder, queries, tmp_path / "reference")
    assert fast == reference


def test_fast_path_absent_falls_back(tmp_path):
    from helper.search.onnx_encoder import load_fast_encoder

    assert load_fast_encoder(tmp_path) is None


@pytest.mark.slow
def test_load_encoder_prefers_fast_path_without_torch(onnx_path, monkeypatch):
    import subprocess

    cache_dir = onnx_path.parent.parent
    code = (
        "import sys; from helper.search.encoder import load_encoder; "
        f"e = load_encoder('all-MiniLM-L6-v2', __import__('pathlib').Path({str(cache_dir)!r})); "
        "e.encode(['hello']); print(type(e).__name__, 'torch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["OnnxEncoder", "False"]


@pytest.mark.slow
def test_first_launch_exports_in_a_child_so_torch_never_enters_the_server(tmp_path):
    import subprocess

    code = (
        "import sys; from helper.search.encoder import load_encoder; "
        f"e = load_encoder('all-MiniLM-L6-v2', __import__('pathlib').Path({str(tmp_path)!r})); "
        "e.encode(['hello']); print(type(e).__name__, 'torch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, timeout=900)
    assert result.stdout.split() == ["OnnxEncoder", "False"]
    assert list(tmp_path.glob("onnx-*/model.onnx"))  # and the export is there for the next start
