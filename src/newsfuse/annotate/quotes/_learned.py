"""Optional learned models for attribution content, combined with the rules.

Two kinds, read by :func:`load_tagger` from a folder (``meta.json`` tells which):

- the **candidate model** (``kind: candidates``, the default of ``bench/quotes.py
  --train-model``): a binary logistic regression over hashed features of one
  candidate attribution, a (cue, content) pair found on the parse by
  :mod:`.quotes` (the rules' drafts and a wider net of frames and readings). Its
  features (:func:`candidate_features`): how the candidate was found (rule or frame,
  whether the rules kept it), the cue's lemma, tag, dependency and head, negation
  and modals, the speaker's entity type or pronoun, the content's length, first
  word, root and position against the cue, the cue-word lists, and how the
  candidate sits among the rules' output (its cue inside another content, its
  content over another). A candidate is positive when it would score as a gold
  attribution: content overlap and speaker, the best reading per cue. It keeps
  ``threshold`` and ``drop_below`` in ``meta.json``, chosen on held-out train articles;
- the older **token tagger** (``version: 1``): a token-level B/I/O softmax
  regression over hashed features of each token and its syntactic ancestors, the
  rules' tags among them; its spans only add to the rules (:func:`model_spans`).

Training data: the PolNeAR **train** split only (``python bench/quotes.py
--train-model DIR --data ../shared/datasets/polnear/train``; ``--train-tagger DIR``
for the token tagger), parsed with the pinned spaCy model; scikit-learn fits the
candidate model in the bench, numpy alone runs it. PolNeAR has no redistribution
licence, so **the weights are not shipped** with newsfuse: the training command
writes them to a folder of the user's choice (by convention
``~/.cache/newsfuse/quote_model/``), and the ``quote_model`` setting points at it;
without it, newsfuse runs the rules only.

Stored files: ``weights.npy`` (``float32``; ``2**bits`` for the candidate model,
``2**bits x 3`` for the tagger) and ``meta.json`` (bits, training corpus, thresholds).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from ...lexicons import cue_frames
from ._lexicon import CLAUSE_VERBS, SPEECH_VERBS
from ._marks import QuoteIndex, find_quoted_spans
from ..sentences import sent_of

__all__ = ["QuoteTagger", "load_tagger", "save_tagger", "train_tagger", "token_labels", "tag_tokens", "content_probs",
           "span_support", "model_spans", "DEFAULT_MODEL_DIR",
           "CandidateModel", "candidate_features", "candidate_rows", "candidate_probs", "save_candidate_model"]

#: where the training command writes by default (never inside the package)
DEFAULT_MODEL_DIR = Path("~/.cache/newsfuse/quote_model").expanduser()

_VERSION = 1
_LABELS = ("O", "B", "I")
_O, _B, _I = 0, 1, 2


@dataclass(frozen=True, slots=True)
class QuoteTagger:
    """Logistic-regression weights: one row of three label scores per hashed feature (row 0 = padding)."""

    weights: np.ndarray  # float32, shape (2**bits, 3)
    bits: int
    meta: dict


# --------------------------------------------------------------------------- features


_N_FEATS = 32  # features per token, padded with row 0


def _hash(feature: str, mask: int) -> int:
    return (zlib.crc32(feature.encode("utf-8")) & mask) or 1


def _rule_tags(doc: Doc, spans: Iterable[tuple[int, int]]) -> list[str]:
    """'B', 'I' or 'O' per token for the rules' content spans."""
    tags = ["O"] * len(doc)
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for k in range(span.start, span.end):
            tags[k] = "B" if k == span.start else ("I" if tags[k] == "O" else tags[k])
    return tags


def _token_features(tok: Token, quoted: bool, rule: list[str]) -> list[str]:
    doc = tok.doc
    i = tok.i
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    feats = [
        "bias", f"w={tok.lower_}", f"l={tok.lemma_.lower()}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}",
        f"hl={tok.head.lemma_.lower()}", f"hd={tok.dep_}>{tok.head.dep_}", f"hp={tok.head.pos_}",
        f"q={quoted}", f"r={rule[i]}", f"r-1={rule[i - 1] if i > 0 else '^'}",
        f"r+1={rule[i + 1] if i + 1 < len(doc) else '$'}", f"rq={rule[i]}{quoted}",
        f"pw={prev.lower_ if prev is not None else '^'}", f"nw={nxt.lower_ if nxt is not None else '$'}",
        f"pp={prev.pos_ if prev is not None else '^'}", f"np={nxt.pos_ if nxt is not None else '$'}",
        f"sp={tok.is_sent_start}", f"nl={prev is not None and prev.text.isspace()}",
    ]
    child, node = tok, tok.head
    for depth in range(4):  # the path up to the root: which word governs this token, through which relation
        if node is child:
            feats.append(f"root@{depth}")
            break
        feats.append(f"a{depth}={node.lemma_.lower()}:{child.dep_}")
        feats.append(f"a={node.lemma_.lower()}:{child.dep_}")
        if node.pos_ in ("VERB", "NOUN"):
            feats.append(f"av={node.lemma_.lower()}")
        child, node = node, node.head
    return feats


