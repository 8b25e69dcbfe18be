"""Text reuse: exact duplicates, near duplicates and shared passages.

* Exact duplicates: equal normalised body text.
* Near duplicates: MinHash over word shingles with LSH (datasketch), confirmed by
  the estimated Jaccard similarity.
* Shared passages: word n-grams (default 8 words) hashed into an inverted index;
  the matches of a pair of articles are chained along diagonals into aligned
  passages with character offsets in both texts. Tokens ignore whitespace and
  punctuation, so rewrapped, re-punctuated or trimmed copies still align, and
  reordered paragraphs give separate passages.

Quoted speech is not evidence of copying: two outlets quoting the same sentence
of a minister have not copied each other. Passages are kept only when enough of
their words lie outside quotation marks.

Copy groups join articles linked by any reuse; they are what "independent
sources" counts once.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

__all__ = ["Passage", "Copy", "Tokens", "tokenize", "quoted_spans", "find_copies", "copy_groups"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_OPEN = "“\"«„"
_PAIRS = {"“": "”", "\"": "\"", "«": "»", "„": "“"}


@dataclass(frozen=True, slots=True)
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


@dataclass(frozen=True, slots=True)
class Copy:
    a: str
    b: str
    kind: str  # duplicate | near_duplicate | shared_passages
    overlap: float  # share of the shorter article's text that the two have in common
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True, slots=True)
class Tokens:
    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    quoted: tuple[bool, ...]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, paragraph by paragraph (unclosed quotes run to the paragraph end)."""
    spans = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        s, chunk = para.start(), para.group()
        i = 0
        while i < len(chunk):
            ch = chunk[i]
            if ch in _OPEN:
                close = _PAIRS[ch]
                j = chunk.find(close, i + 1)
                if ch == "“" and j < 0:
                    j = chunk.find("\"", i + 1)
                end = j if j >= 0 else len(chunk)
                spans.append((s + i + 1, s + end))
                i = end + 1
            else:
                i += 1
    return spans


def tokenize(text: str) -> Tokens:
    words, starts, ends, quoted = [], [], [], []
    spans = quoted_spans(text)
    k = 0
    for m in _WORD.finditer(text):
        st = m.start()
        while k < len(spans) and spans[k][1] <= st:
            k += 1
        words.append(m.group().lower().replace("’", "'"))
        starts.append(st)
        ends.append(m.end())
        quoted.append(k < len(spans) and spans[k][0] <= st < spans[k][1])
    return Tokens(tuple(words), tuple(starts), tuple(ends), tuple(quoted))


def _shingle_hashes(words: Sequence[str], k: int) -> list[int]:
    return [zlib.crc32(" ".join(words[i : i + k]).encode("utf-8")) for i in range(len(words) - k + 1)]


def _minhash(words: Sequence[str], k: int, num_perm: int) -> MinHash:
    mh = MinHash(num_perm=num_perm, seed=1)
    shingles = {" ".join(words[i : i + k]).encode("utf-8") for i in range(max(1, len(words) - k + 1))}
    mh.update_batch(list(shingles))
    return mh


def _align(pairs: list[tuple[int, int]], k: int, gap: int) -> list[tuple[int, int, int, int]]:
    """Chain matching shingle positions (pa, pb) into runs of tokens [a0, a1) x [b0, b1)."""
    by_diag: dict[int, list[int]] = defaultdict(list)
    for pa, pb in pairs:
        by_diag[pb - pa].append(pa)
    runs = []
    for diag, positions in by_diag.items():
        positions.sort()
        start = prev = positions[0]
        for p in positions[1:]:
            if p - prev > 1:
                runs.append((start, prev + k, start + diag, prev + k + diag))
                start = p
            prev = p
        runs.append((start, prev + k, start + diag, prev + k + diag))
    runs.sort()
    merged: list[list[int]] = []
    for a0, a1, b0, b1 in runs:
        if merged:
            m = merged[-1]
            if a0 - m[1] <= gap and 0 <= b0 - m[3] <= gap + 2 or (a0 < m[1] and m[2] <= b0 < m[3] + gap):
                m[1], m[3] = max(m[1], a1), max(m[3], b1)
                continue
        merged.append([a0, a1, b0, b1])
    return [tuple(m) for m in merged]  # type: ignore[misc]


