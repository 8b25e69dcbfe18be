"""ECB+ story / event clustering benchmark (issues 3, 15): dev, fit and check figures, and the 10k cost.

    .venv/bin/python bench/clusters.py --pred /tmp/clusters.jsonl --cache /tmp/clusters-cache \\
        [--encoder e5|minilm|none] [--no-kind] [--only fit] [--scale 10000]

Lists the articles with the official scorer (``score_clusters.py``), parses and annotates each
once and encodes its title and lead once (``--cache DIR`` keeps parses and vectors between
runs), feeds them to :func:`newsfuse.fuse.stories.assign_story_events` in doc-id order, writes one
line per article with ``topic`` (story) and ``cluster`` (event thread), runs the scorer on the
whole dev set and prints its figures, then scores, with the scorer's own functions, the **fit**
topics and the **check** topics, each clustered on its own (only that part's articles given, as a
held-back set would be). The check topics (``bench/splits/ecbplus_clusters_check.txt``: 10 of
the 33 dev topics, drawn once with ``random.Random(15)``) were never looked at while choosing
features, weights and thresholds: those were chosen on the fit topics only. The check figure is
the estimate to report. A JSON line goes to ``bench/results/clusters.jsonl``. ``--only fit`` drops
the check topics' articles before anything reads them and scores the fit topics alone (nothing
logged): the mode to use while choosing. Each article also gets the MiniLM vector of its headline
with the names masked (``StoryInput.kind_vector``; ``--no-kind``: without it), as the story level's
weights were learned with it (``bench/topics_fit.py``).

``--scale N`` times the story stage on N synthetic articles made from the ECB+ articles (each a
random 80% of one article's words, entities and dates, and its vector plus noise): the time
covers building the feature blocks from the texts and clustering both levels; vectors and
annotations are precomputed (encoding costs about 1/27 s per article with e5 on 2 cores, once).
It then times placing the last 100 of them when the others are already placed (given as prior).
"""

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import pickle  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import benchlib  # noqa: E402

EVAL = benchlib.EVAL
DEFAULT_DATA = benchlib.DATASETS
CHECK_FILE = benchlib.ROOT / "bench" / "splits" / "ecbplus_clusters_check.txt"
SPLIT_SEED = 15
N_CHECK = 10


def _scorer():
    if not (EVAL / "score_clusters.py").exists():
        sys.exit(f"the official scorer is missing: {EVAL / 'score_clusters.py'}")
    sys.path.insert(0, str(EVAL))
    import score_clusters
    return score_clusters


def check_topics(topics):
    """The held-out topics: read from the split file; drawn (seeded) and written when it is absent."""
    if CHECK_FILE.exists():
        return sorted(int(x) for x in CHECK_FILE.read_text().split() if x.strip() and not x.startswith("#"))
    chosen = sorted(random.Random(SPLIT_SEED).sample(sorted(topics), N_CHECK))
    CHECK_FILE.parent.mkdir(parents=True, exist_ok=True)
    CHECK_FILE.write_text("".join(f"{t}\n" for t in chosen))
    return chosen


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


def _split(text):
    title, _, body = text.partition("\n\n")
    return title, body


def vectors(ids, texts, encoder_name, cache):
    """doc_id -> title+lead vector of the named encoder (``{}`` for "none"), kept in ``cache`` (a pickle)."""
    from newsfuse.fuse.stories_vectors import article_vectors, make_encoder

    encoder = make_encoder(encoder_name)
    if encoder is None:
        return {}
    stored = {}
    if cache and Path(cache).exists():
        with open(cache, "rb") as fh:
            stored = pickle.load(fh)

    def encode(leads):
        from newsfuse.learn.cache import encode_with_cache

        result = encode_with_cache(encoder, leads, lambda keys: {k: stored[k] for k in keys if k in stored})
        stored.update(result.new)
        return result.vectors

    out = article_vectors([(d, *_split(t)) for d, t in zip(ids, texts)], encode)
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(stored, fh)
    return out


def kind_vectors(ids, texts, anns, cache):
    """doc_id -> MiniLM vector of its headline with the names masked (``masked_title``), kept in ``cache``."""
    from newsfuse.fuse.stories_vectors import kind_vectors as masked_vectors
    from newsfuse.fuse.stories_vectors import make_encoder
    from newsfuse.learn.cache import encode_with_cache

    stored = {}
    if cache and Path(cache).exists():
        with open(cache, "rb") as fh:
            stored = pickle.load(fh)
    encoder = make_encoder("minilm")

    def encode(heads):
        result = encode_with_cache(encoder, heads, lambda keys: {k: stored[k] for k in keys if k in stored})
        stored.update(result.new)
        return result.vectors

    out = masked_vectors([(d, *_split(t), [(m.text, m.label) for m in anns[d].entities]) for d, t in zip(ids, texts)],
                         encode)
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(stored, fh)
    return out


