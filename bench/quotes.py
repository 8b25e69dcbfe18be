"""Benchmark the quote stage on PolNeAR (attribution of quotes and reported speech).

    python bench/quotes.py --data ../shared/datasets/polnear/dev --pred /tmp/quotes_pred.jsonl

Runs ``extract_quotes`` on every text of the split (``nlp.pipe`` over the texts),
writes predictions in the format of the official scorer
(shared/eval/score_quotes.py), runs that scorer, prints its figures and the time
spent in ``extract_quotes`` against the time of ``nlp.pipe``, and appends one
JSON line to bench/results/quotes.jsonl.
"""

from __future__ import annotations

import sys

# bench/ holds scripts named like standard modules (types.py): keep it off the import path.
if sys.path and sys.path[0] and __file__.startswith(sys.path[0]):
    sys.path.pop(0)

import argparse
import datetime as dt
import json
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "polnear" / "dev"
SCORER = ROOT.parent / "shared" / "eval" / "score_quotes.py"
RESULTS = ROOT / "bench" / "results" / "quotes.jsonl"


def _merge_continued(quotes: list) -> list[dict]:
    """One prediction per statement: quotations continued under the same cue become fragments."""
    out: list[dict] = []
    last_key = None
    for q in sorted(quotes, key=lambda q: q.start):
        key = (q.cue_start, q.speaker_start) if q.direct and q.cue_start is not None else None
        if key is not None and key == last_key and out:
            out[-1]["content"].append([q.start, q.end])
            continue
        out.append({
            "content": [[q.start, q.end]],
            "speaker": [q.speaker_start, q.speaker_end] if q.speaker_start is not None else None,
            "cue": [q.cue_start, q.cue_end] if q.cue_start is not None else None,
        })
        last_key = key
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="PolNeAR split folder (text/ + attributions/)")
    ap.add_argument("--pred", required=True, help="where to write the predictions (JSONL)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (0 = all)")
    args = ap.parse_args(argv)

    data = Path(args.data)
    if not (data / "text").is_dir():
        print(f"PolNeAR data not found at {data} (expected text/ and attributions/ there); "
              f"pass --data DIR.", file=sys.stderr)
        return 2
    if not SCORER.exists():
        print(f"Official scorer not found at {SCORER}.", file=sys.stderr)
        return 2

    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.annotate.quotes import extract_quotes

    paths = sorted((data / "text").glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = load_nlp()

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    t_nlp = time.perf_counter() - t0

    t_quotes = 0.0
    n_quotes = 0
    pred_path = Path(args.pred)
    pred_path.parent.mkdir(parents=True, exist_ok=True)
    with pred_path.open("w", encoding="utf-8") as fh:
        for path, doc in zip(paths, docs):
            t1 = time.perf_counter()
            quotes = extract_quotes(doc, path.stem)
            t_quotes += time.perf_counter() - t1
            n_quotes += len(quotes)
            fh.write(json.dumps({"doc_id": path.stem, "quotes": _merge_continued(quotes)}) + "\n")

    cmd = [sys.executable, str(SCORER), "--gold", str(data.resolve()), "--pred", str(pred_path.resolve())]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=SCORER.parent)
    print(proc.stdout, end="")
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    share = t_quotes / t_nlp if t_nlp else 0.0
    print(f"time: nlp.pipe {t_nlp:.2f} s, extract_quotes {t_quotes:.2f} s "
          f"({100 * share:.1f}% of nlp.pipe; issue budget 15%), {n_quotes} quote mentions")

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    record = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": commit,
        "command": " ".join(["python", "bench/quotes.py", *(argv if argv is not None else sys.argv[1:])]),
        "data": str(data),
        "figures": figures,
        "time_nlp_s": round(t_nlp, 3),
        "time_quotes_s": round(t_quotes, 3),
        "quotes_share_of_nlp": round(share, 4),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
