"""Benchmark the quote stage on PolNeAR (attribution of quotes and reported speech).

    python bench/quotes.py --data ../shared/datasets/polnear/dev --pred /tmp/quotes_pred.jsonl [--model DIR]
    python bench/quotes.py --train-model ~/.cache/newsfuse/quote_model --data ../shared/datasets/polnear/train
    python bench/quotes.py --data ../shared/datasets/polnear/train --derive-cuelist

The first form scores the rules alone and, when a trained model is found (``--model``,
default ``~/.cache/newsfuse/quote_model`` if it exists), the rules plus the model
(:mod:`newsfuse.annotate.quotes._learned`), in one run; the model's predictions go
next to ``--pred`` with ``.model`` in the name. The second form trains the candidate
model on the train split only (its thresholds chosen on the last train articles,
then refitted on all) and writes its weights to DIR (never into the repository:
PolNeAR has no redistribution licence); ``--train-tagger DIR`` trains the older
token tagger instead; the tagger on the shared encoder trains with ``bench/quotes_learned.py --train DIR``
and, given as ``--model DIR``, runs here through ``extract_quotes`` with the encoder live. The third form counts, on the train split, how often each (lemma, frame) of a
verb was a gold cue, and rewrites src/newsfuse/lexicons/quote_cues.json (a
word list: see its "_about"). It never runs on dev or test.

Runs ``extract_quotes`` on every text of the split (``nlp.pipe`` over the texts),
writes predictions in the format of the official scorer
(shared/eval/score_quotes.py), runs that scorer, prints its figures and the time
spent in ``extract_quotes`` against the time of ``nlp.pipe``, and appends one
JSON line to bench/results/quotes.jsonl.
"""

from __future__ import annotations

import sys

# bench/ holds scripts named like standard modules (types.py): keep it off the front of the import path.
if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse
import json
import subprocess
import time
from pathlib import Path

import benchlib

ROOT = benchlib.ROOT
DEFAULT_DATA = benchlib.DATASETS / "polnear" / "dev"
SCORER = benchlib.EVAL / "score_quotes.py"


_OPEN_MARKS = "\"“‘'`"
_CLOSE_MARKS = "\"”’'"


def polnear_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """PolNeAR's content convention: the quotation marks around quoted words belong to the content.

    A record's span holds the words (``“...”`` stripped); PolNeAR annotators
    include the marks, and the punctuation just inside the closing mark.
    """
    if start > 1 and text[start - 2:start] in ("``", "''"):
        start -= 2
    elif start > 0 and text[start - 1] in _OPEN_MARKS:
        start -= 1
    if end < len(text) and text[end] in ".,!?" and end + 1 < len(text) and text[end + 1] in _CLOSE_MARKS:
        end += 1
    if end < len(text) and text[end] in _CLOSE_MARKS:
        end += 1
        if end < len(text) and text[end] == "'" and text[end - 1] == "'":  # PTB ''
            end += 1
    return start, end


def _merge_continued(quotes: list, text: str) -> list[dict]:
    """One prediction per statement: quotations continued under the same cue become fragments."""
    out: list[dict] = []
    last_key = None
    for q in sorted(quotes, key=lambda q: q.start):
        key = (q.cue_start, q.speaker_start) if q.cue_start is not None else None
        start, end = polnear_extent(text, q.start, q.end)
        if key is not None and key == last_key and out:
            out[-1]["content"].append([start, end])
            continue
        out.append({
            "content": [[start, end]],
            "speaker": [q.speaker_start, q.speaker_end] if q.speaker_start is not None else None,
            "cue": [q.cue_start, q.cue_end] if q.cue_start is not None else None,
        })
        last_key = key
    return out


CUELIST = ROOT / "src" / "newsfuse" / "lexicons" / "quote_cues.json"
#: chosen on train only: derived on the first 600 train articles, scored on the other 240
MIN_COUNT, MIN_PRECISION, REJECT_PRECISION = 3, 0.3, 0.25


