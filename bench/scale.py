"""Scale: the local runner beside Dask with 1 and 2 workers, and the cost of adding 100 articles to 10,000.

    python bench/scale.py [--data ../shared/datasets/ecbplus] [--articles 2000] [--no-dask] [--skip-builds]
                          [--store 10000] [--add 100] [--add-data ../shared/datasets/polnear/train/text]
                          [--base-db PATH] [--extra-data PATH ...] [--builds-only]

1. Builds the same ECB+ articles (``--articles``, at most what the folder holds) with the local
   runner and with a local Dask cluster of 1 and 2 worker processes, each in a child process:
   articles/s and peak memory: the driver's (max RSS) and the whole run's, workers included (the
   proportional set sizes of the process tree, sampled each second; needs psutil). Skipped with
   ``--skip-builds``. ECB+ holds 772 inputs: ``--extra-data`` adds more inputs after them (files, or
   folders read by file name; a JSON Lines file is one input of many articles, e.g. the 1,257 reports of
   ``india_police_events/metadata.jsonl``), so that the builds reach 2,000 articles. ``--builds-only``
   stops after part 1 (and the projection).
2. The **base**: those ECB+ articles built with the local runner (or ``--base-db``, a database a
   local build made: the real articles the store is made from).
3. A **store of ``--store`` articles**: the base and enciphered copies of it (``bench/synthetic.py``:
   SYNTHETIC articles, their own stories; real texts' lengths, mentions and parses), with ``--add``
   more drawn at random (seed 7) and held back; the store is fused in full (``refuse``), timed.
4. **Adding ``--add`` new real articles** (the first ``--add`` of ``--add-data`` by name: PolNeAR
   political reports, other stories than ECB+'s) to that store by a build, as a user adds them:
   measured end to end (ingest, parse, extract, fuse) on the real ``--store``-article store.
   Then the fuse step of re-adding the ``--add`` held-back articles (drawn at random, they join
   stories all over the store), measured alone.
5. **Building the ``--store`` articles from scratch**: EXTRAPOLATED, not run (thousands of real
   articles take hours on a small machine): ingest, parse and extract at the rate the addition of
   step 4 took per character of text (measured in the same run, under the same load), times the
   characters of the store's texts, plus the full fusion of the store measured in step 3. The
   ratio of step 4 to this is the figure of issue 17 (goal: under 5%).
6. Prints a projection for 200,000 articles a day (from the builds of part 1 when run).

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
DEFAULT_ADD = benchlib.DATASETS / "polnear" / "train" / "text"

CHILD = r"""
import json, resource, sys, threading, time
from newsfuse.pipeline import build
from newsfuse.settings import Settings
paths, db, scheduler, workers = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], int(sys.argv[4])
# the peak memory of the whole run: this process and every process under it (parse workers, Dask's nannies
# and workers), proportional set sizes summed (forked workers share pages; PSS counts a shared page once)
tree_peak, stop = [0.0], threading.Event()
def sample():
    try:
        import psutil
    except ImportError:
        tree_peak[0] = float("nan")
        return
    me = psutil.Process()
    while not stop.is_set():
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                info = p.memory_full_info()
                total += getattr(info, "pss", info.rss)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        tree_peak[0] = max(tree_peak[0], total / 1048576)
        stop.wait(1.0)
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
t0 = time.perf_counter()
summary = build(paths, Settings(db=db, scheduler=scheduler, dask_workers=workers or None))
elapsed = time.perf_counter() - t0
stop.set()
sampler.join()
cpu = sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
          for f in ("ru_utime", "ru_stime"))
from newsfuse.store.sqlite import Store
with Store(db) as store:
    chars = sum(len(t) for t in store.texts(summary.added).values())
print(json.dumps({"seconds": elapsed, "cpu_seconds": cpu, "chars": chars, "articles": summary.articles,
                  "added": len(summary.added),
                  "fused_blocks": summary.fused_blocks,
                  "sentences_encoded": summary.sentences_encoded, "steps": summary.seconds,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "tree_peak_mb": round(tree_peak[0], 1)}))