def _doc_features(doc: Doc, rule_spans: Sequence[tuple[int, int]], mask: int) -> np.ndarray:
    """Hashed feature rows, shape ``(len(doc), _N_FEATS)``, padded with 0."""
    quotes = QuoteIndex(find_quoted_spans(doc.text))
    rule = _rule_tags(doc, rule_spans)
    out = np.zeros((len(doc), _N_FEATS), dtype=np.int64)
    seen: dict[str, int] = {}  # feature -> row, for this document only
    for tok in doc:
        q = quotes.covering(tok.idx)
        quoted = q is not None and q.start <= tok.idx < q.end
        row = []
        for f in _token_features(tok, quoted, rule)[:_N_FEATS]:
            h = seen.get(f)
            if h is None:
                h = seen[f] = _hash(f, mask)
            row.append(h)
        out[tok.i, :len(row)] = row
    return out


def _scores(weights: np.ndarray, feats: np.ndarray) -> np.ndarray:
    return weights[feats].sum(axis=1)


# --------------------------------------------------------------------------- train


def token_labels(doc: Doc, contents: Sequence[frozenset[int]]) -> list[int]:
    """Gold B/I/O per token from content character sets (a token is in when its first character is)."""
    owner: dict[int, int] = {}
    for n, chars in enumerate(contents):
        for c in chars:
            owner.setdefault(c, n)
    labels, last = [], None
    for tok in doc:
        who = owner.get(tok.idx)
        if who is None:
            labels.append(_O)
        else:
            labels.append(_I if who == last else _B)
        last = who
    return labels


def train_tagger(
    docs: Sequence[Doc],
    gold: Sequence[Sequence[frozenset[int]]],
    rule_spans: Sequence[Sequence[tuple[int, int]]],
    epochs: int = 8,
    bits: int = 18,
    rate: float = 0.3,
    l2: float = 1e-4,
    batch: int = 2000,
    seed: int = 0,
) -> QuoteTagger:
    """Softmax regression on ``docs`` (gold contents as labels, the rules' spans as features).

    Mini-batch Adagrad over tokens; the L2 penalty is applied to the rows a batch touches.
    """
    mask = (1 << bits) - 1
    feats = np.concatenate([_doc_features(doc, spans, mask) for doc, spans in zip(docs, rule_spans)])
    labels = np.concatenate([np.asarray(token_labels(doc, c), dtype=np.int64) for doc, c in zip(docs, gold)])
    n = len(labels)
    w = np.zeros((3, 1 << bits))
    hist = np.full_like(w, 1e-8)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(n)
        for k in range(0, n, batch):
            idx = order[k:k + batch]
            x, y = feats[idx], labels[idx]
            z = np.stack([w[c][x].sum(axis=1) for c in range(3)], axis=1)
            z -= z.max(axis=1, keepdims=True)
            prob = np.exp(z)
            prob /= prob.sum(axis=1, keepdims=True)
            prob[np.arange(len(y)), y] -= 1.0
            rows, inverse = np.unique(x.ravel(), return_inverse=True)
            grad = np.stack([np.bincount(inverse, weights=np.repeat(prob[:, c], x.shape[1]), minlength=len(rows))
                             for c in range(3)]) / len(y)
            grad += l2 * w[:, rows]
            if rows[0] == 0:
                grad[:, 0] = 0.0
            hist[:, rows] += grad * grad
            w[:, rows] -= rate * grad / np.sqrt(hist[:, rows])
    z = np.stack([w[c][feats].sum(axis=1) for c in range(3)], axis=1)
    accuracy = float((z.argmax(axis=1) == labels).mean())
    return QuoteTagger(np.ascontiguousarray(w.T, dtype=np.float32), bits,
                       {"version": _VERSION, "bits": bits, "epochs": epochs, "tokens": n,
                        "train_accuracy": round(accuracy, 4)})


def save_tagger(tagger: QuoteTagger, folder: str | Path, **meta: object) -> Path:
    """Write ``weights.npy`` and ``meta.json`` to ``folder``."""
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "weights.npy", tagger.weights)
    (folder / "meta.json").write_text(json.dumps({**tagger.meta, **meta}, indent=1), encoding="utf-8")
    return folder