def _frame_counts(docs: list, names: list[str], gold: dict) -> dict[tuple[str, str], list[int]]:
    """(lemma, frame) -> [occurrences, occurrences that were a gold cue with matching content]."""
    from newsfuse.annotate.quotes._marks import QuoteIndex, find_quoted_spans
    from newsfuse.annotate.quotes._syntax import frame_hits, frame_lemma, noun_frame_hits

    counts: dict[tuple[str, str], list[int]] = {}
    for name, doc in zip(names, docs):
        text = doc.text
        cue_content = {}
        for att in gold[name].attributions:
            for i in att.cue or ():
                cue_content[i] = att.content
        quotes = QuoteIndex([q for q in find_quoted_spans(text) if q.end - q.start > 30])
        for tok in doc:
            if tok.pos_ not in ("VERB", "AUX", "NOUN") or quotes.covering(tok.idx) is not None:
                continue
            frames: list[tuple[str, tuple[int, int] | None]] = []
            if tok.pos_ == "NOUN":
                frames += [(h.frame, (h.start, h.end)) for h in noun_frame_hits(tok)]
            else:
                if any(c.dep_ == "ccomp" for c in tok.children):
                    frames.append(("ccomp", None))
                frames += [(h.frame, (h.start, h.end)) for h in frame_hits(tok)]
            for frame, span in frames:
                lemma = tok.lemma_.lower() if tok.pos_ == "NOUN" else frame_lemma(tok)
                row = counts.setdefault((lemma, frame), [0, 0])
                row[0] += 1
                content = cue_content.get(tok.idx)
                if content is None:
                    continue
                if span is None:
                    row[1] += 1
                    continue
                pred = frozenset(i for i in range(*span) if not text[i].isspace())
                row[1] += len(pred & content) >= 0.5 * max(len(pred), len(content))
    return counts


def _write_cuelist(counts: dict[tuple[str, str], list[int]], n_docs: int) -> None:
    keep: dict[str, set[str]] = {}
    rejected = set()
    for (lemma, frame), (n, tp) in counts.items():
        if n >= MIN_COUNT and tp / n >= MIN_PRECISION:
            keep.setdefault(lemma, set()).add(frame)
        if frame == "ccomp" and n >= 5 and tp / n < REJECT_PRECISION:
            rejected.add(lemma)
    data = json.loads(CUELIST.read_text(encoding="utf-8"))
    data["_derived"] = (
        f"For every (lemma, frame) pair of a verb seen at least {MIN_COUNT} times on the PolNeAR train split "
        f"({n_docs} articles, parsed with the pinned spaCy model), the pair is kept when at least "
        f"{int(MIN_PRECISION * 100)}% of its occurrences were a gold cue whose content overlapped the frame's "
        f"content by half (for clauses: the verb was a gold cue). Verbs whose clause was a cue less than "
        f"{int(REJECT_PRECISION * 100)}% of the time (n >= 5) are clause_rejected."
    )
    data["frames"] = {lemma: sorted(keep[lemma]) for lemma in sorted(keep)}
    data["clause_rejected"] = sorted(rejected)
    CUELIST.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {CUELIST}: {len(keep)} lemmas, {len(rejected)} rejected clause verbs")


#: how the tagger is combined with the rules, written into its meta.json: chosen by training on the
#: first 700 train documents and scoring the last 140 (train only; dev never used for the choice)
MODEL_MIN_PROB, MODEL_MIN_TOKENS, MODEL_DROP_BELOW, MODEL_NEED_CUE = 0.75, 6, 0.3, True


def _train_model(out_dir: str, docs: list, names: list[str], data: Path) -> int:
    """Train the tagger on this (train) split, with the rules' spans as features, and save it."""
    from newsfuse.annotate.quotes._core import extract_quotes
    from newsfuse.annotate.quotes._learned import save_tagger, train_tagger

    sys.path.insert(0, str(SCORER.parent))
    import score_quotes

    gold = score_quotes.load_gold(str(data))
    contents = [[att.content for att in gold[n].attributions] for n in names]
    rules = [[(q.start, q.end) for q in extract_quotes(doc, n)] for doc, n in zip(docs, names)]
    t0 = time.perf_counter()
    tagger = train_tagger(docs, contents, rules)
    folder = save_tagger(tagger, out_dir, corpus=f"PolNeAR {data.name}", docs=len(docs), min_prob=MODEL_MIN_PROB,
                         min_tokens=MODEL_MIN_TOKENS, drop_below=MODEL_DROP_BELOW, need_cue=MODEL_NEED_CUE)
    print(f"trained on {len(docs)} documents of {data} in {time.perf_counter() - t0:.1f} s; wrote {folder}")
    return 0


