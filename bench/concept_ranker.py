"""Would a learned ranker choose what a figure is about better than the rules? (issue #14, fit only)

    python bench/concept_ranker.py [--data FILE] [--minilm] [--no-record]

NewsQuant's concept is scored by token overlap with ``_concept`` of bench/quantities.py, which
reads a figure's ``measure`` and ``about``. This study asks whether a learned choice of ``about``
does better than the rules' choice, on the FIT part only (check is never read):

- for each figure of a fit sentence whose value matches a gold quantity, the candidates are the
  rules' ``about``, nothing, and every noun phrase of the sentence outside the figure (its noun with
  pre-modifiers); a candidate is right when the concept it gives overlaps the gold concept;
- features: whether it is the rules' choice, whether it is nothing (per kind of figure), the
  candidate's dependency label, tree and word distance to the number, side, proper noun, the
  preposition it hangs from, whether it is the subject of the figure's verb; with ``--minilm``
  also the frozen MiniLM cosine of the candidate to the sentence and to the unit;
- a conditional logit (softmax over a figure's candidates, the likelihood of the right ones),
  L2 penalty chosen from a grid, scored by 5-fold cross-validation over fit sentences repeated
  with three shuffles: the number of figures whose chosen candidate is right, against the rules'.

The rules were written reading fit, so they have an in-sample advantage here; the ranker sees the
rules' choice as a feature and can only add to it. Prints the table and appends it to
bench/results/concept_ranker.jsonl (not with --no-record). Needs scipy (installed with the
``train`` extra's scikit-learn).
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

import benchlib  # noqa: E402
import quantities  # noqa: E402

_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "attr", "appos", "conj", "ROOT", "npadvmod")
_PREPS = ("for", "of", "in", "to", "by")
LAMBDAS = (0.01, 0.1, 0.3, 1.0, 3.0)
SEEDS = (0, 1, 2)
FOLDS = 5


def _tokens(concept: str | None) -> set[str]:
    return {t for t in re.split(r"[,\s]+", (concept or "").lower()) if t} or {"-"}


def _tree_distance(a, b) -> int:
    up_a = {t.i: k for k, t in enumerate([a, *a.ancestors])}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in up_a:
            return k + up_a[t.i]
    return 20


def _features(anchor, tok, text: str, fig, kind_name: str) -> dict[str, float]:
    f = {"rule": float(text == fig.about), "none": float(text == ""),
         f"none_{kind_name}": float(text == ""), "none_no_measure": float(text == "" and not fig.measure)}
    if tok is None or not text:
        return f
    f["dep_" + (tok.dep_ if tok.dep_ in _DEPS else "other")] = 1.0
    f["propn"] = float(tok.pos_ == "PROPN")
    f["before"] = float(tok.i < anchor.i)
    words = abs(tok.i - anchor.i)
    f["words_near"], f["words_mid"], f["words_far"] = float(words <= 3), float(3 < words <= 8), float(words > 8)
    hops = _tree_distance(tok, anchor)
    f["tree_1"], f["tree_2"], f["tree_3"], f["tree_far"] = (float(hops <= 1), float(hops == 2),
                                                            float(hops == 3), float(hops > 3))
    f["above_figure"] = float(any(t.i == tok.i for t in anchor.ancestors))
    f["below_figure"] = float(any(t.i == anchor.i for t in tok.ancestors))
    if tok.dep_ == "pobj":
        f["prep_" + (tok.head.lower_ if tok.head.lower_ in _PREPS else "other")] = 1.0
    f["subject_of_figure_verb"] = float(tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == anchor.head.i)
    f["words"] = min(len(text.split()), 5) / 5
    return f


def figure_rows(data: Path) -> tuple[list[dict], list[str]]:
    """One row per fit figure whose value matches a gold quantity: its candidates with features
    and whether each is right; also the texts of the fit sentences."""
    sys.path.insert(0, str(benchlib.EVAL))
    import score_quantities as sq  # the official scorer's parsing and comparison
    from spacy.lang.en.stop_words import STOP_WORDS

    from newsfuse.annotate.figures._phrase import noun_tokens, words_of
    from newsfuse.annotate.nlp import load_nlp

    raw = json.loads(data.read_text(encoding="utf-8"))
    check = set(quantities.check_ids(raw))
    gold = sq.load_gold(str(data))
    fit = [i for i in range(len(raw)) if i not in check]
    units = quantities.measurement_units()
    rows = []
    nlp = load_nlp()
    for i, doc in zip(fit, nlp.pipe([raw[i]["text"] for i in fit], batch_size=32)):
        for fig, kind, unit, value, _ in quantities.bench_figures(doc, i, units, STOP_WORDS):
            golds = [g for g in gold[i][1] if sq.values_equal(g.value, sq.parse_value(value))]
            span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
            if not golds or span is None:
                continue
            skip = {t.i for t in span}
            cands: dict[str, object] = {fig.about: None, "": None}
            for tok in span.sent:
                if tok.pos_ in ("NOUN", "PROPN") and tok.i not in skip and tok.dep_ != "compound":
                    text = words_of(noun_tokens(tok, skip))
                    if text and text not in cands:
                        cands[text] = tok
                    elif text == fig.about and cands[text] is None:
                        cands[text] = tok
            kind_name = "count" if kind is None and unit else (kind or "bare")
            rows.append({"sentence": i, "unit": unit or "", "candidates": [
                {"text": text, "right": bool(_tokens(quantities._concept(
                    replace(fig, about=text), unit, kind, STOP_WORDS)) & set().union(*(g.concept for g in golds))),
                 "rule": text == fig.about,
                 "f": _features(span.root, tok, text, fig, kind_name)} for text, tok in cands.items()]})
    return rows, [raw[i]["text"] for i in fit]


def add_minilm(rows: list[dict], texts: dict[int, str]) -> None:
    """The frozen MiniLM cosine of each candidate to its sentence and to the figure's unit."""
    from newsfuse.learn.encoder import Encoder

    wanted = sorted({c["text"] for r in rows for c in r["candidates"] if c["text"]}
                    | {texts[r["sentence"]] for r in rows} | {r["unit"] for r in rows if r["unit"]})
    vec = dict(zip(wanted, Encoder(threads=1).encode(wanted)))
    for r in rows:
        sent, unit = vec[texts[r["sentence"]]], vec.get(r["unit"])
        for c in r["candidates"]:
            if c["text"]:
                c["f"]["cos_sentence"] = float(vec[c["text"]] @ sent)
                if unit is not None:
                    c["f"]["cos_unit"] = float(vec[c["text"]] @ unit)


