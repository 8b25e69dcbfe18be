"""What every benchmark shares: the repository's paths, the current commit, and recording a result.

Bench scripts drop their own folder from the front of ``sys.path`` (``bench/types.py`` would
shadow the standard library's ``types``) and append it at the end, then ``import benchlib``::

    import sys
    if sys.path and sys.path[0].rstrip("/").endswith("bench"):
        sys.path.append(sys.path.pop(0))
    import benchlib
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = ["ROOT", "SHARED", "DATASETS", "EVAL", "RESULTS", "git_commit", "record_result"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"
EVAL = SHARED / "eval"
RESULTS = ROOT / "bench" / "results"


def git_commit() -> str:
    """The short hash of HEAD, or 'unknown' outside a git checkout."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out or "unknown"


def record_result(name: str, result: dict[str, Any]) -> Path:
    """Append one JSON line to ``bench/results/<name>.jsonl``, with the date and commit filled in."""
    line = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": git_commit(), **result}
    path = RESULTS / f"{name}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def run_child(code: str, *args: str) -> dict[str, Any]:
    """Run ``python -c code args`` in its own process (its peak memory its own) and return the JSON
    object it prints last; exit with its error output when it fails."""
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])
