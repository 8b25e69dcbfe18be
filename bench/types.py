"""Benchmark: type the CASE 2021 Task 2 snippets with the newsfuse event ontology.

    python bench/types.py --pred /tmp/types.jsonl                      # dev: rules + 5-fold CV
    python bench/types.py --data ../shared/datasets/case2021/case2021_task2_test.tsv --pred /tmp/t.jsonl

Two systems are scored, each by the official scorer (shared/eval/score_types.py):

``rules``
    The default newsfuse pipeline: the keyword rules of :mod:`newsfuse.annotate.events.ontology`,
    mapped to CASE labels. Nothing is learned.
``learned``
    A linear model (scikit-learn; not shipped with newsfuse, CASE carries no redistribution
    licence) on word and character n-grams, keyword-group flags and the rule scores.
``combined``
    Scored alongside ``learned``: the rule type, except where the rules find no evidence (OTHER),
    where the learned type is taken.

Protocol, so that no snippet is ever predicted by a model that saw its label:

* ``--data`` is the ``--train`` file (the default, the shared dev TSV): k-fold stratified
  cross-validation on it (``--folds``), out-of-fold predictions are scored.
* ``--data`` is another file (a held-back test): the model is fitted on ``--train`` only and
  predicts ``--data``; the labels of ``--data`` are read by the scorer alone.
* ``--half A`` / ``--half B``: the ``--train`` file is split in two seeded halves; the model is
  fitted on the other half and the named half is scored (a generalisation check for the rules:
  tune on one half, read the other).

The rules were written with the dev file in view, so the learned and combined figures on dev,
which take the rule scores as features, are not held-out figures for the rules themselves.

``--split check`` / ``--split fit`` (the learned layer's protocol, issue #12/#13): the shared dev TSV
is cut by the fixed rule of :mod:`newsfuse.learn.case2021` (ids in ``bench/splits/case2021_check.txt``).
Scored with the official scorer: the rules on that part, and the **shipped event-type head**
(``newsfuse.learn``, fitted on fit and the snippets written for newsfuse, ``learn/data/event_type_own.tsv``).
``--split fit`` scores the head out of fold (5-fold CV on fit, the head's own settings, the own snippets in
every fold's training); ``--split check`` scores the shipped head as it is. The rules were written
reading all of dev, so their figure on either part is not a held-out figure (held back: .673).

``--pred`` receives the learned predictions (``--method rules``: the rule predictions). The
figures are printed and appended to bench/results/types.jsonl.
"""

from __future__ import annotations

import sys

# This file is named types.py and would shadow the standard library's `types`: search bench/ last.
if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse
import json
import re
import subprocess
import tempfile
from pathlib import Path

import benchlib

from newsfuse.annotate.events.ontology import EVENT_TYPES, KEYWORD_GROUPS, rule_scores, to_case, type_text

DEFAULT_TRAIN = benchlib.DATASETS / "case2021" / "case2021_task2_dev.tsv"
SCORER = benchlib.EVAL / "score_types.py"


def read_tsv(path: Path, labelled: bool = True) -> list[tuple[str, str, str]]:
    """(id, snippet, label) rows; label is "" when the file has no SubType column or ``labelled`` is off."""
    from newsfuse.learn.case2021 import read_tsv as read_snippets

    return [(s.id, s.text, s.label) for s in read_snippets(path, labelled)]


def rules_predict(texts: list[str]) -> list[str]:
    """CASE labels from the rule typer (the default newsfuse pipeline)."""
    return [to_case(type_text(t)) for t in texts]


# --------------------------------------------------------------------------- learned model (bench only)

_CASE_LABELS = sorted({t.case for t in EVENT_TYPES})


def _dense_features(texts: list[str]):
    """Rule scores per CASE label, the rule decision, and keyword-group flags (lead and body)."""
    import numpy as np

    labels = {lab: i for i, lab in enumerate(_CASE_LABELS)}
    groups = list(KEYWORD_GROUPS)
    n_lab, n_grp = len(labels), len(groups)
    mat = np.zeros((len(texts), 2 * n_lab + 2 * n_grp))
    compiled = [re.compile(KEYWORD_GROUPS[g]) for g in groups]
    for r, text in enumerate(texts):
        for tid, s in rule_scores(text).items():
            j = labels[to_case(tid)]
            mat[r, j] = max(mat[r, j], min(s, 12.0) / 6.0)
        mat[r, n_lab + labels[to_case(type_text(text))]] = 1.0
        low = text.lower()
        lead = low[:200]
        for g, pat in enumerate(compiled):
            if pat.search(lead):
                mat[r, 2 * n_lab + g] = 1.0
            elif pat.search(low):
                mat[r, 2 * n_lab + n_grp + g] = 1.0
    return mat


