"""Throughput: `newsfuse build` over the ECB+ articles beside bare spaCy `nlp.pipe` on the same texts.

    python bench/throughput.py [--data ../shared/datasets/ecbplus] [--limit N]

Each side runs in its own child process so that its peak memory (max RSS) is
its own. Prints articles per second for both, the ratio newsfuse / spaCy, the
time per build step, and appends a line to bench/results/throughput.jsonl.
"""

from __future__ import annotations

import sys

# bench/ holds a script named like a standard module (types.py): search it last.
if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse
import json
import tempfile
from pathlib import Path

import benchlib

DEFAULT_DATA = benchlib.DATASETS / "ecbplus"

NEWSFUSE_CHILD = r"""
import json, resource, sys, time
from newsfuse.pipeline import build
from newsfuse.settings import Settings
paths = json.load(open(sys.argv[1]))
t0 = time.perf_counter()
summary = build(paths, Settings(db=sys.argv[2]))
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "articles": summary.articles, "rejected": len(summary.rejected),
                  "steps": summary.seconds, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

SPACY_CHILD = r"""
import json, resource, sqlite3, sys, time
from newsfuse.annotate.nlp import load_nlp
texts = [r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT text FROM articles ORDER BY seq")]
t0 = time.perf_counter()
nlp = load_nlp()
for _ in nlp.pipe(texts, batch_size=16):
    pass
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "articles": len(texts),
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ folder (<topic>ecb/*.json)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all)")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"ECB+ articles not found at {args.data}: this benchmark needs ../shared/datasets/ecbplus.")
    paths = sorted(str(p) for p in args.data.glob("*/*.json"))
    if args.limit:
        paths = paths[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "paths.json"
        listing.write_text(json.dumps(paths))
        db = str(Path(tmp) / "bench.db")
        nf = benchlib.run_child(NEWSFUSE_CHILD, str(listing), db)
        sp = benchlib.run_child(SPACY_CHILD, db)
    nf_rate = nf["articles"] / nf["seconds"]
    sp_rate = sp["articles"] / sp["seconds"]
    result = {
        "command": "python bench/throughput.py" + (f" --limit {args.limit}" if args.limit else ""),
        "inputs": len(paths), "articles": nf["articles"], "rejected": nf["rejected"],
        "newsfuse_articles_per_s": round(nf_rate, 2), "spacy_articles_per_s": round(sp_rate, 2),
        "ratio": round(nf_rate / sp_rate, 3), "newsfuse_peak_mb": round(nf["max_rss_mb"], 1),
        "spacy_peak_mb": round(sp["max_rss_mb"], 1), "steps_s": nf["steps"],
    }
    print(f"newsfuse build : {nf['articles']} articles in {nf['seconds']:.1f} s = {nf_rate:.2f} articles/s, "
          f"peak {nf['max_rss_mb']:.0f} MB  (steps: {nf['steps']})")
    print(f"spaCy nlp.pipe : {sp['articles']} articles in {sp['seconds']:.1f} s = {sp_rate:.2f} articles/s, "
          f"peak {sp['max_rss_mb']:.0f} MB")
    print(f"ratio newsfuse / bare spaCy = {result['ratio']:.3f}")
    benchlib.record_result("throughput", result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
