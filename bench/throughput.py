"""Throughput: `newsfuse build` beside bare spaCy `nlp.pipe` on the same texts, on two corpora.

    python bench/throughput.py [--data ../shared/datasets] [--limit N] [--corpus ecbplus|syndicated|both]

* ecbplus: the ECB+ articles (independent reports, little reuse).
* syndicated: the wire-copy corpus of ``bench/copies.py``: real ECB+ articles, each with ``--copies``
  wire copies made the way outlets make them (trimmed, reordered, re-wrapped, local paragraphs).

Each side runs in its own child process so that its peak memory (max RSS) is its own. newsfuse
runs as a user's build does (its default settings: parse processes one per core when there is
enough to parse); bare spaCy runs as users call it by default (``nlp.pipe``, one process). The
benchmark prints the processes of each side, articles per second, the ratio newsfuse / spaCy for
each corpus, the time per build step, the learned layer's encoding time (summed over processes: the
encoder's cost) as a share of bare spaCy's time (issue #12 bounds it at 30%), how many sentences were
parsed or encoded more than once (the store's caches hold each distinct one once: issue #17 wants
none), and appends a line to bench/results/throughput.jsonl.
"""

from __future__ import annotations

import sys

# bench/ holds a script named like a standard module (types.py): search it last.
if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse
import json
import os
import tempfile
from pathlib import Path

import benchlib

DEFAULT_DATA = benchlib.DATASETS

NEWSFUSE_CHILD = r"""
import json, resource, sys, time
from newsfuse.pipeline import build
from newsfuse.settings import Settings
from newsfuse.store.sqlite import Store
paths = json.load(open(sys.argv[1]))
t0 = time.perf_counter()
summary = build(paths, Settings(db=sys.argv[2]))
elapsed = time.perf_counter() - t0
with Store(sys.argv[2]) as store:
    distinct = {"sentences_distinct": store.count_cached_sentences(), "encoded_distinct": store.count_cached_vectors()}
print(json.dumps({"seconds": elapsed, "articles": summary.articles, "rejected": len(summary.rejected),
                  "steps": summary.seconds, "processes": summary.parse_processes,
                  "sentences_parsed": summary.sentences_parsed, "sentences_cached": summary.sentences_cached,
                  "sentences_encoded": summary.sentences_encoded, **distinct,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
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


def _syndicated(data: Path, originals: int, copies: int, folder: Path) -> list[str]:
    """The wire-copy corpus of bench/copies.py: ``originals`` real articles and ``copies`` copies of each."""
    import random

    import copies as wire  # bench/copies.py

    real = wire.load_real(data)
    rng = random.Random(11)
    vocab = sorted({w for doc in real[:200] for para in doc for sent in para for w in sent.split()})
    picked = real[:: max(1, len(real) // originals)][:originals]
    folder.mkdir()
    paths = []
    for i, orig in enumerate(picked):
        texts = [wire.render(orig)[0]] + [wire.render(wire.make_copy(orig, rng, vocab)[0])[0] for _ in range(copies)]
        for j, text in enumerate(texts):
            path = folder / f"{i:04d}_{j}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
    return paths


def _pair(name: str, paths: list[str], tmp: Path) -> dict:
    """newsfuse build and bare spaCy on the same texts, each in its own process."""
    listing = tmp / f"{name}.json"
    listing.write_text(json.dumps(paths))
    db = str(tmp / f"{name}.db")
    nf = benchlib.run_child(NEWSFUSE_CHILD, str(listing), db)
    sp = benchlib.run_child(SPACY_CHILD, db)
    nf_rate, sp_rate = nf["articles"] / nf["seconds"], sp["articles"] / sp["seconds"]
    print(f"[{name}] newsfuse build : {nf['articles']} articles in {nf['seconds']:.1f} s = {nf_rate:.2f} "
          f"articles/s, {nf['processes']} parse process(es), {nf['sentences_parsed']} sentences parsed, "
          f"{nf['sentences_cached']} reused, peak {nf['max_rss_mb']:.0f} MB  (steps: {nf['steps']})")
    print(f"[{name}] spaCy nlp.pipe : {sp['articles']} articles in {sp['seconds']:.1f} s = {sp_rate:.2f} "
          f"articles/s, 1 process, peak {sp['max_rss_mb']:.0f} MB")
    print(f"[{name}] ratio newsfuse / bare spaCy = {nf_rate / sp_rate:.3f}")
    encode_s = nf["steps"].get("extract.encode", 0.0) + nf["steps"].get("fuse.stories.encode", 0.0)
    print(f"[{name}] learned layer: {nf['sentences_encoded']} texts encoded (sentences; the story stage's masked "
          f"headlines) in {encode_s:.1f} s (all processes) = {encode_s / sp['seconds']:.3f} of bare spaCy's time")
    # issue #17: copies and repeated sentences never parsed or encoded twice (one process or several)
    print(f"[{name}] parsed twice: {nf['sentences_parsed'] - nf['sentences_distinct']} of {nf['sentences_parsed']}; "
          f"encoded twice: {nf['sentences_encoded'] - nf['encoded_distinct']} of {nf['sentences_encoded']}")
    return {"inputs": len(paths), "articles": nf["articles"], "rejected": nf["rejected"],
            "newsfuse_processes": nf["processes"], "spacy_processes": 1,
            "newsfuse_articles_per_s": round(nf_rate, 2), "spacy_articles_per_s": round(sp_rate, 2),
            "ratio": round(nf_rate / sp_rate, 3), "newsfuse_peak_mb": round(nf["max_rss_mb"], 1),
            "spacy_peak_mb": round(sp["max_rss_mb"], 1), "sentences_parsed": nf["sentences_parsed"],
            "sentences_cached": nf["sentences_cached"], "sentences_encoded": nf["sentences_encoded"],
            "sentences_parsed_distinct": nf["sentences_distinct"], "sentences_encoded_distinct": nf["encoded_distinct"],
            "encode_share_of_spacy": round(encode_s / sp["seconds"], 3), "steps_s": nf["steps"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="datasets folder (ecbplus/, polnear/)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N ECB+ articles (0 = all)")
    ap.add_argument("--corpus", choices=("ecbplus", "syndicated", "both"), default="both")
    ap.add_argument("--originals", type=int, default=240, help="originals of the syndicated corpus")
    ap.add_argument("--copies", type=int, default=2, help="wire copies of each original (syndicated corpus)")
    args = ap.parse_args()
    if not (args.data / "ecbplus").exists():
        sys.exit(f"ECB+ articles not found under {args.data}: this benchmark needs ../shared/datasets/ecbplus.")
    result: dict = {"command": " ".join(["python", "bench/throughput.py", *sys.argv[1:]]),
                    "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus in ("ecbplus", "both"):
            paths = sorted(str(p) for p in (args.data / "ecbplus").glob("*/*.json"))
            result["ecbplus"] = _pair("ecbplus", paths[: args.limit] if args.limit else paths, Path(tmp))
        if args.corpus in ("syndicated", "both"):
            paths = _syndicated(args.data, args.originals, args.copies, Path(tmp) / "syndicated")
            result["syndicated"] = _pair("syndicated", paths, Path(tmp))
    benchlib.record_result("throughput", result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
