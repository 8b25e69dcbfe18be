"""Benchmark: type the CASE 2021 Task 2 snippets with the newsfuse event ontology.

    python bench/types.py --data ../shared/datasets/case2021/case2021_task2_dev.tsv --pred /tmp/types.jsonl

``--method rules`` types each snippet with the keyword rules of
:mod:`newsfuse.annotate.event_types` and maps the type to its CASE label.
``--method cv`` (default) adds a linear model (scikit-learn linear SVM on
word and character n-grams plus the rule scores) and reports honest 5-fold
stratified cross-validation on the given file: every snippet is predicted by a
model that never saw it. The official scorer (shared/eval/score_types.py) computes
the figures; they are printed and appended to bench/results/types.jsonl.
"""

from __future__ import annotations

import sys

# This file is named types.py: when run as a script its folder comes first on sys.path and
# would shadow the standard library's `types` module, so drop that entry before other imports.
if __name__ == "__main__" and sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.pop(0)

import argparse
import datetime as dt
import json
import subprocess
import tempfile
from pathlib import Path

from newsfuse.annotate.event_types import EVENT_TYPES, rule_scores, to_case, type_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "case2021" / "case2021_task2_dev.tsv"
SCORER = ROOT.parent / "shared" / "eval" / "score_types.py"
RESULTS = ROOT / "bench" / "results" / "types.jsonl"


def read_tsv(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, label) rows; label is "" when the file has no SubType column."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    i_id, i_text = header.index("id"), header.index("EventSnippet")
    i_lab = header.index("SubType") if "SubType" in header else None
    rows = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cols = line.split("\t")
        text = cols[i_text].strip().strip('"').replace('""', '"')
        rows.append((cols[i_id], text, cols[i_lab] if i_lab is not None else ""))
    return rows


def rules_predict(texts: list[str]) -> list[str]:
    """CASE labels from the rule typer."""
    return [to_case(type_text(t)) for t in texts]


def _rule_matrix(texts: list[str]):
    import numpy as np

    ids = [t.id for t in EVENT_TYPES]
    index = {tid: i for i, tid in enumerate(ids)}
    mat = np.zeros((len(texts), 2 * len(ids)))
    for r, text in enumerate(texts):
        for tid, s in rule_scores(text).items():
            mat[r, index[tid]] = min(s, 12.0) / 6.0
        mat[r, len(ids) + index[type_text(text)]] = 1.0
    return mat


def _model(texts_train: list[str], labels: list[str], texts_test: list[str]) -> list[str]:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    xw = words.fit_transform(texts_train)
    xc = chars.fit_transform(texts_train)
    xr = csr_matrix(_rule_matrix(texts_train))
    x_train = hstack([xw, xc, xr * 1.5]).tocsr()
    x_test = hstack([words.transform(texts_test), chars.transform(texts_test),
                     csr_matrix(_rule_matrix(texts_test)) * 1.5]).tocsr()
    clf = LinearSVC(C=1.0, max_iter=20000)
    clf.fit(x_train, labels)
    return list(clf.predict(x_test))


def cv_predict(texts: list[str], labels: list[str], folds: int = 5, seed: int = 13) -> list[str]:
    """Out-of-fold predictions from stratified k-fold cross-validation."""
    import warnings

    from sklearn.model_selection import StratifiedKFold

    warnings.filterwarnings("ignore", message="The least populated class")

    preds = [""] * len(texts)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(texts, labels):
        out = _model([texts[i] for i in train], [labels[i] for i in train], [texts[i] for i in test])
        for i, label in zip(test, out):
            preds[i] = label
    return preds


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


def _commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CASE 2021 Task 2 TSV")
    parser.add_argument("--pred", type=Path, required=True, help="where to write the predictions (JSONL)")
    parser.add_argument("--method", choices=("rules", "cv"), default="cv")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"Data not found: {args.data}. Put the CASE 2021 TSV under ../shared/datasets/case2021/ "
              "or pass --data.", file=sys.stderr)
        return 2
    if not SCORER.exists():
        print(f"Official scorer not found: {SCORER}", file=sys.stderr)
        return 2
    rows = read_tsv(args.data)
    ids = [r[0] for r in rows]
    texts = [r[1] for r in rows]
    labels = [r[2] for r in rows]
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        rules_path = Path(tmp) / "rules.jsonl" if args.method == "cv" else args.pred
        write_pred(rules_path, ids, rules_predict(texts))
        print("== rules only")
        figures["rules"] = score(args.data, rules_path)
    if args.method == "cv":
        if any(not lab for lab in labels):
            print("--method cv needs the SubType column (labels) to cross-validate.", file=sys.stderr)
            return 2
        write_pred(args.pred, ids, cv_predict(texts, labels, folds=args.folds))
        print(f"== rules + linear SVM, {args.folds}-fold stratified CV (out-of-fold predictions)")
        figures[f"cv{args.folds}"] = score(args.data, args.pred)
    record = {"date": dt.datetime.now().isoformat(timespec="seconds"), "commit": _commit(),
              "command": " ".join(["python", "bench/types.py"] + (argv if argv is not None else sys.argv[1:])),
              "figures": figures}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
