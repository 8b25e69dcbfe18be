"""A learned quote tagger on the shared, frozen encoder: word tags and a learned linking step.

Per word (spaCy token) the model reads the int8 MiniLM's last hidden states (the mean of the word's
pieces, each sentence encoded on its own: the encoder of :mod:`newsfuse.learn.encoder`, the one the
whole pipeline shares) and cheap parse and rule features (:func:`rule_features`: the rules' own
content, cue and speaker tags, quote marks, the cue-word lists, part of speech and dependency, whether
a cue-list word governs the word). Two small trained parts sit on these:

- a **tag head** (a dense network, numpy at run time) that labels every word ``O``, ``B-C``/``I-C``
  (content), ``B-Q``/``I-Q`` (cue), ``B-S``/``I-S`` (source). ``B-C`` marks where a new attribution's
  content begins; an ``I-C`` after a gap (the words of '..., he said, ...') continues the content
  before it, so a statement cut by its cue stays one attribution;
- a **link head**: two logistic regressions over candidate pairs, each content to a cue and each cue
  to a source, reading both ends' hidden states (their product), the distance, the same sentence,
  the order, the parse path (the cue governs the content, the source is the cue's subject), and
  what lies between.

Decoding: Viterbi over the tag transitions seen in training (``meta["viterbi"]`` weighs them), so a
content is not cut in two by one word that looks like a beginning. The model's attributions then join
the rules' as ``meta["join"]`` says (:data:`JOINS`), chosen on held-out train documents.

Training (:mod:`newsfuse.learn.train_quotes`, run by ``bench/quotes_learned.py --train DIR``, which first
caches the features under a folder of your choice) reads PolNeAR train only; the weights and a model card
go to a user folder (PolNeAR has no redistribution licence), never into the package; ``quote_model`` set to
that folder turns the tagger on. Only sentences that need it are encoded: one with a quote mark, a cue-list
verb or noun, or a rule attribution (:func:`needs_encoding`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from ...lexicons import cue_frames
from ._lexicon import CLAUSE_VERBS, SPEECH_VERBS
from ._marks import QuoteIndex, find_quoted_spans
from ._tagger_links import (  # noqa: F401 - the link head's names are the tagger's too (training, tests)
    CUE_HAND, SOURCE_HAND, TAGS, Attribution, LinearHead, Segment, char_span, cue_candidates, cue_pair_features,
    decode_tags, link, paragraph_index, sentence_index, source_candidates, source_pair_features,
)

__all__ = ["TAGS", "rule_features", "word_states", "needs_encoding", "word_labels", "N_RULE_FEATURES"]

_UPOS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
         "SCONJ", "SYM", "VERB", "X")
_DEPS = ("nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "advcl", "conj", "parataxis", "mark", "prep", "pobj",
         "punct", "ROOT", "relcl", "acl", "agent", "poss", "compound", "appos")
_MARK_CHARS = set("\"“”‘’'`«»")


def _cue_words() -> frozenset[str]:
    return frozenset(cue_frames()) | SPEECH_VERBS | CLAUSE_VERBS


def rule_features(doc: Doc, rule_quotes: Sequence) -> np.ndarray:
    """Cheap features per word, shape ``(len(doc), N_RULE_FEATURES)``, float32.

    ``rule_quotes``: the rules' :class:`QuoteMention` records of the same document.
    """
    n = len(doc)
    cols = 12 + len(_UPOS) + len(_DEPS)
    out = np.zeros((n, cols), dtype=np.float32)
    if n == 0:
        return out
    starts = np.array([t.idx for t in doc])

    def tok_range(start: int, end: int) -> range:
        a = int(np.searchsorted(starts, start, side="right")) - 1
        b = int(np.searchsorted(starts, end, side="left"))
        return range(max(a, 0), b)

    for q in rule_quotes:
        r = tok_range(q.start, q.end)
        for k in r:
            out[k, 1] = 1.0
        if len(r):
            out[r[0], 0] = 1.0
        if q.direct:
            for k in r:
                out[k, 4] = 1.0
        if q.cue_start is not None:
            for k in tok_range(q.cue_start, q.cue_end):
                out[k, 2] = 1.0
        if q.speaker_start is not None:
            for k in tok_range(q.speaker_start, q.speaker_end):
                out[k, 3] = 1.0
    quotes = QuoteIndex(find_quoted_spans(doc.text))
    cues = _cue_words()
    for tok in doc:
        i = tok.i
        q = quotes.covering(tok.idx)
        out[i, 5] = q is not None
        out[i, 6] = tok.text in _MARK_CHARS or tok.text in ("``", "''")
        lemma = tok.lemma_.lower()
        out[i, 7] = tok.pos_ in ("VERB", "NOUN") and lemma in cues
        out[i, 8] = tok.pos_ == "VERB" and lemma in SPEECH_VERBS
        node, governed = tok, 0.0
        for _ in range(3):  # a cue-list verb up the tree: the word sits in what it reports
            if node.head is node:
                break
            node = node.head
            if node.pos_ in ("VERB", "NOUN") and node.lemma_.lower() in cues:
                governed = 1.0
                break
        out[i, 9] = governed
        out[i, 10] = tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in cues
        out[i, 11] = tok.is_sent_start or (i > 0 and "\n" in doc[i - 1].text_with_ws)
        if tok.pos_ in _UPOS:
            out[i, 12 + _UPOS.index(tok.pos_)] = 1.0
        if tok.dep_ in _DEPS:
            out[i, 12 + len(_UPOS) + _DEPS.index(tok.dep_)] = 1.0
    return out


N_RULE_FEATURES = 12 + len(_UPOS) + len(_DEPS)


def needs_encoding(sent, rule_feats: np.ndarray) -> bool:
    """A sentence is worth encoding when it has a quote mark, a cue-list verb or noun, or a rule attribution
    (columns 1-3 and 5-8 of :func:`rule_features`). (The training cache was built with column 10 as well, the
    subject of a cue-list lemma: a superset of these sentences.)"""
    block = rule_feats[sent.start:sent.end]
    return bool(block[:, [1, 2, 3, 5, 6, 7, 8]].any())


def word_states(encoder, doc: Doc, sents: Sequence) -> np.ndarray:
    """Last hidden states per word, ``(len(doc), 384)`` float32: each of ``sents`` encoded on its own, a word's
    vector the mean of its pieces' states; words of other sentences (and spaces) stay zero."""
    from ...learn.encoder import DIM, _batches

    out = np.zeros((len(doc), DIM), dtype=np.float32)
    if not sents:
        return out
    encoder.load()
    texts = [s.text for s in sents]
    encs = encoder._tok.encode_batch(texts)
    for idx in _batches([len(e.ids) for e in encs], encoder.batch_size):
        hidden, mask = encoder._run([encs[i].ids for i in idx])
        for r, i in enumerate(idx):
            sent, enc = sents[i], encs[i]
            offs = np.array(enc.offsets[: int(mask[r].sum())])
            states = hidden[r, : len(offs)]
            base = sent.start_char
            for tok in sent:
                a, b = tok.idx - base, tok.idx - base + len(tok.text)
                sel = (offs[:, 1] > offs[:, 0]) & (offs[:, 0] < b) & (offs[:, 1] > a)
                if sel.any():
                    out[tok.i] = states[sel].mean(axis=0)
    encoder.sentences += len(texts)
    return out


