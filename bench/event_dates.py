"""Benchmark event dating (fuse/event_dates.py) on TempEval-3 TBAQ: does an event's range hold its day?

    python bench/event_dates.py [--data ../shared/datasets/tempeval3/TBAQ-cleaned]

The gold: every TimeML event that a TLINK puts inside a timex whose value is a full day (IS_INCLUDED,
DURING, SIMULTANEOUS, or the timex INCLUDES it), or inside the document creation time (t0), has that day.
Each such event becomes an :class:`EventMention` (its trigger, its sentence by a simple splitter, no clause
date: the annotator's parse is not used) in an article dated by the DCT, with the timexes newsfuse's own
extractor finds (text only, anchored on the DCT). :func:`mention_range` gives its range. Figures: the share
of events given a range, the share whose range holds the gold day, the share dated to one day and how
often that day is right, and the median width of the closed ranges. Printed for dev (all), fit and
check (the committed TBAQ split of bench/timex.py, ``bench/splits/tbaq_check.txt``); a line is appended
to bench/results/event_dates.jsonl. Rules were chosen on the seeds and the fit part only.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402
from pathlib import Path  # noqa: E402

import benchlib  # noqa: E402

from newsfuse.annotate.timex import extract_timexes  # noqa: E402
from newsfuse.fuse.event_dates import ArticleDates, article_range, mention_range  # noqa: E402
from newsfuse.records import EventMention, PublishedDate  # noqa: E402

DEFAULT_DATA = benchlib.DATASETS / "tempeval3" / "TBAQ-cleaned"
SPLIT_FILE = benchlib.ROOT / "bench" / "splits" / "tbaq_check.txt"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INSIDE = {"IS_INCLUDED", "DURING", "SIMULTANEOUS"}  # event -> time
_CONTAINS = {"INCLUDES", "SIMULTANEOUS", "DURING_INV"}  # time -> event
_SENT = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“A-Z0-9])|\n\s*\n")
#: a period after these ends no sentence ("on Aug. 7, 1998", "Dr. Slepian", "the U.S. embassy")
_ABBREV = re.compile(r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Dr|Mr|Mrs|Ms|St|No|Gen|Gov|Sen|Rep|"
                     r"Lt|Col|Sgt|Jr|Sr|Inc|Corp|Co|Ltd|vs)|\b[A-Z])\.$")


def read_tml(path: Path) -> tuple[str, str, list[tuple[int, int, str, str]]]:
    """(text, DCT, [(start, end, trigger, gold day)]) of one TimeML file."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = (dct_el.get("value") or "")[:10] if dct_el is not None else ""
    text_el = root.find("TEXT")
    parts: list[str] = [text_el.text or ""]
    events: dict[str, tuple[int, int, str]] = {}
    times: dict[str, str] = {"t0": dct}
    for el in text_el.iter():
        if el is text_el:
            continue
        start = sum(map(len, parts))
        word = "".join(el.itertext())
        if el.tag == "EVENT":
            events[el.get("eid")] = (start, start + len(word), word)
        elif el.tag == "TIMEX3":
            times[el.get("tid")] = el.get("value") or ""
        if el.tag in ("EVENT", "TIMEX3", "SIGNAL"):
            parts.append(word)
            parts.append(el.tail or "")
    text = "".join(parts)
    instance = {mi.get("eiid"): mi.get("eventID") for mi in root.iter("MAKEINSTANCE")}
    gold: dict[str, str] = {}
    for link in root.iter("TLINK"):
        rel = link.get("relType")
        if link.get("eventInstanceID") and link.get("relatedToTime") and rel in _INSIDE:
            eid, tid = instance.get(link.get("eventInstanceID")), link.get("relatedToTime")
        elif link.get("timeID") and link.get("relatedToEventInstance") and rel in _CONTAINS:
            eid, tid = instance.get(link.get("relatedToEventInstance")), link.get("timeID")
        else:
            continue
        value = times.get(tid, "")
        if eid in events and _DAY.match(value):
            gold.setdefault(eid, value)
    return text, dct, [(*events[e], day) for e, day in gold.items()]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT.finditer(text):
        if _ABBREV.search(text[max(0, m.start() - 6):m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def score_doc(doc_id: str, path: Path, misses: list[str] | None = None) -> list[tuple]:
    """Per gold event: (ranged, holds, one day, right day, width in days of a closed range, the gold day is the
    report's); the events whose range misses their day are described in ``misses`` when it is given."""
    text, dct, gold = read_tml(path)
    if not _DAY.match(dct):
        return []
    timexes = tuple(extract_timexes(text, doc_id, dct))
    window = article_range(ArticleDates(doc_id, PublishedDate(dct, 0.9, ()), text, timexes))
    sents = _sentences(text)
    out = []
    for start, end, word, day in gold:
        s0, s1 = next(((a, b) for a, b in sents if a <= start < b), (0, len(text)))
        m = EventMention(doc_id, s0, s1, word, start, end, "other.event", word)
        r = mention_range(m, text, timexes, window)
        if r is None:
            out.append((False, False, False, False, None, day == dct))
            continue
        lo, hi = (r.earliest.isoformat() if r.earliest else None), (r.latest.isoformat() if r.latest else None)
        holds = (lo or "0000") <= day <= (hi or "9999")
        width = (r.latest - r.earliest).days + 1 if r.earliest and r.latest else None
        out.append((True, holds, r.day is not None, r.day is not None and lo == day, width, day == dct))
        if misses is not None and not holds:
            misses.append(f"{doc_id} [{word}] gold {day} got {lo}..{hi} ({r.basis})\n    {text[s0:s1].strip()[:300]}")
    return out


def figures(rows: list[tuple]) -> dict[str, float | int]:
    """The shares above, and the baseline that dates every event on its report's day (as GDELT does)."""
    n = len(rows)
    one = sum(r[2] for r in rows)
    widths = [r[4] for r in rows if r[4] is not None]
    return {"events": n, "ranged": round(sum(r[0] for r in rows) / max(n, 1), 3),
            "holds": round(sum(r[1] for r in rows) / max(n, 1), 3),
            "one_day": round(one / max(n, 1), 3), "one_day_right": round(sum(r[3] for r in rows) / max(one, 1), 3),
            "median_width_days": statistics.median(widths) if widths else None,
            "report_day_baseline": round(sum(r[5] for r in rows) / max(n, 1), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-record", action="store_true", help="do not append to bench/results/event_dates.jsonl")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses of fit documents (never check)")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"TBAQ is not at {args.data} (the shared datasets are absent): nothing measured")
        return 2
    check = {line.strip() for line in SPLIT_FILE.read_text(encoding="utf-8").splitlines() if line.strip()}
    rows: dict[str, list] = {"dev": [], "fit": [], "check": []}
    misses: list[str] = []
    for path in sorted(args.data.glob("*/*.tml")):
        doc_rows = score_doc(path.stem, path, misses if path.stem not in check else None)
        rows["dev"] += doc_rows
        rows["check" if path.stem in check else "fit"] += doc_rows
    for line in misses[: args.errors]:
        print(line)
    result = {part: figures(r) for part, r in rows.items()}
    for part, f in result.items():
        print(f"{part:5} events {f['events']:5}  ranged {f['ranged']:.3f}  holds {f['holds']:.3f}  "
              f"one day {f['one_day']:.3f} (right {f['one_day_right']:.3f})  median width {f['median_width_days']} days  "
              f"(baseline, the report's day: right {f['report_day_baseline']:.3f})")
    if not args.no_record:
        benchlib.record_result("event_dates", {"data": "TBAQ-cleaned", **result})
    return 0


if __name__ == "__main__":
    sys.exit(main())
