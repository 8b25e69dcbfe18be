"""Reuse detection on wire copies of real articles: precision, recall, passages, scale, sentence cache.

    python bench/copies.py [--data ../shared/datasets] [--n 100000] [--copies 600] [--cache 120]

1. Quality: originals are the real ECB+ and PolNeAR texts (read at run time from --data). For some
   of them the script makes wire copies the way outlets do (new headline, dateline, trimmed and
   dropped paragraphs, reordered paragraphs, inserted local paragraphs, light word edits, hard
   line wrapping), remembering which original sentences each copy kept, unedited and in order.
   Gold copy pairs: original-copy and copy-copy pairs of one family sharing an unedited sentence
   of narrative text (>= 60 characters, >= 8 words outside quotes). Pairs between families whose
   originals share a sentence themselves (real syndication) are left out of the scoring.
   Gold passages: runs of >= 2 consecutive original sentences kept unedited and contiguous; one
   is found when predicted passages cover >= 90% of it in both texts.
   The copy-group figures come from the official scorer's ``score_clusters.pairwise``.
2. Scale: --n articles; most are real articles with every sentence perturbed (one word in three
   replaced, so two share an 8-word run only by rare chance), 10% are wire copies of them.
   Detection runs in a child process: wall time and its peak RSS (getrusage).
3. Sentence cache: parse time of --cache real articles plus their wire copies, full parse vs
   sentence cache, and entity agreement (F1 of (start, end, label)) between the two.
"""

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.pop(0)

import argparse  # noqa: E402
import glob  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“(]?[A-Z])")
_WORD = re.compile(r"\S+")
_LOCAL_WORDS = "city council local officials residents said on Monday weather traffic school".split()


# --------------------------------------------------------------------------- corpus
def load_real(data: Path) -> list[list[list[str]]]:
    """Real articles as paragraphs of sentences (ECB+ JSON title + text, PolNeAR .txt)."""
    sys.path.insert(0, str(EVAL))
    import score_clusters

    texts = [score_clusters.doc_text(p) for p in sorted(glob.glob(str(data / "ecbplus" / "*" / "*.json")))]
    texts += [Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(data / "polnear" / "*" / "text" / "*.txt")))]
    out = []
    for text in texts:
        paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        if len(paras) < 3:
            paras = [p for p in text.split("\n") if p.strip()]
        doc = [[s.strip() for s in _SPLIT.split(" ".join(p.split())) if s.strip()] for p in paras]
        doc = [p for p in doc if p]
        if sum(len(p) for p in doc) >= 4:
            out.append(doc)
    return out