"""


STORE = r"""
import json, random, shutil, sys, time
sys.path.append(%r)
from newsfuse.pipeline import refuse
from newsfuse.settings import Settings
from newsfuse.store.sqlite import Store
from synthetic import synthesize
base, store_db, held_db = sys.argv[1:4]
size, add, seed = (int(x) for x in sys.argv[4:7])
# the real articles are fused first, so that the copies start with the dates fusion corrects (and the mentions
# extracted again with them): a copy's parse is its original's, and must not be read again (bench/synthetic.py)
fused_base = store_db + ".base"
shutil.copy(base, fused_base)
with Store(fused_base) as store:
    refuse(store, Settings(db=fused_base), full=True)
    real = store.count_articles()
shutil.copy(fused_base, store_db)
copies = -(-(size + add - real) // real)
made = synthesize(fused_base, store_db, copies, limit=size + add - real)
shutil.copy(store_db, held_db)  # the held-back articles' rows are read from here
with Store(store_db) as store:
    drawn = random.Random(seed).sample(sorted(store.article_ids()), add)
    drawn_chars = sum(len(t) for t in store.texts(drawn).values())
    with store.db:
        for t in ("mentions", "parses", "extractions", "story_assignments", "fuse_pending"):
            store.db.executemany(f"DELETE FROM {t} WHERE article = ?", [(a,) for a in drawn])
        store.db.executemany("DELETE FROM articles WHERE id = ?", [(a,) for a in drawn])
    t0, c0 = time.perf_counter(), time.process_time()
    s = refuse(store, Settings(db=store_db), full=True)
    chars = store.db.execute("SELECT SUM(LENGTH(text)) FROM articles").fetchone()[0]
    print(json.dumps({"full_cpu_seconds": time.process_time() - c0, "articles": store.count_articles(), "real": real,
                      "chars": chars, "drawn_chars": drawn_chars,
                      "synthetic": made - add, "copies": copies,
                      "drawn": drawn, "full_seconds": time.perf_counter() - t0, "full_blocks": s.fused_blocks,
                      "full_steps": {k: v for k, v in s.seconds.items() if k.startswith("fuse.")}}))
""" % str(Path(__file__).resolve().parent)


READD = r"""
import json, sys, time
from newsfuse.pipeline import refuse
from newsfuse.settings import Settings
from newsfuse.store.sqlite import Store
work, held, drawn = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
TABLES = ("articles", "parses", "mentions", "extractions")
with Store(work) as store:
    # the held-back articles come back as a build stores them (new seq, pending), then one fuse step
    cols = {t: [r[1] for r in store.db.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    store.db.execute("ATTACH DATABASE ? AS src", (held,))
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
    t0, c0 = time.perf_counter(), time.process_time()
    s = refuse(store, Settings(db=work), full=False)
    print(json.dumps({"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
                      "blocks": s.fused_blocks, "articles": len(drawn),
                      "records": s.fused_records,
                      "steps": {k: v for k, v in s.seconds.items() if k.startswith("fuse.")}}))
"""


def _build(paths: list[str], db: str, scheduler: str = "local", workers: int = 0) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(paths, f)
    try:
        return benchlib.run_child(CHILD, f.name, db, scheduler, str(workers))
    finally:
        os.unlink(f.name)


def _rates(added: dict) -> dict[str, float]:
    """Seconds per character of text of the addition's ingest, parse and extract steps (ECB+ reports are shorter
    than PolNeAR's: the scratch build is extrapolated by the length of its texts, not by its article count)."""
    return {k: added["steps"][k] / added["chars"] for k in ("ingest", "parse", "extract") if k in added["steps"]}


def _projection(runs: dict) -> float | None:
    """Hours that 200,000 articles take at the best rate of the builds (printed), or None without builds."""
    if not runs:
        return None
    best = max(runs.values(), key=lambda r: r["articles_per_s"])
    hours = round(200_000 / best["articles_per_s"] / 3600, 1)
    print(f"projection: 200,000 articles a day take {hours:.1f} h at the best rate here "
          f"({best['articles_per_s']:.2f}/s on {os.cpu_count()} cores); see docs/SCALE.md")
    return hours


def _record_builds(runs: dict, paths: list[str], args) -> None:
    """``--builds-only``: print the projection and record part 1 alone."""
    result = {"command": "python bench/scale.py " + " ".join(sys.argv[1:]), "inputs": len(paths),
              "articles": max((r["articles"] for r in runs.values()), default=0), "cores": os.cpu_count(),
              "runs": runs, "projection_hours_per_200k_here": _projection(runs)}
    benchlib.record_result("scale", result)
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ folder (<topic>ecb/*.json)")
    ap.add_argument("--articles", type=int, default=2000, help="articles to build (at most what --data holds)")
    ap.add_argument("--no-dask", action="store_true", help="only the local runner")
    ap.add_argument("--skip-builds", action="store_true", help="skip part 1 (whole builds: local and Dask)")
    ap.add_argument("--store", type=int, default=10_000, help="articles in the store the addition goes to")
    ap.add_argument("--add", type=int, default=100, help="articles added to it")
    ap.add_argument("--add-data", type=Path, default=DEFAULT_ADD, help="folder of the new articles added (by name)")
    ap.add_argument("--base-db", type=Path, help="a database a local build of ECB+ articles made (skips building it)")
    ap.add_argument("--extra-data", type=Path, action="append", default=[],
                    help="more inputs for the builds of part 1, after the ECB+ files (a file, or a folder's files)")
    ap.add_argument("--builds-only", action="store_true", help="only part 1: the builds, and the projection")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"ECB+ articles not found at {args.data}: this benchmark needs ../shared/datasets/ecbplus.")
    if not args.add_data.exists():
        sys.exit(f"the articles to add were not found at {args.add_data}: "
                 "this benchmark needs ../shared/datasets/polnear.")
    paths = sorted(str(p) for p in args.data.glob("*/*.json"))[: args.articles]
    for extra_path in args.extra_data:
        if not extra_path.exists():
            sys.exit(f"--extra-data {extra_path} not found")
        paths += sorted(str(p) for p in extra_path.glob("*") if p.is_file()) if extra_path.is_dir() else [str(extra_path)]
    if len(paths) < args.articles and not args.extra_data:
        print(f"note: {args.data} holds {len(paths)} article files; using all of them, not {args.articles}")
    extra = sorted(str(p) for p in args.add_data.glob("*") if p.is_file())[: args.add]
    runs = {}
    configs = [] if args.skip_builds else [("local", 0)] + ([] if args.no_dask else [("dask", 1), ("dask", 2)])
    with tempfile.TemporaryDirectory() as tmp:
        for scheduler, workers in configs:
            name = scheduler if scheduler == "local" else f"dask-{workers}"
            r = _build(paths, str(Path(tmp) / f"{name}.db"), scheduler, workers)
            r["articles_per_s"] = round(r["articles"] / r["seconds"], 2)
            runs[name] = r
            print(f"{name:8s}: {r['articles']} articles in {r['seconds']:.1f} s = {r['articles_per_s']:.2f}/s, "
                  f"peak {r['max_rss_mb']:.0f} MB in the driver, {r['tree_peak_mb']:.0f} MB with its workers, "
                  f"steps {r['steps']}")
        if args.builds_only:
            return _record_builds(runs, paths, args)
        if args.base_db:
            base_db = str(args.base_db)
        elif "local" in runs:
            base_db = str(Path(tmp) / "local.db")
        else:
            base_db = str(Path(tmp) / "base.db")
            _build(paths, base_db)
        store_db, held_db = str(Path(tmp) / "store.db"), str(Path(tmp) / "held.db")
        made = benchlib.run_child(STORE, base_db, store_db, held_db, str(args.store), str(args.add), "7")
        print(f"store: {made['articles']} articles ({made['real']} real ECB+, {made['synthetic']} SYNTHETIC: "
              f"{made['copies']} enciphered copies at most of each), fused in full in {made['full_seconds']:.1f} s, "
              f"{made['full_blocks']} blocks {made['full_steps']}")
        work = str(Path(tmp) / "add.db")
        shutil.copy(store_db, work)
        added = _build(extra, work)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(made["drawn"], f)
        shutil.copy(store_db, work)
        try:
            readd = benchlib.run_child(READD, work, held_db, f.name)
        finally:
            os.unlink(f.name)
    rates = _rates(added)
    per_char = sum(rates.values())
    scratch = per_char * made["chars"] + made["full_seconds"]
    ratio = added["seconds"] / scratch
    print(f"the addition's ingest, parse and extract: {1e6 * per_char:.1f} s per million characters of text "
          f"({({k: round(1e6 * v, 1) for k, v in rates.items()})})")
    print(f"building the {made['articles']} from scratch (EXTRAPOLATED: that rate x their {made['chars']:,} characters, "
          f"plus the full fusion measured on the store, {made['full_seconds']:.0f} s): {scratch:.0f} s")
    print(f"adding {added['added']} new real articles (PolNeAR, {added['chars']:,} characters) to the "
          f"{made['articles']}-article store: {added['seconds']:.1f} s (CPU {added['cpu_seconds']:.0f} s) = {ratio:.2%} "
          f"of building the store from scratch; steps {added['steps']}, {added['fused_blocks']} blocks fused")
    # the same, were the store's articles as long as the added ones (ECB+ reports are short)
    per_article = sum(added["steps"][k] for k in rates) / added["added"]
    scratch_alike = per_article * made["articles"] + made["full_seconds"]
    print(f"(were the {made['articles']} as long as the added articles: {scratch_alike:.0f} s from scratch, "
          f"the addition {added['seconds'] / scratch_alike:.2%} of it)")
    drawn_chars = made["drawn_chars"]
    random_ratio = (readd["seconds"] + per_char * drawn_chars) / scratch
    print(f"re-adding {readd['articles']} held-back articles drawn at random (joining stories all over the store): "
          f"the fuse step {readd['seconds']:.1f} s (CPU {readd['cpu_seconds']:.0f} s; {readd['blocks']} blocks, "
          f"{readd['records']} records) {readd['steps']}; with ingest, parse and extract at the addition's rate "
          f"{random_ratio:.2%} of building from scratch")
    hours_here = _projection(runs)
    result = {"command": "python bench/scale.py " + " ".join(sys.argv[1:]), "articles": len(paths),
              "cores": os.cpu_count(), "runs": runs,
              "seconds_per_million_chars": {k: round(1e6 * v, 2) for k, v in rates.items()},
              "store": {k: round(v, 3) if isinstance(v, float) else v for k, v in made.items() if k != "drawn"},
              "scratch_seconds_extrapolated": round(scratch, 1), "add": added["added"],
              "add_seconds": round(added["seconds"], 2), "add_cpu_seconds": round(added["cpu_seconds"], 1),
              "add_chars": added["chars"], "add_steps": added["steps"],
              "add_fused_blocks": added["fused_blocks"], "add_ratio": round(ratio, 4),
              "add_ratio_to_a_store_of_articles_alike": round(added["seconds"] / scratch_alike, 4),
              "random_readd": {k: round(v, 3) if isinstance(v, float) else v for k, v in readd.items()},
              "random_add_ratio": round(random_ratio, 4), "projection_hours_per_200k_here": hours_here,
              "note": "2 cores shared with other users' jobs: timings under load; the store is mostly SYNTHETIC "
                      "(enciphered copies of real ECB+ articles); the scratch build is extrapolated from the "
                      "addition's rate per character of text"}
    benchlib.record_result("scale", result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
