"""Fast path: the bundled all-MiniLM-L6-v2 exported once to ONNX, served by onnxruntime + tokenizers (no torch).

The export (``python -m helper build``, needs torch + onnx) is cached under ``cache_dir/onnx-<fingerprint>-<EXPORT_VERSION>/``,
keyed by the bundled model's checksum, with a copy of the model's tokenizer.json (checked by its sha256). Serving
needs only onnxruntime, tokenizers and that folder: not torch, not even the model package (a Space, docs/deploy.md).
The vectors match sentence-transformers to cosine >= 0.999 (pinned by tests/test_fast_path.py), so both
paths share the model id and the embedding cache.

Opt-in (``--quantise``): ``model-int8.onnx`` beside it, the same graph with int8 weights (onnxruntime's dynamic
quantisation). Its vectors differ a little more (docs/deploy.md has the measured cost), so it has its own model
id and its own embedding cache.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

import numpy as np

from helper.search.model_files import BUNDLED_FINGERPRINT, BUNDLED_SHA256, bundled_model_dir, verify_model_dir
from helper.errors import ModelError
from helper.settings import BUNDLED_MODEL

log = logging.getLogger(__name__)

MAX_TOKENS = 256  # sentence_bert_config.json max_seq_length of the bundled model
EXPORT_VERSION = 2  # 2: attention, layer norms and GELU fused (onnxruntime's transformer optimizer); 1 did not fuse
BATCH_SIZE = 8  # x 2 workers: as fast as 16 or 32 here (2,000 abstracts in ~7 s) with the least peak memory
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_TOKENIZER_FILES = {name: BUNDLED_SHA256[name] for name in ("tokenizer.json",)}


def onnx_model_path(cache_dir: Path, quantised: bool = False) -> Path:
    return Path(cache_dir) / f"onnx-{BUNDLED_FINGERPRINT}-{EXPORT_VERSION}" / ("model-int8.onnx" if quantised else "model.onnx")


def fast_model_id(quantised: bool = False) -> str:
    """The id the embedding cache and a prebuilt index know the fast encoder by; int8 vectors are their own."""
    return f"{BUNDLED_MODEL}@{BUNDLED_FINGERPRINT}" + ("+int8" if quantised else "")


def export_onnx(cache_dir: Path) -> Path:
    """Export the bundled model's transformer to ONNX (fp32) once; return the path. Needs torch and onnx."""
    target = onnx_model_path(cache_dir)
    if target.is_file():
        _copy_tokenizer(target.parent)  # exports made before the copy was kept beside them
        return target
    model_dir = bundled_model_dir()
    verify_model_dir(model_dir)
    try:
        import torch
        from transformers import AutoModel
    except ImportError:
        raise ModelError("exporting to ONNX needs torch and transformers", "pip install -r requirements.txt") from None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    class _LastHiddenState(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001
            return self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    # eager attention exports as plain products, which the optimizer below fuses into one Attention op per layer
    # (it does not recognise the scaled-dot-product pattern the default attention exports)
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()
    wrapped = _LastHiddenState(model)
    sample = torch.ones(2, 8, dtype=torch.long)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    try:
        with torch.no_grad():
            torch.onnx.export(
                wrapped, (sample, sample, torch.zeros_like(sample)), str(partial), input_names=list(_INPUTS),
                output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False,
            )
    except Exception as exc:  # noqa: BLE001 - one clear line instead of an exporter traceback
        partial.unlink(missing_ok=True)
        raise ModelError(f"could not export the model to ONNX ({type(exc).__name__}: {exc})", "pip install -r requirements.txt (needs onnx), or serve with the reference encoder") from None
    _fuse(partial, model.config.num_attention_heads, model.config.hidden_size)
    os.replace(partial, target)
    _copy_tokenizer(target.parent)
    return target


def _fuse(path: Path, heads: int, hidden: int) -> None:
    """Fuse the export's attention, layer norms and GELU in place (onnxruntime.transformers.optimizer): the same
    vectors (cosine 0.9999998 to the unfused graph), 1.09x faster on 400 real abstracts and 1.17x on one query on a
    quiet machine here (bench/README.md). Left unfused, with a log line, if the optimizer fails: the plain graph is correct, only slower."""
    try:
        from onnxruntime.transformers.optimizer import optimize_model

        optimized = optimize_model(str(path), model_type="bert", num_heads=heads, hidden_size=hidden)
        optimized.save_model_to_file(str(path))
        log.info("fused the export: %s", {k: v for k, v in optimized.get_fused_operator_statistics().items() if v})
    except Exception as exc:  # noqa: BLE001 - an optimisation, never a reason to fail the export
        log.warning("the ONNX export is not fused (%s: %s); serving the plain graph", type(exc).__name__, exc)


def _copy_tokenizer(folder: Path) -> None:
    """The bundled model's tokenizer.json beside its export, so serving needs no model package."""
    import shutil

    copy = folder / "tokenizer.json"
    if copy.is_file():
        return
    model_dir = bundled_model_dir()
    verify_model_dir(model_dir, _TOKENIZER_FILES)
    partial = copy.with_suffix(f".{os.getpid()}.tmp")
    shutil.copyfile(model_dir / "tokenizer.json", partial)
    os.replace(partial, copy)


def tokenizer_path(model_path: Path) -> Path:
    """The tokenizer.json the export carries (checked), else the model package's (checked)."""
    copy = Path(model_path).parent / "tokenizer.json"
    if copy.is_file():
        try:
            verify_model_dir(copy.parent, _TOKENIZER_FILES)
        except ModelError:
            raise ModelError(f"{copy} is damaged", f"delete {copy.parent} and run: python -m helper build") from None
        return copy
    model_dir = bundled_model_dir()
    verify_model_dir(model_dir, _TOKENIZER_FILES)
    return model_dir / "tokenizer.json"


def quantise_onnx(cache_dir: Path) -> Path:
    """The fp32 export with int8 weights (``onnxruntime.quantization.quantize_dynamic``), made once; return its path.

    Dynamic quantisation: weights stored as int8, activations quantised per run, so no calibration data is needed.
    Per output channel, and only the products with a weight (not attention's query x key): the default
    (per tensor, every product) gave a mean cosine of 0.91 to the fp32 vectors on real abstracts, this 0.99
    (bench/scale.py --only embedding)."""
    target = onnx_model_path(cache_dir, quantised=True)
    if target.is_file():
        return target
    source = export_onnx(cache_dir)
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        raise ModelError("quantising the model needs the onnx package", "pip install -r requirements.txt") from None
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        # the fused ops are onnxruntime's own, which shape inference cannot type: their weights are float32
        quantize_dynamic(str(source), str(partial), weight_type=QuantType.QInt8, per_channel=True, extra_options={"MatMulConstBOnly": True, "DefaultTensorType": 1})
    except Exception as exc:  # noqa: BLE001 - one clear line instead of the quantiser's traceback
        partial.unlink(missing_ok=True)
        raise ModelError(f"could not quantise the model ({type(exc).__name__}: {exc})", "serve the fp32 model (unset HELPER_QUANTISE)") from None
    os.replace(partial, target)
    _copy_tokenizer(target.parent)
    return target


def prepare_onnx(cache_dir: Path, quantised: bool = False) -> Path:
    """The model file the fast encoder needs, exported (and quantised) when missing."""
    return quantise_onnx(cache_dir) if quantised else export_onnx(cache_dir)


class OnnxEncoder:
    """Same Encoder protocol as SentenceTransformerEncoder: mean pooling over tokens, then L2 normalisation."""

    def __init__(self, model_path: Path, workers: int | None = None, quantised: bool = False) -> None:
        self.model_id = fast_model_id(quantised)
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError:
            raise ModelError("onnxruntime and tokenizers are needed for the fast path", "pip install -r requirements.txt") from None
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path(model_path)))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        self._counter = Tokenizer.from_file(str(tokenizer_path(model_path)))  # counts whole texts: no truncation
        self._counter.no_truncation()
        self._counter.no_padding()
        self.window = MAX_TOKENS
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # One thread per run: a query is too short to gain from more (2 threads without spin-waiting: same
        # p50; with it: faster alone, but the spinning took CPU from Gradio's event loop and cut requests/s
        # under load by a fifth). Bulk embedding gets its parallelism from running batches side by side.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._workers = max(1, workers or os.cpu_count() or 1)
        try:
            self._session = onnxruntime.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001
            raise ModelError(f"could not load the ONNX model {model_path} ({type(exc).__name__})", "delete it and run: python -m helper build") from None

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(e.ids) for e in self._counter.encode_batch(list(texts), add_special_tokens=False)]

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # sort by length so each batch pads little; restore the order at the end
        encodings = self._tokenizer.encode_batch(texts)
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        out = np.empty((len(texts), 384), dtype=np.float32)
        batches = [order[start : start + BATCH_SIZE] for start in range(0, len(texts), BATCH_SIZE)]

        def embed(chosen: np.ndarray) -> None:
            out[chosen] = self._embed([encodings[i] for i in chosen])

        if len(batches) == 1 or self._workers == 1:
            for chosen in batches:
                embed(chosen)
        else:  # InferenceSession.run is thread-safe and releases the GIL
            with ThreadPoolExecutor(self._workers) as pool:
                list(pool.map(embed, batches))
        return out

    def _embed(self, encodings: list) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def load_fast_encoder(cache_dir: Path, quantised: bool = False) -> OnnxEncoder | None:
    """The ONNX encoder when its export is cached and onnxruntime is installed; None otherwise."""
    path = onnx_model_path(cache_dir, quantised)
    if not path.is_file():
        return None
    try:
        return OnnxEncoder(path, quantised=quantised)
    except ModelError as exc:
        log.warning("fast path unavailable, using sentence-transformers: %s", exc)
        return None
