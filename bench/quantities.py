"""Benchmark the figures stage on NewsQuant (the CQE evaluation set).

    python bench/quantities.py [--data FILE] --pred OUT.jsonl [--peers]

Runs :func:`newsfuse.annotate.figures.extract_figures` on every NewsQuant
sentence, writes one prediction line per sentence, scores it with the official
scorer (/work/shared/eval/score_quantities.py, run as a subprocess), prints its
figures and appends them to bench/results/quantities.jsonl.

Mapping from newsfuse figures to NewsQuant fields (NewsQuant counts more than
newsfuse calls a figure, and names units its own way):
- ages: NewsQuant tags them ("a 50 year-old man"), so the benchmark asks for
  them (``with_ages=True``); newsfuse leaves them out by default.
- value: ``value`` or ``[value, value_max]`` for ranges.
- unit: "percent" -> "percentage", "person" -> "people", "N times" -> "count";
  a counted noun is written with its modifiers as NewsQuant does
  ("96 Liverpool fans" -> "Liverpool fan"); no unit -> null.
- change: "up"/"down" from :func:`figure_trend`, else the qualifier
  (about "~", more_than/at_least ">", less_than/at_most "<", others "=").
- concept: the figure's ``measure`` without stop words.
With ``--peers``, quantulum3 and CQE are run when importable by ``--peer-python``.
"""

from __future__ import annotations

import sys

# bench/ holds other benchmarks named like standard modules (types.py): keep it off the path
if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.pop(0)

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_DATA = SHARED / "datasets" / "newsquant" / "newsquant_dev.json"
SCORER = SHARED / "eval" / "score_quantities.py"
RESULTS = REPO / "bench" / "results" / "quantities.jsonl"

CHANGE = {"about": "~", "more_than": ">", "at_least": ">", "less_than": "<", "at_most": "<",
          "exact": "=", "range": "="}
UNIT_NAMES = {"percent": "percentage", "person": "people"}
MEASURE_UNITS_KINDS = ("currency", "percent", "measure", "count")


def _unit_for_bench(doc, figure, raw_kind: str | None, num_end: int) -> str | None:
    """NewsQuant's ``normalized_unit`` naming for one figure."""
    if raw_kind == "count":
        return "count"
    if raw_kind in ("currency", "percent", "measure") or figure.unit == "year of age":
        return UNIT_NAMES.get(figure.unit, figure.unit)
    if not figure.unit:
        return None
    span = doc.char_span(num_end, figure.end, alignment_mode="expand")
    if span is None or not len(span) or span[-1].lemma_.lower() not in (figure.unit, "people"):
        return UNIT_NAMES.get(figure.unit, figure.unit)
    words = []
    for tok in span:
        if tok.like_num or tok.pos_ in ("DET", "PUNCT", "ADV", "CCONJ", "ADP", "NUM", "PART",
                                        "PRON") or tok.tag_ in ("POS", "PRP$") or \
                tok.lower_ in ("than", "more", "least", "most", "estimated", "of"):
            continue
        words.append(tok.lemma_ if tok.pos_ in ("NOUN", "ADJ") else tok.text)
    unit = " ".join(words).strip()
    return UNIT_NAMES.get(unit, unit) or None


def _concept(figure, unit: str | None, kind: str | None, stop_words) -> str | None:
    """NewsQuant's concept is what the quantity is about; a counted noun is its unit, not its
    concept ("Some 300 residents" -> no concept), so the unit words leave the measure."""
    unit_words = set()
    if kind is None and unit:
        unit_words = {w.lower() for w in unit.split()} | {figure.unit.lower()}
    words = []
    for word in figure.measure.replace(",", " ").split():
        low = word.lower()
        if low in stop_words or low.rstrip("s") in unit_words or low in unit_words:
            continue
        words.append(word)
    return " ".join(words) or None


def predict(data: Path, out: Path) -> int:
    """Write predictions for every sentence of ``data``; returns the number of sentences."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from newsfuse.annotate.figures import extract_figures, figure_trend
    from newsfuse.annotate.figures_values import find_values
    from newsfuse.annotate.nlp import load_nlp

    sentences = json.loads(data.read_text(encoding="utf-8"))
    nlp = load_nlp()
    texts = [s["text"] for s in sentences]
    with out.open("w", encoding="utf-8") as fh:
        for index, doc in enumerate(nlp.pipe(texts, batch_size=64)):
            quantities = []
            for fig in extract_figures(doc, str(index), None, with_ages=True):
                raws = find_values(doc.text[fig.start:fig.end], base=fig.start)
                kind = raws[0].unit_kind if raws else None
                num_end = raws[0].num_end if raws else fig.start
                change = CHANGE[fig.qualifier]
                if change == "=":
                    change = figure_trend(doc, fig) or change
                unit = _unit_for_bench(doc, fig, kind, num_end)
                concept = _concept(fig, unit, kind, STOP_WORDS)
                value = [fig.value, fig.value_max] if fig.value_max is not None else fig.value
                quantities.append({"value": value, "unit": unit,
                                   "change": change, "concept": concept})
            fh.write(json.dumps({"index": index, "quantities": quantities}) + "\n")
    return len(sentences)


def score(data: Path, pred: Path) -> dict:
    """Run the official scorer; print its table; return its headline JSON."""
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(data), "--pred", str(pred)],
                          capture_output=True, text=True, check=False)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise SystemExit(f"scorer failed with exit code {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def record(command: str, figures: dict, system: str = "newsfuse") -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                            text=True, check=False).stdout.strip() or None
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    line = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "commit": commit, "command": command, "system": system, "figures": figures}
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")


def run_peers(data: Path, pred: Path, python: str, command: str) -> None:
    """Score quantulum3 / CQE with another interpreter (a throwaway venv), when installed there."""
    script = REPO / "bench" / "quantities_peers.py"
    if not script.exists() or not Path(python).exists():
        print(f"peers skipped: no peer runner ({script.name}) or no peer venv at {python}; "
              "quantulum3 / CQE are not installed in this checkout")
        return
    for system in ("quantulum3", "cqe"):
        out = pred.with_name(f"{pred.stem}.{system}.jsonl")
        proc = subprocess.run([python, str(script), system, str(data), str(out)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(f"peer {system}: skipped ({(proc.stderr.strip().splitlines() or ['failed'])[-1]})")
            continue
        print(f"== peer {system}")
        record(command, score(data, out), system=system)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NewsQuant .json file")
    ap.add_argument("--pred", type=Path, required=True, help="where to write predictions (JSONL)")
    ap.add_argument("--peers", action="store_true", help="also score quantulum3 and CQE")
    ap.add_argument("--peer-python", default=str(REPO.parent / "peers-venv" / "bin" / "python"),
                    help="interpreter of the venv where the peers are installed")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"NewsQuant data not found at {args.data}: pass --data FILE "
              "(the shared datasets live in ../shared/datasets).", file=sys.stderr)
        return 2
    command = " ".join(["python", "bench/quantities.py", *(argv if argv is not None else sys.argv[1:])])
    n = predict(args.data, args.pred)
    print(f"newsfuse figures on {n} sentences -> {args.pred}")
    figures = score(args.data, args.pred)
    record(command, figures)
    if args.peers:
        run_peers(args.data, args.pred, args.peer_python, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
