"""Text side of reuse detection: words, quoted spans, n-gram hashes, winnowed fingerprints.

Everything here is a pure function of one text. Words are lower-cased runs of
letters and digits (an inner apostrophe kept), so whitespace, line wrapping and
punctuation never matter. Word hashes are CRC-32 values (stable across runs and
processes); n-gram hashes are polynomial rolling hashes over them computed with
numpy; fingerprints are the n-gram hashes chosen by winnowing (Schleimer, Wilkerson
and Aiken, SIGMOD 2003): the minimum of every window of ``w`` consecutive hashes,
which guarantees that any shared run of ``w + k - 1`` words yields a shared
fingerprint.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Tokens",
    "WordHasher",
    "quoted_spans",
    "tokenize",
    "ngram_hashes",
    "winnow",
    "fingerprints",
    "quoted_mask",
]

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
_OPEN = re.compile(r"[“\"«„]")
_PAIRS = {"“": "”", "\"": "\"", "«": "»", "„": "“"}
_MULT = np.uint64(0x100000001B3)  # FNV-64 prime: odd, so the rolling hash mixes every word
_EMPTY_U64 = np.zeros(0, dtype=np.uint64)


class WordHasher(dict):
    """word -> CRC-32, computed once per distinct word (one per call of the detector, never global)."""

    def __missing__(self, word: str) -> int:
        value = zlib.crc32(word.encode("utf-8")) + 1  # never 0
        self[word] = value
        return value


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a text with their character offsets and whether each lies inside quotation marks."""

    hashes: np.ndarray  # uint64 word hashes
    starts: np.ndarray  # int64 character offsets
    ends: np.ndarray
    quoted: np.ndarray  # bool
    words: tuple[str, ...] = ()  # the lower-cased words themselves

    def __len__(self) -> int:
        return len(self.hashes)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, paragraph by paragraph (unclosed quotes run to the paragraph end)."""
    spans = []
    for para in _PARAGRAPH.finditer(text):
        s, chunk = para.start(), para.group()
        i = 0
        while True:
            m = _OPEN.search(chunk, i)
            if m is None:
                break
            ch, i = m.group(), m.start()
            j = chunk.find(_PAIRS[ch], i + 1)
            if ch == "“" and j < 0:
                j = chunk.find("\"", i + 1)
            end = j if j >= 0 else len(chunk)
            spans.append((s + i + 1, s + end))
            i = end + 1
    return spans


def quoted_mask(starts: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """For each offset in ``starts`` (sorted), whether it lies inside one of the (sorted, disjoint) ``spans``."""
    if not spans or len(starts) == 0:
        return np.zeros(len(starts), dtype=bool)
    bounds = np.asarray(spans, dtype=np.int64)
    k = np.searchsorted(bounds[:, 0], starts, side="right") - 1
    ok = k >= 0
    inside = np.zeros(len(starts), dtype=bool)
    inside[ok] = starts[ok] < bounds[k[ok], 1]
    return inside


def tokenize(text: str, hasher: WordHasher | None = None, keep_words: bool = True) -> Tokens:
    """Words of ``text`` with offsets and quotation flags (``keep_words=False`` leaves ``words`` empty)."""
    hasher = WordHasher() if hasher is None else hasher
    hashes, starts, ends, words = [], [], [], []
    for m in WORD.finditer(text.lower()):
        word = m.group().replace("’", "'")
        words.append(word)
        hashes.append(hasher[word])
        starts.append(m.start())
        ends.append(m.end())
    st = np.asarray(starts, dtype=np.int64)
    return Tokens(
        np.asarray(hashes, dtype=np.uint64), st, np.asarray(ends, dtype=np.int64),
        quoted_mask(st, quoted_spans(text)), tuple(words) if keep_words else (),
    )


def word_hashes(text: str, hasher: WordHasher) -> np.ndarray:
    """Word hashes of a text, without offsets (the fast path for fingerprints)."""
    words = WORD.findall(text.lower())
    return np.fromiter((hasher[w.replace("’", "'")] for w in words), dtype=np.uint64, count=len(words))


def ngram_hashes(hashes: np.ndarray, k: int) -> np.ndarray:
    """Rolling hash of every run of ``k`` consecutive words (``len - k + 1`` values, uint64)."""
    n = len(hashes) - k + 1
    if n <= 0:
        return _EMPTY_U64
    out = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            out = out * _MULT + hashes[j : j + n]
        out ^= out >> np.uint64(29)
        out *= np.uint64(0xBF58476D1CE4E5B9)
        out ^= out >> np.uint64(32)
    return out


def winnow(grams: np.ndarray, window: int) -> np.ndarray:
    """The distinct window minima of ``grams`` (all of them when fewer than ``window``)."""
    if len(grams) == 0:
        return _EMPTY_U64
    if len(grams) <= window:
        return np.unique(grams)
    view = np.lib.stride_tricks.sliding_window_view(grams, window)
    return np.unique(view.min(axis=1))


def fingerprints(text: str, hasher: WordHasher, k: int, window: int) -> np.ndarray:
    """Winnowed ``k``-word fingerprints of the text outside quotation marks (quoted speech is not copying)."""
    spans = quoted_spans(text)
    pieces: list[np.ndarray] = []
    last = 0
    for s, e in [*spans, (len(text), len(text))]:
        segment = text[last : max(last, s - 1)]
        last = e + 1
        grams = ngram_hashes(word_hashes(segment, hasher), k)
        if len(grams):
            pieces.append(winnow(grams, window))
    if not pieces:
        return _EMPTY_U64
    return np.unique(np.concatenate(pieces)) if len(pieces) > 1 else pieces[0]


def shingles32(hashes: np.ndarray, k: int) -> Iterable[int]:
    """Distinct ``k``-word shingle hashes folded to 32 bits (the input datasketch's affine32 MinHash takes)."""
    grams = ngram_hashes(hashes, min(k, max(1, len(hashes))))
    return np.unique((grams >> np.uint64(32)).astype(np.uint32)).tolist()