def word_labels(doc: Doc, attributions: Sequence) -> np.ndarray:
    """Gold tag index per word from PolNeAR attributions (character sets content / source / cue).

    A word takes a role when its first character is in that role's set; ``B-`` when it starts a new
    attribution for that role (a content fragment continuing the same attribution after a gap is ``I-C``).
    """
    owner: dict[str, dict[int, int]] = {"C": {}, "Q": {}, "S": {}}
    for n, att in enumerate(attributions):
        for role, chars in (("C", att.content), ("Q", att.cue), ("S", att.source)):
            for c in chars or ():
                owner[role].setdefault(c, n)
    labels = np.zeros(len(doc), dtype=np.int64)
    last = {"C": None, "Q": None, "S": None}
    prev_role = None
    for tok in doc:
        if tok.is_space:
            continue
        for role in ("C", "Q", "S"):
            who = owner[role].get(tok.idx)
            if who is None:
                continue
            if role == "C":
                begin = who != last["C"]
            else:
                begin = who != last[role] or prev_role != role
            labels[tok.i] = TAGS.index(("B-" if begin else "I-") + role)
            last[role] = who
            prev_role = role
            break
        else:
            prev_role = None
    return labels


# --------------------------------------------------------------------------- tag head

#: neighbours whose rule features a word also reads (its own state already carries the sentence)
_CONTEXT = (-2, -1, 1, 2)


def _shift(a: np.ndarray, off: int) -> np.ndarray:
    """Row i of the result is row i + off of ``a`` (zeros past the ends)."""
    n = len(a)
    out = np.zeros_like(a)
    if off < 0:
        out[-off:] = a[:n + off]
    else:
        out[:n - off] = a[off:]
    return out


def tag_inputs(states: np.ndarray, feats: np.ndarray, state_context: bool = False) -> np.ndarray:
    """The tag head's input per word: its hidden state, its rule features and those of its neighbours (with
    ``state_context``, the states of the words before and after it as well)."""
    states = states.astype(np.float32)
    parts = [states, feats, *(_shift(feats, off) for off in _CONTEXT)]
    if state_context:
        parts += [_shift(states, -1), _shift(states, 1)]
    return np.concatenate(parts, axis=1)


