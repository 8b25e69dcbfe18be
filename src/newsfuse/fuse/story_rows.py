"""Story feature rows kept per article, so that story assignment never reads the stored articles again.

The story stage compares articles by feature blocks (:mod:`.stories_features`); every row is a
function of its own article (word weights come from the language, not from the corpus). So a row
is computed once, when the article is new or re-extracted, and kept in the store (``story_rows``):
for each sparse block, the 64-bit hashes of its terms and their weights, then the article's
masked-headline vector (``StoryInput.kind_vector``) when it has one. A fuse step puts the kept
rows of every article together again (:func:`decode_blocks`) instead of reading each article's
text and mentions and recomputing its words, names, dates and figures.

Hashing a term to 64 bits (blake2b) makes two terms one column only by a collision (about one in
10^15 for a corpus of 10^5 distinct terms): the similarities are those of the blocks made from the
texts, up to that and float32 weights.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from .stories_features import SPARSE_BLOCKS, Blocks, StoryInput, build_blocks, unit_rows

__all__ = ["StoryRow", "decode_blocks", "encode_rows", "pack_vector"]

_HEADER = struct.Struct(f"<{len(SPARSE_BLOCKS)}I")

#: one article's kept row: packed sparse rows, its language, its vector (float32 bytes) or None
StoryRow = tuple[bytes, str | None, bytes | None]


@lru_cache(maxsize=500_000)
def _term_hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def encode_rows(items: Sequence[StoryInput]) -> dict[str, bytes]:
    """Article id -> its packed feature rows: per block, the count of its terms; then every term hash
    (uint64), then every weight (float32), block after block."""
    terms: dict[str, dict[str, int]] = {}
    blocks = build_blocks(items, terms)
    hashes = {}
    for name in SPARSE_BLOCKS:
        by_column = np.zeros(max(1, len(terms[name])), dtype=np.uint64)
        for term, col in terms[name].items():
            by_column[col] = _term_hash(term)
        hashes[name] = by_column
    out = {}
    for i, it in enumerate(items):
        counts, keys, weights = [], [], []
        for name in SPARSE_BLOCKS:
            mat: sparse.csr_matrix = getattr(blocks, name)
            lo, hi = mat.indptr[i], mat.indptr[i + 1]
            counts.append(hi - lo)
            keys.append(hashes[name][mat.indices[lo:hi]])
            weights.append(mat.data[lo:hi].astype(np.float32))
        out[it.id] = (_HEADER.pack(*counts) + np.concatenate(keys).astype("<u8").tobytes()
                      + np.concatenate(weights).astype("<f4").tobytes()
                      + (b"" if it.kind_vector is None else pack_vector(it.kind_vector)))
    return out


def pack_vector(vector: Sequence[float] | np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def decode_blocks(rows: Sequence[StoryRow]) -> Blocks:
    """The :class:`Blocks` of the kept rows, one row each, in that order (vectors only when every row has one)."""
    n = len(rows)
    counts = np.zeros((n, len(SPARSE_BLOCKS)), dtype=np.int64)
    keys, weights, kinds = [], [], []
    for r, (data, _, _) in enumerate(rows):
        counts[r] = _HEADER.unpack_from(data)
        total = int(counts[r].sum())
        start = _HEADER.size
        keys.append(np.frombuffer(data, dtype="<u8", count=total, offset=start))
        weights.append(np.frombuffer(data, dtype="<f4", count=total, offset=start + 8 * total))
        # what follows the weights, when anything does: the masked-headline vector (rows kept before it have none)
        rest = start + 12 * total
        kinds.append(np.frombuffer(data, dtype="<f4", offset=rest) if len(data) > rest else None)
    flat_keys = np.concatenate(keys) if n else np.zeros(0, dtype=np.uint64)
    flat_weights = np.concatenate(weights).astype(np.float64) if n else np.zeros(0)
    # entries come row after row, block after block inside a row
    block_of = np.repeat(np.tile(np.arange(len(SPARSE_BLOCKS)), n), counts.ravel())
    mats = []
    for b, _ in enumerate(SPARSE_BLOCKS):
        mine = block_of == b
        columns, indices = np.unique(flat_keys[mine], return_inverse=True)
        indptr = np.concatenate([[0], np.cumsum(counts[:, b])])
        mats.append(sparse.csr_matrix((flat_weights[mine], indices.astype(np.int64), indptr),
                                      shape=(n, max(1, len(columns)))))
    times = mats[SPARSE_BLOCKS.index("times")]
    has_time = (np.diff(times.indptr) > 0).astype(np.float64)
    dense = None
    if n and all(v is not None for _, _, v in rows):
        dense = np.stack([np.frombuffer(v, dtype="<f4") for _, _, v in rows]).astype(np.float32)
        dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12)
    codes: dict[str, int] = {}
    language = np.asarray([codes.setdefault(lang or "en", len(codes)) for _, lang, _ in rows], dtype=np.int64)
    return Blocks(*mats, has_time, dense, language, unit_rows(kinds))