def render(paras: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """Text of paragraphs (blank line between) and the span of every sentence, in order."""
    parts, spans, pos = [], [], 0
    for n, para in enumerate(paras):
        if n:
            parts.append("\n\n")
            pos += 2
        for m, sent in enumerate(para):
            if m:
                parts.append(" ")
                pos += 1
            spans.append((pos, pos + len(sent)))
            parts.append(sent)
            pos += len(sent)
    return "".join(parts), spans


def perturb(sentence: str, rng: random.Random, vocab: list[str], every: int = 3) -> str:
    words = sentence.split()
    off = rng.randrange(every)
    for i in range(off, len(words), every):
        words[i] = rng.choice(vocab)
    return " ".join(words)


def make_copy(orig: list[list[str]], rng: random.Random, vocab: list[str]):
    """A wire copy: (paragraphs, units) where units[i] = global original sentence index or None, per sentence."""
    index, g = [], 0
    for para in orig:
        index.append(list(range(g, g + len(para))))
        g += len(para)
    keep = max(1, round(len(orig) * rng.uniform(0.5, 1.0)))  # trim the tail
    paras = [list(zip(orig[i], index[i])) for i in range(keep)]
    if len(paras) > 3 and rng.random() < 0.25:  # drop a middle paragraph
        del paras[rng.randrange(1, len(paras) - 1)]
    if len(paras) > 3 and rng.random() < 0.3:  # reorder two paragraphs
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    out = []
    for para in paras:
        new = []
        for sent, gi in para:
            if rng.random() < 0.1:  # light edit: a word changed or dropped
                words = sent.split()
                j = rng.randrange(len(words))
                if rng.random() < 0.5 and len(words) > 3:
                    del words[j]
                else:
                    words[j] = rng.choice(vocab)
                new.append((" ".join(words), None))
            else:
                new.append((sent, gi))
        out.append(new)
    first = out[0][0]
    out[0][0] = (f"{rng.choice(['LONDON', 'NEW YORK', 'PARIS', 'WASHINGTON'])} ({rng.choice(['AP', 'AFP', 'Reuters'])}) - "
                 + first[0], None)  # dateline
    for _ in range(rng.choice([0, 1, 1, 2])):  # local paragraphs
        local = [(perturb(" ".join(rng.sample(_LOCAL_WORDS, 6)) + " " + " ".join(rng.sample(vocab, 10)) + ".",
                          rng, vocab, 3), None) for _ in range(rng.randint(1, 3))]
        out.insert(rng.randint(1, len(out)), local)
    headline = [(" ".join(rng.sample(vocab, 8)).capitalize(), None)]
    out.insert(0, headline)
    return [[s for s, _ in p] for p in out], [gi for p in out for _, gi in p]


def rewrap(text: str, rng: random.Random) -> str:
    """Hard-wrap lines at 60-75 characters (a space becomes a newline: offsets unchanged)."""
    width, chars, last = rng.randint(60, 75), list(text), 0
    for i, ch in enumerate(text):
        if ch == "\n":
            last = i
        elif ch == " " and i - last > width:
            chars[i] = "\n"
            last = i
    return "".join(chars)


def narrative(sentence: str) -> bool:
    from newsfuse.fuse.reuse import tokenize

    toks = tokenize(sentence)
    return len(sentence) >= 60 and int((~toks.quoted).sum()) >= 8


def build_quality(real, n_copies, rng, vocab):
    """Texts, families, the original's sentence spans and each copy's kept units."""
    texts, family, spans, units = {}, {}, {}, {}
    for n, doc in enumerate(real):
        aid = f"o{n:05d}"
        texts[aid], spans[aid] = render(doc)
        family[aid] = aid
    for m in range(n_copies):
        o = rng.randrange(len(real))
        paras, kept = make_copy(real[o], rng, vocab)
        cid = f"c{m:05d}"
        text, cspans = render(paras)
        texts[cid] = rewrap(text, rng) if rng.random() < 0.4 else text
        family[cid] = f"o{o:05d}"
        spans[cid], units[cid] = cspans, kept
    return texts, family, spans, units


def _covered(intervals, s, e):
    cov = 0
    for a, b in sorted(intervals):
        cov += max(0, min(b, e) - max(a, s))
    return cov / max(1, e - s)


def score_quality(texts, family, spans, units, copies, sentences_of):
    from newsfuse.fuse.reuse import copy_groups

    # originals related by real syndication (judged naively: they share a run of 8 words)
    owners: dict[tuple[str, ...], set[str]] = {}
    for aid, sents in sentences_of.items():
        words = re.findall(r"[^\W_]+", " ".join(sents).lower())
        for i in range(len(words) - 7):
            owners.setdefault(tuple(words[i : i + 8]), set()).add(aid)
    related = set()
    for ids in owners.values():
        if 1 < len(ids) < 50:
            ids = sorted(ids)
            related.update((ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids)))
    del owners
    narr = {aid: {gi for gi, s in enumerate(sents) if narrative(s)} for aid, sents in sentences_of.items()}

    def kept(x):
        return {g for g in units[x] if g is not None} if x in units else set(range(len(spans[x])))

    pred = {(c.a, c.b): c for c in copies}
    fam_members = {}
    for x, f in family.items():
        fam_members.setdefault(f, []).append(x)
    gold, dontcare = set(), set()
    for f, members in fam_members.items():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                a, b = sorted((members[i], members[j]))
                (gold if kept(a) & kept(b) & narr[f] else dontcare).add((a, b))
    tp = sum(1 for p in gold if p in pred)
    fp_pairs = [p for p in pred if p not in gold and p not in dontcare
                and family[p[0]] != family[p[1]] and tuple(sorted((family[p[0]], family[p[1]]))) not in related]
    precision = tp / max(1, tp + len(fp_pairs))
    recall = tp / max(1, len(gold))

    # passages: runs of >= 2 consecutive original sentences kept unedited and contiguous in a copy
    found = total = skipped = 0
    for cid, kept_units in units.items():
        o = family[cid]
        runs, cur = [], []
        for pos, g in enumerate(kept_units):
            if g is not None and cur and g == cur[-1][1] + 1:
                cur.append((pos, g))
            else:
                if len(cur) >= 2:
                    runs.append(cur)
                cur = [(pos, g)] if g is not None else []
        if len(cur) >= 2:
            runs.append(cur)
        a, b = sorted((o, cid))
        c = pred.get((a, b))
        for run in runs:
            os_, oe = spans[o][run[0][1]][0], spans[o][run[-1][1]][1]
            cs, ce = spans[cid][run[0][0]][0], spans[cid][run[-1][0]][1]
            if not narrative(texts[o][os_:oe]):
                skipped += 1
                continue
            total += 1
            if c is None:
                continue
            ps = c.passages
            oi = [(p.a_start, p.a_end) if a == o else (p.b_start, p.b_end) for p in ps]
            ci = [(p.b_start, p.b_end) if a == o else (p.a_start, p.a_end) for p in ps]
            if _covered(oi, os_, oe) >= 0.9 and _covered(ci, cs, ce) >= 0.9:
                found += 1

    sys.path.insert(0, str(EVAL))
    import score_clusters

    groups = copy_groups(sorted(texts), copies)
    gold_groups = {x: family[x] for x in texts}
    pw = score_clusters.pairwise(gold_groups, groups)
    return {
        "copy_precision": round(precision, 4), "copy_recall": round(recall, 4),
        "gold_pairs": len(gold), "true_positives": tp, "false_positives": len(fp_pairs),
        "passage_recall": round(found / max(1, total), 4), "gold_passages": total,
        "passages_found": found, "passages_quoted_skipped": skipped,
        "group_pairwise_p": round(pw[0], 4), "group_pairwise_r": round(pw[1], 4),
        "real_syndicated_original_pairs": len(related),
        "real_syndicated_pairs_detected": sum(1 for p in related if p in pred),
    }, fp_pairs[:5]