@dataclass
class DenseNet:
    """ReLU layers then a softmax; ``weights``/``biases`` per layer (numpy only at run time)."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    mean: np.ndarray
    scale: np.ndarray

    def proba(self, x: np.ndarray) -> np.ndarray:
        h = (x - self.mean) / self.scale
        for k, (w, b) in enumerate(zip(self.weights, self.biases)):
            h = h @ w + b
            if k + 1 < len(self.weights):
                h = np.maximum(h, 0.0)
        h -= h.max(axis=1, keepdims=True)
        e = np.exp(h)
        return e / e.sum(axis=1, keepdims=True)


def transitions(label_seqs: Sequence[np.ndarray]) -> np.ndarray:
    """Log probabilities of one tag after another, ``(len(TAGS), len(TAGS))``, add-one smoothed."""
    counts = np.ones((len(TAGS), len(TAGS)))
    for y in label_seqs:
        np.add.at(counts, (y[:-1], y[1:]), 1.0)
    return np.log(counts / counts.sum(axis=1, keepdims=True)).astype(np.float32)


def viterbi(logp: np.ndarray, trans: np.ndarray, weight: float) -> np.ndarray:
    """The best tag sequence under per-word log probabilities plus ``weight`` times the transition log
    probabilities (so that a content is not cut by one word that looks like a new beginning)."""
    n = len(logp)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    score = logp[0].copy()
    back = np.zeros((n, len(TAGS)), dtype=np.int64)
    t = weight * trans
    for i in range(1, n):
        cand = score[:, None] + t
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[i]
    out = np.zeros(n, dtype=np.int64)
    out[-1] = int(score.argmax())
    for i in range(n - 1, 0, -1):
        out[i - 1] = back[i, out[i]]
    return out


# --------------------------------------------------------------------------- the model


@dataclass
class QuoteTaggerModel:
    """The trained tag head, the two link heads and their thresholds (``meta``)."""

    tag: DenseNet
    cue: LinearHead
    source: LinearHead
    meta: dict
    trans: np.ndarray | None = None  # tag transition log probabilities (:func:`transitions`), for Viterbi

    def tags(self, doc: Doc, states: np.ndarray, feats: np.ndarray, gated: np.ndarray) -> np.ndarray:
        """Tag per word: the best sequence over each run of encoded words (spaces and other words O)."""
        tags = np.zeros(len(doc), dtype=np.int64)
        rows = np.flatnonzero(gated & np.array([not t.is_space for t in doc], dtype=bool))
        if not len(rows):
            return tags
        prob = self.tag.proba(tag_inputs(states, feats, bool(self.meta.get("state_context")))[rows])
        weight = float(self.meta.get("viterbi", 0.0))
        if self.trans is None or weight <= 0:
            tags[rows] = prob.argmax(axis=1)
            return tags
        logp = np.log(prob + 1e-9)
        cuts = np.flatnonzero(np.diff(rows) > 1 + 2) + 1  # runs of encoded words (a space or two may lie between)
        for part in np.split(np.arange(len(rows)), cuts):
            tags[rows[part]] = viterbi(logp[part], self.trans, weight)
        return tags

    def attributions(self, doc: Doc, states: np.ndarray, feats: np.ndarray, gated: np.ndarray) -> list[Attribution]:
        """Attributions of one document from its word states and rule features (words outside ``gated`` are O)."""
        tags = self.tags(doc, states, feats, gated)
        segs = decode_tags(doc, tags.tolist(), paragraph_index(doc))
        return link(doc, states, feats, segs, self.cue, self.source, float(self.meta.get("cue_min", 0.5)),
                    float(self.meta.get("source_min", 0.5)))


def as_spans(doc: Doc, atts: Sequence[Attribution]) -> list[dict]:
    """Attributions as character spans: ``{"content": [[s, e], ...], "speaker": [s, e] | None, "cue": ...}``."""
    out = []
    for att in atts:
        frags = [list(char_span(doc, a, b)) for a, b in sorted(att.content.fragments)]
        merged: list[list[int]] = []
        for a, b in frags:  # fragments split only by spaces are one
            if merged and not doc.text[merged[-1][1]:a].strip():
                merged[-1][1] = b
            else:
                merged.append([a, b])
        out.append({
            "content": merged,
            "speaker": list(char_span(doc, att.source.words[0], att.source.words[-1] + 1)) if att.source else None,
            "cue": list(char_span(doc, att.cue.words[0], att.cue.words[-1] + 1)) if att.cue else None,
        })
    return out


# --------------------------------------------------------------------------- in the pipeline

#: how the model's attributions join the rules' ("join" in meta.json, chosen on held-out train documents):
#: "model" alone; "direct": the rules' quotations in marks with a verb of saying, the model elsewhere;
#: "model_fill": the model, plus the rules' attributions it has nothing over; "rules_fill": the reverse
#: "rule_links": the model's contents, with the cue and speaker of a rule draft that matches one (half of the
#: longer); "rule_links_fill": that, plus the rules' drafts it has nothing over
JOINS = ("model", "direct", "model_fill", "rules_fill", "rule_links", "rule_links_fill")


class EncoderQuoteTagger:
    """The trained model with the shared encoder, as ``extract_quotes`` uses it (``quote_model`` setting).

    ``seconds``/``sentences``: the time spent in the encoder and the heads, and the sentences encoded.
    """

    def __init__(self, model: QuoteTaggerModel, encoder=None) -> None:
        self.model = model
        self._encoder = encoder
        self.seconds = 0.0
        self.sentences = 0

    @property
    def meta(self) -> dict:
        return self.model.meta

    @property
    def encoder(self):
        if self._encoder is None:
            from ...learn.encoder import Encoder

            self._encoder = Encoder()
        return self._encoder

    def drafts(self, doc: Doc, quotes: QuoteIndex, rule_drafts: Sequence, rule_mentions: Sequence) -> list:
        """The model's attributions as drafts, joined with the rules' as ``meta["join"]`` says."""
        import time

        from ._drafts import _content, _Draft

        t0 = time.perf_counter()
        feats = rule_features(doc, rule_mentions)
        sents = [s for s in doc.sents if needs_encoding(s, feats)]
        gated = np.zeros(len(doc), dtype=bool)
        for s in sents:
            gated[s.start:s.end] = True
        states = word_states(self.encoder, doc, sents) if sents else np.zeros((len(doc), 384), np.float32)
        atts = self.model.attributions(doc, states, feats, gated)
        text = doc.text
        out = []
        for att in atts:
            cue = char_span(doc, att.cue.words[0], att.cue.words[-1] + 1) if att.cue else None
            cue_tok = att.cue.words[0] if att.cue else -1
            speaker = doc[att.source.words[0]:att.source.words[-1] + 1] if att.source else None
            for a, b in sorted(att.content.fragments):
                lo, hi = char_span(doc, a, b)
                start, end, direct = _content(text, quotes, lo, hi)
                if end > start:
                    out.append(_Draft(start, end, direct, cue, speaker, cue[0] if cue else start, speech=True,
                                      kind="learned", cue_tok=cue_tok))
        self.seconds += time.perf_counter() - t0
        self.sentences += len(sents)
        return join_drafts(doc, out, rule_drafts, self.meta.get("join", "model"))


def _strong(doc: Doc, d) -> bool:
    """A quotation in marks whose cue is a verb of saying: where the rules are at their best."""
    return d.direct and d.cue_tok >= 0 and doc[d.cue_tok].lemma_.lower() in SPEECH_VERBS


def join_drafts(doc: Doc, model: Sequence, rules: Sequence, how: str) -> list:
    """Drafts of both sides as ``how`` (one of :data:`JOINS`) says: the kept side whole, then the other side's
    drafts that share less than half of their characters with a kept one."""
    if how == "model":
        return list(model)
    if how.startswith("rule_links"):
        from dataclasses import replace

        linked, used = [], set()
        for d in model:
            best = max(rules, key=lambda r: min(d.end, r.end) - max(d.start, r.start), default=None)
            if best is not None and min(d.end, best.end) - max(d.start, best.start) >= 0.5 * max(
                    d.end - d.start, best.end - best.start):
                used.add(id(best))
                d = replace(d, cue=best.cue, speaker=best.speaker, anchor=best.anchor, speech=best.speech,
                            cue_tok=best.cue_tok)
            linked.append(d)
        if how == "rule_links":
            return linked
        model, rules, how = linked, [r for r in rules if id(r) not in used], "model_fill"
    if how == "rules_fill":
        keep, add = list(rules), model
    elif how == "model_fill":
        keep, add = list(model), rules
    elif how == "direct":
        keep, add = [d for d in rules if _strong(doc, d)], model
    else:
        raise ValueError(f"unknown join {how!r}; known: {', '.join(JOINS)}")
    out = list(keep)
    for d in add:
        size = d.end - d.start
        if not any(min(d.end, k.end) - max(d.start, k.start) >= 0.5 * min(size, k.end - k.start) for k in keep):
            out.append(d)
    return sorted(out, key=lambda d: (d.start, d.end))


def load_quote_tagger_model(folder: str | Path) -> EncoderQuoteTagger:
    """The model written by ``bench/quotes_learned.py --train DIR`` (raises ``OSError``/``ValueError``/``KeyError``)."""
    from ...learn.train_quotes import load_model

    tag, cue, source, meta = load_model(Path(folder))
    return EncoderQuoteTagger(QuoteTaggerModel(tag, cue, source, meta, meta.pop("_trans")))
