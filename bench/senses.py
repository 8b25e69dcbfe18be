"""Benchmark: the shipped violent-sense head (learn/data/event_sense.npz) on its parts of the data.

    python bench/senses.py            # check, tune (LGL) and test sentences; appends bench/results/senses.jsonl

* ``check``: the held-out quarter of the labelled training corpora (ECB+ topics, IndiaPoliceEvents
  and CASE 2021 fit documents, by the fixed rule of ``newsfuse.learn.sense_data.in_sense_check``);
* ``tune``: the hand-labelled LGL sample the threshold was chosen on (not trained on), for the head
  alone and for the violent events the events stage makes of its words (``tune_events``);
* ``test``: the hand-labelled sentences of ``tests/data/event_sense_sentences.tsv`` (ECB+ dev topics,
  TimeBank/AQUAINT; never trained or tuned on), scored for the head alone and for the events stage
  (violent events made of the labelled words, with the head and by the word table alone).

Fit figures (grouped CV) are in the model card, written by ``newsfuse train event-sense``.
The data is read from ``../shared/datasets/``; without it the benchmark says so and stops.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

import benchlib  # noqa: E402

TEST = benchlib.ROOT / "tests" / "data" / "event_sense_sentences.tsv"
VIOLENT = ("attack.", "riot.", "protest.excessive")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=benchlib.DATASETS)
    args = parser.parse_args(argv)
    if not (args.data / "ecbplus").is_dir():
        print(f"{args.data} holds no ECB+: the development datasets are needed (../shared/datasets)")
        return 2
    from importlib import resources

    from newsfuse.annotate.nlp import load_nlp
    from newsfuse.annotate.run import annotate_doc
    from newsfuse.learn.encoder import Encoder
    from newsfuse.learn.event_head import EventTyper
    from newsfuse.learn.sense_data import in_sense_check
    from newsfuse.learn.sense_head import load_sense_head
    from newsfuse.learn.train_sense import TUNE_FILE, _scores, encode_items, event_scores, load_items, violent_event_flags

    head = load_sense_head()
    encoder = Encoder(threads=1)
    learn_data = resources.files("newsfuse.learn")
    parts = {
        "check": [it for it in load_items(args.data) if in_sense_check(it.corpus, it.doc)],
        "tune": load_items(args.data, Path(str(learn_data.joinpath(TUNE_FILE)))),
        "test": load_items(args.data, TEST),
    }
    figures: dict[str, dict] = {}
    nlp = load_nlp()
    for name, items in parts.items():
        p = head.proba(*encode_items(encoder, items), [it.occurrence for it in items])
        y = np.array([it.label for it in items])
        figures[name] = _scores(y, p, head.threshold)
        print(f"{name:6s} head alone: {figures[name]}")
        if name == "tune":
            figures["tune_events"] = event_scores(y, p, violent_event_flags(items, nlp), head.threshold)
            print(f"tune   events (rules' violent events kept by the head): {figures['tune_events']}")
    typer = EventTyper(head=None, encoder=encoder, sense=head, typing=False)
    counts = {"head": [0, 0], "rules": [0, 0]}
    for it in parts["test"]:
        doc = nlp(it.sentence)
        for key, t in (("head", typer), ("rules", None)):
            events = annotate_doc(doc, "t", event_typer=t).events
            if any(e.trigger_start <= it.start < e.trigger_end and e.type.startswith(VIOLENT) for e in events):
                counts[key][0 if it.label else 1] += 1
    for key, (tp, fp) in counts.items():
        figures[f"test_events_{key}"] = {"true": tp, "false": fp, "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0}
        print(f"test events, {key:5s}: {tp} violent events right, {fp} wrong (precision {figures[f'test_events_{key}']['precision']})")
    benchlib.record_result("senses", {"command": "python bench/senses.py", "threshold": head.threshold,
                                      "figures": figures})
    return 0


if __name__ == "__main__":
    sys.exit(main())