def inputs(ids, texts, anns, vecs, kinds=None):
    from newsfuse.fuse.stories import story_input

    kinds = kinds or {}
    return [story_input(d, seq, text, _split(text)[0], anns[d], vector=vecs.get(d), kind_vector=kinds.get(d))
            for seq, (d, text) in enumerate(zip(ids, texts))]


def predict(items, params=None):
    """doc_id -> (story, thread), for the items given (and only those)."""
    from newsfuse.fuse.stories import assign_story_events

    return assign_story_events(items, None, params)


def part_scores(sc, gold, assigned):
    res = sc.score(gold, {d: assigned[d][::-1] for d in gold})  # (cluster, topic) as the scorer loads them
    # topic precision and recall say whether topics were merged or split (figures, not items)
    return {"b3_f1": round(res["subtopic"]["b3_f1"], 4), "topic_b3_f1": round(res["topic"]["b3_f1"], 4),
            "topic_b3_p": round(res["topic"]["b3_p"], 4), "topic_b3_r": round(res["topic"]["b3_r"], 4),
            "n_docs": res["n_docs"]}


def encode_cost(ids, texts, encoder_name, n):
    """Milliseconds per article to encode the title+lead of the first ``n`` articles, no cache (one thread)."""
    from newsfuse.fuse.stories_vectors import article_lead, make_encoder

    encoder = make_encoder(encoder_name)
    if encoder is None or n <= 0:
        return None
    leads = [article_lead(*_split(t)) for t in texts[:n]]
    encoder.encode(leads[:2])  # the engine's start is not the per-article cost
    t0 = time.perf_counter()
    encoder.encode(leads)
    return round(1000 * (time.perf_counter() - t0) / len(leads), 1)


