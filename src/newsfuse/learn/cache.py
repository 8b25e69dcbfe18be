"""Encode through a cache: each distinct text is encoded once per model, ever.

The key of a text is :func:`newsfuse.learn.encoder.text_key` (sha1 of the model id and the
whitespace-normalised text), so a sentence copied across outlets, or met again in a later build,
is looked up, not encoded. Like the sentence-parse cache, this computes and returns what is new;
the caller writes it (``Store.save_vectors``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .encoder import text_key

__all__ = ["CachedEncoding", "PendingVectors", "encode_with_cache"]


@dataclass(slots=True)
class CachedEncoding:
    vectors: np.ndarray  # (n, dim) float32, one row per input text
    new: dict[str, bytes] = field(default_factory=dict)  # key -> float32 bytes of a newly encoded text
    hits: int = 0  # distinct texts found in the cache
    encoded: int = 0  # distinct texts run through the encoder


def encode_with_cache(encoder, texts: Sequence[str],
                      lookup: Callable[[Sequence[str]], Mapping[str, bytes]]) -> CachedEncoding:
    """Vectors of ``texts``; only texts whose key ``lookup(keys)`` does not know are encoded (each once)."""
    keys = [text_key(t, encoder.model_id) for t in texts]
    distinct: dict[str, str] = {}
    for k, t in zip(keys, texts):
        distinct.setdefault(k, t)
    cached = {k: np.frombuffer(v, dtype="<f4") for k, v in lookup(list(distinct)).items()}
    cached = {k: v for k, v in cached.items() if v.shape == (encoder.dim,)}
    todo = [k for k in distinct if k not in cached]
    result = CachedEncoding(np.zeros((len(texts), encoder.dim), dtype=np.float32),
                            hits=len(distinct) - len(todo), encoded=len(todo))
    if todo:
        fresh = encoder.encode([distinct[k] for k in todo])
        for k, v in zip(todo, fresh):
            cached[k] = v
            result.new[k] = np.asarray(v, dtype="<f4").tobytes()
    for i, k in enumerate(keys):
        result.vectors[i] = cached[k]
    return result


class PendingVectors:
    """The encodings a worker process made, seen by the worker's own cache before its parent has stored them.

    A worker reads the store but never writes it: it hands its new encodings back (:meth:`take`) and the
    parent saves them. Until then the store cannot answer for them, so a text met twice by one worker (a
    sentence the event-type head and the sense head both read, a copy later in the same batch or in its
    next one, a trigger's window of words that two reports share) would be encoded twice. :meth:`save`
    and :meth:`find` stand for the store's ``save_vectors`` and ``cached_vectors``: ``find`` answers
    from what this worker made first (its last ``keep`` encodings: 384 floats each, about 1.5 kB), then
    from ``lookup``.
    """

    def __init__(self, lookup: Callable[[Sequence[str]], Mapping[str, bytes]] | None = None,
                 keep: int = 20_000) -> None:
        self.lookup = lookup or (lambda keys: {})
        self.keep = keep
        self._new: list[tuple[str, list[tuple[str, bytes]]]] = []
        self._known: dict[str, bytes] = {}

    def save(self, model_id: str, items) -> None:
        items = list(items)
        self._new.append((model_id, items))
        self._known.update(items)

    def find(self, keys: Sequence[str]) -> dict[str, bytes]:
        found = {k: self._known[k] for k in keys if k in self._known}
        rest = [k for k in keys if k not in found]
        if rest:
            found.update(self.lookup(rest))
        return found

    def take(self) -> list[tuple[str, list[tuple[str, bytes]]]]:
        """The encodings made since the last call, ``[(model id, [(key, float32 bytes)])]``, for the parent to
        store; this worker keeps finding its last ``keep`` encodings (a parent stores what it is handed in
        order, maybe after this worker's next task has started)."""
        new, self._new = self._new, []
        for key in list(itertools.islice(self._known, max(0, len(self._known) - self.keep))):
            del self._known[key]
        return new

    def forget(self) -> None:
        """Forget everything (a worker that serves another store next)."""
        self._new, self._known = [], {}
