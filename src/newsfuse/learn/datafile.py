"""The word-list-like data files of the learned layer (``learn/data/*.tsv``): where a shipped one lies and its
data lines (a blank line or one starting with ``#`` is not data)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

__all__ = ["data_lines", "shipped_path"]


def shipped_path(name: str) -> Path:
    """The path of a file shipped in this package (``name`` relative to ``newsfuse/learn``)."""
    return Path(str(resources.files(__package__).joinpath(name)))


def data_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """(line number from 1, line) of each data line of a UTF-8 text file: blank and ``#`` lines are skipped."""
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield n, line