def synthetic(items, n, seed=0):
    """``n`` items made from ``items``: a random 80% of one article's words, names and dates, vector + noise."""
    import numpy as np

    from newsfuse.fuse.stories import StoryInput

    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    out = []
    for seq in range(n):
        it = items[rng.randrange(len(items))]
        words = it.text.split()
        keep = sorted(rng.sample(range(len(words)), max(1, int(0.8 * len(words)))))
        vec = None
        if it.vector is not None:
            v = np.asarray(it.vector) + noise.normal(0, 0.01, len(it.vector))
            vec = tuple((v / np.linalg.norm(v)).tolist())
        kind = None
        if it.kind_vector is not None:
            v = np.asarray(it.kind_vector) + noise.normal(0, 0.01, len(it.kind_vector))
            kind = tuple((v / np.linalg.norm(v)).tolist())
        out.append(StoryInput(f"x{seq}", seq, " ".join(words[k] for k in keep), frozenset(
            e for e in it.entities if rng.random() < 0.8), it.date, it.title, places=it.places,
            times=tuple(t for t in it.times if rng.random() < 0.8), numbers=it.numbers, kinds=it.kinds, vector=vec,
            kind_vector=kind))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="dataset root holding ecbplus/")
    ap.add_argument("--pred", required=True, help="where to write the predictions (JSONL)")
    ap.add_argument("--cache", default=None, help="folder keeping parses and vectors between runs")
    ap.add_argument("--encoder", default="e5", help="article vectors: e5 (default), minilm or none")
    ap.add_argument("--threshold", type=float, default=None,
                    help="story threshold instead of the default, components at that same link (each encoder's scale differs: minilm was fitted at 0.2)")
    ap.add_argument("--scale", type=int, default=0, help="also time a synthetic run of this many articles")
    ap.add_argument("--encode-cost", type=int, default=0, metavar="N",
                    help="also time encoding the title+lead of N articles afresh (no cache), one thread")
    ap.add_argument("--no-kind", dest="kind", action="store_false",
                    help="no masked-headline vectors (the story level without the kind of story)")
    ap.add_argument("--only", choices=("fit",), help="score the fit topics alone (while choosing; nothing logged)")
    ap.add_argument("--no-log", action="store_true", help="do not append to bench/results/clusters.jsonl")
    args = ap.parse_args(argv)

    sc = _scorer()
    try:
        gold = sc.load_gold(args.data)
    except sc.InputError as exc:
        sys.exit(f"no ECB+ data under {args.data} ({exc}); pass --data DIR holding ecbplus/")
    check = set(check_topics({g[0] for g in gold.values()}))
    if args.only == "fit":  # the check topics' articles are dropped before anything reads them
        gold = {d: g for d, g in gold.items() if g[0] not in check}
        args.no_log = True
    ids = sorted(gold)
    texts = [sc.doc_text(gold[d][2]) for d in ids]
    cache = Path(args.cache) if args.cache else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    anns = _annotations(ids, texts, cache / "parses.pkl" if cache else None)
    t_annotate = time.perf_counter() - t0
    t0 = time.perf_counter()
    vecs = vectors(ids, texts, args.encoder, cache / f"vectors-{args.encoder}.pkl" if cache else None)
    kinds = kind_vectors(ids, texts, anns, cache / "vectors-kind.pkl" if cache else None) if args.kind else {}
    t_encode = time.perf_counter() - t0
    items = inputs(ids, texts, anns, vecs, kinds)
    params = None
    if args.threshold is not None:
        from dataclasses import replace

        from newsfuse.fuse.stories import StoryParams

        params = replace(StoryParams(), story_threshold=args.threshold, plain_threshold=args.threshold, story_link=None)
    t0 = time.perf_counter()
    assigned = predict(items, params)
    t_cluster = time.perf_counter() - t0

    with open(args.pred, "w", encoding="utf-8") as fh:
        for d in ids:
            story, thread = assigned[d]
            fh.write(json.dumps({"doc_id": d, "cluster": thread, "topic": story}) + "\n")
    figures = {}
    if not args.only:  # the scorer reads the whole dev gold
        run = subprocess.run([sys.executable, str(EVAL / "score_clusters.py"), "--gold", args.data, "--pred", args.pred],
                             capture_output=True, text=True, check=False)
        print(run.stdout, end="")
        if run.returncode != 0:
            sys.exit(run.stderr)
        figures = json.loads(run.stdout.strip().splitlines()[-1])
    figures.update(encoder=args.encoder, threshold=args.threshold, seconds_cluster=round(t_cluster, 2), seconds_annotate=round(t_annotate, 2),
                   seconds_encode=round(t_encode, 2))
    print(f"time: clustering {t_cluster:.2f} s for {len(ids)} articles (annotation {t_annotate:.1f} s, "
          f"encoding {t_encode:.1f} s; 2 shared cores, under load)")

    for name, keep in (("fit", lambda t: t not in check), ("check", lambda t: t in check)):
        if args.only and name != args.only:
            continue
        part = {d: g for d, g in gold.items() if keep(g[0])}
        alone = predict([it for it in items if it.id in part], params)
        figures[name] = part_scores(sc, part, alone)
        print(f"{name}: {json.dumps(figures[name])}")
    if not args.only:
        figures["dev"] = {"b3_f1": figures["b3_f1"], "topic_b3_f1": figures["topic_b3_f1"], "n_docs": figures["n_docs"]}
    if args.encode_cost:
        figures["ms_encode_per_article"] = encode_cost(ids, texts, args.encoder, args.encode_cost)
        print(f"time: {figures['ms_encode_per_article']} ms per article to encode title+lead with {args.encoder} "
              f"({args.encode_cost} articles, one thread, 2 shared cores under load)")

    if args.scale:
        from newsfuse.fuse.stories import assign_story_events

        many = synthetic(items, args.scale)
        t0 = time.perf_counter()
        built = assign_story_events(many, None, params)
        key = f"seconds_synthetic_{args.scale}"
        figures[key] = round(time.perf_counter() - t0, 2)
        print(f"time: {args.scale} synthetic articles (from ECB+; features + both levels, vectors precomputed) "
              f"clustered in {figures[key]} s")
        # incremental: the last 100 arrive after the others were placed (their assignments as prior)
        prior = {it.id: built[it.id] for it in many[:-100]}
        t0 = time.perf_counter()
        assign_story_events(many, prior, params)
        figures[f"seconds_add_100_to_{args.scale}"] = round(time.perf_counter() - t0, 2)
        print(f"time: 100 more articles placed among {args.scale - 100} already placed in "
              f"{figures[f'seconds_add_100_to_{args.scale}']} s (features of all rebuilt; graph searched from the new)")

    if not args.no_log:
        command = " ".join(["bench/clusters.py"] + (argv if argv is not None else sys.argv[1:]))
        benchlib.record_result("clusters", {"command": command, "figures": figures})


if __name__ == "__main__":
    main()
