"""Scale: the local runner beside Dask with 1 and 2 workers, and the cost of adding articles.

    python bench/scale.py [--data ../shared/datasets/ecbplus] [--articles 2000] [--add 100]

1. Builds the same ECB+ articles (``--articles``, at most what the folder holds) with the local
   runner and with a local Dask cluster of 1 and 2 worker processes, each in a child process:
   articles/s and peak memory (the driver's; Dask workers are separate processes).
2. Builds all but ``--add`` articles, then adds the last ``--add``: the cost of the addition as a
   ratio to building the base from scratch (the goal is under 5%), with its steps, so the part
   that does not yet scale (fusion recomputes the whole account) is visible.
3. Prints a projection for 200,000 articles a day from these rates.

Appends a line to bench/results/scale.jsonl.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse
import json
import os
import tempfile
from pathlib import Path

import benchlib

DEFAULT_DATA = benchlib.DATASETS / "ecbplus"

CHILD = r"""
import json, resource, sys, time
from newsfuse.pipeline import build
from newsfuse.settings import Settings
paths, db, scheduler, workers = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], int(sys.argv[4])
t0 = time.perf_counter()
summary = build(paths, Settings(db=db, scheduler=scheduler, dask_workers=workers or None))
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "articles": summary.articles, "added": len(summary.added),
                  "steps": summary.seconds, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _build(paths: list[str], db: str, scheduler: str = "local", workers: int = 0) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(paths, f)
    try:
        return benchlib.run_child(CHILD, f.name, db, scheduler, str(workers))
    finally:
        os.unlink(f.name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ folder (<topic>ecb/*.json)")
    ap.add_argument("--articles", type=int, default=2000, help="articles to build (at most what --data holds)")
    ap.add_argument("--add", type=int, default=100, help="articles added to a built database")
    ap.add_argument("--no-dask", action="store_true", help="only the local runner")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"ECB+ articles not found at {args.data}: this benchmark needs ../shared/datasets/ecbplus.")
    paths = sorted(str(p) for p in args.data.glob("*/*.json"))[: args.articles]
    if len(paths) < args.articles:
        print(f"note: {args.data} holds {len(paths)} article files; using all of them, not {args.articles}")
    runs = {}
    configs = [("local", 0)] + ([] if args.no_dask else [("dask", 1), ("dask", 2)])
    with tempfile.TemporaryDirectory() as tmp:
        for scheduler, workers in configs:
            name = scheduler if scheduler == "local" else f"dask-{workers}"
            r = _build(paths, str(Path(tmp) / f"{name}.db"), scheduler, workers)
            r["articles_per_s"] = round(r["articles"] / r["seconds"], 2)
            runs[name] = r
            print(f"{name:8s}: {r['articles']} articles in {r['seconds']:.1f} s = {r['articles_per_s']:.2f}/s, "
                  f"peak {r['max_rss_mb']:.0f} MB, steps {r['steps']}")
        base, extra = paths[: -args.add], paths[-args.add:]
        db = str(Path(tmp) / "incremental.db")
        first = _build(base, db)
        added = _build(base + extra, db)
    ratio = added["seconds"] / first["seconds"]
    print(f"adding {len(extra)} articles to {first['articles']}: {added['seconds']:.1f} s = {ratio:.1%} of building "
          f"the {first['articles']} ({first['seconds']:.1f} s); steps {added['steps']}")
    best = max(runs.values(), key=lambda r: r["articles_per_s"])
    day = 200_000
    hours_here = day / best["articles_per_s"] / 3600
    print(f"projection: 200,000 articles a day take {hours_here:.1f} h at the best rate here "
          f"({best['articles_per_s']:.2f}/s on {os.cpu_count()} cores); parse and extract scale with worker "
          f"processes, so a cluster of {max(1, round(hours_here / 4))}x this machine's cores keeps a day within "
          f"about 4 hours, while fusion (one process, the whole account) is the part that must become "
          f"incremental")
    result = {"command": "python bench/scale.py " + " ".join(sys.argv[1:]), "articles": len(paths),
              "cores": os.cpu_count(), "runs": runs, "add": len(extra), "add_seconds": round(added["seconds"], 2),
              "base_seconds": round(first["seconds"], 2), "add_ratio": round(ratio, 4), "add_steps": added["steps"],
              "projection_hours_per_200k_here": round(hours_here, 1)}
    benchlib.record_result("scale", result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
