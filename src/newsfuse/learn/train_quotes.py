"""Training the learned quote tagger (:mod:`newsfuse.annotate.quotes._tagger`) on PolNeAR train.

Reads the per-document features that ``bench/quotes_learned.py`` caches (encoder states, rule
features, gold tags, the parse) and fits, with a fixed seed:

1. the tag head, a dense ReLU network trained with Adam on the words of encoded sentences;
2. the link heads, two logistic regressions over (content, cue) and (cue, source) pairs built
   from the gold attributions;
3. the two link thresholds, chosen on held-out train documents (the last ``heldout`` of the split).

Nothing here reads dev. Needs numpy and scikit-learn (the ``train`` extra).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..annotate.quotes._tagger import (TAGS, DenseNet, LinearHead, Segment, cue_candidates, cue_pair_features,
                                       sentence_index, source_candidates, source_pair_features)

__all__ = ["train_tag_head", "gold_segments", "link_examples", "fit_linear", "save_model", "load_model"]


def train_tag_head(x: np.ndarray, y: np.ndarray, hidden: Sequence[int] = (256,), epochs: int = 4,
                   rate: float = 1e-3, batch: int = 256, seed: int = 0, log=print) -> DenseNet:
    """Softmax network with ReLU layers, Adam, cross-entropy, inputs standardised."""
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-3
    sizes = [x.shape[1], *hidden, len(TAGS)]
    ws = [(rng.standard_normal((a, b)) * np.sqrt(2.0 / a)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
    bs = [np.zeros(b, dtype=np.float32) for b in sizes[1:]]
    params = [*ws, *bs]
    m1 = [np.zeros_like(p) for p in params]
    m2 = [np.zeros_like(p) for p in params]
    step = 0
    n = len(y)
    for epoch in range(epochs):
        order = rng.permutation(n)
        loss = 0.0
        for k in range(0, n, batch):
            idx = order[k:k + batch]
            h = [((x[idx] - mean) / scale).astype(np.float32)]
            for j, (w, b) in enumerate(zip(ws, bs)):
                z = h[-1] @ w + b
                h.append(np.maximum(z, 0.0) if j + 1 < len(ws) else z)
            z = h[-1] - h[-1].max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            yy = y[idx]
            loss += float(-np.log(p[np.arange(len(yy)), yy] + 1e-9).sum())
            g = p
            g[np.arange(len(yy)), yy] -= 1.0
            g /= len(yy)
            grads_w, grads_b = [None] * len(ws), [None] * len(ws)
            for j in range(len(ws) - 1, -1, -1):
                grads_w[j] = h[j].T @ g
                grads_b[j] = g.sum(axis=0)
                if j:
                    g = (g @ ws[j].T) * (h[j] > 0)
            step += 1
            for p_, g_, a, v in zip(params, [*grads_w, *grads_b], m1, m2):
                a *= 0.9
                a += 0.1 * g_
                v *= 0.999
                v += 0.001 * g_ * g_
                p_ -= rate * (a / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        log(f"epoch {epoch + 1}: loss {loss / n:.4f}")
    return DenseNet(ws, bs, mean.astype(np.float32), scale.astype(np.float32))


def _runs(words: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for w in sorted(words):
        if out and w == out[-1][1]:
            out[-1] = (out[-1][0], w + 1)
        else:
            out.append((w, w + 1))
    return out


def gold_segments(doc, attributions) -> list[tuple[Segment, Segment | None, Segment | None]]:
    """(content, cue, source) word segments of each gold attribution (words whose first character is in it)."""
    out = []
    for att in attributions:
        segs = []
        for role, chars in (("C", att.content), ("Q", att.cue), ("S", att.source)):
            words = [t.i for t in doc if not t.is_space and chars and t.idx in chars]
            segs.append(Segment(role, words, _runs(words)) if words else None)
        if segs[0] is not None:
            out.append(tuple(segs))
    return out


def link_examples(doc, states, feats, gold) -> tuple[list[np.ndarray], list[int], list[np.ndarray], list[int]]:
    """Pair features and labels for the two link heads from one document's gold segments."""
    sent_of = sentence_index(doc)
    cues = {}
    sources = {}
    for c, q, s in gold:
        if q is not None:
            cues.setdefault(tuple(q.words), q)
        if s is not None:
            sources.setdefault(tuple(s.words), s)
    cue_list, src_list = list(cues.values()), list(sources.values())
    contents = [c for c, _, _ in gold]
    xc, yc, xs, ys = [], [], [], []
    for c, q, s in gold:
        for cand in cue_candidates(sent_of, c, cue_list):
            xc.append(cue_pair_features(doc, states, sent_of, feats, c, cand, cue_list, contents))
            yc.append(int(q is not None and cand.words == q.words))
        if q is None:
            continue
        for cand in source_candidates(sent_of, q, src_list):
            if set(cand.words) & set(c.words):
                continue
            xs.append(source_pair_features(doc, states, sent_of, feats, q, cand, src_list, c))
            ys.append(int(s is not None and cand.words == s.words))
    return xc, yc, xs, ys


def fit_linear(x: np.ndarray, y: np.ndarray, c: float = 1.0) -> LinearHead:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    return LinearHead(lr.coef_[0].astype(np.float32), float(lr.intercept_[0]))


def save_model(folder: Path, tag: DenseNet, cue: LinearHead, source: LinearHead, meta: dict,
               trans: np.ndarray | None = None) -> Path:
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {"mean": tag.mean, "scale": tag.scale, "cue_w": cue.w, "cue_b": np.float32(cue.b),
              "source_w": source.w, "source_b": np.float32(source.b)}
    if trans is not None:
        arrays["trans"] = trans
    for k, (w, b) in enumerate(zip(tag.weights, tag.biases)):
        arrays[f"w{k}"] = w
        arrays[f"b{k}"] = b
    np.savez(folder / "tagger.npz", **arrays)
    (folder / "meta.json").write_text(json.dumps({**meta, "kind": "encoder-tagger", "layers": len(tag.weights)},
                                                 indent=1), encoding="utf-8")
    return folder


def load_model(folder: Path):
    folder = Path(folder).expanduser()
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    z = np.load(folder / "tagger.npz")
    n = int(meta["layers"])
    tag = DenseNet([z[f"w{k}"] for k in range(n)], [z[f"b{k}"] for k in range(n)], z["mean"], z["scale"])
    meta["_trans"] = z["trans"] if "trans" in z.files else None
    return tag, LinearHead(z["cue_w"], float(z["cue_b"])), LinearHead(z["source_w"], float(z["source_b"])), meta
