"""CASE 2021 Task 2 snippets (event types) as training data, and the fixed fit/check split.

The development file (``case2021_task2_dev.tsv``: ``id``, ``EventSnippet``, ``SubType``) is the
only labelled part at hand. It is cut once, by a rule on the id alone, into a **fit** part (about
two thirds), on which every model setting is chosen by cross-validation, and a **check** part
(about one third), read only to report the final figure. The rule: a snippet is in check when the
sha1 of ``"case2021/<id>"``, read as a number, is divisible by 3. The check ids are also committed
in ``bench/splits/case2021_check.txt``.

CASE 2021 carries no redistribution licence ("research use"): its text is never copied into
newsfuse; this module reads it from where the user keeps it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Snippet", "read_tsv", "in_check", "split_fit_check", "find_tsv"]


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    label: str  # "" when the file has no SubType column


def read_tsv(path: Path, labelled: bool = True) -> list[Snippet]:
    """The snippets of a CASE 2021 Task 2 TSV, columns found by header name."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    if "id" not in header or "EventSnippet" not in header:
        raise ValueError(f"{path}: header must name the columns id and EventSnippet, got {header}")
    i_id, i_text = header.index("id"), header.index("EventSnippet")
    i_lab = header.index("SubType") if labelled and "SubType" in header else None
    rows = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cols = line.split("\t")
        text = cols[i_text].strip().strip('"').replace('""', '"')
        rows.append(Snippet(cols[i_id], text, cols[i_lab].strip() if i_lab is not None else ""))
    return rows


def in_check(snippet_id: str) -> bool:
    """The fixed rule: is this snippet in the check part?"""
    return int(hashlib.sha1(f"case2021/{snippet_id}".encode("utf-8")).hexdigest(), 16) % 3 == 0


def split_fit_check(rows: list[Snippet]) -> tuple[list[Snippet], list[Snippet]]:
    """(fit, check), each in file order."""
    return [r for r in rows if not in_check(r.id)], [r for r in rows if in_check(r.id)]


def find_tsv(data: Path) -> Path:
    """The dev TSV in ``data`` (a file, or a folder holding ``case2021_task2_dev.tsv``)."""
    data = Path(data)
    if data.is_dir():
        data = data / "case2021_task2_dev.tsv"
    if not data.is_file():
        raise FileNotFoundError(f"{data} not found (expected the CASE 2021 Task 2 dev TSV)")
    return data