def load_tagger(folder: str | Path):
    """Read a model written by :func:`save_tagger`, :func:`save_candidate_model` or the encoder tagger's training
    (``kind: encoder-tagger``, :mod:`._tagger`); raises ``OSError``/``ValueError`` when unusable."""
    folder = Path(folder).expanduser()
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("kind") == "encoder-tagger":
        from ._tagger import load_quote_tagger_model

        try:
            return load_quote_tagger_model(folder)
        except KeyError as exc:
            raise ValueError(f"quote model in {folder} lacks {exc}") from exc
    if meta.get("kind") == _CANDIDATE_KIND:
        weights = np.load(folder / "weights.npy")
        if weights.shape != (1 << int(meta["bits"]),):
            raise ValueError(f"quote model in {folder} has weights of shape {weights.shape}")
        return CandidateModel(weights, int(meta["bits"]), meta)
    if meta.get("version") != _VERSION:
        raise ValueError(f"quote model in {folder} has version {meta.get('version')}, expected {_VERSION}")
    weights = np.load(folder / "weights.npy")
    if weights.shape != (1 << int(meta["bits"]), 3):
        raise ValueError(f"quote model in {folder} has weights of shape {weights.shape}")
    return QuoteTagger(weights, int(meta["bits"]), meta)


# --------------------------------------------------------------------------- predict


