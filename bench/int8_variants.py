"""Can any int8 quantisation keep the fp32 model's top 3? Variants of onnxruntime's dynamic quantisation, side by side.

    python bench/int8_variants.py [--texts 400] [--work /tmp/helper-int8]

Each variant quantises the fused fp32 export (helper.search.onnx_encoder) differently:

* ``shipped``: what ``--quantise`` serves (int8 weights per output channel, only products with a weight);
* ``u8u8``: unsigned weights (onnxruntime's advice for CPUs without VNNI, where u8 x s8 can saturate);
* ``reduce_range``: 7-bit weights (the other advice for such CPUs);
* ``ffn_down_fp32``: the feed-forward down projections (fed by GELU's long-tailed outputs) left in fp32;
* ``attention_fp32``: the fused attention (its query/key/value projection) left in fp32.

The real abstracts of the big agenda (bench/big_agenda.py) are embedded by fp32 and every variant in turns, a
quarter at a time. Reported: time against fp32, cosine to the fp32 vectors, and for 20 queries the share whose
top 3 is the same set as fp32's, with queries embedded by fp32 and by the variant itself (as the app does:
an int8 index embeds its queries with int8). Raw figures: bench/results/int8-variants-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["deploying models", "graph neural networks", "open source GIS", "music information retrieval", "privacy", "healthcare for beginners",
           "dialogue systems evaluation", "misinformation on social media", "learning theory bounds", "web mapping", "source separation", "fairness",
           "reinforcement learning", "visualization of uncertainty", "speech", "hate speech detection", "satellite imagery",
           "transformers for symbolic music", "optimization convergence", "crowdsourcing"]


def variants(source: Path, out: Path) -> dict[str, Path]:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source)).graph
    made_by = {output: node for node in graph.node for output in node.output}
    down = [n.name for n in graph.node if n.op_type == "MatMul" and getattr(made_by.get(n.input[0]), "op_type", "") in ("BiasGelu", "Gelu", "FastGelu")]
    attention = [n.name for n in graph.node if n.op_type == "Attention"]
    shipped = {"weight_type": QuantType.QInt8, "per_channel": True, "extra_options": {"MatMulConstBOnly": True, "DefaultTensorType": 1}}
    options = {"shipped": shipped, "u8u8": {**shipped, "weight_type": QuantType.QUInt8}, "reduce_range": {**shipped, "reduce_range": True},
               "ffn_down_fp32": {**shipped, "nodes_to_exclude": down}, "attention_fp32": {**shipped, "nodes_to_exclude": attention}}
    paths = {}
    for name, kwargs in options.items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for file in source.parent.glob("tokenizer*"):
            shutil.copy(file, folder / file.name)
        paths[name] = folder / "model.onnx"
        if not paths[name].exists():
            quantize_dynamic(str(source), str(paths[name]), **kwargs)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--big", type=Path, default=Path("/tmp/helper-big/agenda-10000.csv"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/helper-int8"))
    args = parser.parse_args()
    from helper.agenda import load_agenda
    from helper.search.onnx_encoder import OnnxEncoder, export_onnx
    from helper.search.reading import session_text

    sessions = load_agenda(args.big).sessions
    texts = [session_text(t, a) for t, a in zip(sessions["title"], sessions["abstract"]) if a][: args.texts]
    source = export_onnx(args.work / "cache")
    encoders = {"fp32": OnnxEncoder(source)} | {name: OnnxEncoder(path, quantised=True) for name, path in variants(source, args.work).items()}
    for encoder in encoders.values():
        encoder.encode(texts[:16])
    seconds, parts = dict.fromkeys(encoders, 0.0), {name: [] for name in encoders}
    for chunk in np.array_split(np.arange(len(texts)), 4):
        for name, encoder in encoders.items():
            began = time.perf_counter()
            parts[name].append(encoder.encode([texts[i] for i in chunk]))
            seconds[name] += time.perf_counter() - began
    vectors = {name: np.concatenate(chunks) for name, chunks in parts.items()}
    fp32_queries = encoders["fp32"].encode(QUERIES)

    def top3(matrix: np.ndarray, queries: np.ndarray) -> list[set]:
        return [set(np.argsort(-(matrix @ q))[:3].tolist()) for q in queries]

    reference = top3(vectors["fp32"], fp32_queries)
    rows = {}
    for name in encoders:
        if name == "fp32":
            continue
        cosines = (vectors[name] * vectors["fp32"]).sum(axis=1)
        rows[name] = {"seconds": seconds[name], "speedup": seconds["fp32"] / seconds[name], "mean_cosine": float(cosines.mean()), "min_cosine": float(cosines.min()),
                      "same_top3_fp32_queries": float(np.mean([a == b for a, b in zip(reference, top3(vectors[name], fp32_queries))])),
                      "same_top3_own_queries": float(np.mean([a == b for a, b in zip(reference, top3(vectors[name], encoders[name].encode(QUERIES)))]))}
    print(f"{len(texts)} real abstracts, fp32 {seconds['fp32']:.1f} s")
    print(f"{'variant':16} {'vs fp32':>8} {'cos mean':>9} {'cos min':>8} {'same top 3':>11} {'(own queries)':>14}")
    for name, r in rows.items():
        print(f"{name:16} {r['speedup']:7.2f}x {r['mean_cosine']:9.4f} {r['min_cosine']:8.4f} {r['same_top3_fp32_queries']:10.0%} {r['same_top3_own_queries']:13.0%}")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    path = results / f"int8-variants-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps({"texts": len(texts), "fp32_seconds": seconds["fp32"], "variants": rows}, indent=1))
    print(f"raw: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
