"""Text reuse: exact duplicates, near duplicates and shared passages, at corpus scale.

* Exact duplicates: equal word sequences (case, whitespace and punctuation ignored).
* Near duplicates: MinHash over word 5-shingles with LSH (datasketch), confirmed by
  the estimated Jaccard similarity.
* Shared passages: every text outside quotation marks is reduced to winnowed word
  8-gram fingerprints (:mod:`.reuse_text`); an inverted index over them (numpy sort)
  gives the candidate pairs, bounded by dropping fingerprints found in more than
  ``max_df`` articles (boilerplate, stock phrases). Each candidate pair is then
  aligned word by word (:mod:`.reuse_align`) into passages with character offsets in
  both texts. Rewrapped, re-punctuated, trimmed or lightly edited copies still align;
  reordered paragraphs give separate passages.

Quoted speech is not evidence of copying: two outlets quoting the same sentence of a
minister have not copied each other. Fingerprints are taken outside quotation marks
only, and a passage is kept only when enough of its words lie outside them.

Each linked pair names its likely ``origin`` (earliest date, then the more complete,
longer text). Copy groups join articles linked by any reuse; they are what
"independent sources" counts once.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from .disjoint import DisjointSet
from .reuse_align import align
from .reuse_text import Tokens, WordHasher, fingerprints, quoted_spans, shingles32, tokenize, word_hashes

__all__ = [
    "Passage",
    "Copy",
    "Tokens",
    "tokenize",
    "quoted_spans",
    "find_copies",
    "copy_groups",
    "group_origins",
    "origin_of",
    "sketch",
    "lsh_bands",
    "PASSAGE_K",
    "WINDOW",
    "MAX_DF",
]

#: word n-gram length and winnowing window of passage fingerprints; fingerprints in more than
#: MAX_DF articles are stock phrases and give no candidate pair
PASSAGE_K, WINDOW, MAX_DF = 8, 4, 200


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of text two articles share: character spans in ``a`` and in ``b``, and its length in words."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


@dataclass(frozen=True, slots=True)
class Copy:
    """Reuse between two articles (``a < b``)."""

    a: str
    b: str
    kind: str  # duplicate | near_duplicate | shared_passages
    overlap: float  # duplicates: 1; near duplicates: estimated Jaccard; else share of the shorter text shared
    passages: tuple[Passage, ...] = ()
    origin: str = ""  # the article most likely copied from (earliest date, then most complete text)


def _identity(value: int) -> int:
    return value


def origin_of(a: str, b: str, texts: Mapping[str, str], dates: Mapping[str, str | None] | None = None) -> str:
    """The likelier origin of two linked articles: the earlier dated one, else the longer text, else ``a``."""
    da = (dates or {}).get(a)
    db = (dates or {}).get(b)
    if da and db and da[:10] != db[:10]:
        return a if da[:10] < db[:10] else b
    la, lb = len(texts.get(a, "")), len(texts.get(b, ""))
    return b if lb > la else a


def _pairs_from_index(fps: list[np.ndarray], max_df: int, min_shared: int,
                      banned: np.ndarray | None = None) -> np.ndarray:
    """Candidate pairs (rows ``[i, j]``, ``i < j``) sharing at least ``min_shared`` fingerprints.

    ``banned``: fingerprints known to be in more than ``max_df`` articles of a larger corpus than
    these (the incremental path compares new articles with a few stored ones only)."""
    n = len(fps)
    if banned is not None and len(banned):
        fps = [f[~np.isin(f, banned)] for f in fps]
    sizes = np.fromiter((len(f) for f in fps), dtype=np.int64, count=n)
    if sizes.sum() == 0:
        return np.zeros((0, 2), dtype=np.int64)
    values = np.concatenate(fps)
    docs = np.repeat(np.arange(n, dtype=np.int64), sizes)
    order = np.argsort(values, kind="stable")
    values, docs = values[order], docs[order]
    brk = np.ones(len(values), dtype=bool)
    brk[1:] = values[1:] != values[:-1]
    starts = np.nonzero(brk)[0]
    df = np.diff(np.append(starts, len(values)))
    codes: list[np.ndarray] = []
    two = starts[df == 2]
    if len(two):  # the common case, vectorised: docs are sorted within a group (stable sort)
        codes.append(docs[two] * n + docs[two + 1])
    for s, d in zip(starts[(df > 2) & (df <= max_df)].tolist(), df[(df > 2) & (df <= max_df)].tolist()):
        members = docs[s : s + d]
        i, j = np.triu_indices(d, 1)
        codes.append(members[i] * n + members[j])
    if not codes:
        return np.zeros((0, 2), dtype=np.int64)
    uniq, counts = np.unique(np.concatenate(codes), return_counts=True)
    uniq = uniq[counts >= min_shared]
    return np.stack([uniq // n, uniq % n], axis=1)


def sketch(wh: np.ndarray, k: int, num_perm: int) -> MinHash | None:
    """The MinHash of a text's word ``k``-shingles (``wh``: its word hashes); None when it is shorter than ``k``."""
    if len(wh) < k:
        return None
    template = _template(num_perm)
    mh = MinHash(num_perm=num_perm, hashfunc=_identity, permutations=template.permutations, scheme=template.scheme)
    mh.update_batch(shingles32(wh, k))
    return mh


@lru_cache(maxsize=4)
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)