def _fit(xs: list[np.ndarray], ys: list[np.ndarray], lam: float) -> np.ndarray:
    """Conditional logit: maximise the log of the softmax mass on the right candidates, L2 ``lam``."""
    from scipy.optimize import minimize

    groups = [(x, y) for x, y in zip(xs, ys) if 0 < y.sum() < len(y)]

    def loss(w):
        value, grad = lam * w @ w, 2 * lam * w
        for x, y in groups:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            mass = p[y].sum()
            value -= np.log(mass)
            grad += p @ x - (p[y] / mass) @ x[y]
        return value, grad

    return minimize(loss, np.zeros(xs[0].shape[1]), jac=True, method="L-BFGS-B").x


def cross_validate(rows: list[dict]) -> dict:
    names = sorted({k for r in rows for c in r["candidates"] for k in c["f"]})
    col = {n: k for k, n in enumerate(names)}
    xs, ys = [], []
    for r in rows:
        x = np.zeros((len(r["candidates"]), len(names)))
        for j, c in enumerate(r["candidates"]):
            for k, v in c["f"].items():
                x[j, col[k]] = v
        xs.append(x)
        ys.append(np.array([c["right"] for c in r["candidates"]]))
    sentences = sorted({r["sentence"] for r in rows})
    out = {"figures": len(rows), "rules_right": sum(any(c["right"] and c["rule"] for c in r["candidates"])
                                                    for r in rows),
           "oracle_right": sum(any(c["right"] for c in r["candidates"]) for r in rows), "cv": []}
    for lam in LAMBDAS:
        right = []
        for seed in SEEDS:
            fold_of = dict(zip(sentences, np.random.RandomState(seed).permutation(len(sentences)) % FOLDS))
            hits = 0
            for fold in range(FOLDS):
                train = [k for k, r in enumerate(rows) if fold_of[r["sentence"]] != fold]
                w = _fit([xs[k] for k in train], [ys[k] for k in train], lam)
                hits += sum(int(ys[k][int(np.argmax(xs[k] @ w))]) for k, r in enumerate(rows)
                            if fold_of[r["sentence"]] == fold)
            right.append(hits)
        out["cv"].append({"l2": lam, "right_per_shuffle": right, "mean_right": float(np.mean(right))})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=quantities.DEFAULT_DATA, help="NewsQuant dev .json")
    ap.add_argument("--minilm", action="store_true", help="add the frozen MiniLM cosines as features")
    ap.add_argument("--no-record", action="store_true", help="print without appending to bench/results")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"NewsQuant data not found at {args.data}: pass --data FILE "
              "(the shared datasets live in ../shared/datasets).", file=sys.stderr)
        return 2
    rows, texts = figure_rows(args.data)
    if args.minilm:
        raw = json.loads(args.data.read_text(encoding="utf-8"))
        add_minilm(rows, {r["sentence"]: raw[r["sentence"]]["text"] for r in rows})
    result = cross_validate(rows)
    print(f"fit figures with a matching value: {result['figures']} (of {len(texts)} fit sentences)")
    print(f"  rules' about right: {result['rules_right']}; some candidate right: {result['oracle_right']}")
    for row in result["cv"]:
        print(f"  ranker l2={row['l2']:<5} right (5-fold CV, per shuffle): {row['right_per_shuffle']}")
    if not args.no_record:
        command = " ".join(["python", "bench/concept_ranker.py", *(argv if argv is not None else sys.argv[1:])])
        benchlib.record_result("concept_ranker", {"command": command, "part": "fit (cross-validated)",
                                                  "minilm": args.minilm, **result})
    return 0


if __name__ == "__main__":
    sys.exit(main())