#: the candidate model is trained on the first CANDIDATE_SPLIT train documents, its thresholds chosen on the rest
#: (train only; dev never used for the choice), then it is trained again on the whole split
CANDIDATE_SPLIT = 700
CANDIDATE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6)
CANDIDATE_DROPS = (0.0, 0.1, 0.2)
#: inverse L2 strength of the logistic regression (0.3 beat 1.0 and 3.0 on the held-out train documents)
CANDIDATE_C = 0.3


def _extent_chars(text: str, start: int, end: int) -> frozenset[int]:
    start, end = polnear_extent(text, start, end)
    return frozenset(i for i in range(start, end) if not text[i].isspace())


def candidate_labels(text: str, drafts: list, gold_atts: list) -> list[int]:
    """1 for the candidates that would score as a gold attribution (content overlap and speaker), else 0.

    Per gold attribution and cue word, only the candidate with the best character Jaccard is positive,
    so the model learns boundaries; a quoted fragment mostly inside a gold content is positive too.
    """
    sets = [_extent_chars(text, d.start, d.end) for d in drafts]
    spk = [frozenset(range(d.speaker.start_char, d.speaker.end_char)) if d.speaker is not None else None
           for d in drafts]
    labels = [0] * len(drafts)
    for g in gold_atts:
        best: dict[int, tuple[float, int]] = {}
        for k, c in enumerate(sets):
            ov = len(c & g.content)
            if not ov:
                continue
            agrees = (g.source is None) == (spk[k] is None) and (g.source is None or bool(g.source & spk[k]))
            if ov >= 0.5 * max(len(c), len(g.content)):
                if agrees:
                    jac = ov / len(c | g.content)
                    if drafts[k].cue_tok not in best or jac > best[drafts[k].cue_tok][0]:
                        best[drafts[k].cue_tok] = (jac, k)
            elif ov >= 0.9 * len(c) and drafts[k].direct and len(c) >= 10 and agrees:
                labels[k] = 1
        for _, k in best.values():
            labels[k] = 1
    return labels


def _fit_candidates(rows: list[list[int]], labels: list[int], bits: int):
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    r_idx = [r for r, row in enumerate(rows) for _ in row]
    c_idx = [c for row in rows for c in row]
    x = csr_matrix((np.ones(len(c_idx), dtype=np.float32), (r_idx, c_idx)), shape=(len(rows), 1 << bits))
    lr = LogisticRegression(C=CANDIDATE_C, max_iter=2000, solver="liblinear").fit(x, np.asarray(labels))
    w = lr.coef_[0].astype(np.float32)
    w[0] = lr.intercept_[0]  # row 0 is never a feature (hashes are >= 1)
    return w


def _train_candidates(out_dir: str, docs: list, names: list[str], data: Path, bits: int = 18) -> int:
    """Train the candidate model on this (train) split: thresholds chosen on held-out train documents."""
    import numpy as np

    from newsfuse.annotate.quotes._core import _mentions, candidate_table, select_candidates
    from newsfuse.annotate.quotes._learned import CandidateModel, candidate_rows, save_candidate_model

    sys.path.insert(0, str(SCORER.parent))
    import score_quotes

    gold = score_quotes.load_gold(str(data))
    t0 = time.perf_counter()
    tables = []
    for doc, name in zip(docs, names):
        table = candidate_table(doc)
        drafts = [d for d, _ in table]
        tables.append((drafts, candidate_rows([f for _, f in table], bits), ["r=True" in f for _, f in table],
                       candidate_labels(doc.text, drafts, gold[name].attributions)))
    print(f"{sum(len(t[0]) for t in tables)} candidates, {sum(sum(t[3]) for t in tables)} positive "
          f"({time.perf_counter() - t0:.0f} s)", flush=True)

    def fit(part: list) -> np.ndarray:
        return _fit_candidates([r for t in part for r in t[1]], [y for t in part for y in t[3]], bits)

    w = fit(tables[:CANDIDATE_SPLIT])
    held = list(zip(docs, names, tables))[CANDIDATE_SPLIT:]
    held_gold = {n: gold[n] for _, n, _ in held}
    probs = [(1.0 / (1.0 + np.exp(-np.array([w[0] + w[r].sum() for r in t[1]])))).tolist() for _, _, t in held]
    best = None
    for drop in CANDIDATE_DROPS:
        for threshold in CANDIDATE_THRESHOLDS:
            preds = {}
            for (doc, name, t), p in zip(held, probs):
                kept = select_candidates(t[0], p, t[2], threshold, drop)
                merged = _merge_continued(_mentions(doc, name, kept), doc.text)
                preds[name] = [score_quotes.Quote(*(score_quotes.span_chars(doc.text, q[f], f) for f in
                                                    ("content", "speaker", "cue"))) for q in merged]
            head = score_quotes.headline(score_quotes.score(held_gold, preds))
            print(f"held-out train ({len(held)} docs) threshold {threshold} drop_below {drop}: "
                  f"overlap {head['content_overlap_f1']} attribution {head['attribution_f1']}", flush=True)
            if best is None or head["attribution_f1"] > best[0]:
                best = (head["attribution_f1"], threshold, drop)
    w = fit(tables)
    model = CandidateModel(w, bits, {"bits": bits})
    folder = save_candidate_model(model, out_dir, corpus=f"PolNeAR {data.name}", docs=len(docs), threshold=best[1],
                                  drop_below=best[2], heldout_attribution_f1=best[0])
    print(f"chose threshold {best[1]}, drop_below {best[2]} (held-out attribution {best[0]}); trained on "
          f"{len(docs)} documents in {time.perf_counter() - t0:.0f} s; wrote {folder}")
    return 0


