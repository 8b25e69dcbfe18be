"""Aligning two texts that share passages: matching word n-grams chained along diagonals.

For one candidate pair, every ``k``-word n-gram of ``a`` that also occurs in ``b``
gives a match ``(pa, pb)``; matches on the same diagonal ``pb - pa`` at
consecutive positions form runs, and runs close to each other in both texts
(a word changed, inserted or dropped) are merged into one passage. Reordered
paragraphs give separate passages, since their runs do not follow each other in
``b``. All of it is numpy except the final merge over a handful of runs.
"""

from __future__ import annotations

import numpy as np

from .reuse_text import Tokens, ngram_hashes

__all__ = ["matches", "runs", "merge_runs", "align"]

#: an n-gram repeated more often than this within one text (boilerplate) is ignored
MAX_REPEAT = 4


def matches(ga: np.ndarray, gb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(pa, pb)`` where n-gram hashes of ``a`` and ``b`` are equal."""
    if len(ga) == 0 or len(gb) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.argsort(ga, kind="stable")
    sa = ga[order]
    lo = np.searchsorted(sa, gb, side="left")
    hi = np.searchsorted(sa, gb, side="right")
    cnt = hi - lo
    keep = (cnt > 0) & (cnt <= MAX_REPEAT)
    if not keep.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pb_idx = np.nonzero(keep)[0]
    c = cnt[keep]
    pb = np.repeat(pb_idx, c)
    first = np.repeat(lo[keep], c)
    offset = np.arange(len(pb)) - np.repeat(np.cumsum(c) - c, c)
    pa = order[first + offset]
    return pa.astype(np.int64), pb.astype(np.int64)


def runs(pa: np.ndarray, pb: np.ndarray, k: int) -> list[tuple[int, int, int, int]]:
    """Maximal runs of consecutive matches on one diagonal, as token ranges ``(a0, a1, b0, b1)``."""
    if len(pa) == 0:
        return []
    diag = pb - pa
    order = np.lexsort((pa, diag))
    pa, diag = pa[order], diag[order]
    brk = np.ones(len(pa), dtype=bool)
    brk[1:] = (diag[1:] != diag[:-1]) | (pa[1:] - pa[:-1] > 1)
    starts = np.nonzero(brk)[0]
    ends = np.append(starts[1:], len(pa)) - 1
    a0, a1 = pa[starts], pa[ends] + k
    d = diag[starts]
    return sorted(zip(a0.tolist(), a1.tolist(), (a0 + d).tolist(), (a1 + d).tolist()))


def merge_runs(found: list[tuple[int, int, int, int]], gap: int) -> list[tuple[int, int, int, int]]:
    """Merge runs (sorted by ``a0``) that continue each other in both texts, up to ``gap`` words apart."""
    merged: list[list[int]] = []
    for a0, a1, b0, b1 in found:
        if merged:
            m = merged[-1]
            follows = a0 - m[1] <= gap and -gap <= b0 - m[3] <= gap + 2 and b0 >= m[2]
            if follows:
                m[1], m[3] = max(m[1], a1), max(m[3], b1)
                continue
        merged.append([a0, a1, b0, b1])
    return [(m[0], m[1], m[2], m[3]) for m in merged]


def align(ta: Tokens, tb: Tokens, k: int, gap: int | None = None) -> list[tuple[int, int, int, int]]:
    """Aligned token ranges ``(a0, a1, b0, b1)`` shared by the two texts (ends exclusive)."""
    pa, pb = matches(ngram_hashes(ta.hashes, k), ngram_hashes(tb.hashes, k))
    found = runs(pa, pb, k)
    out = merge_runs(found, k // 2 + 1 if gap is None else gap)
    return [(a0, min(a1, len(ta)), b0, min(b1, len(tb))) for a0, a1, b0, b1 in out]
