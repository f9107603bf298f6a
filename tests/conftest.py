from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fakes import HashingEncoder

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
NAS2021 = SHARED / "data" / "nas2021_sessions.csv"
SAMPLE = ROOT / "sessions.csv"

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture
def fake_encoder() -> HashingEncoder:
    return HashingEncoder()


@pytest.fixture
def index(tmp_path, fake_encoder):
    """The sample agenda indexed with the fake encoder (no model)."""
    from helper.agenda import load_agenda
    from helper.search.index import SearchIndex

    return SearchIndex.build(load_agenda(SAMPLE), fake_encoder, tmp_path)


@pytest.fixture
def nas2021() -> Path:
    if not NAS2021.exists():
        pytest.skip("../shared/data/nas2021_sessions.csv is absent (a user's clone): skipped")
    return NAS2021


@pytest.fixture(scope="session")
def real_cache(tmp_path_factory) -> Path:
    """One embedding cache for the run: real-model tests that read the same agenda embed it once (keyed by text + model)."""
    return tmp_path_factory.mktemp("embeddings")


@pytest.fixture(scope="session")
def real_encoder():
    """The bundled all-MiniLM-L6-v2, loaded once per test run."""
    from helper.search.encoder import load_encoder
    from helper.settings import BUNDLED_MODEL

    return load_encoder(BUNDLED_MODEL)