@lru_cache(maxsize=16)
def lsh_bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index for ``threshold``: two sketches are candidates when one
    band of them is equal (the incremental path stores these bands as keys)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def _near_duplicates(hashes: list[np.ndarray], k: int, num_perm: int, threshold: float) -> dict[tuple[int, int], float]:
    """Pairs whose MinHash-estimated Jaccard similarity of word ``k``-shingles reaches ``threshold``."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches: dict[int, MinHash] = {}
    with lsh.insertion_session() as session:
        for i, wh in enumerate(hashes):
            mh = sketch(wh, k, num_perm)
            if mh is None:
                continue
            sketches[i] = mh
            session.insert(i, mh)
    found = {}
    for i, mh in sketches.items():
        for j in lsh.query(mh):
            if j <= i:
                continue
            jac = mh.jaccard(sketches[j])
            if jac >= threshold:
                found[(i, j)] = jac
    return found


def find_copies(
    texts: Mapping[str, str],
    *,
    dates: Mapping[str, str | None] | None = None,
    shingle_size: int = 5,
    passage_k: int = PASSAGE_K,
    window: int = WINDOW,
    num_perm: int = 128,
    near_threshold: float = 0.8,
    passage_min_chars: int = 60,
    passage_min_unquoted: int = 8,
    max_df: int = MAX_DF,
    min_shared: int = 1,
    banned: np.ndarray | None = None,
) -> list[Copy]:
    """All reuse between the given articles (id -> cleaned text), one :class:`Copy` per linked pair.

    ``dates`` (id -> ISO date or None) decides which article of a pair is the origin. Whether two
    articles are linked, and how, depends on those two texts only (and on ``banned``, the passage
    fingerprints of more than ``max_df`` articles of the whole corpus), so pairs can be found
    incrementally (:mod:`.reuse_index`).
    """
    ids = sorted(texts)
    n = len(ids)
    hasher = WordHasher()
    words = [word_hashes(texts[i], hasher) for i in ids]

    kinds: dict[tuple[int, int], tuple[str, float]] = {}
    by_key: dict[bytes, list[int]] = defaultdict(list)
    for x, wh in enumerate(words):
        if len(wh):
            by_key[hashlib.blake2b(wh.tobytes(), digest_size=16).digest()].append(x)
    for group in by_key.values():
        links = [(group[0], y) for y in group[1:]] if len(group) > max_df else \
            [(group[p], group[q]) for p in range(len(group)) for q in range(p + 1, len(group))]
        for pair in links:
            kinds[pair] = ("duplicate", 1.0)
    for pair, jac in _near_duplicates(words, shingle_size, num_perm, near_threshold).items():
        kinds.setdefault(pair, ("near_duplicate", round(jac, 4)))
    del words

    fps = [fingerprints(texts[i], hasher, passage_k, window) for i in ids]
    candidates = {(int(a), int(b)) for a, b in _pairs_from_index(fps, max_df, min_shared, banned)} if n > 1 else set()
    del fps
    candidates |= set(kinds)

    tokens: dict[int, Tokens] = {}

    def toks(x: int) -> Tokens:
        if x not in tokens:
            if len(tokens) >= 20_000:  # bound memory: pairs come sorted by their first article
                tokens.clear()
            tokens[x] = tokenize(texts[ids[x]], hasher, keep_words=False)
        return tokens[x]

    out = []
    for x, y in sorted(candidates):
        passages = _passages(toks(x), toks(y), passage_k, passage_min_chars, passage_min_unquoted)
        a, b = ids[x], ids[y]
        if (x, y) in kinds:
            kind, overlap = kinds[(x, y)]
        elif passages:
            shorter = min(len(texts[a]), len(texts[b])) or 1
            covered = max(sum(p.a_end - p.a_start for p in passages), sum(p.b_end - p.b_start for p in passages))
            kind, overlap = "shared_passages", round(min(1.0, covered / shorter), 4)
        else:
            continue
        out.append(Copy(a, b, kind, overlap, tuple(passages), origin_of(a, b, texts, dates)))
    return out


def _passages(ta: Tokens, tb: Tokens, k: int, min_chars: int, min_unquoted: int) -> list[Passage]:
    out = []
    for a0, a1, b0, b1 in align(ta, tb, k):
        if a1 <= a0 or b1 <= b0:
            continue
        unquoted = int((~ta.quoted[a0:a1]).sum())
        unquoted_b = int((~tb.quoted[b0:b1]).sum())
        if min(unquoted, unquoted_b) < min_unquoted:
            continue
        p = Passage(int(ta.starts[a0]), int(ta.ends[a1 - 1]), int(tb.starts[b0]), int(tb.ends[b1 - 1]), a1 - a0)
        if p.a_end - p.a_start >= min_chars:
            out.append(p)
    return out


def copy_groups(ids: Sequence[str], copies: Sequence[Copy]) -> dict[str, str]:
    """Map every article to its copy group (union-find over reuse links); the group id is its first member."""
    sets = DisjointSet(ids)
    for c in copies:
        if c.a in sets and c.b in sets:
            ra, rb = sets.find(c.a), sets.find(c.b)
            sets.link(max(ra, rb), min(ra, rb))
    return {i: sets.find(i) for i in ids}


def group_origins(groups: Mapping[str, str], texts: Mapping[str, str],
                  dates: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """For every copy group of two or more articles, its likely origin: earliest date, then longest text."""
    members: dict[str, list[str]] = defaultdict(list)
    for article, group in groups.items():
        members[group].append(article)
    out = {}
    for group, arts in members.items():
        if len(arts) < 2:
            continue
        dated = [(dates or {}).get(a) or "" for a in arts]
        def rank(i: int) -> tuple[int, str, int, str]:
            d = dated[i][:10]
            return (0 if d else 1, d, -len(texts.get(arts[i], "")), arts[i])
        out[group] = arts[min(range(len(arts)), key=rank)]
    return out
