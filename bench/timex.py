"""Benchmark the time stage on TempEval-3 TimeML with the official scorer.

    python bench/timex.py --data ../shared/datasets/tempeval3/TBAQ-cleaned --pred /tmp/timex.jsonl

Uses ``score_timex.py --dump-text`` to get the exact text and DCT the scorer uses,
parses each text with the pinned spaCy pipeline as the annotate stage does (the parse
is cached as a DocBin under ``--parse-cache``, default /tmp/newsfuse-timex-parse), runs
:func:`newsfuse.annotate.timex.extract_timexes` with the DCT as anchor and the parse,
writes the predictions, runs the scorer, prints its figures and a sentences-per-second
figure (extraction time only: the pipeline parses once for every extractor), and appends
a JSON line to bench/results/timex.jsonl. ``--no-parse`` runs on the text alone.
``--errors N`` prints up to N missed / spurious / wrong-value examples.
"""

from __future__ import annotations

import sys

# bench/types.py shadows the stdlib module: move bench/ to the end of the path
if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import collections  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import benchlib  # noqa: E402

SCORER = benchlib.EVAL / "score_timex.py"
DEFAULT_DATA = benchlib.DATASETS / "tempeval3" / "TBAQ-cleaned"
_SENT_RE = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“A-Z0-9])|\n\s*\n")


def count_sentences(text: str) -> int:
    """A simple splitter: sentence-final punctuation followed by a capital, or a blank line."""
    return sum(1 for part in _SENT_RE.split(text) if part and part.strip())


def dump_texts(data: Path, out: Path) -> dict[str, tuple[str, str]]:
    subprocess.run([sys.executable, str(SCORER), "--gold", str(data), "--dump-text", str(out)],
                   check=True, capture_output=True, text=True)
    docs = {}
    for txt in sorted(out.glob("*.txt")):
        dct = txt.with_suffix(".dct")
        docs[txt.stem] = (txt.read_text(encoding="utf-8"), dct.read_text(encoding="utf-8").strip() if dct.exists() else "")
    return docs


def parse_docs(docs: dict[str, tuple[str, str]], cache_dir: Path) -> dict[str, object]:
    """spaCy Docs of the texts, parsed with the annotate stage's pinned pipeline; cached by text and model."""
    from spacy.tokens import DocBin

    from newsfuse.annotate.nlp import load_nlp, model_version

    nlp = load_nlp()
    ids = sorted(docs)
    digest = hashlib.sha1(model_version().encode())
    for doc_id in ids:
        digest.update(doc_id.encode() + b"\0" + docs[doc_id][0].encode() + b"\0")
    path = cache_dir / f"{digest.hexdigest()[:16]}.spacy"
    if path.exists():
        parsed = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe((docs[i][0] for i in ids), batch_size=16))
        cache_dir.mkdir(parents=True, exist_ok=True)
        DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "LEMMA", "POS", "MORPH", "SENT_START", "SPACY", "ENT_IOB",
                      "ENT_TYPE"], docs=parsed).to_disk(path)
    return dict(zip(ids, parsed))


def run_scorer(data: Path, pred: Path) -> tuple[str, dict]:
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(data), "--pred", str(pred)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"scorer failed ({proc.returncode}): {proc.stderr.strip()}")
    lines = proc.stdout.strip().splitlines()
    return "\n".join(lines[:-1]), json.loads(lines[-1])


def _load_gold(data: Path):
    sys.path.insert(0, str(SCORER.parent))
    import score_timex  # noqa: E402  (the official reader)

    return score_timex.load_gold(str(data))


def print_by_rule(data: Path, docs, preds) -> None:
    """Per rule: predictions with the gold value, with another value, and with no gold overlap."""
    gold = _load_gold(data)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for doc_id in docs:
        golds = gold[doc_id].timexes
        for p in preds.get(doc_id, []):
            hit = [g for g in golds if p["start"] < g.end and g.start < p["end"]]
            kind = "spurious" if not hit else "ok" if hit[0].value == p["value"] else "wrong"
            counts[p["rule"]][kind] += 1
    print(f"\n{'rule':36s} {'ok':>5s} {'wrong':>5s} {'spur':>5s}")
    for rule, c in sorted(counts.items(), key=lambda kv: -(kv[1]["wrong"] + kv[1]["spurious"])):
        print(f"{rule:36s} {c['ok']:5d} {c['wrong']:5d} {c['spurious']:5d}")


