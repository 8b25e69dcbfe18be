"""The violent-sense head: does this word, in this sentence, tell of violence? (numpy only)

"heart attack", a labour "strike", "strike jurors", "shooting guard", "shot to fame", "clashed
with Summit Entertainment", "fired the coach": the words of violence have other senses, and a
trigger table cannot tell them apart. This head reads the trigger in its context and gives the
probability that it is used in its violent sense.

A logistic regression over four blocks of features of one occurrence:

* the MiniLM vector of its sentence (:mod:`.encoder`, 384 numbers),
* the **contextual vector of the word itself**: MiniLM's last hidden states over the word's pieces,
  read in the whole sentence (:meth:`.encoder.Encoder.encode_spans`). This is what tells "attack"
  after "heart" from "attack" after "drone", and "strike" in a pay dispute from a drone strike,
  far better than the sentence's mean, which is about the story, not the word;
* the vector of its **window**, the word with the few words either side (:func:`window_span`):
  "suffered a heart attack nine days", "the shooting guard scored 20"; like the word's, the mean of
  the hidden states over the window's pieces in the same run of the whole sentence (format 3; format
  2 encoded the window as a text of its own, a second run of the encoder). A weight of 0 leaves it out;
* sparse features of the word and its neighbours (:func:`local_terms`: the word, the word with the
  word before / after, the two words either side), kept as CRC-32 hashes with their idf.

The weights ship in ``learn/data/event_sense.npz`` with a model card (``event_sense.card.md``);
``newsfuse train event-sense`` reproduces them from the labels in ``learn/data/event_sense_labels.tsv``
and the development corpora (:mod:`.sense_data`).
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import Errors, NewsfuseError
from .npz import read_head

__all__ = ["SenseHead", "window_span", "local_terms", "load_sense_head", "save_sense_head", "SHIPPED_SENSE_HEAD",
           "WINDOW_WORDS"]

SHIPPED_SENSE_HEAD = "data/event_sense.npz"
#: 3: the window's vector is a span of the sentence's run (2: the window encoded as its own text)
_FORMAT = 3
#: words either side of the trigger in its window
WINDOW_WORDS = 4
_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")


def _tokens_around(sentence: str, start: int, end: int) -> tuple[list[str], str, list[str]]:
    left = [t for t in _TOKEN.findall(sentence[:start])]
    right = [t for t in _TOKEN.findall(sentence[end:])]
    return left, sentence[start:end], right


def window_span(sentence: str, start: int, end: int, width: int = WINDOW_WORDS) -> tuple[int, int]:
    """The characters of the trigger ``sentence[start:end]`` with ``width`` tokens either side (fewer at the
    sentence's ends): the span whose vector is the window block."""
    left = [m.start() for m in _TOKEN.finditer(sentence[:start])][-width:]
    right = [m.end() for m in _TOKEN.finditer(sentence[end:])][:width]
    return (left[0] if left else start), (end + right[-1] if right else end)


def local_terms(sentence: str, start: int, end: int) -> list[str]:
    """Sparse features of the trigger's neighbourhood, lower-cased."""
    left, word, right = _tokens_around(sentence.lower(), start, end)
    l1 = left[-1] if left else "<s>"
    l2 = left[-2] if len(left) > 1 else "<s>"
    r1 = right[0] if right else "</s>"
    r2 = right[1] if len(right) > 1 else "</s>"
    out = [f"w={word}", f"l1={l1}", f"r1={r1}", f"l1w={l1} {word}", f"wr1={word} {r1}", f"l2={l2}", f"r2={r2}",
           f"l2l1w={l2} {l1} {word}", f"wr1r2={word} {r1} {r2}"]
    out += [f"lb={t}" for t in left[-6:]] + [f"rb={t}" for t in right[:6]]
    return out


def term_hashes(terms: Sequence[str]) -> Counter:
    return Counter(zlib.crc32(t.encode("utf-8")) for t in terms)


@dataclass(frozen=True, slots=True)
class SenseHead:
    term_hash: np.ndarray  # (T,) uint32, sorted
    idf: np.ndarray  # (T,) float32
    coef: np.ndarray  # (384 + 384 + 384 + T,) float32
    intercept: float
    w_sent: float  # weight of the sentence-vector block
    w_win: float  # weight of the window-vector block (0: the window is not read)
    w_tok: float  # weight of the block of the word's contextual vector
    threshold: float  # p >= threshold: the violent sense
    meta: dict

    def sparse(self, items: Sequence[tuple[str, int, int]]) -> np.ndarray:
        out = np.zeros((len(items), len(self.term_hash)), dtype=np.float32)
        for r, (sentence, start, end) in enumerate(items):
            counts = term_hashes(local_terms(sentence, start, end))
            hs = np.fromiter(counts.keys(), dtype=np.uint32, count=len(counts))
            pos = np.searchsorted(self.term_hash, hs)
            pos[pos >= len(self.term_hash)] = 0
            known = self.term_hash[pos] == hs
            out[r, pos[known]] = self.idf[pos[known]]
            norm = np.linalg.norm(out[r])
            if norm > 0:
                out[r] /= norm
        return out

    def features(self, sent_vecs: np.ndarray, win_vecs: np.ndarray | None, tok_vecs: np.ndarray,
                 items: Sequence[tuple[str, int, int]]) -> np.ndarray:
        sent_vecs = np.asarray(sent_vecs, np.float32)
        win = np.zeros_like(sent_vecs) if win_vecs is None or not self.w_win else np.asarray(win_vecs, np.float32)
        return np.hstack([sent_vecs * self.w_sent, win * self.w_win, np.asarray(tok_vecs, np.float32) * self.w_tok,
                          self.sparse(items)])

    def proba(self, sent_vecs: np.ndarray, win_vecs: np.ndarray | None, tok_vecs: np.ndarray,
              items: Sequence[tuple[str, int, int]]) -> np.ndarray:
        """P(violent sense) of each (sentence, start, end) occurrence (``win_vecs`` may be None when
        ``w_win`` is 0)."""
        if not len(items):
            return np.zeros(0, dtype=np.float32)
        z = self.features(sent_vecs, win_vecs, tok_vecs, items) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def save_sense_head(head: SenseHead, path: Path) -> None:
    """One compressed .npz, weights as float16."""
    np.savez_compressed(
        path, format=np.array(_FORMAT), term_hash=head.term_hash.astype(np.uint32), idf=head.idf.astype(np.float16),
        coef=head.coef.astype(np.float16),
        scalars=np.array([head.intercept, head.w_sent, head.w_win, head.w_tok, head.threshold], dtype=np.float32),
        meta=np.array(json.dumps(head.meta, sort_keys=True)))


def load_sense_head(path: str | Path | None = None) -> SenseHead:
    """The head at ``path``, or the one shipped with newsfuse (raises E260)."""
    try:
        data = read_head(SHIPPED_SENSE_HEAD, path, _FORMAT)
        s = data["scalars"].astype(float)
        return SenseHead(term_hash=data["term_hash"].astype(np.uint32), idf=data["idf"].astype(np.float32),
                         coef=data["coef"].astype(np.float32), intercept=float(s[0]), w_sent=float(s[1]),
                         w_win=float(s[2]), w_tok=float(s[3]), threshold=float(s[4]),
                         meta=json.loads(str(data["meta"])))
    except (OSError, KeyError, ValueError) as exc:
        raise NewsfuseError(Errors.E260, detail=str(path or SHIPPED_SENSE_HEAD), error=str(exc)) from exc
