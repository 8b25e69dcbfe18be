"""ECB+ story / event clustering benchmark (issue 3).

    .venv/bin/python bench/clusters.py --data ../shared/datasets --pred /tmp/clusters.jsonl

Lists the articles with the official scorer (``score_clusters.py``), parses and
annotates each once (``--cache`` keeps the annotations between runs), feeds
them to :func:`newsfuse.fuse.stories.assign_story_events` in doc-id order
(incremental: the order is fixed, not tuned to the gold), writes one line per
article with ``topic`` (story) and ``cluster`` (event thread), runs the
scorer and prints its figures, then appends a JSON line to
``bench/results/clusters.jsonl``. ``--folds`` also scores topics 1-17 and 18-35
apart, with the scorer's own functions, twice: as parts of the full run, and each
clustered on its own (``held_*``: only that half's articles are given, as a
held-back set would be; the fairer estimate for unseen topics).
"""

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import pickle  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import benchlib  # noqa: E402

EVAL = benchlib.EVAL
DEFAULT_DATA = benchlib.DATASETS


def _scorer():
    if not (EVAL / "score_clusters.py").exists():
        sys.exit(f"the official scorer is missing: {EVAL / 'score_clusters.py'}")
    sys.path.insert(0, str(EVAL))
    import score_clusters
    return score_clusters


def _annotations(ids, texts, cache):
    """Annotate every text; parses are kept in ``cache`` (a pickle of DocBin bytes) between runs."""
    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.annotate.parse import doc_from_bytes, doc_to_bytes, parse_texts
    from newsfuse.annotate.run import annotate_doc

    key = {d: hashlib.sha1(t.encode()).hexdigest() for d, t in zip(ids, texts)}
    stored = {}
    if cache and Path(cache).exists():
        with open(cache, "rb") as fh:
            stored = pickle.load(fh)
    nlp = load_nlp()
    parses = {d: data for d, (h, data) in stored.items() if key.get(d) == h}
    todo = [(d, t) for d, t in zip(ids, texts) if d not in parses]
    docs = {}
    for (d, _), doc in zip(todo, parse_texts(nlp, (t for _, t in todo), batch_size=32)):
        docs[d] = doc
        parses[d] = doc_to_bytes(doc)
    if cache and todo:
        with open(cache, "wb") as fh:
            pickle.dump({d: (key[d], parses[d]) for d in ids}, fh)
    return {d: annotate_doc(docs[d] if d in docs else doc_from_bytes(nlp, parses[d]), d) for d in ids}


def predict(ids, texts, anns, params=None):
    """doc_id -> (story, thread), articles fed in the given order."""
    from newsfuse.fuse.stories import assign_story_events, story_input

    items = []
    for seq, (d, text) in enumerate(zip(ids, texts)):
        title = text.split("\n\n", 1)[0]
        items.append(story_input(d, seq, text, title, anns[d]))
    return assign_story_events(items, None, params)


def synthetic(n, seed=0):
    """``n`` synthetic articles: ``n // 20`` stories of two events each, words drawn around a story core."""
    import random

    from newsfuse.fuse.stories import StoryInput

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(30000)]
    n_stories = max(1, n // 20)
    cores = [rng.sample(vocab, 30) for _ in range(n_stories)]
    events = [[rng.sample(vocab, 15) for _ in range(2)] for _ in range(n_stories)]
    items, truth = [], {}
    for seq in range(n):
        s = rng.randrange(n_stories)
        e = rng.randrange(2)
        words = rng.sample(cores[s], 15) + rng.sample(events[s][e], 8) + rng.sample(vocab, 120)
        ents = frozenset(f"ent{s}_{e}_{k}" for k in rng.sample(range(4), 2)) | {f"ent{s}"}
        items.append(StoryInput(f"a{seq}", seq, " ".join(words), ents, times=(f"{2000 + (s + e) % 20}-05-01",)))
        truth[f"a{seq}"] = (s, e)
    return items, truth


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="dataset root holding ecbplus/")
    ap.add_argument("--pred", required=True, help="where to write the predictions (JSONL)")
    ap.add_argument("--cache", default=None, help="pickle file keeping the parses between runs")
    ap.add_argument("--folds", action="store_true", help="also score topics 1-17 and 18-35 apart")
    ap.add_argument("--scale", type=int, default=0, help="also time a synthetic run of this many articles")
    ap.add_argument("--no-log", action="store_true", help="do not append to bench/results/clusters.jsonl")
    args = ap.parse_args(argv)

    sc = _scorer()
    try:
        gold = sc.load_gold(args.data)
    except sc.InputError as exc:
        sys.exit(f"no ECB+ data under {args.data} ({exc}); pass --data DIR holding ecbplus/")
    ids = sorted(gold)
    texts = [sc.doc_text(gold[d][2]) for d in ids]

    t0 = time.perf_counter()
    anns = _annotations(ids, texts, args.cache)
    t_annotate = time.perf_counter() - t0
    t0 = time.perf_counter()
    assigned = predict(ids, texts, anns)
    t_cluster = time.perf_counter() - t0

    with open(args.pred, "w", encoding="utf-8") as fh:
        for d in ids:
            story, thread = assigned[d]
            fh.write(json.dumps({"doc_id": d, "cluster": thread, "topic": story}) + "\n")
    run = subprocess.run([sys.executable, str(EVAL / "score_clusters.py"), "--gold", args.data, "--pred", args.pred],
                         capture_output=True, text=True, check=False)
    print(run.stdout, end="")
    if run.returncode != 0:
        sys.exit(run.stderr)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    figures["seconds_cluster"] = round(t_cluster, 2)
    figures["seconds_annotate"] = round(t_annotate, 2)
    print(f"time: clustering {t_cluster:.2f} s for {len(ids)} articles (annotation {t_annotate:.1f} s)")

    if args.folds:
        preds = {d: assigned[d][::-1] for d in ids}  # (cluster, topic) as the scorer loads them
        for name, lo, hi in (("topics_1_17", 1, 17), ("topics_18_35", 18, 35)):
            sub = {d: g for d, g in gold.items() if lo <= g[0] <= hi}
            alone = predict([d for d in ids if d in sub], [t for d, t in zip(ids, texts) if d in sub], anns)
            for key, pred in ((name, preds), ("held_" + name, {d: alone[d][::-1] for d in sub})):
                res = sc.score(sub, {d: pred[d] for d in sub})
                fold = {"b3_f1": round(res["subtopic"]["b3_f1"], 4),
                        "topic_b3_f1": round(res["topic"]["b3_f1"], 4), "n_docs": res["n_docs"]}
                figures[key] = fold
                print(f"{key}: {json.dumps(fold)}")

    if args.scale:
        from newsfuse.fuse.stories import assign_story_events

        items, _ = synthetic(args.scale)
        t0 = time.perf_counter()
        assign_story_events(items)
        figures[f"seconds_synthetic_{args.scale}"] = round(time.perf_counter() - t0, 2)
        print(f"time: synthetic {args.scale} articles clustered in {figures[f'seconds_synthetic_{args.scale}']} s")

    if not args.no_log:
        command = " ".join(["bench/clusters.py"] + (argv if argv is not None else sys.argv[1:]))
        benchlib.record_result("clusters", {"command": command, "figures": figures})

if __name__ == "__main__":
    main()