def _passages(ta: Tokens, tb: Tokens, pairs: list[tuple[int, int]], k: int, min_chars: int,
              min_unquoted: int) -> list[Passage]:
    out = []
    for a0, a1, b0, b1 in _align(pairs, k, gap=k // 2 + 1):
        a1, b1 = min(a1, len(ta.words)), min(b1, len(tb.words))
        unquoted = sum(1 for i in range(a0, a1) if not ta.quoted[i])
        unquoted_b = sum(1 for i in range(b0, b1) if not tb.quoted[i])
        if min(unquoted, unquoted_b) < min_unquoted:
            continue
        p = Passage(ta.starts[a0], ta.ends[a1 - 1], tb.starts[b0], tb.ends[b1 - 1], a1 - a0)
        if p.a_end - p.a_start >= min_chars:
            out.append(p)
    return out


def find_copies(
    texts: Mapping[str, str],
    *,
    shingle_size: int = 5,
    passage_k: int = 8,
    num_perm: int = 128,
    near_threshold: float = 0.8,
    passage_min_chars: int = 60,
    passage_min_unquoted: int = 8,
    max_df: int = 50,
) -> list[Copy]:
    """All reuse between the given articles (id -> cleaned text), one :class:`Copy` per linked pair."""
    ids = sorted(texts)
    toks = {i: tokenize(texts[i]) for i in ids}
    norm = {i: " ".join(toks[i].words) for i in ids}
    copies: dict[tuple[str, str], Copy] = {}

    # exact duplicates
    by_text: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        by_text[norm[i]].append(i)
    for group in by_text.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                copies[(group[x], group[y])] = Copy(group[x], group[y], "duplicate", 1.0)

    # near duplicates (MinHash LSH)
    lsh = MinHashLSH(threshold=near_threshold, num_perm=num_perm)
    hashes = {}
    for i in ids:
        if len(toks[i].words) < shingle_size:
            continue
        hashes[i] = _minhash(toks[i].words, shingle_size, num_perm)
        lsh.insert(i, hashes[i])
    for i in hashes:
        for j in lsh.query(hashes[i]):
            a, b = min(i, j), max(i, j)
            if a == b or (a, b) in copies:
                continue
            jac = hashes[a].jaccard(hashes[b])
            if jac >= near_threshold:
                copies[(a, b)] = Copy(a, b, "near_duplicate", round(jac, 4))

    # shared passages (inverted index of word n-grams)
    index: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for i in ids:
        for pos, h in enumerate(_shingle_hashes(toks[i].words, passage_k)):
            index[h].append((i, pos))
    pair_matches: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for postings in index.values():
        docs = {d for d, _ in postings}
        if len(docs) < 2 or len(docs) > max_df:
            continue
        for x in range(len(postings)):
            for y in range(x + 1, len(postings)):
                (da, pa), (db, pb) = postings[x], postings[y]
                if da == db:
                    continue
                if da < db:
                    pair_matches[(da, db)].append((pa, pb))
                else:
                    pair_matches[(db, da)].append((pb, pa))
    for (a, b), pairs in pair_matches.items():
        passages = _passages(toks[a], toks[b], pairs, passage_k, passage_min_chars, passage_min_unquoted)
        if not passages:
            continue
        shorter = min(len(texts[a]), len(texts[b])) or 1
        covered_a = sum(p.a_end - p.a_start for p in passages)
        covered_b = sum(p.b_end - p.b_start for p in passages)
        overlap = min(1.0, max(covered_a, covered_b) / shorter)
        existing = copies.get((a, b))
        kind = existing.kind if existing else "shared_passages"
        overlap = existing.overlap if existing else round(overlap, 4)
        copies[(a, b)] = Copy(a, b, kind, overlap, tuple(passages))
    return [copies[k] for k in sorted(copies)]


def copy_groups(ids: Sequence[str], copies: Sequence[Copy]) -> dict[str, str]:
    """Map every article to its copy group (union-find over reuse links); the group id is its first member."""
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in copies:
        if c.a in parent and c.b in parent:
            ra, rb = find(c.a), find(c.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in ids}