def _predict(docs: list, paths: list[Path], pred_path: Path, tagger=None) -> tuple[float, int]:
    from newsfuse.annotate.quotes._core import extract_quotes

    t_quotes, n_quotes = 0.0, 0
    pred_path.parent.mkdir(parents=True, exist_ok=True)
    with pred_path.open("w", encoding="utf-8") as fh:
        for path, doc in zip(paths, docs):
            t1 = time.perf_counter()
            quotes = extract_quotes(doc, path.stem, tagger)
            t_quotes += time.perf_counter() - t1
            n_quotes += len(quotes)
            fh.write(json.dumps({"doc_id": path.stem, "quotes": _merge_continued(quotes, doc.text)}) + "\n")
    return t_quotes, n_quotes


def _score(data: Path, pred_path: Path) -> dict | None:
    cmd = [sys.executable, str(SCORER), "--gold", str(data.resolve()), "--pred", str(pred_path.resolve())]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=SCORER.parent)
    print(proc.stdout, end="")
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


CHECK_IDS = ROOT / "bench" / "splits" / "polnear_dev_check.txt"


def _score_parts(data: Path, pred_path: Path, parts: tuple[str, ...] = ("fit", "check")) -> dict[str, dict]:
    """Scores of the fit and check parts of the dev split (document ids of the check part in
    ``bench/splits/polnear_dev_check.txt``, 28 of 84 chosen with a fixed seed; rules are changed on
    evidence from the fit part only). Each part is scored by the official scorer on its own gold folder."""
    import tempfile

    if not CHECK_IDS.exists() or data.name != "dev":
        return {}
    check = set(CHECK_IDS.read_text(encoding="utf-8").split())
    lines = pred_path.read_text(encoding="utf-8").splitlines()
    out = {}
    for part in parts:
        with tempfile.TemporaryDirectory() as tmp:
            gold = Path(tmp) / "gold"
            for sub in ("text", "attributions"):
                (gold / sub).mkdir(parents=True)
                for f in (data / sub).iterdir():
                    doc_id = f.stem if sub == "text" else f.stem.rsplit("_", 1)[0]
                    if (doc_id in check) == (part == "check"):
                        (gold / sub / f.name).symlink_to(f.resolve())
            pred = Path(tmp) / "pred.jsonl"
            pred.write_text("\n".join(x for x in lines if (json.loads(x)["doc_id"] in check) == (part == "check"))
                            + "\n", encoding="utf-8")
            print(f"-- {part} part")
            figures = _score(gold, pred)
            if figures is not None:
                out[part] = figures
    return out


