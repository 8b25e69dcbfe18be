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
    sys.path.append(sys.path.pop(0))

import argparse
import json
import math
import subprocess
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import benchlib

ROOT = benchlib.ROOT
DEFAULT_DATA = benchlib.DATASETS / "ecbplus_standard"
EVAL = benchlib.EVAL
SCORER = EVAL / "score_coref.py"
WEIGHTS = ROOT / "src" / "newsfuse" / "annotate" / "events_coref_weights.json"
DOC_WEIGHTS = (1.0, 0.25, 0.25)  # content words, names, times and numbers
DOC_GRID = (0.1, 0.13, 0.16)


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


def story_groups(infos, doc_tokens, threshold: float, weights=DOC_WEIGHTS):
    """doc id -> seminal-event label, and the doc-pair similarity lookup."""
    from newsfuse.annotate.events_coref import cluster, document_similarity, tfidf_vectors

    doc_ids = sorted(doc_tokens)
    names: dict[str, list[str]] = defaultdict(list)
    facts: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for info in infos:
        if info.sentence not in seen:
            seen.add(info.sentence)
            names[info.doc].extend(info.names)
            facts[info.doc].extend(info.times | info.numbers)
    blocks = [tfidf_vectors([doc_tokens[d] for d in doc_ids]), tfidf_vectors([names[d] for d in doc_ids]),
              tfidf_vectors([facts[d] for d in doc_ids])]
    doc_sim = document_similarity(blocks, weights)
    labels = cluster(len(doc_ids), doc_sim, threshold)
    index = {d: i for i, d in enumerate(doc_ids)}

    def sim(a: str, b: str) -> float:
        return doc_sim(index[a], index[b])

    return {d: labels[index[d]] for d in doc_ids}, sim


def pairs_by_group(infos, group_of):
    groups: dict[object, list[int]] = defaultdict(list)
    for i, info in enumerate(infos):
        groups[group_of(info)].append(i)
    return groups


def predict(infos, doc_tokens, coef, threshold: float, doc_threshold: float, groups=None) -> list[str]:
    """A cluster label per mention."""
    from newsfuse.annotate.events_coref import cluster, pair_features, pair_probability

    story, sim = groups or story_groups(infos, doc_tokens, doc_threshold)
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
    """Learn the pair weights on train; tune both thresholds by leave-topics-out CV on train.

    Training pairs are the mention pairs within one predicted document cluster (the pairs the
    model will see at prediction time), over the document thresholds of :data:`DOC_GRID`.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from newsfuse.annotate.events_coref import FEATURES, pair_features

    sys.path.insert(0, str(EVAL))
    import score_coref

    mentions = dump_mentions(data, "train")
    chains = _chains(data, "train")
    records = score_coref.load_gold(str(data / "train_event_gold_mentions.json"))
    infos, doc_tokens = mention_infos(mentions)
    idf = _idf(infos)
    topic_of = {m["mention"]: m["topic"] for m in mentions}  # folds only: never a prediction input
    topics = sorted(set(topic_of.values()))
    fold_of = {t: n % 5 for n, t in enumerate(topics)}
    loose = min(DOC_GRID)
    story_by = {th: story_groups(infos, doc_tokens, th)[0] for th in DOC_GRID}
    _, sim = story_groups(infos, doc_tokens, loose)
    rows, ys, folds, members = [], [], [], []
    for _, idx in pairs_by_group(infos, lambda m: story_by[loose][m.doc]).items():
        for p, i in enumerate(idx):
            for j in idx[p + 1:]:
                a, b = infos[i], infos[j]
                rows.append(pair_features(a, b, sim(a.doc, b.doc), idf))
                ys.append(int(chains[a.key] == chains[b.key]))
                fa, fb = fold_of[topic_of[a.key]], fold_of[topic_of[b.key]]
                folds.append(fa if fa == fb else -1)
                members.append([story_by[th][a.doc] == story_by[th][b.doc] for th in DOC_GRID])
    x, y, fold_arr, within = np.array(rows), np.array(ys), np.array(folds), np.array(members)
    print(f"train pairs: {len(y)} ({y.sum()} coreferent)")

    def model():
        return LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False)

    grid = (0.2, 0.3, 0.4, 0.5, 0.6)
    results: dict[tuple[float, float], float] = {}
    for d, dth in enumerate(DOC_GRID):
        preds: dict[float, dict[str, str]] = {t: {} for t in grid}
        for f in range(5):
            use = within[:, d] & (fold_arr != f) & (fold_arr != -1)
            coef = tuple(model().fit(x[use], y[use]).coef_[0])
            sub = [info for info in infos if fold_of[topic_of[info.key]] == f]
            sub_docs = {doc: doc_tokens[doc] for doc in {i.doc for i in sub}}
            groups = story_groups(sub, sub_docs, dth)
            for th in grid:
                for info, lab in zip(sub, predict(sub, sub_docs, coef, th, dth, groups)):
                    preds[th][info.key] = f"f{f}-{lab}"
        for th in grid:
            results[(dth, th)] = score_coref.score(records, preds[th])["conll_f1"]
            print(f"  doc threshold {dth}, pair threshold {th}: train CV conll_f1 {results[(dth, th)]:.4f}")
    best_doc, best = max(results, key=results.get)
    d = DOC_GRID.index(best_doc)
    clf = model().fit(x[within[:, d]], y[within[:, d]])
    weights = {"source": "logistic regression on ECB+ train event mention pairs (CC-BY 3.0), bench/coref.py --fit",
               "threshold": best, "doc_threshold": best_doc, "doc_weights": list(DOC_WEIGHTS),
               "coefficients": {n: round(float(c), 5) for n, c in zip(FEATURES, clf.coef_[0])}}
    WEIGHTS.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS} (doc threshold {best_doc}, pair threshold {best})")
    return {"doc_threshold": best_doc, "threshold": best, "train_cv_conll_f1": round(results[(best_doc, best)], 4)}


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
        from newsfuse.annotate.events_coref import load_document_params, load_weights

        coef, threshold = load_weights()
        doc_weights, doc_threshold = load_document_params()
        mentions = dump_mentions(args.data, args.split)
        infos, doc_tokens = mention_infos(mentions)
        groups = story_groups(infos, doc_tokens, doc_threshold, doc_weights)
        labels = predict(infos, doc_tokens, coef, threshold, doc_threshold, groups)
        with args.pred.open("w", encoding="utf-8") as fh:
            for info, lab in zip(infos, labels):
                fh.write(json.dumps({"mention": info.key, "cluster": lab}) + "\n")
        figures[args.split] = official_score(args.data, args.split, args.pred)
    command = " ".join(["python", "bench/coref.py"] + (argv if argv is not None else sys.argv[1:]))
    benchlib.record_result("coref", {"command": command, "figures": figures})
    return 0


def load_cache_clear() -> None:
    from newsfuse.annotate.events_coref import _weights_json

    _weights_json.cache_clear()


if __name__ == "__main__":
    sys.exit(main())
