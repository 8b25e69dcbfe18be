"""Scale: the local runner beside Dask with 1 and 2 workers, and the cost of adding articles.

    python bench/scale.py [--data ../shared/datasets/ecbplus] [--articles 2000] [--add 100]
                          [--skip-builds] [--synthetic-copies K]

1. Builds the same ECB+ articles (``--articles``, at most what the folder holds) with the local
   runner and with a local Dask cluster of 1 and 2 worker processes, each in a child process:
   articles/s and peak memory (the driver's; Dask workers are separate processes).
2. Builds all but ``--add`` articles, then adds the last ``--add`` (in name order: mostly topics
   the base lacks; the second build is given only those, as a user adding them would): the cost of the addition as a ratio to building the base from scratch (the goal
   is under 5%), with its steps.
3. Fusion alone, on that database (``--add`` + base articles, real ECB+ articles, no synthetic
   ones): a full fusion (``refuse``) beside the incremental fuse step of the addition, and the same
   for ``--add`` articles drawn at random (seed 7), which join stories all over the base: each is
   taken out of a copy of the database with its rows, the rest fused, then stored again as a build
   stores it and fused incrementally.
4. With ``--synthetic-copies K``: the same fusion figures on a SYNTHETIC store of (K + 1) x the
   articles (``bench/synthetic.py``: enciphered copies, so they form their own stories), since
   ECB+ has 35 topics only and building thousands of real articles takes hours here.
5. Prints a projection for 200,000 articles a day from these rates (not with ``--skip-builds``).

Appends a line to bench/results/scale.jsonl.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse
import json
import os
import shutil
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
                  "fused_blocks": summary.fused_blocks,
                  "steps": summary.seconds, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


FUSE = r"""
import json, random, shutil, sys, time
from newsfuse.pipeline import refuse
from newsfuse.settings import Settings
from newsfuse.store.sqlite import Store
db, work, add, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
TABLES = ("articles", "parses", "mentions", "extractions")


def readd(drawn):
    # a copy of the database without the drawn articles (their rows and every derived row) is fused as
    # the base; they come back as a build stores them (new seq), and the incremental fuse step is timed
    shutil.copy(db, work)
    with Store(work) as store:
        cols = {t: [r[1] for r in store.db.execute(f"PRAGMA table_info({t})")] for t in TABLES}
        with store.db:
            for t in ("mentions", "parses", "extractions", "story_assignments", "fuse_pending", "reuse_indexed",
                      "story_inputs", "reuse_keys"):
                store.db.executemany(f"DELETE FROM {t} WHERE article = ?", [(a,) for a in drawn])
            store.db.executemany("DELETE FROM reuse_links WHERE a = ? OR b = ?", [(a, a) for a in drawn])
            store.db.executemany("DELETE FROM articles WHERE id = ?", [(a,) for a in drawn])
        refuse(store, Settings(db=work), full=True)
        store.db.execute("ATTACH DATABASE ? AS src", (db,))
        with store.db:
            for a in drawn:
                seq = store.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM main.articles").fetchone()[0]
                names = ", ".join(f'"{c}"' for c in cols["articles"])
                picked = ", ".join("?" if c == "seq" else f'"{c}"' for c in cols["articles"])
                store.db.execute(f"INSERT INTO main.articles ({names}) SELECT {picked} FROM src.articles WHERE id = ?",
                                 (seq, a))
                for t in TABLES[1:]:
                    names = ", ".join(f'"{c}"' for c in cols[t] if c != "id")
                    store.db.execute(f"INSERT INTO main.{t} ({names}) SELECT {names} FROM src.{t} WHERE article = ?", (a,))
                store.db.execute("INSERT OR IGNORE INTO fuse_pending (article) VALUES (?)", (a,))
        store.db.execute("DETACH DATABASE src")
        t0 = time.perf_counter()
        s = refuse(store, Settings(db=work), full=False)
        return {"seconds": time.perf_counter() - t0, "blocks": s.fused_blocks, "articles": len(drawn),
                "steps": {k: v for k, v in s.seconds.items() if k.startswith("fuse.")}}


out = {}
shutil.copy(db, work)
with Store(work) as store:
    t0 = time.perf_counter()
    s = refuse(store, Settings(db=work), full=True)
    out["full_seconds"] = time.perf_counter() - t0
    out["full_blocks"] = s.fused_blocks
    out["full_steps"] = {k: v for k, v in s.seconds.items() if k.startswith("fuse.")}
    out["articles"] = store.count_articles()
    ids = sorted(store.article_ids())
