"""Reuse detection one batch at a time: the keys that make two articles candidates, stored per article.

:func:`~.reuse.find_copies` decides whether two articles are linked from those two texts alone;
what makes a pair a *candidate* is that they share a key:

- ``d:`` the hash of the whole word sequence (exact duplicates),
- ``b<i>:`` band ``i`` of the MinHash sketch (near duplicates: the LSH bands of the index),
- ``f:`` a winnowed passage fingerprint (shared passages).

The store keeps these keys per article (``reuse_keys``), so new articles are compared with the
stored articles that share a key with them, never with the whole corpus, and get the same links
a comparison of everything would give. Passage fingerprints found in more than ``MAX_DF``
articles of the corpus give no candidates (stock phrases); when new articles push a fingerprint
over that bound, the stored articles holding it are compared again (:func:`new_copies`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .reuse import MAX_DF, PASSAGE_K, WINDOW, Copy, find_copies, lsh_bands, sketch
from .reuse_text import WordHasher, fingerprints, word_hashes

__all__ = ["ReuseParams", "article_keys", "new_copies"]


@dataclass(frozen=True, slots=True)
class ReuseParams:
    shingle_size: int = 5
    num_perm: int = 128
    near_threshold: float = 0.8
    passage_min_chars: int = 60
    max_df: int = MAX_DF


def article_keys(text: str, params: ReuseParams) -> list[str]:
    """The candidate keys of one text (a pure function of the text and the parameters)."""
    hasher = WordHasher()
    wh = word_hashes(text, hasher)
    keys = []
    if len(wh):
        keys.append("d:" + hashlib.blake2b(wh.tobytes(), digest_size=16).hexdigest())
    mh = sketch(wh, params.shingle_size, params.num_perm)
    if mh is not None:
        bands, rows = lsh_bands(params.num_perm, params.near_threshold)
        for i in range(bands):
            band = mh.hashvalues[i * rows : (i + 1) * rows]
            keys.append(f"b{i}:" + hashlib.blake2b(band.tobytes(), digest_size=8).hexdigest())
    keys += [f"f:{int(v):x}" for v in fingerprints(text, hasher, PASSAGE_K, WINDOW)]
    return keys


def _banned(keys: Iterable[str]) -> np.ndarray:
    return np.asarray(sorted({int(k[2:], 16) for k in keys if k.startswith("f:")}), dtype=np.uint64)


def new_copies(new_keys: Mapping[str, Sequence[str]], holders: Callable[[Iterable[str]], dict[str, set[str]]],
               texts: Callable[[Iterable[str]], dict[str, str]], params: ReuseParams,
               ) -> tuple[list[Copy], set[str]]:
    """The reuse links of the ``new_keys`` articles (id -> keys; their keys are not stored yet).

    ``holders(keys)`` gives, for each key, the stored articles that carry it; ``texts(ids)`` their
    texts. Returns the links that involve a new article, or that join two stored articles holding a
    fingerprint the new ones pushed past ``max_df`` (those pairs are compared again), and the set of
    stored articles compared again (their earlier links among themselves are to be replaced).
    Origins are left empty: they depend on dates, which fusion reads later.
    """
    wanted = sorted({k for ks in new_keys.values() for k in ks})
    stored = holders(wanted)
    df = {k: len(stored.get(k, ())) for k in wanted}
    for ks in new_keys.values():
        for k in set(ks):
            df[k] += 1
    over = {k for k, n in df.items() if k.startswith("f:") and n > params.max_df}
    newly_over = {k for k in over if len(stored.get(k, ())) <= params.max_df}
    candidates: set[str] = set()
    for k in wanted:
        if k not in over:
            candidates |= stored.get(k, set())
    recheck: set[str] = set()
    for k in newly_over:
        recheck |= stored.get(k, set())
    # every fingerprint any compared article carries that is over the bound in the whole corpus
    banned_keys = set(over)
    if recheck:
        # the stored articles compared again bring their own fingerprints: those over the bound must be known
        theirs = {k for t in texts(recheck).values() for k in article_keys(t, params) if k.startswith("f:")}
        extra = sorted(theirs - set(wanted))
        counts = holders(extra)
        banned_keys |= {k for k in extra if len(counts.get(k, ())) > params.max_df}
    ids = sorted(set(new_keys) | candidates | recheck)
    text_of = texts(ids)
    found = find_copies(
        {i: text_of[i] for i in ids}, shingle_size=params.shingle_size, num_perm=params.num_perm,
        near_threshold=params.near_threshold, passage_min_chars=params.passage_min_chars, max_df=params.max_df,
        banned=_banned(banned_keys),
    )
    keep = [c for c in found if c.a in new_keys or c.b in new_keys or (c.a in recheck and c.b in recheck)]
    return keep, recheck