def main(argv: list[str] | None = None) -> int:
    from newsfuse.annotate.quotes._learned import DEFAULT_MODEL_DIR

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="PolNeAR split folder (text/ + attributions/)")
    ap.add_argument("--pred", help="where to write the predictions (JSONL)")
    ap.add_argument("--derive-cuelist", action="store_true",
                    help="count cue frames on this (train) split and rewrite lexicons/quote_cues.json")
    ap.add_argument("--train-model", metavar="DIR",
                    help="train the learned candidate model on this (train) split into DIR")
    ap.add_argument("--train-tagger", metavar="DIR",
                    help="train the older token tagger on this (train) split into DIR")
    ap.add_argument("--model", metavar="DIR", default=str(DEFAULT_MODEL_DIR),
                    help="trained tagger to score as well (default: %(default)s, skipped if absent)")
    ap.add_argument("--docbin", help="read the parsed split from this spaCy DocBin instead of parsing")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (0 = all)")
    args = ap.parse_args(argv)

    data = Path(args.data)
    if not (data / "text").is_dir():
        print(f"PolNeAR data not found at {data} (expected text/ and attributions/ there); "
              f"pass --data DIR.", file=sys.stderr)
        return 2
    if not SCORER.exists():
        print(f"Official scorer not found at {SCORER}.", file=sys.stderr)
        return 2

    training = args.derive_cuelist or args.train_model or args.train_tagger
    if not training and not args.pred:
        ap.error("--pred is required (or --derive-cuelist / --train-model / --train-tagger)")
    if training and "train" not in data.name:
        print("--derive-cuelist, --train-model and --train-tagger use the train split only.", file=sys.stderr)
        return 2

    from newsfuse.annotate.nlp import load_nlp

    paths = sorted((data / "text").glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = load_nlp()

    t0 = time.perf_counter()
    if args.docbin:
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(args.docbin).get_docs(nlp.vocab))[: len(paths)]
    else:
        docs = list(nlp.pipe(texts, batch_size=16))
    t_nlp = time.perf_counter() - t0

    if args.train_model:
        return _train_candidates(args.train_model, docs, [p.stem for p in paths], data)
    if args.train_tagger:
        return _train_model(args.train_tagger, docs, [p.stem for p in paths], data)
    if args.derive_cuelist:
        sys.path.insert(0, str(SCORER.parent))
        import score_quotes

        gold = score_quotes.load_gold(str(data))
        _write_cuelist(_frame_counts(docs, [p.stem for p in paths], gold), len(paths))
        return 0

    pred_path = Path(args.pred)
    runs: list[tuple[str, Path, object]] = [("rules", pred_path, None)]
    model_dir = Path(args.model).expanduser()
    if (model_dir / "meta.json").exists():
        from newsfuse.annotate.quotes._learned import load_tagger

        runs.append(("rules+model", pred_path.with_name(pred_path.stem + ".model" + pred_path.suffix),
                     load_tagger(model_dir)))
    else:
        print(f"no trained tagger at {model_dir}: scoring the rules only "
              f"(train one with --train-model DIR --data .../polnear/train)")
    command = " ".join(["python", "bench/quotes.py", *(argv if argv is not None else sys.argv[1:])])
    for label, path, tagger in runs:
        t_quotes, n_quotes = _predict(docs, paths, path, tagger)
        print(f"== {label} ({data.name})")
        figures = _score(data, path)
        if figures is None:
            return 2
        parts = _score_parts(data, path)
        share = t_quotes / t_nlp if t_nlp else 0.0
        print(f"time: nlp.pipe {t_nlp:.2f} s, extract_quotes {t_quotes:.2f} s "
              f"({100 * share:.1f}% of nlp.pipe; issue budget 15%), {n_quotes} quote mentions")
        encoded = None
        if hasattr(tagger, "sentences"):  # the tagger on the encoder: what its sentences cost
            n_sents = sum(1 for d in docs for _ in d.sents)
            encoded = {"sentences": n_sents, "encoded": tagger.sentences, "seconds": round(tagger.seconds, 2),
                       "ms_per_encoded_sentence": round(1000 * tagger.seconds / max(tagger.sentences, 1), 2)}
            print(f"encoder tagger: {tagger.sentences} of {n_sents} sentences encoded, {tagger.seconds:.1f} s "
                  f"({encoded['ms_per_encoded_sentence']} ms a sentence, encoder and heads; under load)")
        benchlib.record_result("quotes", {
            "command": command, "data": str(data), "system": label,
            "model": str(model_dir) if tagger is not None else None,
            "model_kind": (tagger.meta.get("kind", "tagger") if tagger is not None else None),
            "figures": figures, "fit": parts.get("fit"), "check": parts.get("check"), "time_nlp_s": round(t_nlp, 3), "time_quotes_s": round(t_quotes, 3),
            "quotes_share_of_nlp": round(share, 4) if not args.docbin else None, "encoder_tagger": encoded,
        })
    return 0


if __name__ == "__main__":
    sys.exit(main())