# --------------------------------------------------------------------------- scale
def detect_child(corpus: str, out: str) -> None:
    from newsfuse.fuse.reuse import find_copies

    texts = {}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"]
    t0 = time.perf_counter()
    copies = find_copies(texts)
    seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"seconds": seconds, "rss_mb": rss_mb, "pairs": [[c.a, c.b] for c in copies]}, fh)


def scale(real, n, rng, vocab):
    n_copies = n // 10
    family: dict[str, str] = {}
    gold: set[tuple[str, str]] = set()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        bases = []
        with open(corpus, "w", encoding="utf-8") as fh:
            for i in range(n - n_copies):
                doc = [[perturb(s, rng, vocab) for s in p] for p in real[rng.randrange(len(real))]]
                aid = f"s{i:06d}"
                family[aid] = aid
                if len(bases) < n_copies:
                    bases.append((aid, doc))
                fh.write(json.dumps({"id": aid, "text": render(doc)[0]}) + "\n")
            for j in range(n_copies):
                base, doc = bases[j % len(bases)]
                paras, kept = make_copy(doc, rng, vocab)
                cid = f"t{j:06d}"
                family[cid] = base
                flat = [x for p in doc for x in p]
                if any(g is not None and len(flat[g]) >= 60 for g in kept):
                    gold.add((base, cid))  # it kept a sentence of its base, unedited
                text = render(paras)[0]
                fh.write(json.dumps({"id": cid, "text": rewrap(text, rng) if rng.random() < 0.4 else text}) + "\n")
        out = os.path.join(tmp, "pairs.json")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--detect", corpus, out], check=True)
        wall = time.perf_counter() - t0
        res = json.load(open(out, encoding="utf-8"))
    pred = {tuple(p) for p in res["pairs"]}
    same = sum(1 for a, b in pred if family[a] == family[b])
    return {
        "articles": n, "copies": n_copies, "scale_gold_pairs": len(gold), "detect_seconds": round(res["seconds"], 1),
        "child_wall_seconds": round(wall, 1), "peak_rss_mb": round(res["rss_mb"], 1),
        "pairs_found": len(pred), "scale_precision": round(same / max(1, len(pred)), 4),
        "scale_recall": round(len(gold & pred) / max(1, len(gold)), 4),
    }