out["last"] = readd(ids[-add:])
out["random"] = readd(random.Random(seed).sample(ids, min(add, len(ids) - 1)))
print(json.dumps(out))
"""


SYNTH = r"""
import json, sys
sys.path.insert(0, %r)
from newsfuse.store.sqlite import Store
from synthetic import synthesize
Store(sys.argv[2]).close()  # migrated
print(json.dumps({"added": synthesize(sys.argv[1], sys.argv[2], int(sys.argv[3]))}))
""" % str(Path(__file__).resolve().parent)


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
    ap.add_argument("--synthetic-copies", type=int, default=0, metavar="K",
                    help="also time fusion alone on a SYNTHETIC store: the built articles and K enciphered copies "
                         "of each (bench/synthetic.py), (K + 1) x the articles")
    ap.add_argument("--skip-builds", action="store_true",
                    help="skip part 1 (whole builds: local and Dask) and the projection; measure the addition only")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"ECB+ articles not found at {args.data}: this benchmark needs ../shared/datasets/ecbplus.")
    paths = sorted(str(p) for p in args.data.glob("*/*.json"))[: args.articles]
    if len(paths) < args.articles:
        print(f"note: {args.data} holds {len(paths)} article files; using all of them, not {args.articles}")
    runs = {}
    configs = [] if args.skip_builds else [("local", 0)] + ([] if args.no_dask else [("dask", 1), ("dask", 2)])
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
        added = _build(extra, db)  # a user adds articles by building them (`newsfuse build new/`), as watch does
        fusion = benchlib.run_child(FUSE, db, str(Path(tmp) / "fusion.db"), str(args.add), "7")
        synthetic = None
        if args.synthetic_copies:
            syn = str(Path(tmp) / "synthetic.db")
            shutil.copy(db, syn)
            made = benchlib.run_child(SYNTH, db, syn, str(args.synthetic_copies))
            synthetic = benchlib.run_child(FUSE, syn, str(Path(tmp) / "synthetic-fusion.db"), str(args.add), "7")
            synthetic["copies"] = args.synthetic_copies
            synthetic["synthesized"] = made["added"]
    ratio = added["seconds"] / first["seconds"]
    print(f"adding {len(extra)} articles to {first['articles']}: {added['seconds']:.1f} s = {ratio:.1%} of building "
          f"the {first['articles']} ({first['seconds']:.1f} s); steps {added['steps']}")
    fuse_ratio = fusion["last"]["seconds"] / fusion["full_seconds"]
    random_ratio = fusion["random"]["seconds"] / fusion["full_seconds"]
    print(f"fusion alone, {fusion['articles']} real ECB+ articles in {fusion['full_blocks']} blocks: a full fusion "
          f"(refuse) {fusion['full_seconds']:.1f} s {fusion['full_steps']}")
    for name, ratio_, what in (("last", fuse_ratio, "the last in id order (mostly new topics)"),
                               ("random", random_ratio, "drawn at random (joining stories across the base)")):
        r = fusion[name]
        print(f"  the fuse step of adding {r['articles']} {what}: {r['seconds']:.2f} s = {ratio_:.1%}, "
              f"{r['blocks']} blocks fused {r['steps']}")
    if synthetic:
        print(f"SYNTHETIC store: {synthetic['articles']} articles (the {fusion['articles']} real ones and "
              f"{synthetic['copies']} enciphered copies of each, bench/synthetic.py) in {synthetic['full_blocks']} "
              f"blocks: a full fusion {synthetic['full_seconds']:.1f} s {synthetic['full_steps']}")
        for name in ("last", "random"):
            r = synthetic[name]
            print(f"  the fuse step of adding {r['articles']} ({name}): {r['seconds']:.2f} s = "
                  f"{r['seconds'] / synthetic['full_seconds']:.1%}, {r['blocks']} blocks fused {r['steps']}")
    hours_here = None
    if runs:
        best = max(runs.values(), key=lambda r: r["articles_per_s"])
        day = 200_000
        hours_here = round(day / best["articles_per_s"] / 3600, 1)
        print(f"projection: 200,000 articles a day take {hours_here:.1f} h at the best rate here "
              f"({best['articles_per_s']:.2f}/s on {os.cpu_count()} cores); parse and extract scale with worker "
              f"processes, so a cluster of {max(1, round(hours_here / 4))}x this machine's cores keeps a day within "
              f"about 4 hours; fusion is incremental (one process; its cost follows the blocks the new articles "
              f"touch, see above)")
    result = {"command": "python bench/scale.py " + " ".join(sys.argv[1:]), "articles": len(paths),
              "cores": os.cpu_count(), "runs": runs, "add": len(extra), "add_seconds": round(added["seconds"], 2),
              "base_seconds": round(first["seconds"], 2), "add_ratio": round(ratio, 4), "add_steps": added["steps"],
              "base_articles": first["articles"], "fusion": {k: round(v, 3) if isinstance(v, float) else v
                                                             for k, v in fusion.items()},
              "fuse_add_ratio": round(fuse_ratio, 4), "fuse_random_add_ratio": round(random_ratio, 4),
              "synthetic": synthetic and {k: round(v, 3) if isinstance(v, float) else v for k, v in synthetic.items()},
              "projection_hours_per_200k_here": hours_here,
              "note": "2 cores shared with other users' jobs: timings under load"}
    benchlib.record_result("scale", result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
