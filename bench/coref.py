"""Benchmark: cross-document event coreference on ECB+ gold mentions.

    python bench/coref.py --data ../shared/datasets/ecbplus_standard --split dev --pred /tmp/coref.jsonl
    python bench/coref.py --data ../shared/datasets/ecbplus_standard --fit     # re-learn the weights on train

Documents are grouped into stories first (average link over TF-IDF cosines of the content
words of the sentences that hold mentions, and of the names and the dates / numbers of the whole
article: from ``{split}_text.txt`` when the data has it, else from the article JSONs of the raw
ECB+ folder given by ``--texts`` when they are there, else from the mention sentences), then the
mentions of one story are clustered by average link over the probabilities of
:mod:`newsfuse.fuse.coref` (prediction is :func:`newsfuse.fuse.coref_model.corefer`, the code path the build's
``fuse/events.py`` runs; logistic weights and a head-stem lexicon shipped in the
package), and the clusters of a story are then merged on summed cluster evidence (second stage,
:func:`~newsfuse.fuse.coref_cluster.merge_clusters`, its own logistic weights in the same JSON). ``--fit`` learns those on the train split with scikit-learn (bench only; the library
does not import it), tunes the clustering thresholds (documents; a lone mention joining a cluster; two
clusters merging) by leave-topics-out cross-validation on
train (the lexicon of a training pair never counts that pair's own topics), and rewrites the
weights JSON. Each mention also carries its trigger's contextual vector and its sentence's vector from the
shared encoder (MiniLM, one run per distinct sentence, kept in ``--cache``), whose cosines are features of
the pairs and of the cluster merge; ``--fit`` fits the model with them and, for mentions without vectors, the
model without them (``without_encoder`` in the JSON); ``--no-encoder`` leaves them out. ``--cache DIR`` keeps
the parses and encodings between runs. The official scorer
(shared/eval/score_coref.py) computes the figures; they are printed and appended to
bench/results/coref.jsonl. Gold topics and chains are never read for prediction.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse
import hashlib
import json
import math
import subprocess
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import benchlib

from newsfuse.fuse import coref_model
from newsfuse.fuse.coref_model import encoder_cosines, first_stage, idf as _idf, pair_scores, predict, story_groups
from newsfuse.fuse.coref_model import story_view as _story_view

ROOT = benchlib.ROOT
DEFAULT_DATA = benchlib.DATASETS / "ecbplus_standard"
EVAL = benchlib.EVAL
SCORER = EVAL / "score_coref.py"
WEIGHTS = ROOT / "src" / "newsfuse" / "fuse" / "coref_weights.json"
RAW_TEXTS = benchlib.DATASETS / "ecbplus"
# the document blocks: content words of mention sentences, names and times / numbers of the article
DOC_WEIGHTS = coref_model.DOC_WEIGHTS
DOC_GRID = (0.13, 0.16)
# (threshold for a lone mention to join, threshold for two multi-mention clusters to merge)
CLUSTER_GRID = tuple((t, g) for t in (0.3, 0.35, 0.4, 0.45, 0.5) for g in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
                     if g <= t)
# the pair features that are learned (the others keep weight 0): round 1's set; the argument, governor and
# story features (round 2) and head tok2vec cosines (round 3) gave no gain under train CV and dev; the
# encoder's cosines (coref.ENCODER_FEATURES, round 4) are learned too unless --no-encoder
FIT_FEATURES = 26
# the second stage (cluster merge) is tried on these first-stage settings (and on the best one by train CV
# at each document threshold), with these merge thresholds
MERGE_BASES = ((0.45, 0.3), (0.5, 0.4), (0.5, 0.5))
MERGE_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)


def dump_mentions(data: Path, split: str) -> list[dict]:
    """The gold mentions of a split without their chains, as the official scorer dumps them."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "m.jsonl"
        proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(data), "--split", split,
                               "--dump-mentions", str(out)], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(f"scorer could not dump the mentions: {proc.stderr.strip()}")
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def _sentences(mentions: list[dict]) -> dict[tuple[str, str], list[str]]:
    sents: dict[tuple[str, str], list[str]] = {}
    for m in mentions:
        sents.setdefault((m["doc_id"], m["sent_id"]), [t.strip() or "_" for t in m["sentence_tokens"]])
    return sents


