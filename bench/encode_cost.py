"""Encoder cost per sentence on a fixed sample: what the sense head's vectors cost, and threads per process.

    python bench/encode_cost.py [--sentences 300] [--rounds 3] [--data ../shared/datasets]

The sample: the first ``--sentences`` distinct ECB+ sentences (files in sorted order, the plain sentence
splitter of ``newsfuse.learn.sense_data``) with a word the sense head is asked about, and every such word
in them. Timed, in rounds that alternate so that both meet the same load:

* ``format2``: what the format-2 sense head read: one run per sentence for its vector and its words
  (``Encoder.encode_spans``), then every distinct window (4 words either side) encoded as a text of its own;
* ``format3``: one run per sentence, words and windows both read as spans of it.

Then threads: two processes at once (a build's two extract workers on two cores) each run ``format3`` on
the sample, with onnxruntime's intra-op threads 1 (``encoder_threads``' default) and then 0 (all cores).

Prints encoder seconds per distinct sentence (the median round) and appends them to
bench/results/encode_cost.jsonl. The timings are wall-clock seconds on whatever else the machine runs:
compare the rows of one run, not runs of different days.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import benchlib  # noqa: E402

_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")

THREADS_CHILD = r"""
import json, sys, time
sys.path.append(sys.argv[3])  # bench/ last: its types.py would shadow the standard module
from encode_cost import format3
from newsfuse.learn.encoder import Encoder
occ = [tuple(o) for o in json.load(open(sys.argv[1]))]
enc = Encoder(threads=int(sys.argv[2])).load()
format3(enc, occ[:20])  # warm up
t0 = time.perf_counter()
format3(enc, occ)
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""


def sample(data: Path, n: int) -> list[tuple[str, int, int]]:
    """(sentence, start, end) of every sense word in the first ``n`` distinct ECB+ sentences that hold one."""
    from newsfuse.learn.sense_data import SENSE_WORDS, sentence_span

    seen: dict[str, list[tuple[str, int, int]]] = {}
    for path in sorted((data / "ecbplus").glob("*/*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        for m in SENSE_WORDS.finditer(text):
            s, e = sentence_span(text, m.start(), m.end())
            sent = text[s:e]
            if sent not in seen and len(seen) >= n:
                continue
            occ = (sent, m.start() - s, m.end() - s)
            if occ not in seen.setdefault(sent, []):
                seen[sent].append(occ)
        if len(seen) >= n:
            break
    return [o for occs in seen.values() for o in occs]


def format2_window(sentence: str, start: int, end: int, width: int = 4) -> str:
    """The window text the format-2 head encoded apart: the word and ``width`` tokens either side, spaced."""
    left = _TOKEN.findall(sentence[:start])[-width:]
    right = _TOKEN.findall(sentence[end:])[:width]
    return " ".join(left + [sentence[start:end]] + right)


def format2(encoder, occ) -> None:
    encoder.encode_spans(occ)
    encoder.encode(list(dict.fromkeys(format2_window(*o) for o in occ)))


def format3(encoder, occ) -> None:
    from newsfuse.learn.sense_head import window_span

    encoder.encode_spans(list(occ) + [(s, *window_span(s, a, b)) for s, a, b in occ])


def _two_processes(occ_file: Path, threads: int) -> float:
    """Seconds per process when two encode the sample at once (the mean of the two)."""
    procs = [subprocess.Popen([sys.executable, "-c", THREADS_CHILD, str(occ_file), str(threads),
                               str(Path(__file__).resolve().parent)], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [json.loads(p.communicate()[0].strip().splitlines()[-1])["seconds"] for p in procs]
    return sum(outs) / len(outs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=benchlib.DATASETS)
    ap.add_argument("--sentences", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-threads", action="store_true", help="skip the two-process threads comparison")
    args = ap.parse_args(argv)
    if not (args.data / "ecbplus").is_dir():
        print(f"{args.data} holds no ECB+: the development datasets are needed (../shared/datasets)")
        return 2
    from newsfuse.learn.encoder import Encoder

    occ = sample(args.data, args.sentences)
    n = len({s for s, _, _ in occ})
    print(f"sample: {n} distinct sentences, {len(occ)} sense words")
    enc = Encoder(threads=1).load()
    format3(enc, occ[:20])  # warm up
    times: dict[str, list[float]] = {"format2": [], "format3": []}
    for r in range(args.rounds):
        for name, fn in ((("format2", format2), ("format3", format3)) if r % 2 == 0
                         else (("format3", format3), ("format2", format2))):
            t0 = time.perf_counter()
            fn(enc, occ)
            times[name].append(time.perf_counter() - t0)
    per = {k: round(statistics.median(v) / n * 1000, 3) for k, v in times.items()}
    print(f"one process, 1 thread: format 2 (windows encoded apart) {per['format2']} ms per sentence, "
          f"format 3 (windows as spans) {per['format3']} ms; rounds {times}")
    result = {"command": " ".join(["python", "bench/encode_cost.py", *sys.argv[1:]]), "sentences": n,
              "words": len(occ), "ms_per_sentence": per, "note": "wall clock on a shared machine"}
    if not args.no_threads:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            occ_file = Path(tmp) / "occ.json"
            occ_file.write_text(json.dumps(occ))
            two = {t: [] for t in (1, 0)}
            for r in range(args.rounds):
                for t in ((1, 0) if r % 2 == 0 else (0, 1)):
                    two[t].append(_two_processes(occ_file, t))
        result["two_processes_ms_per_sentence"] = {f"threads={t}": round(statistics.median(v) / n * 1000, 3)
                                                   for t, v in two.items()}
        print(f"two processes at once, format 3: {result['two_processes_ms_per_sentence']} (per process)")
    benchlib.record_result("encode_cost", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
