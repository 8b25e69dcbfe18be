"""Benchmark: toponym resolution (and, with --end-to-end, recognition) on a geoparsing corpus.

    python bench/geo.py --data ../shared/datasets/geoparsing/lgl.xml --pred /tmp/lgl.jsonl
    python bench/geo.py --data ../shared/datasets/geoparsing/GWN.xml --pred /tmp/gwn.jsonl --end-to-end

The official scorer (shared/eval/score_geo.py) dumps the texts and gold spans; by
default the gold spans are resolved (resolution-only), with --end-to-end newsfuse
finds the place names itself (spaCy + gazetteer). The scorer's figures are printed
and appended, with date, commit and command, to bench/results/geo.jsonl.

Each corpus is also scored on its fit and check parts (a third of the documents of LGL and
GeoWebNews, chosen with a fixed seed, listed in bench/splits/geo_check.txt as "corpus<TAB>doc id").
The resolver is changed on evidence from the fit part only; the check figure estimates unseen news.
Past sessions tuned on all of LGL and GeoWebNews, so their check figures are optimistic.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))  # bench/types.py would shadow the standard library's types module

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

import benchlib

SCORER = benchlib.EVAL / "score_geo.py"
CHECK_IDS = benchlib.ROOT / "bench" / "splits" / "geo_check.txt"


def _dump(data: Path, folder: Path) -> None:
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(data), "--dump", str(folder)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"score_geo.py --dump failed: {proc.stderr.strip()}")


def _predict(folder: Path, end_to_end: bool) -> list[dict]:
    from newsfuse.annotate.places._gazetteer import Gazetteer
    from newsfuse.annotate.places._core import extract_places, resolve_spans

    gaz = Gazetteer.default()
    nlp = None
    if end_to_end:
        from newsfuse.annotate.nlp import load_nlp
        nlp = load_nlp()
    rows = []
    for txt in sorted(folder.glob("*.txt")):
        doc_id = txt.stem
        text = txt.read_text(encoding="utf-8")
        places = []
        if end_to_end:
            for m in extract_places(nlp(text), doc_id, gazetteer=gaz, include_demonyms=True,
                                    within_names=True):
                places.append({"start": m.start, "end": m.end, "lat": m.lat, "lon": m.lon,
                               "geonameid": m.geonameid})
        else:
            gold = json.loads((folder / f"{doc_id}.toponyms.json").read_text(encoding="utf-8"))
            spans = [(g["start"], g["end"]) for g in gold]
            for (start, end), res in zip(spans, resolve_spans(text, spans, gazetteer=gaz)):
                place = {"start": start, "end": end, "lat": None, "lon": None}
                if res is not None and res.lat is not None:
                    place.update(lat=res.lat, lon=res.lon, geonameid=res.geonameid)
                places.append(place)
        for p in places:
            if p.get("geonameid") is None:
                p.pop("geonameid", None)
        rows.append({"doc_id": doc_id, "places": places})
    return rows


def _score(gold: Path, pred: str) -> dict | None:
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", pred],
                          capture_output=True, text=True)
    print(proc.stdout, end="")
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _part_scores(data: Path, pred: str) -> dict[str, dict]:
    """Fit and check figures: the gold XML cut to each part's articles, the predictions likewise."""
    import xml.etree.ElementTree as ET

    if not CHECK_IDS.exists():
        return {}
    check = {line.split("\t", 1)[1] for line in CHECK_IDS.read_text(encoding="utf-8").splitlines()
             if line.startswith(data.stem + "\t")}
    if not check:
        return {}
    rows = [json.loads(x) for x in Path(pred).read_text(encoding="utf-8").splitlines()]
    out = {}
    for part in ("fit", "check"):
        tree = ET.parse(data)
        root = tree.getroot()
        for parent in [root, *root.iter()]:
            for index, article in enumerate(list(parent.findall("article"))):
                doc_id = article.get("docid") or article.get("file") or str(index)
                if (doc_id in check) != (part == "check"):
                    parent.remove(article)
        with tempfile.TemporaryDirectory() as tmp:
            gold, part_pred = Path(tmp) / data.name, Path(tmp) / "pred.jsonl"
            tree.write(gold, encoding="utf-8")
            part_pred.write_text("".join(json.dumps(r) + "\n" for r in rows
                                         if (r["doc_id"] in check) == (part == "check")), encoding="utf-8")
            print(f"-- {part} part")
            figures = _score(gold, str(part_pred))
        if figures is not None:
            out[part] = figures
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="gold corpus XML (lgl.xml, GWN.xml, ...)")
    ap.add_argument("--pred", required=True, help="where to write the predictions JSONL")
    ap.add_argument("--end-to-end", action="store_true", help="find place names instead of using gold spans")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not SCORER.exists():
        print(f"The official scorer is missing: {SCORER} (expected shared/ beside the repository).")
        return 2
    if not data.exists():
        print(f"The corpus {data} is absent: geoparsing data lives in {benchlib.DATASETS / 'geoparsing'}.")
        return 2
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _dump(data, folder)
        rows = _predict(folder, args.end_to_end)
    Path(args.pred).parent.mkdir(parents=True, exist_ok=True)
    with open(args.pred, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    seconds = round(time.time() - started, 1)
    figures = _score(data, args.pred)
    if figures is None:
        return 2
    parts = _part_scores(data, args.pred)
    benchlib.record_result("geo", {
        "command": " ".join(["python", "bench/geo.py", *(argv if argv is not None else sys.argv[1:])]),
        "mode": "end-to-end" if args.end_to_end else "resolution", "seconds": seconds, "figures": figures,
        "fit": parts.get("fit"), "check": parts.get("check")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