def print_errors(data: Path, docs, preds, limit: int) -> None:
    """Missed, spurious and wrong-value timexes (gold read with the scorer's own reader)."""
    gold = _load_gold(data)
    missed, spurious, wrong = [], [], []
    for doc_id, (text, dct) in docs.items():
        golds = gold[doc_id].timexes
        mine = preds.get(doc_id, [])
        for g in golds:
            hit = [p for p in mine if p["start"] < g.end and g.start < p["end"]]
            if not hit:
                missed.append(f"{text[g.start:g.end]!r} {g.type} {g.value} | dct {dct}")
            elif hit[0]["value"] != g.value:
                p = hit[0]
                wrong.append(f"{text[g.start:g.end]!r}->{text[p['start']:p['end']]!r} gold {g.value} "
                             f"pred {p['value']} ({p['rule']}) | dct {dct} | {text[max(0, g.start - 50):g.end + 20]!r}")
        for p in mine:
            if not any(p["start"] < g.end and g.start < p["end"] for g in golds):
                spurious.append(f"{text[p['start']:p['end']]!r} {p['value']} ({p['rule']})")
    for title, rows in (("MISSED", missed), ("SPURIOUS", spurious), ("WRONG VALUE", wrong)):
        print(f"\n== {title}: {len(rows)}")
        for row in rows[:limit]:
            print("  ", row)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of TimeML .tml files")
    ap.add_argument("--pred", type=Path, required=True, help="where to write the predictions (JSONL)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--errors", type=int, default=0, help="print up to N examples of each error kind")
    ap.add_argument("--by-rule", action="store_true", help="print right / wrong / spurious counts per rule")
    ap.add_argument("--no-parse", action="store_true", help="run on the text alone, without a spaCy parse")
    ap.add_argument("--parse-cache", type=Path, default=Path(tempfile.gettempdir()) / "newsfuse-timex-parse",
                    help="folder for the cached parse (a spaCy DocBin per data set)")
    ap.add_argument("--no-log", action="store_true", help="do not append to bench/results/timex.jsonl")
    args = ap.parse_args(argv)

    if not args.data.is_dir():
        print(f"data folder {args.data} is absent: put the TempEval-3 .tml files there "
              f"(expected ../shared/datasets/tempeval3/TBAQ-cleaned relative to the repo root)", file=sys.stderr)
        return 2
    if not SCORER.exists():
        print(f"official scorer {SCORER} is absent", file=sys.stderr)
        return 2
    from newsfuse.annotate.timex._core import extract_timexes

    data = args.data
    with tempfile.TemporaryDirectory() as tmp:
        docs = dump_texts(data, Path(tmp))
    if args.limit:
        keep = sorted(docs)[: args.limit]
        docs = {k: docs[k] for k in keep}
        # score only the chosen documents: a temporary gold folder of links
        tmp_gold = Path(tempfile.mkdtemp(prefix="timex-gold-"))
        wanted = set(keep)
        for tml in data.rglob("*.tml"):
            if tml.stem in wanted:
                (tmp_gold / tml.name).symlink_to(tml.resolve())
        data = tmp_gold

    parsed = {} if args.no_parse else parse_docs(docs, args.parse_cache)
    preds: dict[str, list[dict]] = {}
    n_sent = 0
    elapsed = 0.0
    for doc_id, (text, dct) in docs.items():
        n_sent += count_sentences(text)
        t0 = time.perf_counter()
        found = extract_timexes(text, doc_id, dct or None, parsed.get(doc_id))
        elapsed += time.perf_counter() - t0
        preds[doc_id] = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value, "rule": t.rule}
                         for t in found]
    args.pred.parent.mkdir(parents=True, exist_ok=True)
    with args.pred.open("w", encoding="utf-8") as fh:
        for doc_id, rows in preds.items():
            fh.write(json.dumps({"doc_id": doc_id, "timexes": [
                {k: r[k] for k in ("start", "end", "type", "value")} for r in rows]}) + "\n")

    try:
        table, figures = run_scorer(data, args.pred)
    finally:
        if data != args.data:
            shutil.rmtree(data, ignore_errors=True)
    speed = n_sent / elapsed if elapsed else float("inf")
    print(table)
    print(f"sentences: {n_sent}, extraction time: {elapsed:.3f} s, {speed:.0f} sentences/s (one core)")
    print(json.dumps(figures))
    if args.errors:
        print_errors(args.data, docs, preds, args.errors)
    if args.by_rule:
        print_by_rule(args.data, docs, preds)

    if not args.no_log:
        command = " ".join(["bench/timex.py", *(argv if argv is not None else sys.argv[1:])])
        benchlib.record_result("timex", {"command": command, "figures": figures, "parse": not args.no_parse,
                                         "sentences_per_s": round(speed, 1), "sentences": n_sent})
    return 0


if __name__ == "__main__":
    sys.exit(main())
