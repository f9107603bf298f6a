"""How the dense model reads a session: the whole abstract, not only its first 256 word pieces.

all-MiniLM-L6-v2 reads the first 256 word pieces of a text and drops the rest. Real abstracts run 1.6 word pieces a
word, so past about 150 words the end of an abstract was never read (314 of FOSS4G's 328 talks, 86 of ICWSM's 104
papers). A session whose "title. abstract" fits the window is read as that one text, as before; a longer one is read
in chunks of whole sentences, each with the title, the chunks evened out in size, and the session's vector is the
normalised mean of the chunks' vectors. A name query keeps the one-text cosine (a speaker says nothing about the
abstract). The chunk size was chosen leave-one-agenda-out among 128 to 256 word pieces, evened out or not
(bench/rules_loo.py, family ``chunk-size``; docs/quality.md).
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from helper.search.explain import sentences

CHUNK_TOKENS = 128  # word pieces a chunk holds at most, its title and the model's markers included
SPECIAL_TOKENS = 3  # [CLS], [SEP] and the ". " between title and abstract

Counter = Callable[[Sequence[str]], list[int]]  # word pieces of each text, without the model's markers


def session_text(title: str, abstract: str) -> str:
    """What the dense model reads for a short session: the title carries much of the meaning, so both."""
    return f"{title}. {abstract}" if abstract else title


def reading_texts(title: str, abstract: str, count: Counter | None, window: int, size: int = CHUNK_TOKENS, balance: bool = True) -> list[str]:
    """The texts the model reads for one session: "title. abstract" when it fits ``window`` word pieces (or the
    encoder cannot count them), else the abstract's sentences in chunks of at most ``size`` word pieces with the
    title, as many as needed and evened out, so no chunk is a short tail that weighs as much as a full one."""
    whole = session_text(title, abstract)
    if count is None or not abstract:
        return [whole]
    parts = sentences(abstract) or [abstract]
    title_size, *sizes = count([title, whole, *parts])
    if sizes[0] + 2 <= window:
        return [whole]
    sizes = sizes[1:]
    budget = max(size - title_size - SPECIAL_TOKENS, 16)
    if balance:
        pieces = -(-sum(sizes) // budget)
        budget = max(-(-sum(sizes) // pieces), min(sizes), 1)
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for part, n in zip(parts, sizes):
        if current and used + n > budget:
            chunks.append(session_text(title, " ".join(current)))
            current, used = [], 0
        current.append(part)
        used += n
    chunks.append(session_text(title, " ".join(current)))
    return chunks


def read_sessions(titles: Sequence[str], abstracts: Sequence[str], embed: Callable[[list[str]], np.ndarray], count: Counter | None, window: int) -> tuple[np.ndarray, np.ndarray | None]:
    """(reading vectors, one-text vectors or None when every session fits the window) for the sessions, with one
    ``embed`` call for every distinct text. The reading vector of a chunked session is its chunks' normalised mean."""
    wholes = [session_text(t, a) for t, a in zip(titles, abstracts)]
    count = _counted_at_once(count, titles, abstracts, wholes) if count is not None else None
    # an agenda may repeat a session (a workshop on four days): each distinct one is read once
    read = {pair: reading_texts(*pair, count, window) for pair in dict.fromkeys(zip(titles, abstracts))}
    groups = [read[pair] for pair in zip(titles, abstracts)]
    chunked = [g != [w] for g, w in zip(groups, wholes)]
    texts = list(dict.fromkeys(wholes + [x for g, c in zip(groups, chunked) if c for x in g]))
    vectors = np.asarray(embed(texts), dtype=np.float32)
    row_of = {text: row for row, text in enumerate(texts)}
    whole = vectors[[row_of[w] for w in wholes]] if wholes else np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 0), np.float32)
    if not any(chunked):
        return np.ascontiguousarray(whole), None
    reading = whole.copy()
    for session, (group, is_chunked) in enumerate(zip(groups, chunked)):
        if is_chunked:
            mean = vectors[[row_of[x] for x in group]].mean(axis=0)
            reading[session] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return np.ascontiguousarray(reading), np.ascontiguousarray(whole)


def _counted_at_once(count: Counter, titles: Sequence[str], abstracts: Sequence[str], wholes: Sequence[str]) -> Counter:
    """``count`` run once over every text the reading asks about: one tokenizer batch for the agenda, not one call
    per session (10,000 sessions: one call per session made a warm start 18 s slower)."""
    texts = list(dict.fromkeys([*titles, *wholes, *(part for a in dict.fromkeys(abstracts) if a for part in sentences(a))]))
    sizes = dict(zip(texts, count(texts)))
    return lambda asked: [sizes[t] if t in sizes else count([t])[0] for t in asked]
