"""Fit the story level's learned weighting on the ECB+ fit topics (issue 15): which two events are one story.

    .venv/bin/python bench/topics_fit.py --cache /tmp/clusters-cache [--folds 5 --repeats 3]

ECB+ topics each hold two sub-topics, two events of one kind (two pinup models' deaths, two prison
escapes); an editor files both under one story. The story similarity is a weighted sum of block
cosines, and average link between two groups of articles is the same weighted sum of their
average block cosines; so the weights are learned where the decision is taken: one example per
pair of fit sub-topics (its average block cosines), labelled "same topic", by a logistic
regression with non-negative weights (a weighted sum of cosines must stay one: no block may count
against a pair) and balanced classes. The threshold is the one that gives the best topic B-cubed
F1 over the fit topics' articles (the middle of the best run of a grid).

Only the fit topics are read: the check topics (``bench/splits/ecbplus_clusters_check.txt``) are
dropped before anything (``clusters.py --only fit``'s rule). Leave-topics-out cross-validation
(weights and threshold learned on the other fit topics, scored on the held-out topics clustered
alone) prints the estimate; the final weights, fitted on every fit topic, are printed for
``StoryParams`` and appended to ``bench/results/topics_fit.jsonl``.
"""

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import itertools  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

import benchlib  # noqa: E402
import clusters  # noqa: E402

#: the blocks weighed, with and without the article vectors (``dense``)
FEATURES = {"vectors": ("kind", "dense", "lead", "words", "names"), "plain": ("kind", "lead", "words", "names")}


def fit_items(data, cache):
    sc = clusters._scorer()
    gold = sc.load_gold(data)
    check = set(clusters.check_topics({g[0] for g in gold.values()}))
    fit = {d: g for d, g in gold.items() if g[0] not in check}
    ids = sorted(fit)
    texts = [sc.doc_text(fit[d][2]) for d in ids]
    anns = clusters._annotations(ids, texts, cache / "parses.pkl")
    vecs = clusters.vectors(ids, texts, "e5", cache / "vectors-e5.pkl")
    kinds = clusters.kind_vectors(ids, texts, anns, cache / "vectors-kind.pkl")
    return sc, fit, clusters.inputs(ids, texts, anns, vecs, kinds)


def block_cosines(items, names):
    """name -> the articles' square cosine matrix in that block."""
    from newsfuse.fuse.stories_cluster import Weights, similarity
    from newsfuse.fuse.stories_features import build_blocks

    blocks = build_blocks(items)
    return {name: similarity(blocks, Weights(**{"words": 0.0, "names": 0.0, name: 1.0}), slice(None), slice(None))
            for name in names}


def pair_examples(mats, names, topic, sub, topics):
    """One row per pair of sub-topics of ``topics``: their average block cosines; label: one topic."""
    groups = sorted({(t, s) for t, s in zip(topic, sub) if t in topics})
    rows = {g: np.flatnonzero((topic == g[0]) & (sub == g[1])) for g in groups}
    x, y = [], []
    for a, b in itertools.combinations(groups, 2):
        x.append([mats[n][np.ix_(rows[a], rows[b])].mean() for n in names])
        y.append(float(a[0] == b[0]))
    return np.asarray(x), np.asarray(y)


def logistic(x, y, l2=1e-3):
    """Non-negative weights and a free bias minimising the class-balanced logistic loss (+ a little L2)."""
    from scipy.optimize import minimize

    sw = np.where(y == 1, 0.5 / max(1.0, y.sum()), 0.5 / max(1.0, (1 - y).sum()))

    def loss(p):
        z = x @ p[:-1] + p[-1]
        return (sw * (np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y))).sum() + l2 * (p[:-1] ** 2).sum()

    res = minimize(loss, np.r_[np.ones(x.shape[1]), -1.0], method="L-BFGS-B",
                   bounds=[(0, None)] * x.shape[1] + [(None, None)])
    w = res.x[:-1]
    return w / w.sum()


def topic_b3(sc, idx, topic, labels):
    return sc.b_cubed({i: topic[i] for i in idx}, {i: lab for i, lab in zip(idx, labels)})


def best_threshold(sc, mats, names, w, idx, topic, grid):
    from newsfuse.fuse.stories_cluster import _average_link

    sim = sum(wk * mats[n][np.ix_(idx, idx)] for wk, n in zip(w, names))
    scores = [(round(topic_b3(sc, idx, topic, _average_link(sim, t))[2], 6), t) for t in grid]
    top = max(s for s, _ in scores)
    good = [t for s, t in scores if s == top]
    return good[len(good) // 2], top


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(clusters.DEFAULT_DATA))
    ap.add_argument("--cache", required=True, help="folder keeping parses and vectors (as bench/clusters.py)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-log", action="store_true")
    args = ap.parse_args(argv)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    sc, fit, items = fit_items(args.data, cache)
    topic = np.asarray([fit[it.id][0] for it in items])
    sub = np.asarray([fit[it.id][1] for it in items])
    topics = sorted(set(topic))
    mats = block_cosines(items, sorted(set(itertools.chain(*FEATURES.values()))))
    grid = np.round(np.arange(0.10, 0.60, 0.005), 3)
    out = {}
    for setting, names in FEATURES.items():
        rng = np.random.default_rng(0)
        held = []
        for _ in range(args.repeats):
            for fold in np.array_split(rng.permutation(topics), args.folds):
                train = [t for t in topics if t not in set(fold)]
                w = logistic(*pair_examples(mats, names, topic, sub, set(train)))
                t, _ = best_threshold(sc, mats, names, w, np.flatnonzero(np.isin(topic, train)), topic, grid)
                test = np.flatnonzero(np.isin(topic, fold))
                held.append(best_threshold(sc, mats, names, w, test, topic, [t])[1])
        w = logistic(*pair_examples(mats, names, topic, sub, set(topics)))
        t, top = best_threshold(sc, mats, names, w, np.arange(len(items)), topic, grid)
        out[setting] = {"weights": dict(zip(names, np.round(w, 3).tolist())), "threshold": float(t),
                        "fit_topic_b3_f1": round(top, 4), "cv_topic_b3_f1": round(float(np.mean(held)), 4)}
        print(f"{setting}: {out[setting]}")
    if not args.no_log:
        benchlib.record_result("topics_fit", {"command": " ".join(["bench/topics_fit.py"] + (argv or sys.argv[1:])),
                                              "figures": out})


if __name__ == "__main__":
    main()