def content_probs(tagger: QuoteTagger, doc: Doc, rule_spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Per token, the probabilities of O, B and I, shape ``(len(doc), 3)``."""
    if len(doc) == 0:
        return np.zeros((0, 3), dtype=np.float32)
    z = _scores(tagger.weights, _doc_features(doc, rule_spans, (1 << tagger.bits) - 1))
    z -= z.max(axis=1, keepdims=True)
    prob = np.exp(z)
    return prob / prob.sum(axis=1, keepdims=True)


def tag_tokens(tagger: QuoteTagger, doc: Doc, rule_spans: Sequence[tuple[int, int]]) -> list[int]:
    """B/I/O label index per token (0 = O, 1 = B, 2 = I)."""
    return content_probs(tagger, doc, rule_spans).argmax(axis=1).tolist()


def span_support(doc: Doc, prob: np.ndarray, start: int, end: int) -> float:
    """Mean probability that the tokens of the character span [start, end) are content."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 1.0
    return float(1.0 - prob[span.start:span.end, _O].mean())


def model_spans(tagger: QuoteTagger, doc: Doc, prob: np.ndarray) -> list[tuple[int, int]]:
    """Confident content spans: runs of B/I tokens (a B starts a new one) whose mean P(not O) >= ``min_prob``.

    ``min_prob`` and ``min_tokens`` come from the tagger's ``meta.json`` (chosen on a held-out
    part of the train split), defaulting to 0.8 and 4.
    """
    min_prob = float(tagger.meta.get("min_prob", 0.8))
    min_tokens = int(tagger.meta.get("min_tokens", 4))
    labels = prob.argmax(axis=1).tolist()
    spans: list[tuple[int, int]] = []
    start = None
    for k, y in enumerate([*labels, _O]):
        if start is not None and y != _I:
            if k - start >= min_tokens and float(1.0 - prob[start:k, _O].mean()) >= min_prob:
                last = doc[k - 1]
                spans.append((doc[start].idx, last.idx + len(last)))
            start = None
        if y != _O and start is None:
            start = k
    return spans


# --------------------------------------------------------------------------- candidate model


@dataclass(frozen=True, slots=True)
class CandidateModel:
    """Binary logistic regression over hashed features of one candidate attribution (cue, frame, content).

    ``weights[0]`` is the intercept; a feature hashes to a row in ``1 .. 2**bits - 1``.
    ``meta['threshold']`` is the probability above which a candidate is kept.
    """

    weights: np.ndarray  # float32, shape (2**bits,)
    bits: int
    meta: dict


_CANDIDATE_KIND = "candidates"


def _bucket(n: int) -> str:
    for top in (1, 2, 4, 8, 16, 32, 64):
        if n <= top:
            return str(top)
    return "more"


def candidate_features(doc: Doc, text: str, start: int, end: int, direct: bool, kind: str, cue_tok: int,
                       speaker: Span | None, in_rules: bool) -> list[str]:
    """What the candidate model sees of one candidate: how it was found, its cue word and frame,
    its speaker, and the shape of its content."""
    feats = ["bias", f"k={kind}", f"r={in_rules}", f"rk={in_rules}|{kind}", f"d={direct}", f"dk={direct}|{kind}"]
    span = doc.char_span(start, end, alignment_mode="expand")
    n_tok = len(span) if span is not None else 0
    size = _bucket(n_tok)
    feats += [f"n={size}", f"nk={size}|{kind}", f"nd={size}|{direct}"]
    if span is not None and n_tok:
        first, last = span[0], span[-1]
        root = span.root
        n_sents = len({sent_of(t).start for t in (first, last)}) if n_tok else 0
        feats += [f"fw={first.lower_}", f"fp={first.pos_}", f"lp={last.pos_}", f"rp={root.pos_}|{root.dep_}",
                  f"ns={n_sents}", f"nl={chr(10) in text[start:end]}",
                  f"end={text[end:end + 1] in ('.', '!', '?', '')}|{kind}", f"rl={root.lemma_.lower()}",
                  f"re={root.ent_type_}|{kind}", f"verb={any(t.pos_ in ('VERB', 'AUX') for t in span)}|{kind}"]
        if cue_tok >= 0:
            feats.append(f"lrl={doc[cue_tok].lemma_.lower()}|{root.lemma_.lower()}")
        for side, tok in (("nx", doc[span.end] if span.end < len(doc) else None),
                          ("pv", doc[span.start - 1] if span.start > 0 else None)):
            if tok is None:  # the words around the content: where it was cut
                feats.append(f"{side}=edge|{kind}")
            else:
                word = tok.lower_ if tok.is_punct or tok.pos_ in ("CCONJ", "ADP", "SCONJ", "PART") else tok.pos_
                feats += [f"{side}={word}|{kind}", f"{side}d={tok.dep_}|{kind}"]
    if cue_tok < 0:
        feats.append("nocue")
    else:
        cue = doc[cue_tok]
        lemma = cue.lemma_.lower()
        after = start >= cue.idx
        if span is None:
            gap = 0
        else:  # tokens between the cue and the content
            gap = span.start - cue_tok if after else cue_tok - span.end
        first_word = span[0].lower_ if span is not None and n_tok else ""
        feats += [f"l={lemma}", f"lk={lemma}|{kind}", f"lt={lemma}|{cue.tag_}", f"t={cue.tag_}",
                  f"tk={cue.tag_}|{kind}",
                  f"cd={cue.dep_}", f"cdk={cue.dep_}|{kind}", f"cp={cue.pos_}", f"after={after}|{kind}",
                  f"gap={_bucket(abs(gap))}", f"la={lemma}|{after}", f"lw={lemma}|{first_word}",
                  f"speech={lemma in SPEECH_VERBS}|{kind}", f"clause={lemma in CLAUSE_VERBS}|{kind}",
                  f"cuelist={kind.removeprefix('x:') in cue_frames().get(lemma, ())}",
                  f"listed={lemma in cue_frames()}|{kind}"]
        if cue.head is not cue:
            feats += [f"hl={cue.head.lemma_.lower()}", f"hdl={cue.dep_}|{cue.head.lemma_.lower()}"]
        for child in cue.children:
            if child.dep_ == "neg":
                feats.append("neg")
            elif child.dep_ == "aux" and child.tag_ == "MD":
                feats.append(f"md={child.lower_}")
            elif child.dep_ == "prt":
                feats.append(f"prt={lemma} {child.lower_}")
    if speaker is None or len(speaker) == 0:
        feats += ["sp=none", f"spk=none|{kind}"]
    else:
        root = speaker.root
        kind_of = root.ent_type_ or ("PRON" if root.pos_ == "PRON" else root.pos_)
        feats += [f"sp={kind_of}", f"spk={kind_of}|{kind}", f"spl={root.lemma_.lower()}",
                  f"spn={_bucket(len(speaker))}"]
        if cue_tok >= 0:
            feats.append(f"spc={kind_of}|{doc[cue_tok].lemma_.lower()}")
    return feats


def candidate_rows(features: Sequence[Sequence[str]], bits: int) -> list[list[int]]:
    """Hashed feature rows (each a sorted list of distinct row indices, none 0)."""
    mask = (1 << bits) - 1
    seen: dict[str, int] = {}  # feature -> row, for this call only
    rows = []
    for feats in features:
        row = set()
        for f in feats:
            h = seen.get(f)
            if h is None:
                h = seen[f] = _hash(f, mask)
            row.add(h)
        rows.append(sorted(row))
    return rows


def candidate_probs(model: CandidateModel, doc: Doc, features: Sequence[Sequence[str]]) -> np.ndarray:
    """Probability that each candidate is a gold attribution content."""
    w = model.weights
    z = np.array([w[0] + float(w[row].sum()) for row in candidate_rows(features, model.bits)], dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z))


def save_candidate_model(model: CandidateModel, folder: str | Path, **meta: object) -> Path:
    """Write ``weights.npy`` and ``meta.json`` (with ``kind: candidates``) to ``folder``."""
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "weights.npy", model.weights)
    (folder / "meta.json").write_text(json.dumps({**model.meta, **meta, "kind": _CANDIDATE_KIND}, indent=1),
                                      encoding="utf-8")
    return folder
