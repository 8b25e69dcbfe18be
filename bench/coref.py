"""Benchmark: cross-document event coreference on ECB+ gold mentions.

    python bench/coref.py --data ../shared/datasets/ecbplus_standard --split dev --pred /tmp/coref.jsonl
    python bench/coref.py --data ../shared/datasets/ecbplus_standard --fit     # re-learn the weights on train

Documents are grouped into stories first (TF-IDF of the sentences that hold mentions,
average link), then the mentions of one story are clustered by average link over the
probabilities of :mod:`newsfuse.annotate.events_coref` (logistic weights shipped in the
package). ``--fit`` learns those weights on the train split with scikit-learn (bench
only; the library does not import it), tunes the clustering threshold by leave-topics-out
cross-validation on train, and rewrites the weights JSON. The official scorer
(shared/eval/score_coref.py) computes the figures; they are printed and appended to
bench/results/coref.jsonl. Gold topics and chains are never read for prediction.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.pop(0)

import argparse
import datetime as dt
import json
import math
import subprocess
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "ecbplus_standard"
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score_coref.py"
RESULTS = ROOT / "bench" / "results" / "coref.jsonl"
WEIGHTS = ROOT / "src" / "newsfuse" / "annotate" / "events_coref_weights.json"
DOC_THRESHOLD = 0.05


def dump_mentions(data: Path, split: str) -> list[dict]:
    """The gold mentions of a split without their chains, as the official scorer dumps them."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "m.jsonl"
        proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(data), "--split", split,
                               "--dump-mentions", str(out)], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(f"scorer could not dump the mentions: {proc.stderr.strip()}")
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def mention_infos(mentions: list[dict]):
    """MentionInfo per mention and the content tokens per document (one parse per sentence)."""
    from spacy.tokens import Doc

    from newsfuse.annotate.events_coref import mention_info
    from newsfuse.annotate.nlp import load_nlp

    nlp = load_nlp()
    sents: dict[tuple[str, str], list[str]] = {}
    for m in mentions:
        sents.setdefault((m["doc_id"], m["sent_id"]), [t.strip() or "_" for t in m["sentence_tokens"]])
    keys = list(sents)
    docs = [Doc(nlp.vocab, words=sents[k]) for k in keys]
    parsed = dict(zip(keys, nlp.pipe(docs, batch_size=64)))
    doc_tokens: dict[str, list[str]] = defaultdict(list)
    for (doc_id, _), sdoc in parsed.items():
        doc_tokens[doc_id].extend(t.lemma_.lower() for t in sdoc
                                  if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ"))
    infos = []
    for m in mentions:
        sdoc = parsed[(m["doc_id"], m["sent_id"])]
        base = m["sentence_start"]
        if base is None:  # train: token numbers run over the document; find the mention in the sentence
            start, end = _locate(m, sents[(m["doc_id"], m["sent_id"])])
        else:
            start, end = m["span"][0] - base, m["span"][1] - base + 1
        start = max(0, min(start, len(sdoc) - 1))
        end = max(start + 1, min(end, len(sdoc)))
        infos.append(mention_info(m["mention"], m["doc_id"], m["sent_id"], sdoc, start, end))
    return infos, doc_tokens


def _locate(m: dict, tokens: list[str]) -> tuple[int, int]:
    words = m["text"].split()
    n = len(words)
    hits = [i for i in range(len(tokens) - n + 1) if tokens[i:i + n] == words]
    if not hits:
        return 0, 1
    return hits[0], hits[0] + n


def _idf(infos) -> dict[str, float]:
    df = Counter(w for info in infos for w in info.context)
    n = len(infos)
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}


def story_groups(infos, doc_tokens, threshold: float = DOC_THRESHOLD):
    """doc id -> story label, and doc-pair similarity lookup."""
    from newsfuse.annotate.events_coref import cluster_documents, cosine, tfidf_vectors

    doc_ids = sorted(doc_tokens)
    vectors = tfidf_vectors([doc_tokens[d] for d in doc_ids])
    labels = cluster_documents(vectors, threshold)
    index = {d: i for i, d in enumerate(doc_ids)}

    def sim(a: str, b: str) -> float:
        return 1.0 if a == b else cosine(vectors[index[a]], vectors[index[b]])

    return {d: labels[index[d]] for d in doc_ids}, sim


def pairs_by_group(infos, group_of):
    groups: dict[object, list[int]] = defaultdict(list)
    for i, info in enumerate(infos):
        groups[group_of(info)].append(i)
    return groups


def predict(infos, doc_tokens, coef, threshold: float, doc_threshold: float = DOC_THRESHOLD) -> list[str]:
    """A cluster label per mention."""
    from newsfuse.annotate.events_coref import cluster, pair_features, pair_probability

    story, sim = story_groups(infos, doc_tokens, doc_threshold)
    idf = _idf(infos)
    labels = [""] * len(infos)
    for g, idx in pairs_by_group(infos, lambda m: story[m.doc]).items():
        cache: dict[tuple[int, int], float] = {}

        def score(i: int, j: int) -> float:
            a, b = infos[idx[i]], infos[idx[j]]
            return pair_probability(pair_features(a, b, sim(a.doc, b.doc), idf), coef)

        local = cluster(len(idx), score, threshold)
        for k, lab in zip(idx, local):
            labels[k] = f"s{g}-c{lab}"
    return labels


