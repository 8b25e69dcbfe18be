"""Training the violent-sense head, reproducibly (``newsfuse train event-sense``; needs scikit-learn).

1. read the labelled candidates (``learn/data/event_sense_labels.tsv``: corpus, doc, offsets, label)
   and their sentences from the development corpora (:mod:`.sense_data`);
2. cut them **by ECB+ topic or document** into fit and check by the fixed rule :func:`.sense_data.in_sense_check`
   (about a quarter of the groups are check; the written sentences of ``OWN_FILE`` always fit);
3. run the int8 MiniLM once over each sentence: its vector, the trigger's and its window's (spans of that run);
4. choose the settings (C, window weight) by grouped 5-fold cross-validation on fit (folds by
   ECB+ topic or document), and the decision threshold on a hand-labelled sample of another corpus (LGL), the most
   accurate one (the head meets corpora it has not seen);
5. fit on all of fit, score check once, write ``event_sense.npz`` and the model card.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np

from .datafile import data_lines, shipped_path
from .sense_data import doc_text, in_sense_check, read_labels, sense_group, sentence_span
from .sense_head import WINDOW_WORDS, SenseHead, local_terms, save_sense_head, term_hashes, window_span
from .npz import write_head

__all__ = ["SenseConfig", "train_event_sense", "SenseItem", "load_items", "own_items"]

LABELS_FILE = "data/event_sense_labels.tsv"
#: labels made one by one by hand (PolNeAR); they override LABELS_FILE for the same occurrence
HAND_FILE = "data/event_sense_hand.tsv"
#: sentences written for newsfuse, each with its violence word(s) in [[ ]] and one label
OWN_FILE = "data/event_sense_own.tsv"
#: a hand-labelled sample of LGL (local news), never trained on: it chooses the threshold
TUNE_FILE = "data/event_sense_tune.tsv"
_MARK = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True, slots=True)
class SenseConfig:
    grid_c: tuple[float, ...] = (1.0, 4.0, 16.0)
    grid_w_win: tuple[float, ...] = (0.0, 1.0)
    grid_w_tok: tuple[float, ...] = (1.0,)
    w_sent: float = 1.0
    min_df: int = 2
    folds: int = 5
    limit: int | None = None  # only the first N labelled items (tests)


@dataclass(frozen=True, slots=True)
class SenseItem:
    corpus: str
    doc: str
    sentence: str
    start: int  # the trigger in ``sentence``
    end: int
    label: int

    @property
    def occurrence(self) -> tuple[str, int, int]:
        return (self.sentence, self.start, self.end)


def load_items(datasets: Path, labels_path: Path | None = None, limit: int | None = None) -> list[SenseItem]:
    """The labelled occurrences with their sentences, read from the corpora under ``datasets`` (by default
    those of :data:`LABELS_FILE` and :data:`HAND_FILE`)."""
    if labels_path is None:
        labels = {**read_labels(shipped_path(LABELS_FILE)), **read_labels(shipped_path(HAND_FILE))}
    else:
        labels = read_labels(labels_path)
    keys = sorted(labels, key=lambda k: (k[0], k[1], k[2]))
    if limit:
        keys = keys[:limit]
    texts: dict[tuple[str, str], str] = {}
    items = []
    for corpus, doc, start, end in keys:
        if (corpus, doc) not in texts:
            texts[(corpus, doc)] = doc_text(datasets, corpus, doc)
        text = texts[(corpus, doc)]
        s, e = sentence_span(text, start, end)
        items.append(SenseItem(corpus, doc, text[s:e], start - s, end - s, labels[(corpus, doc, start, end)]))
    return items


def own_items(path: Path | None = None) -> list[SenseItem]:
    """The written sentences of :data:`OWN_FILE` as items (corpus "own", doc = line number)."""
    items = []
    for n, line in data_lines(shipped_path(OWN_FILE) if path is None else path):
        label, marked = line.split("\t", 1)
        plain, spans, pos = "", [], 0
        for m in _MARK.finditer(marked):
            plain += marked[pos:m.start()]
            spans.append((len(plain), len(plain) + len(m.group(1))))
            plain += m.group(1)
            pos = m.end()
        plain += marked[pos:]
        items.extend(SenseItem("own", str(n), plain, a, b, int(label)) for a, b in spans)
    return items


def _in_check(item: SenseItem) -> bool:
    """Whether ``item`` is held out as check: a labelled corpus occurrence by the fixed rule of
    :func:`.sense_data.in_sense_check`; a written sentence never (they are written to be trained on, and the
    benchmark's check is the corpora's alone)."""
    return item.corpus != "own" and in_sense_check(item.corpus, item.doc)


def _vocabulary(items: Sequence[SenseItem], min_df: int) -> tuple[np.ndarray, np.ndarray]:
    df: dict[int, int] = {}
    for it in items:
        for h in term_hashes(local_terms(*it.occurrence)):
            df[h] = df.get(h, 0) + 1
    keep = np.array(sorted(h for h, n in df.items() if n >= min_df), dtype=np.uint32)
    n = len(items)
    idf = np.array([np.log((1 + n) / (1 + df[int(h)])) + 1.0 for h in keep], dtype=np.float32)
    return keep, idf


def _take(vecs: tuple[np.ndarray, ...], idx) -> tuple[np.ndarray, ...]:
    return tuple(v[idx] for v in vecs)


def _fit(items, vecs, c, w_win, w_tok, cfg: SenseConfig, threshold=0.5, meta=None) -> SenseHead:
    """A head fitted on ``items`` with ``vecs`` = (sentence, window, word vectors) of each."""
    from sklearn.linear_model import LogisticRegression

    term_hash, idf = _vocabulary(items, cfg.min_df)
    shell = SenseHead(term_hash, idf, np.zeros(0, np.float32), 0.0, cfg.w_sent, w_win, w_tok, threshold, {})
    x = shell.features(*vecs, [it.occurrence for it in items])
    y = np.array([it.label for it in items])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf = LogisticRegression(C=c, max_iter=5000, random_state=0).fit(x, y)
    return SenseHead(term_hash, idf, clf.coef_[0].astype(np.float32), float(clf.intercept_[0]), cfg.w_sent, w_win,
                     w_tok, threshold, meta or {})


def _oof(items, vecs, c, w_win, w_tok, cfg) -> np.ndarray:
    """Out-of-fold probabilities on fit, folds by document."""
    from sklearn.model_selection import GroupKFold

    groups = [sense_group(it.corpus, it.doc) for it in items]
    out = np.zeros(len(items))
    for tr, te in GroupKFold(cfg.folds).split(items, groups=groups):
        head = _fit([items[i] for i in tr], _take(vecs, tr), c, w_win, w_tok, cfg)
        out[te] = head.proba(*_take(vecs, te), [items[i].occurrence for i in te])
    return out


def _scores(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    pred = p >= threshold
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    tn = int((~pred & (y == 0)).sum())
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"accuracy": round((tp + tn) / len(y), 4), "violent_precision": round(prec, 4),
            "violent_recall": round(rec, 4), "nonviolent_recall": round(tn / (tn + fp), 4) if tn + fp else 0.0,
            "n": int(len(y))}


#: what the threshold is chosen for: the precision of the events stage's violent events on the tune set
#: with the hand-labelled fit occurrences (out of fold)
EVENT_PRECISION = 0.95
#: corpora of the hand file (labelled one by one; the pattern-labelled corpora are noisier)
HAND_CORPORA = ("polnear", "gwn", "lgl")
_VIOLENT_TYPES = ("attack.", "riot.", "protest.excessive")


def event_scores(y: np.ndarray, p: np.ndarray, made: np.ndarray, threshold: float) -> dict:
    """The violent events the events stage makes of the labelled words: ``made`` says whether the
    stage, by its rules alone, makes a violent event of the word; with the head it keeps those the head
    reads as violent (p >= threshold). True and false events, and their precision."""
    kept = np.asarray(made, bool) & (p >= threshold)
    tp, fp = int((kept & (y == 1)).sum()), int((kept & (y == 0)).sum())
    return {"true": tp, "false": fp, "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0}


def _threshold(y: np.ndarray, p: np.ndarray, made: np.ndarray) -> float:
    """The lowest threshold (0.5 to 0.95, step 0.05) at which the events stage's violent events reach
    :data:`EVENT_PRECISION` on the threshold's data (the tune set, and the fit occurrences labelled
    one by one, scored out of fold: a few hundred events, where the tune set alone has fifty and one
    false event moves its precision by two points); when none does, the most precise one (the lowest
    of ties).

    The head's only use is to drop a violent event told by a word in another sense, and an analyst
    must be able to trust the violent events that remain (issue #13); the lowest such threshold keeps
    as many of the real ones as that allows ("US strikes on Iran-backed groups")."""
    grid = [round(float(t), 2) for t in np.arange(0.5, 0.951, 0.05)]
    ok = [t for t in grid if event_scores(y, p, made, t)["precision"] >= EVENT_PRECISION]
    if ok:
        return ok[0]
    return max(grid, key=lambda t: (event_scores(y, p, made, t)["precision"], -t))


def violent_event_flags(items: Sequence["SenseItem"], nlp=None) -> np.ndarray:
    """For each item: does the events stage, by its rules alone (no head), make a violent event
    (attack, riot, excessive force) whose trigger is the item's word? Each sentence parsed alone."""
    from ..annotate.nlp import load_nlp
    from ..annotate.run import annotate_doc

    nlp = nlp or load_nlp()
    out = np.zeros(len(items), dtype=bool)
    for i, it in enumerate(items):
        events = annotate_doc(nlp(it.sentence), "t").events
        out[i] = any(e.trigger_start <= it.start < e.trigger_end and e.type.startswith(_VIOLENT_TYPES)
                     for e in events)
    return out


def _loco(items, vecs, c, w_win, w_tok, cfg) -> tuple[np.ndarray, np.ndarray]:
    """Leave-one-corpus-out probabilities on fit: each corpus (but the written sentences, always
    trained on) scored by a head fitted on the others, for the card: how the head does on a corpus
    it has not seen. Returns (indices scored, probabilities)."""
    corpora = sorted({it.corpus for it in items} - {"own"})
    idx, out = [], []
    for corpus in corpora:
        tr = np.array([i for i, it in enumerate(items) if it.corpus != corpus], dtype=int)
        te = np.array([i for i, it in enumerate(items) if it.corpus == corpus], dtype=int)
        if len({items[i].label for i in tr}) < 2:
            continue  # nothing else to learn from
        head = _fit([items[i] for i in tr], _take(vecs, tr), c, w_win, w_tok, cfg)
        idx.extend(te)
        out.extend(head.proba(*_take(vecs, te), [items[i].occurrence for i in te]))
    return np.array(idx, dtype=int), np.array(out)


def encode_items(encoder, items: Sequence[SenseItem]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sentence vectors, window vectors, the word's contextual vectors) of the items: spans of one run of
    the encoder over each distinct sentence, as the events stage reads them (``EventTyper.sense_proba``)."""
    occ = [it.occurrence for it in items]
    sents, spans = encoder.encode_spans(occ + [(s, *window_span(s, a, b)) for s, a, b in occ])
    n = len(items)
    return sents[:n], spans[n:], spans[:n]


def train_event_sense(data: Path, out: Path, cfg: SenseConfig = SenseConfig(), encoder=None, log=print,
                      labels_path: Path | None = None) -> dict:
    """Reproduce the violent-sense head; write head and card; return the card's facts."""
    from .encoder import Encoder
    from .train import _versions

    items = load_items(Path(data), labels_path, cfg.limit) + ([] if cfg.limit else own_items())
    if len({it.label for it in items}) < 2:
        raise ValueError("the labelled items need both labels")
    fit = [it for it in items if not _in_check(it)]
    check = [it for it in items if _in_check(it)]
    encoder = encoder or Encoder(threads=1)
    log(f"  encoding {len(items)} occurrences (sentence, word in context, window)")
    vecs = encode_items(encoder, items)
    fit_i = np.array([i for i, it in enumerate(items) if not _in_check(it)], dtype=int)
    check_i = np.array([i for i, it in enumerate(items) if _in_check(it)], dtype=int)
    fit_v = _take(vecs, fit_i)
    y_fit = np.array([it.label for it in fit])
    grid = []
    best, p_oof = None, None
    for c, w_win, w_tok in product(cfg.grid_c, cfg.grid_w_win, cfg.grid_w_tok):
        p = _oof(fit, fit_v, c, w_win, w_tok, cfg)
        row = {"C": c, "w_win": w_win, "w_tok": w_tok, **_scores(y_fit, p, 0.5)}
        grid.append(row)
        log(f"  fit-CV  C={c:<4g} w_win={w_win:<3g} w_tok={w_tok:<3g} accuracy {row['accuracy']:.4f} "
            f"violent P {row['violent_precision']:.4f} R {row['violent_recall']:.4f}")
        if best is None or row["accuracy"] > best["accuracy"]:
            best, p_oof = row, p
    settings = (best["C"], best["w_win"], best["w_tok"])
    head = _fit(fit, fit_v, *settings, cfg)
    tune = load_items(Path(data), shipped_path(TUNE_FILE))
    y_tune = np.array([it.label for it in tune])
    p_tune = head.proba(*encode_items(encoder, tune), [it.occurrence for it in tune])
    # the threshold's data: the tune set, and the fit occurrences labelled one by one, out of fold
    hand = np.array([i for i, it in enumerate(fit) if it.corpus in HAND_CORPORA], dtype=int)
    log(f"  parsing {len(tune)} tune and {len(hand)} hand-labelled fit sentences: which of their words the "
        "events stage makes violent events of")
    made_tune = violent_event_flags(tune)
    made_hand = violent_event_flags([fit[i] for i in hand])
    threshold = _threshold(np.concatenate([y_tune, y_fit[hand]]), np.concatenate([p_tune, p_oof[hand]]),
                           np.concatenate([made_tune, made_hand]))
    tune_scores = {f"{t:.2f}": {**_scores(y_tune, p_tune, t), "events": event_scores(y_tune, p_tune, made_tune, t),
                                "hand_oof_events": event_scores(y_fit[hand], p_oof[hand], made_hand, t)}
                   for t in (0.5, threshold)}
    tune_scores["rules"] = {"events": event_scores(y_tune, np.ones(len(tune)), made_tune, 0.5),
                            "hand_oof_events": event_scores(y_fit[hand], np.ones(len(hand)), made_hand, 0.5)}
    log(f"  tune set (LGL sample, never trained on) and hand-labelled fit out of fold: {tune_scores}")
    loco_i, loco_p = _loco(fit, fit_v, *settings, cfg)
    loco = {corpus: _scores(y_fit[loco_i][mask], loco_p[mask], threshold)
            for corpus in sorted({fit[i].corpus for i in loco_i})
            for mask in [np.array([fit[i].corpus == corpus for i in loco_i])]}
    log(f"  leave-one-corpus-out on fit, threshold {threshold}: {loco}")
    facts = {
        "task": "event-sense",
        "data": {"labels": LABELS_FILE if labels_path is None else str(labels_path),
                 "hand": HAND_FILE if labels_path is None else None, "own": OWN_FILE,
                 "items": len(items),
                 "fit": len(fit), "check": len(check),
                 "by_corpus": {c: sum(it.corpus == c for it in items) for c in sorted({it.corpus for it in items})},
                 "violent": sum(it.label for it in items),
                 "split_rule": "check when int(sha1('sense/' + group), 16) % 4 == 0, a group being an ECB+ topic "
                               "('ecbplus/topicN') or a document ('ipe/ID', 'polnear/FILE', ...)"},
        "encoder": encoder.model_id,
        "settings": {"C": best["C"], "w_win": best["w_win"], "w_tok": best["w_tok"], "w_sent": cfg.w_sent,
                     "min_df": cfg.min_df, "folds": cfg.folds, "threshold": threshold,
                     "event_precision_target": EVENT_PRECISION, "window_words": WINDOW_WORDS},
        "fit_cv": grid,
        "fit_loco_at_threshold": loco,
        "tune": {"file": TUNE_FILE, **tune_scores},
        "versions": _versions(),
    }
    head = _fit(fit, fit_v, *settings, cfg, threshold, meta={k: facts[k] for k in ("task", "encoder", "settings")})
    if len(check_i) and not cfg.limit:
        p = head.proba(*_take(vecs, check_i), [it.occurrence for it in check])
        facts["check"] = _scores(np.array([it.label for it in check]), p, threshold)
        log(f"  check   {facts['check']} (read once)")
    write_head(out, "event_sense", save_sense_head, head, facts, model_card(facts))
    return facts


def _line(x: dict) -> str:
    return (f"accuracy {x['accuracy']:.4f}, violent precision {x['violent_precision']:.4f}, recall "
            f"{x['violent_recall']:.4f}, non-violent recall {x['nonviolent_recall']:.4f} (n {x['n']})")


def _events(x: dict) -> str:
    return f"{x['true']} true and {x['false']} false violent events (precision {x['precision']:.4f})"


def model_card(f: dict) -> str:
    d, s = f["data"], f["settings"]
    grid = "\n".join(f"| {g['C']:g} | {g['w_win']:g} | {g.get('w_tok', 0):g} | {g['accuracy']:.4f} | "
                     f"{g['violent_precision']:.4f} | {g['violent_recall']:.4f} |" for g in f["fit_cv"])
    loco = "\n".join(f"| {c} | {x['n']} | {x['accuracy']:.4f} | {x['violent_precision']:.4f} | {x['violent_recall']:.4f} | "
                     f"{x['nonviolent_recall']:.4f} |" for c, x in f["fit_loco_at_threshold"].items())
    chk = f.get("check")
    check = (f"accuracy {chk['accuracy']:.4f}, violent precision **{chk['violent_precision']:.4f}**, violent recall "
             f"{chk['violent_recall']:.4f}, non-violent recall {chk['nonviolent_recall']:.4f} ({chk['n']} occurrences)"
             if chk else "not run")
    versions = ", ".join(f"{k} {v}" for k, v in f["versions"].items())
    corpora = ", ".join(f"{k} {v}" for k, v in d["by_corpus"].items())
    t = f"{s['threshold']:.2f}"
    tune = f["tune"]
    return f"""# Model card: violent-sense head

What it does: for a word that can name violence (attack, strike, shot, clash, fire, bomb, kill, raid,
fight ...) in its sentence, the probability that it is used in its violent sense. The events
extractor drops a violence-family trigger the head says is not violent ("heart attack", a labour
strike, "shot to fame", "shooting guard", "clashed with the studio", a car that "struck" a pedestrian,
"attacks" on a rival in a campaign).

Model: logistic regression (scikit-learn, lbfgs) over the int8 MiniLM-L6 (`{f['encoder']}`)
vector of the sentence (weight {s['w_sent']:g}), the word's **contextual vector** (the last hidden states over
its word pieces, read in the whole sentence; weight {s.get('w_tok', 0):g}), the vector of the trigger's window
({s['window_words']} words either side, weight {s['w_win']:g}; 0: not read; like the word's, the mean of the hidden
states over the window's pieces in the same run) and idf-weighted neighbour features of the word (min_df
{s['min_df']}, kept as CRC-32 hashes). C = {s['C']:g}; violent when p >= {s['threshold']:g}. One run of the encoder
per sentence gives all three vectors (file format 3).

## Data
{d['items']} occurrences ({corpora}), {d['violent']} violent:
- `{d['labels']}`: ECB+ train topics, IndiaPoliceEvents, the fit part of CASE 2021 Task 2. Ids and
  offsets only; the text is read from `shared/datasets/`. Labels: by a person, group by group (corpus,
  ECB+ topic, word family) after reading every group's contexts, with context patterns for the
  exceptions met (`bench/label_sense.py`); a random sample of 60 was read again: 55 right.
- `{d.get('hand')}`: occurrences labelled one by one by hand: seeded random samples of PolNeAR train
  (political news: "attacks" on rivals, "fired" managers, candidates who "clashed"), GeoWebNews and
  LGL documents outside the tune sample (local news: cars that "struck" a pedestrian, fire stations,
  shootings), by word family; and corrections of pattern labels in the fit part (the fit occurrences
  whose out-of-fold probability contradicted their label were read; those found wrong relabelled;
  check labels untouched).
- `{d['own']}`: sentences written for newsfuse (both senses of every word), always in training (never check).
- The test sentences (`tests/data/event_sense_sentences.tsv`) come from ECB+ dev topics and TimeBank,
  which are not read here.
- Split by group, fixed before fitting: {d['split_rule']}: fit {d['fit']}, check {d['check']}.

## Figures
Grouped {s['folds']}-fold cross-validation on fit (by ECB+ topic or document), at p >= 0.5:

| C | w_win | w_tok | accuracy | violent precision | violent recall |
|---|---|---|---|---|---|
{grid}

Chosen by accuracy: C = {s['C']:g}, w_win = {s['w_win']:g}, w_tok = {s.get('w_tok', 0):g}.

The threshold, {s['threshold']:g}, is the lowest on a 0.05 grid from 0.5 at which the **events stage's violent
events** reach precision {s.get('event_precision_target', 0.95):g} on the tune set and the hand-labelled fit
occurrences (scored out of fold by the chosen settings) together. The events stage is run on each
sentence by its rules; the head keeps a violent event when p >= the threshold. The tune set
(`{tune['file']}`) is a hand-labelled random sample of LGL local news; its documents are never
trained on.

| | tune: events | tune: head alone | hand-labelled fit, out of fold: events |
|---|---|---|---|
| rules alone | {_events(tune['rules']['events'])} | | {_events(tune['rules']['hand_oof_events'])} |
| p >= 0.5 | {_events(tune['0.50']['events'])} | {_line(tune['0.50'])} | {_events(tune['0.50']['hand_oof_events'])} |
| p >= {t} | {_events(tune[t]['events'])} | {_line(tune[t])} | {_events(tune[t]['hand_oof_events'])} |

Leave-one-corpus-out on fit at that threshold (a head fitted without the corpus scores it; the
written sentences always in training):

| corpus left out | n | accuracy | violent precision | violent recall | non-violent recall |
|---|---|---|---|---|---|
{loco}

Check (pattern labels, not corrected): {check}.

## How these figures were used
First head (seven runs): check was printed by each run but no choice was made on it: the choices
came from fit-CV, leave-one-corpus-out, the LGL tune set and the seeds (a first threshold rule,
precision .95 on the tune set, dropped the seeds' "US strikes", so it became the most accurate
threshold, and written sentences on military strikes were added). The test sentences were scored,
in aggregate, after runs two to seven; no test sentence was read for its error, and sentences
written after the writer had read the test set that came close to its topics were removed.

This head (issue #13, the events stage's violent precision): the word's contextual vector, the
hand-labelled samples and the fit corrections were chosen on fit-CV and on the tune set's events (its
false events were read: cars that "struck" someone, a crew "shooting" footage); the threshold rule
became the events precision on tune, then on tune with the hand-labelled fit occurrences out of fold
(the tune set alone set 0.75, which dropped several of the seeds' US strikes; more PolNeAR strike
sentences were labelled then). The helper who made it never read the test sentences; the test
was scored in aggregate only (`bench/senses.py`), twice: after the head with the tune-only threshold
(28 true, 3 false violent events) and after this one; what changed between came from the seeds and
the tune set's size, as said above, not from the test figure.

Format 3 (issues #12 and #17, one encoder run per sentence): the window's vector became a span of the
sentence's run (format 2 encoded the window as a text of its own, a second run of the encoder). Data,
labels, grid, folds and threshold rule are unchanged; the window weight was chosen again by fit-CV (the
table above) and the threshold by its rule. Format 2's figures, for comparison: check accuracy .9073,
violent precision .9367, recall .9279 (threshold .65, windows read); on the test sentences, 29 true and
5 false violent events.

More written sentences (issue #13, second round, 2026-12-04): 545 sentences were added to the written file
(its header says how they were written), for the domains where the head was weakest (ECB+ left out: violent
precision .893): sports, business and labour, technology, entertainment, medicine, courts, disasters and 1990s
wire, both senses of every word of the violence table. The written sentences now always train: a quarter of
them had fallen into check by the corpora's rule, against what this card said; check is the corpora's alone,
as `bench/senses.py` scores it. The grid gained C = 16. Settings by fit-CV, threshold by the rule above,
unchanged. Two runs: the first (503 sentences; C = 4, threshold 0.70, check accuracy .910, violent precision
.947) dropped one of the seeds' violent events, the October 7 attack named as the start of a war (p .66);
42 headlines and mentions of past violence as a story's background were written, and this head trained
(the October 7 attack reads .69 here, under the threshold, and is still dropped; the five main attacks of
the seeds stay). Before: check accuracy .898, violent precision .912 (844 corpus occurrences); tune events
34 true and 2 false. The test sentences were scored in aggregate once, after this head was fixed (30 true
and 3 false violent events; the head before: 32 and 4); no choice was made on it.

## Reproduce
    pip install -e '.[train]'
    newsfuse train event-sense --data ../shared/datasets --out /tmp/sense

Versions: {versions}.
"""
