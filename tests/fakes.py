"""A deterministic stand-in encoder for fast tests (hashed bag of words, no torch), and an index of a small CSV made with it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from helper.agenda.text import fold

if TYPE_CHECKING:
    from helper.search.index import SearchIndex


class HashingEncoder:
    """Each word adds to one of ``dim`` buckets; vectors are L2-normalised like the real model's."""

    def __init__(self, dim: int = 256, model_id: str = "fake-hashing", truncate: bool = False) -> None:
        self.dim = dim
        self.model_id = model_id
        self.truncate = truncate  # read only the first ``window`` words, as the real model reads its first 256 word pieces
        self.calls: list[int] = []  # batch sizes seen, to check what the cache recomputes
        self.texts: list[list[str]] = []  # and the texts of each batch

    window = 256  # "word pieces" here are words: an abstract of more words is read in chunks, as the real model's

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(re.findall(r"\w+", text)) for text in texts]

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.calls.append(len(texts))
        self.texts.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", fold(text))[: self.window if self.truncate else None]:
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little") % self.dim
                out[row, bucket] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def csv_index(folder: Path, text: str, encoder=None, name: str = "agenda.csv") -> SearchIndex:
    """The index of the agenda ``text`` (a CSV) written to ``name`` in ``folder``, read by ``encoder`` (the hashing fake)."""
    from helper.agenda import load_agenda
    from helper.search.index import SearchIndex

    path = folder / name
    path.write_text(text, encoding="utf-8")
    return SearchIndex.build(load_agenda(path), encoder or HashingEncoder(), cache_dir=None)