def _fit_predict(train_texts: list[str], train_labels: list[str], test_texts: list[str], c: float = 1.0) -> list[str]:
    """Fit the learned model on the training snippets and label the test snippets."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)

    def build(texts: list[str], fit: bool):
        xw = words.fit_transform(texts) if fit else words.transform(texts)
        xc = chars.fit_transform(texts) if fit else chars.transform(texts)
        return hstack([xw, xc, csr_matrix(_dense_features(texts)) * 0.8]).tocsr()

    x_train = build(train_texts, True)
    x_test = build(test_texts, False)
    clf = LinearSVC(C=c, class_weight="balanced", max_iter=20000)
    clf.fit(x_train, train_labels)
    return list(clf.predict(x_test))


def cv_predict(texts: list[str], labels: list[str], folds: int = 5, seed: int = 13) -> list[str]:
    """Out-of-fold predictions from stratified k-fold cross-validation."""
    import warnings

    from sklearn.model_selection import StratifiedKFold

    warnings.filterwarnings("ignore", message="The least populated class")
    preds = [""] * len(texts)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(texts, labels):
        out = _fit_predict([texts[i] for i in train], [labels[i] for i in train], [texts[i] for i in test])
        for i, label in zip(test, out):
            preds[i] = label
    return preds


# --------------------------------------------------------------------------- scoring


def split_halves(path: Path, out_dir: Path, seed: int = 7) -> tuple[Path, Path]:
    """Write the two seeded halves of a labelled TSV (rows kept verbatim) to ``out_dir``: (A, B)."""
    import random

    lines = path.read_text(encoding="utf-8").splitlines()
    header, body = lines[0], [line for line in lines[1:] if line.strip()]
    ids = sorted(line.split("\t")[0] for line in body)
    random.Random(seed).shuffle(ids)
    first = set(ids[:len(ids) // 2])
    paths = (out_dir / "half_A.tsv", out_dir / "half_B.tsv")
    for p, keep in zip(paths, (True, False)):
        rows = [line for line in body if (line.split("\t")[0] in first) == keep]
        p.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return paths


def combine(rule_labels: list[str], learned_labels: list[str]) -> list[str]:
    """The rule label, or the learned one where the rules found nothing (OTHER)."""
    return [lr if r == "OTHER" else r for r, lr in zip(rule_labels, learned_labels)]


def write_pred(path: Path, ids: list[str], labels: list[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, lab in zip(ids, labels):
            fh.write(json.dumps({"id": i, "type": lab}) + "\n")


def score(data: Path, pred: Path) -> dict:
    """Run the official scorer; print its table; return its headline JSON."""
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(data), "--pred", str(pred)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"scorer failed ({proc.returncode}): {proc.stderr.strip()}")
    print(proc.stdout.rstrip())
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_TRAIN, help="CASE 2021 Task 2 TSV to score")
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN,
                        help="labelled TSV the learned model is fitted on (default: the shared dev TSV)")
    parser.add_argument("--pred", type=Path, required=True, help="where to write the predictions (JSONL)")
    parser.add_argument("--method", choices=("rules", "learned"), default="learned")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--half", choices=("A", "B"),
                        help="score this seeded half of --train, fitting on the other half")
    parser.add_argument("--split", choices=("fit", "check"),
                        help="score the rules and the shipped head on this part of the fixed fit/check split")
    args = parser.parse_args(argv)
    if args.split:
        return _run_split(args, argv)
    for path, what in ((args.data, "--data"), (args.train, "--train")):
        if (what == "--data" or args.method == "learned") and not path.exists():
            print(f"Data not found: {path} ({what}). Put the CASE 2021 TSVs under ../shared/datasets/case2021/ "
                  f"or pass {what}.", file=sys.stderr)
            return 2
    if not SCORER.exists():
        print(f"Official scorer not found: {SCORER}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        args.source = args.train.name
        if args.half:
            half_a, half_b = split_halves(args.train, Path(tmp))
            args.data, args.train = (half_a, half_b) if args.half == "A" else (half_b, half_a)
        return _run(args, argv, Path(tmp))


def _run(args: argparse.Namespace, argv: list[str] | None, tmp: Path) -> int:
    rows = read_tsv(args.data, labelled=False)  # the labels of --data go to the scorer only
    ids = [r[0] for r in rows]
    texts = [r[1] for r in rows]
    figures: dict[str, dict] = {}
    rule_labels = rules_predict(texts)
    rules_path = tmp / "rules.jsonl" if args.method == "learned" else args.pred
    write_pred(rules_path, ids, rule_labels)
    print("== rules only (newsfuse pipeline)")
    figures["rules"] = score(args.data, rules_path)
    protocol = f"half{args.half}" if args.half else "rules"
    if args.method == "learned":
        train_rows = read_tsv(args.train)
        if any(not r[2] for r in train_rows):
            print(f"--train {args.train} needs the SubType column (labels).", file=sys.stderr)
            return 2
        if args.half:
            protocol = f"half{args.half} (fitted on the other half)"
            preds = _fit_predict([r[1] for r in train_rows], [r[2] for r in train_rows], texts)
            print(f"== learned (linear SVM), fitted on the other half, predicting half {args.half}")
        elif args.data.resolve() == args.train.resolve():
            protocol = f"cv{args.folds}"
            preds = cv_predict(texts, [r[2] for r in train_rows], folds=args.folds)
            print(f"== learned (linear SVM), {args.folds}-fold stratified CV on {args.data.name} (out-of-fold)")
        else:
            protocol = f"train={args.train.name}"
            preds = _fit_predict([r[1] for r in train_rows], [r[2] for r in train_rows], texts)
            print(f"== learned (linear SVM), fitted on {args.train.name}, predicting {args.data.name}")
        write_pred(args.pred, ids, preds)
        figures["learned"] = score(args.data, args.pred)
        print("== combined (rules; learned where the rules find nothing)")
        write_pred(tmp / "combined.jsonl", ids, combine(rule_labels, preds))
        figures["combined"] = score(args.data, tmp / "combined.jsonl")
    command = " ".join(["python", "bench/types.py"] + (argv if argv is not None else sys.argv[1:]))
    data_name = f"{args.source} half {args.half}" if args.half else args.data.name
    benchlib.record_result("types", {"command": command, "data": data_name, "protocol": protocol,
                                     "figures": figures})
    return 0


def _run_split(args: argparse.Namespace, argv: list[str] | None) -> int:
    """Rules and the shipped head on one part of the fixed fit/check split of the dev TSV."""
    import time

    from newsfuse.learn.case2021 import in_check
    from newsfuse.learn.encoder import Encoder
    from newsfuse.learn.event_head import load_head

    lines = args.train.read_text(encoding="utf-8").splitlines()
    header, body = lines[0], [ln for ln in lines[1:] if ln.strip()]
    want_check = args.split == "check"
    part = [ln for ln in body if in_check(ln.split("\t")[0]) == want_check]
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / f"case2021_{args.split}.tsv"
        gold.write_text("\n".join([header, *part]) + "\n", encoding="utf-8")
        rows = read_tsv(gold, labelled=False)  # the labels go to the scorer only
        ids, texts = [r[0] for r in rows], [r[1] for r in rows]
        write_pred(Path(tmp) / "rules.jsonl", ids, rules_predict(texts))
        print(f"== rules on {args.split} ({len(rows)} snippets; written reading all of dev: not held out)")
        figures["rules"] = score(gold, Path(tmp) / "rules.jsonl")
        head = load_head()
        encoder = Encoder(threads=1)
        t0 = time.perf_counter()
        if want_check:
            preds = head.predict_with(encoder, texts)
            print("== shipped head on check (fitted on fit and own snippets; settings chosen by CV on fit)")
        else:
            preds = _head_cv(head, read_tsv(gold), args.folds, encoder)
            print(f"== head settings, {args.folds}-fold stratified CV on fit (out-of-fold)")
        secs = time.perf_counter() - t0
        write_pred(args.pred, ids, preds)
        figures["head"] = score(gold, args.pred)
        if want_check:
            print(f"head: {len(texts)} snippets in {secs:.1f} s ({len(texts) / secs:.0f} snippets/s, 1 thread)")
    command = " ".join(["python", "bench/types.py"] + (argv if argv is not None else sys.argv[1:]))
    benchlib.record_result("types", {"command": command, "data": f"{args.train.name} {args.split}",
                                     "protocol": f"split-{args.split}" + ("" if want_check else f" cv{args.folds}"),
                                     "head": dict(head.meta), "figures": figures})
    return 0


def _head_cv(head, rows: list[tuple[str, str, str]], folds: int, encoder) -> list[str]:
    """Out-of-fold labels of the fit part with the shipped head's settings (refitted per fold, on the
    other folds plus the own snippets when the head was trained with them, as ``newsfuse train`` does)."""
    from newsfuse.learn.case2021 import Snippet
    from newsfuse.learn.train import Encoded, EventTypeConfig, cv_predict, own_snippets

    s = head.meta["settings"]
    cfg = EventTypeConfig(w_vec=s["w_vec"], w_proto=s["w_proto"], min_df=s["min_df"], folds=folds)
    scored = Encoded.of([Snippet(*r) for r in rows], encoder, head.triggers)
    own = own_snippets() if s.get("own") else []
    extra = Encoded.of(own, encoder, head.triggers) if own else None
    return cv_predict(scored, head.prototypes, s["C"], s.get("w_trig", 0.0), cfg, 13, extra)


if __name__ == "__main__":
    sys.exit(main())
