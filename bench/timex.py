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

Honest split (issue #14): TBAQ-cleaned is cut by document into a fit part (2/3) and a check part
(1/3), stratified by sub-corpus (TimeBank, AQUAINT) with a fixed seed; the check ids are committed
in ``bench/splits/tbaq_check.txt`` (``--write-split`` rewrites them from the rule). The bench prints
dev (all 256), fit and check figures; ``--errors`` and ``--by-rule`` show fit documents only, so
rules are chosen on fit. Caveat: sessions before the split read all of TBAQ while writing the
rules, so the check figure is optimistic; the held-back TE3-platinum test is newer news.

``--peer`` adds a line for Microsoft Recognizers-Text (``recognizers-text-date-time``, the
``bench`` extra) on the same texts and DCTs, scored by the same scorer; the bench says so when it
is not installed.
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
SPLIT_FILE = benchlib.ROOT / "bench" / "splits" / "tbaq_check.txt"
SUBCORPORA = ("AQUAINT", "TimeBank")
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


def split_rule(data: Path) -> set[str]:
    """The check ids: a third of each sub-corpus, by a seeded shuffle of its sorted file stems."""
    import random

    check: set[str] = set()
    for sub in SUBCORPORA:
        ids = sorted(p.stem for p in (data / sub).glob("*.tml"))
        rng = random.Random(f"tbaq-14-{sub}")
        rng.shuffle(ids)
        check.update(ids[: round(len(ids) / 3)])
    return check


def read_split(path: Path = SPLIT_FILE) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def gold_subset(data: Path, keep: set[str]) -> Path:
    """A temporary gold folder of links to the .tml files whose stem is in ``keep``."""
    tmp_gold = Path(tempfile.mkdtemp(prefix="timex-gold-"))
    for tml in data.rglob("*.tml"):
        if tml.stem in keep:
            (tmp_gold / tml.name).symlink_to(tml.resolve())
    return tmp_gold


def score_parts(data: Path, preds: dict[str, list[dict]], parts: dict[str, set[str]], out: Path,
                n_all: int) -> dict[str, tuple[str, dict]]:
    """The scorer's table and headline for each named part (a set of doc ids; a part of all ``n_all``
    documents is scored on the data folder itself)."""
    results = {}
    for name, ids in parts.items():
        pred_path = out if name == "dev" else out.with_name(f"{out.stem}.{name}{out.suffix}")
        with pred_path.open("w", encoding="utf-8") as fh:
            for doc_id in sorted(ids):
                fh.write(json.dumps({"doc_id": doc_id, "timexes": [
                    {k: r[k] for k in ("start", "end", "type", "value")} for r in preds.get(doc_id, [])]}) + "\n")
        gold = data if len(ids) == n_all else gold_subset(data, ids)
        try:
            results[name] = run_scorer(gold, pred_path)
        finally:
            if gold != data:
                shutil.rmtree(gold, ignore_errors=True)
    return results


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


_PEER_TYPES = {"date": "DATE", "daterange": "DATE", "time": "TIME", "timerange": "TIME", "datetime": "TIME",
               "datetimerange": "TIME", "duration": "DURATION", "set": "SET"}


def peer_model():
    """Microsoft Recognizers-Text's English date-time model, or None when the package is not installed."""
    try:
        from recognizers_date_time.date_time.date_time_recognizer import DateTimeRecognizer
        from recognizers_text import Culture
    except ImportError:
        return None
    return DateTimeRecognizer(Culture.English).get_datetime_model()


def peer_predictions(model, docs: dict[str, tuple[str, str]]) -> dict[str, list[dict]]:
    """Recognizers-Text on each text with its DCT as reference, mapped to TIMEX3 type and value.

    Its ``timex`` is already TimeML-like; of two readings (past / future) the first (past) is kept,
    as news mostly reports the past; a range ``(start,end,PnX)`` is read as its length.
    """
    from datetime import datetime

    out: dict[str, list[dict]] = {}
    for doc_id, (text, dct) in docs.items():
        ref = datetime.fromisoformat(dct[:10]) if re.match(r"\d{4}-\d\d-\d\d", dct or "") else datetime(2000, 1, 1)
        rows = []
        for res in model.parse(text, ref):
            values = (res.resolution or {}).get("values") or []
            if not values:
                continue
            kind = res.type_name.split(".")[-1]
            timex = _peer_value(values, ref)
            typ = _PEER_TYPES.get(kind)
            if typ is None or not timex:
                continue
            if timex.startswith("(") and timex.endswith(")"):
                typ, timex = "DURATION", timex[1:-1].split(",")[-1]
            end = res.end + 1  # Recognizers' end is inclusive
            if 0 <= res.start < end <= len(text):
                rows.append({"start": res.start, "end": end, "type": typ, "value": timex, "rule": "peer"})
        out[doc_id] = rows
    return out


def _peer_value(values: list[dict], ref) -> str:
    """The TIMEX3 value of a Recognizers-Text resolution: its ``timex``, or where that leaves the year
    or day open ("XXXX-WXX-2"), the resolved reading on or before the DCT (news tells the past)."""
    timex = str(values[0].get("timex", ""))
    if "X" not in timex or timex.startswith("P"):
        return timex
    day = ref.date().isoformat()
    resolved = [str(v.get("value") or v.get("start") or "") for v in values]
    past = [r for r in resolved if r and r[:10] <= day]
    pick = (past or resolved)[0]
    if not re.match(r"\d{4}-\d\d-\d\d", pick):
        return timex
    if re.fullmatch(r"XXXX-\d\d", timex):  # a month: keep the month granularity
        return pick[:7]
    if "T" in timex or " " in pick:
        return pick[:10] + "T" + pick[11:16] if len(pick) > 10 else pick[:10]
    return pick[:10]


def _print_parts(label: str, results: dict[str, tuple[str, dict]]) -> None:
    print(f"\n{label:28s} {'strict':>7s} {'relaxed':>7s} {'type':>7s} {'value':>7s} docs")
    for name, (_table, fig) in results.items():
        print(f"  {name:26s} {fig['strict_f1']:7.3f} {fig['relaxed_f1']:7.3f} {fig['type_f1']:7.3f} "
              f"{fig['value_f1']:7.3f} {fig['docs']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of TimeML .tml files")
    ap.add_argument("--pred", type=Path, required=True, help="where to write the predictions (JSONL)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--errors", type=int, default=0, help="print up to N examples of each error kind (fit part)")
    ap.add_argument("--by-rule", action="store_true", help="print right / wrong / spurious counts per rule (fit part)")
    ap.add_argument("--no-parse", action="store_true", help="run on the text alone, without a spaCy parse")
    ap.add_argument("--parse-cache", type=Path, default=Path(tempfile.gettempdir()) / "newsfuse-timex-parse",
                    help="folder for the cached parse (a spaCy DocBin per data set)")
    ap.add_argument("--peer", action="store_true", help="also score Microsoft Recognizers-Text (bench extra)")
    ap.add_argument("--write-split", action="store_true", help="rewrite bench/splits/tbaq_check.txt from the rule")
    ap.add_argument("--no-log", action="store_true", help="do not append to bench/results/timex.jsonl")
    args = ap.parse_args(argv)

    if not args.data.is_dir():
        print(f"data folder {args.data} is absent: put the TempEval-3 .tml files there "
              f"(expected ../shared/datasets/tempeval3/TBAQ-cleaned relative to the repo root)", file=sys.stderr)
        return 2
    if not SCORER.exists():
        print(f"official scorer {SCORER} is absent", file=sys.stderr)
        return 2
    if args.write_split:
        SPLIT_FILE.parent.mkdir(parents=True, exist_ok=True)
        SPLIT_FILE.write_text("".join(f"{i}\n" for i in sorted(split_rule(args.data))), encoding="utf-8")
        print(f"wrote {SPLIT_FILE}")
    if not SPLIT_FILE.exists():
        print(f"{SPLIT_FILE} is absent: run with --write-split once", file=sys.stderr)
        return 2
    from newsfuse.annotate.timex._core import extract_timexes

    with tempfile.TemporaryDirectory() as tmp:
        docs = dump_texts(args.data, Path(tmp))
    n_all = len(docs)
    if args.limit:
        docs = {k: docs[k] for k in sorted(docs)[: args.limit]}
    check_ids = read_split() & set(docs)
    fit_ids = set(docs) - check_ids
    parts = {"dev": set(docs), "fit": fit_ids, "check": check_ids}

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
    results = score_parts(args.data, preds, parts, args.pred, n_all)
    speed = n_sent / elapsed if elapsed else float("inf")
    print(results["dev"][0])
    print(f"sentences: {n_sent}, extraction time: {elapsed:.3f} s, {speed:.0f} sentences/s (one core, shared machine)")
    _print_parts("newsfuse (TBAQ-cleaned)", results)
    print("  (check: held out from rule choices since the split, but earlier sessions read all of TBAQ: optimistic)")
    figures = {name: fig for name, (_t, fig) in results.items()}

    peer_figures = None
    if args.peer:
        model = peer_model()
        if model is None:
            print("\npeer: Microsoft Recognizers-Text is not installed (pip install -e '.[bench]'); no peer line")
        else:
            t0 = time.perf_counter()
            peer = peer_predictions(model, docs)
            peer_s = time.perf_counter() - t0
            peer_results = score_parts(args.data, peer, parts,
                                       args.pred.with_name(args.pred.stem + ".peer" + args.pred.suffix), n_all)
            _print_parts("Recognizers-Text 1.0.2a2", peer_results)
            print(f"  ({n_sent / peer_s:.0f} sentences/s)")
            peer_figures = {name: fig for name, (_t, fig) in peer_results.items()}

    fit_docs = {k: v for k, v in docs.items() if k in fit_ids}
    if args.errors:
        print_errors(args.data, fit_docs, preds, args.errors)
    if args.by_rule:
        print_by_rule(args.data, fit_docs, preds)

    if not args.no_log:
        command = " ".join(["bench/timex.py", *(argv if argv is not None else sys.argv[1:])])
        record = {"command": command, "figures": figures["dev"],
                  "fit": figures["fit"], "check": figures["check"], "parse": not args.no_parse,
                  "sentences_per_s": round(speed, 1), "sentences": n_sent}
        if peer_figures is not None:
            record["peer"] = {"name": "recognizers-text-date-time==1.0.2a2", **peer_figures}
        benchlib.record_result("timex", record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
