"""Document vectors for event coreference: sublinear TF-IDF, cosines, and weighted block similarity.

Split from :mod:`newsfuse.fuse.coref`, which re-exports these names; pure Python.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

__all__ = ["cosine", "document_similarity", "tfidf_vectors"]


def tfidf_vectors(texts: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear tf) of token lists."""
    df: Counter[str] = Counter()
    for toks in texts:
        df.update(set(toks))
    n = len(texts)
    out = []
    for toks in texts:
        tf = Counter(toks)
        vec = {w: (1.0 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({w: v / norm for w, v in vec.items()})
    return out


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def document_similarity(blocks: Sequence[Sequence[Mapping[str, float]]], weights: Sequence[float]
                        ) -> Callable[[int, int], float]:
    """Weighted mean of the per-block cosines of documents ``i`` and ``j``.

    ``blocks`` holds one list of unit vectors per feature block (content words, names, times and
    numbers), each indexed by document; ``weights`` one weight per block.
    """
    total = sum(weights) or 1.0

    def sim(i: int, j: int) -> float:
        if i == j:
            return 1.0
        return sum(w * cosine(b[i], b[j]) for b, w in zip(blocks, weights) if w) / total

    return sim
