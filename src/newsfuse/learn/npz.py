"""Reading a head's weights: one ``.npz`` shipped in the package, or one a user trained, with its format checked."""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["read_head", "shipped_digest", "write_head"]


def read_head(shipped: str, path: str | Path | None, fmt: int) -> dict[str, np.ndarray]:
    """The arrays of the head at ``path``, or of the package's ``shipped`` file; ValueError when its
    ``format`` is not ``fmt`` (a head written by another version of newsfuse)."""
    if path is None:
        with resources.files(__package__).joinpath(shipped).open("rb") as fh:
            data = dict(np.load(fh, allow_pickle=False))
    else:
        with np.load(path, allow_pickle=False) as npz:
            data = dict(npz)
    if int(data["format"]) != fmt:
        raise ValueError(f"format {int(data['format'])}, expected {fmt}")
    return data


@functools.lru_cache(maxsize=None)
def shipped_digest(shipped: str) -> str:
    """The first 12 hex digits of the sha256 of the package's ``shipped`` head file: what names a head in
    the stored extractor versions, so that a retrained head (same file name) re-extracts what it decides."""
    return hashlib.sha256(resources.files(__package__).joinpath(shipped).read_bytes()).hexdigest()[:12]


def write_head(out: Path, stem: str, save, head, facts: dict, card: str) -> None:
    """A trained head as shipped: ``stem.npz`` (written by ``save(head, path)``), its facts as
    ``stem.card.json`` and its model card ``stem.card.md``."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    save(head, out / f"{stem}.npz")
    (out / f"{stem}.card.json").write_text(json.dumps(facts, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / f"{stem}.card.md").write_text(card, encoding="utf-8")