def parse_sentences(mentions: list[dict], nlp) -> dict[tuple[str, str], object]:
    """One parsed spaCy Doc per mention sentence, keyed by (doc id, sentence id)."""
    from spacy.tokens import Doc

    sents = _sentences(mentions)
    keys = list(sents)
    docs = [Doc(nlp.vocab, words=sents[k]) for k in keys]
    return dict(zip(keys, nlp.pipe(docs, batch_size=64)))


def mention_infos(mentions: list[dict], parsed: dict[tuple[str, str], object]):
    """MentionInfo per mention and the content tokens per document, from the parsed sentences."""
    from newsfuse.fuse.coref import mention_info
    from newsfuse.fuse.coref_mentions import head_token

    sents = _sentences(mentions)
    doc_tokens: dict[str, list[str]] = defaultdict(list)
    for (doc_id, _), sdoc in parsed.items():
        doc_tokens[doc_id].extend(t.lemma_.lower() for t in sdoc
                                  if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ"))
    infos, triggers = [], []
    for m in mentions:
        sdoc = parsed[(m["doc_id"], m["sent_id"])]
        base = m["sentence_start"]
        if base is None:  # train: token numbers run over the document; find the mention in the sentence
            start, end = _locate(m, sents[(m["doc_id"], m["sent_id"])])
        else:
            start, end = m["span"][0] - base, m["span"][1] - base + 1
        start = max(0, min(start, len(sdoc) - 1))
        end = max(start + 1, min(end, len(sdoc)))
        head = head_token(sdoc[start:end])
        infos.append(mention_info(m["mention"], m["doc_id"], m["sent_id"], sdoc, start, end, head=head))
        triggers.append((sdoc.text, head.idx, head.idx + len(head.text)))
    return infos, dict(doc_tokens), triggers


def encode_triggers(infos, triggers, cache_file: Path | None):
    """The infos with their trigger's contextual vector and their sentence's vector (one encoder run per
    distinct sentence, as the build's events annotator does), kept in ``cache_file`` (.npz) between runs."""
    import dataclasses
    import time

    import numpy as np

    from newsfuse.fuse.coref_mentions import pack_vector
    from newsfuse.learn.encoder import Encoder

    if cache_file is not None and cache_file.is_file():
        data = np.load(cache_file)
        sents, words = data["sentences"], data["words"]
    else:
        encoder = Encoder()
        t0 = time.perf_counter()
        sents, words = encoder.encode_spans(triggers)
        n_sent = len({t for t, _, _ in triggers})
        print(f"encoded {n_sent} sentences ({len(triggers)} triggers) in {time.perf_counter() - t0:.1f} s "
              f"({encoder.seconds / max(1, n_sent) * 1000:.1f} ms per sentence)")
        if cache_file is not None:
            np.savez_compressed(cache_file, sentences=sents, words=words)
    return [dataclasses.replace(info, vector=pack_vector(w), sentence_vector=pack_vector(s))
            for info, s, w in zip(infos, sents, words)]


def article_texts(data: Path, split: str, mentions: list[dict], raw: Path | None) -> tuple[dict[str, str], str]:
    """Full text per document and where it came from (token file, raw article JSON, mention sentences)."""
    doc_ids = sorted({m["doc_id"] for m in mentions})
    text_file = data / f"{split}_text.txt"
    if text_file.is_file():
        sents: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
        with text_file.open(encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 4 and cols[1].isdigit():
                    sents[cols[0]][int(cols[1])].append(cols[3])
        if all(d in sents for d in doc_ids):
            return {d: "\n".join(" ".join(sents[d][k]) for k in sorted(sents[d])) for d in doc_ids}, "token file"
    if raw is not None and raw.is_dir():
        found = {p.stem: p for p in raw.glob("*/*.json")}
        stems = {d: d.rsplit(".", 1)[0] for d in doc_ids}
        if all(stems[d] in found for d in doc_ids):
            texts = {}
            for d in doc_ids:
                art = json.loads(found[stems[d]].read_text(encoding="utf-8"))
                texts[d] = f"{art.get('title') or ''}\n{art.get('text') or ''}"
            return texts, "raw articles"
    by_doc: dict[str, dict[str, str]] = defaultdict(dict)
    for m in mentions:
        by_doc[m["doc_id"]][m["sent_id"]] = m["sentence"]
    return {d: "\n".join(by_doc[d].values()) for d in doc_ids}, "mention sentences"


_NAME_ENTS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART")


def article_features(adocs: dict[str, object]) -> dict[str, tuple[list[str], list[str]]]:
    """doc id -> (names, dates / times / numbers) of the whole article."""
    out = {}
    for d, adoc in adocs.items():
        names = [t.lower_ for t in adoc if t.ent_type_ in _NAME_ENTS and t.is_alpha and not t.is_stop]
        facts = [e.text.lower() for e in adoc.ents if e.label_ in ("DATE", "TIME")]
        facts += [t.lower_ for t in adoc if t.like_num and t.ent_type_ not in ("DATE", "TIME")]
        out[d] = (names, facts)
    return out


def parse_split(data: Path, split: str, raw: Path | None, cache: Path | None, encode: bool = True):
    """(mentions, infos, content tokens per doc, article features per doc, text source).

    With ``encode`` each info carries its trigger's and its sentence's encoder vectors (:func:`encode_triggers`).

    The spaCy parses (mention sentences, whole articles) are kept in ``cache`` as DocBins keyed by
    the data and the model only, so changing the features does not mean parsing again.
    """
    from spacy.tokens import DocBin

    from newsfuse.annotate.nlp import load_nlp

    mentions = dump_mentions(data, split)
    nlp = load_nlp()
    key = None
    if cache is not None:
        h = hashlib.sha1(f"{data.resolve()}|{split}|{raw}|{len(mentions)}|{nlp.meta.get('name')}-"
                         f"{nlp.meta.get('version')}".encode())
        key = cache / f"coref-parses-{split}-{h.hexdigest()[:12]}"
    if key is not None and (key / "sentences.spacy").is_file():
        meta = json.loads((key / "meta.json").read_text(encoding="utf-8"))
        sdocs = list(DocBin().from_disk(key / "sentences.spacy").get_docs(nlp.vocab))
        adocs = list(DocBin().from_disk(key / "articles.spacy").get_docs(nlp.vocab))
        parsed = {tuple(k): d for k, d in zip(meta["sentences"], sdocs)}
        articles_docs = dict(zip(meta["articles"], adocs))
        source = meta["source"]
    else:
        parsed = parse_sentences(mentions, nlp)
        texts, source = article_texts(data, split, mentions, raw)
        names = sorted(texts)
        articles_docs = dict(zip(names, nlp.pipe((texts[d] for d in names), batch_size=16, disable=["parser"])))
        if key is not None:
            key.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=parsed.values()).to_disk(key / "sentences.spacy")
            DocBin(store_user_data=False, docs=articles_docs.values()).to_disk(key / "articles.spacy")
            (key / "meta.json").write_text(json.dumps({"sentences": [list(k) for k in parsed],
                                                       "articles": names, "source": source}), encoding="utf-8")
    infos, doc_tokens, triggers = mention_infos(mentions, parsed)
    if encode:
        from newsfuse.learn.encoder import MODEL_ID

        vec_file = None
        if key is not None:
            tag = hashlib.sha1(f"{MODEL_ID}|{json.dumps(triggers)}".encode()).hexdigest()[:12]
            vec_file = key / f"encoded-{tag}.npz"
        infos = encode_triggers(infos, triggers, vec_file)
    return mentions, infos, doc_tokens, article_features(articles_docs), source


def _locate(m: dict, tokens: list[str]) -> tuple[int, int]:
    words = m["text"].split()
    n = len(words)
    hits = [i for i in range(len(tokens) - n + 1) if tokens[i:i + n] == words]
    if not hits:
        return 0, 1
    return hits[0], hits[0] + n


def pairs_by_group(infos, group_of):
    groups: dict[object, list[int]] = defaultdict(list)
    for i, info in enumerate(infos):
        groups[group_of(info)].append(i)
    return groups


def cluster_pair_rows(infos, scores, clusters, chains):
    """Second-stage training rows: features of each pair of first-stage clusters of a story, and whether
    their majority gold chains are the same."""
    from newsfuse.fuse.coref_cluster import cluster_pair_features

    rows, ys = [], []
    for (idx, table), story_clusters in zip(scores, clusters):
        local, link, n_docs = _story_view(infos, idx, table)
        encoded = encoder_cosines(local)
        majority = [Counter(chains[local[p].key] for p in c).most_common(1)[0][0] for c in story_clusters]
        for a in range(len(story_clusters)):
            for b in range(a + 1, len(story_clusters)):
                rows.append(cluster_pair_features(story_clusters[a], story_clusters[b], local, link, n_docs, encoded))
                ys.append(int(majority[a] == majority[b]))
    return rows, ys


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


def fit(data: Path, raw: Path | None, cache: Path | None, encode: bool = True) -> dict:
    """Learn the pair weights and the lexicon on train; tune the thresholds by leave-topics-out CV.

    Training pairs are the mention pairs within one predicted document cluster (the pairs the
    model will see at prediction time, with that story's :func:`story_context`), for each document
    threshold of :data:`DOC_GRID`; the two mention thresholds come from :data:`CLUSTER_GRID`. The
    lexicon features of a pair from topic fold g come from a lexicon counted without fold g
    (and without the held-out fold), so the logistic weights learn how far counts carry to new topics.
    Only the first :data:`FIT_FEATURES` pair features are learned. The second stage learns from the
    pairs of out-of-fold first-stage clusters (same event: their majority gold chains agree), again
    by topic folds, on each of :data:`MERGE_BASES` and :data:`MERGE_GRID`; it ships only when its CV
    beats the first stage alone.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from newsfuse.fuse.coref import (
        CLUSTER_FEATURES,
        ENCODER_FEATURES,
        FEATURES,
        LEXICON_FEATURES,
        learn_lexicon,
        lexicon_features,
        lexicon_json,
        pair_features,
        story_context,
    )

    sys.path.insert(0, str(EVAL))
    import score_coref

    mentions, infos, doc_tokens, articles, source = parse_split(data, "train", raw, cache, encode)
    print(f"train article text from: {source}")
    chains = _chains(data, "train")
    records = score_coref.load_gold(str(data / "train_event_gold_mentions.json"))
    idf = _idf(infos)
    topic_of = {m["mention"]: m["topic"] for m in mentions}  # folds only: never a prediction input
    topics = sorted(set(topic_of.values()))
    n_folds = 5
    fold_of = {t: n % n_folds for n, t in enumerate(topics)}
    info_fold = [fold_of[topic_of[info.key]] for info in infos]
    lex_cols = [FEATURES.index(n) for n in LEXICON_FEATURES]

    def training_rows(dth: float):
        """Feature rows, labels, folds (-1: across folds) and mention pairs within the stories at ``dth``."""
        story, sim = story_groups(doc_tokens, articles, dth)
        rows, ys, folds, pair_idx = [], [], [], []
        for _, idx in pairs_by_group(infos, lambda m: story[m.doc]).items():
            context = story_context(infos[k] for k in idx)
            encoded = encoder_cosines([infos[k] for k in idx])
            for p, i in enumerate(idx):
                for q in range(p + 1, len(idx)):
                    j = idx[q]
                    a, b = infos[i], infos[j]
                    rows.append(pair_features(a, b, sim(a.doc, b.doc), idf, story=context, encoded=encoded(p, q)))
                    ys.append(int(chains[a.key] == chains[b.key]))
                    fa, fb = info_fold[i], info_fold[j]
                    folds.append(fa if fa == fb else -1)
                    pair_idx.append((i, j))
        return np.array(rows), np.array(ys), np.array(folds), pair_idx, sim

    def model():
        return LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False)

    cols = list(range(FIT_FEATURES)) + ([FEATURES.index(n) for n in ENCODER_FEATURES] if encode else [])

    def fitted_coef(rows, labels) -> tuple[float, ...]:
        coef = [0.0] * len(FEATURES)
        for c, w in zip(cols, model().fit(rows[:, cols], labels).coef_[0]):
            coef[c] = float(w)
        return tuple(coef)

    results: dict[tuple[float, float, float], float] = {}
    fitted = {}
    folds_at: dict[float, list] = {}
    for dth in DOC_GRID:
        x, y, fold_arr, pair_idx, sim = training_rows(dth)
        print(f"doc threshold {dth}: train pairs {len(y)} ({y.sum()} coreferent)")

        def lexicon_without(excluded: set[int]):
            return learn_lexicon((infos[i].stem, infos[j].stem, bool(t))
                                 for (i, j), t, f in zip(pair_idx, y, fold_arr) if f != -1 and f not in excluded)

        def with_lexicon(rows_mask, lexicon_of_fold) -> np.ndarray:
            """Feature rows of ``rows_mask`` with the lexicon columns from ``lexicon_of_fold(row fold)``."""
            out = x[rows_mask].copy()
            for r, k in enumerate(np.flatnonzero(rows_mask)):
                i, j = pair_idx[k]
                a, b = infos[i], infos[j]
                out[r, lex_cols] = lexicon_features(a, b, sim(a.doc, b.doc), lexicon_of_fold(fold_arr[k]))
            return out

        preds: dict[tuple[float, float], dict[str, str]] = {t: {} for t in CLUSTER_GRID}
        folds_at[dth] = []
        for f in range(n_folds):
            inner = {g: lexicon_without({f, g}) for g in range(n_folds) if g != f}
            use = (fold_arr != f) & (fold_arr != -1)
            coef = fitted_coef(with_lexicon(use, inner.__getitem__), y[use])
            sub = [info for info, g in zip(infos, info_fold) if g == f]
            sub_docs = {doc: doc_tokens[doc] for doc in {i.doc for i in sub}}
            groups = story_groups(sub_docs, articles, dth)
            scores = pair_scores(sub, groups, coef, lexicon_without({f}))
            folds_at[dth].append((sub, groups, scores))
            for th, gth in CLUSTER_GRID:
                for info, lab in zip(sub, predict(sub, groups, coef, th, group_threshold=gth, scores=scores)):
                    preds[(th, gth)][info.key] = f"f{f}-{lab}"
        for th, gth in CLUSTER_GRID:
            results[(dth, th, gth)] = score_coref.score(records, preds[(th, gth)])["conll_f1"]
            print(f"  doc threshold {dth}, pair threshold {th}, group threshold {gth}: "
                  f"train CV conll_f1 {results[(dth, th, gth)]:.4f}")
        out_of_fold = {g: lexicon_without({g}) for g in range(n_folds)}
        use = fold_arr != -1
        fitted[dth] = (fitted_coef(with_lexicon(use, out_of_fold.__getitem__), y[use]), lexicon_without(set()))
    stage1_best = max(results, key=results.get)
    merge_results: dict[tuple[float, float, float, float], float] = {}
    merge_coef: dict[tuple[float, float, float], tuple[float, ...]] = {}
    for dth in DOC_GRID:
        best_here = max(((t, g) for d, t, g in results if d == dth), key=lambda tg: results[(dth, *tg)])
        for th, gth in dict.fromkeys((*MERGE_BASES, best_here)):
            # second stage: pairs of the out-of-fold first-stage clusters; merge weights by topic folds
            per_fold = []
            for sub, groups, scores in folds_at[dth]:
                clusters = first_stage(scores, th, gth)
                per_fold.append((sub, groups, scores, clusters, *cluster_pair_rows(sub, scores, clusters, chains)))
            merged: dict[float, dict[str, str]] = {t: {} for t in MERGE_GRID}
            for f, (sub, groups, scores, clusters, _, _) in enumerate(per_fold):
                rows = [r for g, p in enumerate(per_fold) if g != f for r in p[4]]
                ys = [v for g, p in enumerate(per_fold) if g != f for v in p[5]]
                mcoef = tuple(model().fit(np.array(rows), np.array(ys)).coef_[0])
                for t in MERGE_GRID:
                    labels = predict(sub, groups, None, th, scores=scores, merge=(mcoef, t), clusters=clusters)
                    merged[t].update({info.key: f"f{f}-{lab}" for info, lab in zip(sub, labels)})
            all_ys = np.array([v for p in per_fold for v in p[5]])
            merge_coef[(dth, th, gth)] = tuple(model().fit(np.array([r for p in per_fold for r in p[4]]),
                                                           all_ys).coef_[0])
            for t in MERGE_GRID:
                merge_results[(dth, th, gth, t)] = score_coref.score(records, merged[t])["conll_f1"]
                print(f"  doc threshold {dth}, merge on pair threshold {th}, group threshold {gth}, merge threshold "
                      f"{t}: train CV conll_f1 {merge_results[(dth, th, gth, t)]:.4f} "
                      f"({all_ys.sum()} of {len(all_ys)} cluster pairs same)")
    merge_json = None
    if merge_results and max(merge_results.values()) > results[stage1_best]:
        best_doc, best, best_group, merge_t = max(merge_results, key=merge_results.get)
        best_cv = merge_results[(best_doc, best, best_group, merge_t)]
        merge_json = {"threshold": merge_t, "coefficients": {
            n: round(float(c), 5) for n, c in zip(CLUSTER_FEATURES, merge_coef[(best_doc, best, best_group)])}}
    else:
        best_doc, best, best_group = stage1_best
        best_cv = results[stage1_best]
    coef, lexicon = fitted[best_doc]
    weights = {"source": "logistic regression on ECB+ train event mention pairs (CC-BY 3.0), bench/coref.py --fit",
               "threshold": best, "group_threshold": best_group, "doc_threshold": best_doc,
               "doc_weights": list(DOC_WEIGHTS),
               "coefficients": {n: round(c, 5) for n, c in zip(FEATURES, coef) if c != 0.0},
               "lexicon": lexicon_json(lexicon)}
    if merge_json is not None:
        weights["cluster_merge"] = merge_json
    print(f"{'with' if encode else 'without'} the encoder: doc threshold {best_doc}, pair threshold {best}, "
          f"group threshold {best_group}, merge {merge_json and merge_json['threshold']}")
    return weights, {"doc_threshold": best_doc, "threshold": best, "group_threshold": best_group,
                     "merge_threshold": merge_json and merge_json["threshold"],
                     "train_cv_conll_f1": round(best_cv, 4),
                     "train_cv_first_stage_only": round(results[stage1_best], 4)}


def fit_both(data: Path, raw: Path | None, cache: Path | None, encode: bool = True) -> dict:
    """Fit the model without the encoder's features and, unless ``encode`` is off, the model with them, and
    write the weights JSON: the encoder model at the top, the other under ``without_encoder`` (the build
    uses it for mentions summarised without vectors: a rules-only build)."""
    plain, plain_figures = fit(data, raw, cache, encode=False)
    figures = {"without_encoder": plain_figures}
    weights = plain
    if encode:
        weights, figures["with_encoder"] = fit(data, raw, cache, encode=True)
        # the lexicon is shared unless the two chose different document thresholds (its pairs are a story's)
        weights["without_encoder"] = {k: v for k, v in plain.items()
                                      if k != "lexicon" or v != weights["lexicon"]}
    WEIGHTS.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS}")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ecbplus_standard folder")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--pred", type=Path, help="where to write the predictions (JSONL)")
    parser.add_argument("--fit", action="store_true", help="re-learn the weights on the train split first")
    parser.add_argument("--texts", type=Path, default=RAW_TEXTS,
                        help="raw ECB+ folder with one JSON per article (full text where the split has no token file)")
    parser.add_argument("--cache", type=Path, help="folder to keep the parses in between runs")
    parser.add_argument("--no-encoder", action="store_true",
                        help="leave the encoder's vectors out (fit and predict with the hand features alone)")
    parser.add_argument("--config", type=Path, default=None,
                        help="settings file whose coref_*_threshold override the fitted thresholds")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"Data not found: {args.data}. Put ECB+ (ecbplus_standard) under ../shared/datasets/ "
              "or pass --data.", file=sys.stderr)
        return 2
    if not SCORER.exists():
        print(f"Official scorer not found: {SCORER}", file=sys.stderr)
        return 2
    figures: dict[str, object] = {}
    raw = args.texts if args.texts and args.texts.is_dir() else None
    if args.fit:
        figures["fit"] = fit_both(args.data, raw, args.cache, not args.no_encoder)
        load_cache_clear()
    if args.pred is not None:
        from newsfuse.fuse.coref_model import corefer
        from newsfuse.settings import load_settings

        _, infos, doc_tokens, articles, source = parse_split(args.data, args.split, raw, args.cache,
                                                            not args.no_encoder)
        print(f"{args.split} article text from: {source}")
        # the model the build runs (fuse/events.py): newsfuse.toml's coref_*_threshold, else the fitted ones
        labels = corefer(infos, doc_tokens, articles, load_settings(args.config))
        with args.pred.open("w", encoding="utf-8") as fh:
            for info, lab in zip(infos, labels):
                fh.write(json.dumps({"mention": info.key, "cluster": lab}) + "\n")
        figures[args.split] = official_score(args.data, args.split, args.pred)
        figures[args.split]["article_text"] = source
    command = " ".join(["python", "bench/coref.py"] + (argv if argv is not None else sys.argv[1:]))
    benchlib.record_result("coref", {"command": command, "figures": figures})
    return 0


def load_cache_clear() -> None:
    from newsfuse.fuse.coref import _weights_json

    _weights_json.cache_clear()


if __name__ == "__main__":
    sys.exit(main())