# --------------------------------------------------------------------------- sentence cache
def cache_bench(real, n, rng, vocab):
    from newsfuse.annotate.nlp import load_nlp, model_version
    from newsfuse.annotate.parse import parse_with_cache

    nlp, model = load_nlp(), model_version()
    texts = [render(real[i])[0] for i in range(0, len(real), max(1, len(real) // n))][:n]
    for i in range(len(texts)):  # each article syndicated once
        texts.append(render(make_copy(real[(i * max(1, len(real) // n))], rng, vocab)[0])[0])
    t0 = time.perf_counter()
    full = list(nlp.pipe(texts, batch_size=64))
    t_full = time.perf_counter() - t0
    cache: dict[str, bytes] = {}
    t0 = time.perf_counter()
    hits = parsed = 0
    docs = []
    for i in range(0, len(texts), 16):
        r = parse_with_cache(nlp, texts[i : i + 16], model, lambda ks: {k: cache[k] for k in ks if k in cache})
        cache.update(r.new)
        hits, parsed, docs = hits + r.hits, parsed + r.parsed, docs + r.docs
    t_cache = time.perf_counter() - t0
    tp = fp = fn = 0
    for a, b in zip(full, docs):
        assert a.text == b.text
        ea = {(e.start_char, e.end_char, e.label_) for e in a.ents}
        eb = {(e.start_char, e.end_char, e.label_) for e in b.ents}
        tp, fp, fn = tp + len(ea & eb), fp + len(eb - ea), fn + len(ea - eb)
    return {"cache_articles": len(texts), "parse_seconds_full": round(t_full, 2),
            "parse_seconds_cached": round(t_cache, 2), "sentences_parsed": parsed, "sentences_reused": hits,
            "entity_agreement_f1": round(2 * tp / max(1, 2 * tp + fp + fn), 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "datasets"))
    ap.add_argument("--pred", default=None, help="unused: predictions are made by newsfuse in this run")
    ap.add_argument("--n", type=int, default=100_000, help="articles in the scale run (0: skip)")
    ap.add_argument("--copies", type=int, default=600, help="wire copies in the quality run")
    ap.add_argument("--cache", type=int, default=100, help="real articles in the sentence-cache run (0: skip)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--detect", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.detect:
        detect_child(*args.detect)
        return
    data = Path(args.data)
    if not (data / "ecbplus").is_dir() or not (data / "polnear").is_dir():
        sys.exit(f"copies bench: datasets not found under {data} (expected ecbplus/ and polnear/)")
    from newsfuse.fuse.reuse import find_copies

    rng = random.Random(args.seed)
    real = load_real(data)
    vocab = [w for doc in real[:300] for p in doc for s in p for w in _WORD.findall(s)]
    texts, family, spans, units = build_quality(real, args.copies, rng, vocab)
    sentences_of = {aid: [texts[aid][s:e] for s, e in spans[aid]] for aid in texts if aid.startswith("o")}
    t0 = time.perf_counter()
    copies = find_copies(texts)
    figures = {"quality_articles": len(texts), "quality_seconds": round(time.perf_counter() - t0, 2)}
    q, fps = score_quality(texts, family, spans, units, copies, sentences_of)
    figures.update(q)
    for a, b in fps:
        print(f"  false positive {a} {b}")
    if args.cache:
        figures.update(cache_bench(real, args.cache, rng, vocab))
    if args.n:
        figures.update(scale(real, args.n, rng, vocab))
    for k, v in figures.items():
        print(f"{k:32} {v}")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    line = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": commit,
            "command": " ".join(["python", "bench/copies.py", *sys.argv[1:]]), "figures": figures}
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    with open(ROOT / "bench" / "results" / "copies.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