def official_score(data: Path, split: str, pred: Path) -> dict:
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(data), "--split", split, "--pred", str(pred)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"scorer failed ({proc.returncode}): {proc.stderr.strip()}")
    print(proc.stdout.rstrip())
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _chains(data: Path, split: str) -> dict[str, str]:
    """Gold chains of the train split (fitting only)."""
    sys.path.insert(0, str(EVAL))
    import score_coref

    records = score_coref.load_gold(str(data / f"{split}_event_gold_mentions.json"))
    return {r["mention"]: r["chain"] for r in records}


def fit(data: Path) -> dict:
    """Learn the pair weights on train and tune the threshold by leave-topics-out CV."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from newsfuse.annotate.events_coref import FEATURES, pair_features

    sys.path.insert(0, str(EVAL))
    import score_coref

    mentions = dump_mentions(data, "train")
    chains = _chains(data, "train")
    infos, doc_tokens = mention_infos(mentions)
    story, sim = story_groups(infos, doc_tokens)
    idf = _idf(infos)
    topic_of = {m["mention"]: m["topic"] for m in mentions}  # training pairs: within gold topic
    rows, ys, fold = [], [], []
    topics = sorted({t for t in topic_of.values()})
    fold_of = {t: n % 5 for n, t in enumerate(topics)}
    for t, idx in pairs_by_group(infos, lambda m: topic_of[m.key]).items():
        for p, i in enumerate(idx):
            for j in idx[p + 1:]:
                a, b = infos[i], infos[j]
                rows.append(pair_features(a, b, sim(a.doc, b.doc), idf))
                ys.append(int(chains[a.key] == chains[b.key]))
                fold.append(fold_of[t])
    x, y, fold_arr = np.array(rows), np.array(ys), np.array(fold)
    print(f"train pairs: {len(y)} ({y.sum()} coreferent)")

    def model():
        return LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False)

    # threshold by leave-topics-out CV: fit on 4/5 of the topics, cluster the rest
    records = score_coref.load_gold(str(data / "train_event_gold_mentions.json"))
    grid = [0.15, 0.2, 0.25, 0.3, 0.4]
    preds_by_t: dict[float, dict[str, str]] = {t: {} for t in grid}
    for f in range(5):
        clf = model().fit(x[fold_arr != f], y[fold_arr != f])
        coef = tuple(clf.coef_[0])
        held = [k for k, info in enumerate(infos) if fold_of[topic_of[info.key]] == f]
        sub = [infos[k] for k in held]
        sub_docs = {d: doc_tokens[d] for d in {i.doc for i in sub}}
        for th in grid:
            for info, lab in zip(sub, predict(sub, sub_docs, coef, th)):
                preds_by_t[th][info.key] = f"f{f}-{lab}"
    best = max(grid, key=lambda th: score_coref.score(records, preds_by_t[th])["conll_f1"])
    for th in grid:
        print(f"  threshold {th}: train CV conll_f1 {score_coref.score(records, preds_by_t[th])['conll_f1']:.4f}")
    clf = model().fit(x, y)
    weights = {"source": "logistic regression on ECB+ train event mention pairs (CC-BY 3.0), bench/coref.py --fit",
               "threshold": best, "coefficients": {n: round(float(c), 5) for n, c in zip(FEATURES, clf.coef_[0])}}
    WEIGHTS.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS} (threshold {best})")
    return {"threshold": best, "train_cv_conll_f1": round(score_coref.score(records, preds_by_t[best])["conll_f1"], 4)}


def _commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ecbplus_standard folder")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--pred", type=Path, help="where to write the predictions (JSONL)")
    parser.add_argument("--fit", action="store_true", help="re-learn the weights on the train split first")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"Data not found: {args.data}. Put ECB+ (ecbplus_standard) under ../shared/datasets/ "
              "or pass --data.", file=sys.stderr)
        return 2
    if not SCORER.exists():
        print(f"Official scorer not found: {SCORER}", file=sys.stderr)
        return 2
    figures: dict[str, object] = {}
    if args.fit:
        figures["fit"] = fit(args.data)
        load_cache_clear()
    if args.pred is not None:
        from newsfuse.annotate.events_coref import load_weights

        coef, threshold = load_weights()
        mentions = dump_mentions(args.data, args.split)
        infos, doc_tokens = mention_infos(mentions)
        labels = predict(infos, doc_tokens, coef, threshold)
        with args.pred.open("w", encoding="utf-8") as fh:
            for info, lab in zip(infos, labels):
                fh.write(json.dumps({"mention": info.key, "cluster": lab}) + "\n")
        figures[args.split] = official_score(args.data, args.split, args.pred)
    record = {"date": dt.datetime.now().isoformat(timespec="seconds"), "commit": _commit(),
              "command": " ".join(["python", "bench/coref.py"] + (argv if argv is not None else sys.argv[1:])),
              "figures": figures}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    return 0


def load_cache_clear() -> None:
    from newsfuse.annotate.events_coref import load_weights

    load_weights.cache_clear()


if __name__ == "__main__":
    sys.exit(main())
