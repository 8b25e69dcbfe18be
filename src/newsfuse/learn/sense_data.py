"""Data of the violent-sense head: trigger words in their sentences, from the development corpora.

A *candidate* is one occurrence of a word that can name violence (attack, strike, shot, clash,
fire, bomb, kill, raid, ...) in a sentence of a development corpus, named by where it is, never by
its text: ``(corpus, doc, start, end)``, character offsets into the document's text as the reader
below returns it. Labels are kept beside the ids (``learn/data/event_sense_labels.tsv``, committed:
corpus, doc, start, end, label); the text is read from ``shared/datasets/`` when training.

Label 1: the word, in this sentence, is used in its violent sense: an attack, an armed clash, a
shooting, a bombing, an air strike, arson, a killing by someone, and also such violence threatened
or planned ("vowed to strike again": the sense is violent; the extractor's grammar drops what did
not happen). Label 0: any other sense: a heart attack, a labour strike, "shot to fame", "clashed
with the studio", "fired the coach", an accidental fire, a computer attack, a sports fight, a quake
that "struck", a car that "struck" a pedestrian.

Corpora and their roles (fixed; the sentences of ``tests/data/event_sense_sentences.tsv`` come
from corpora and topics that are **not** read here, so the test is never trained on):

* ``ecbplus``: ECB+ articles of the standard *train* topics (ECB+ dev topics are for the test);
* ``ipe``: IndiaPoliceEvents documents (2002 Gujarat violence, also bandhs and labour strikes);
* ``case2021``: CASE 2021 Task 2 snippets of the *fit* part only (check stays unread);
* ``polnear``: PolNeAR *train* articles (US political news, 2015-16: "attacks" on rivals, campaign
  managers "fired", candidates who "clashed" in a debate, beside terror attacks and mass shootings),
  labelled one by one (``learn/data/event_sense_hand.tsv``);
* ``gwn``: GeoWebNews articles (``geoparsing/GWN.xml``: web news of 2018, crime, sport, politics,
  entertainment), labelled one by one (``learn/data/event_sense_hand.tsv``);
* ``lgl``: LGL local news (``geoparsing/lgl.xml``), labelled one by one (``learn/data/event_sense_hand.tsv``),
  from documents *outside* the hand-labelled LGL sample that chooses the head's threshold
  (``learn/data/event_sense_tune.tsv``, never trained on);
* ``own``: sentences written for newsfuse (``learn/data/event_sense_own.tsv``, read by
  :func:`newsfuse.learn.train_sense.own_items`).

The test corpora are ``ecbplus_dev`` (ECB+ dev topics) and ``timebank`` (TempEval-3's TimeBank and
AQUAINT, TimeML tags removed).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .datafile import data_lines

__all__ = ["Candidate", "SENSE_WORDS", "candidates", "read_labels", "sentence_span", "ECB_TRAIN_TOPICS",
           "ECB_DEV_TOPICS", "doc_text", "in_sense_check", "sense_group"]

#: word forms that can name violence; what the head decides is whether they do here
SENSE_WORDS = re.compile(
    r"\b(attack(?:s|ed|ing|er|ers)?|strik(?:e|es|ing)|struck|air ?strikes?|shoot(?:s|ing|ings)?|shot|shots|"
    r"shootout|clash(?:es|ed|ing)?|fir(?:e|es|ed|ing)|gunfire|bomb(?:s|ed|ing|ings)?|blasts?|explosions?|"
    r"kill(?:s|ed|ing|ings)?|raid(?:s|ed)?|fight(?:s|ing)?|fought|battles?|assault(?:s|ed)?|"
    r"shell(?:s|ed|ing)|ambush(?:ed)?|massacre|targeted)\b", re.IGNORECASE)

#: the Cybulska-Vossen split of ECB+ (train topics here; dev topics feed the test only)
ECB_TRAIN_TOPICS = frozenset("1 3 4 6 7 8 9 10 11 13 14 16 19 20 22 24 25 26 27 28 29 30 31 32 33".split())
ECB_DEV_TOPICS = frozenset("2 5 12 18 21 23 34 35".split())

_TAG = re.compile(r"<[^>]+>")
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")


@dataclass(frozen=True, slots=True)
class Candidate:
    corpus: str
    doc: str
    start: int  # the word's characters in the document text
    end: int
    sent_start: int  # its sentence's characters in the document text
    sent_end: int

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.corpus, self.doc, self.start, self.end)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The characters of the sentence around ``text[start:end]`` (a plain splitter, enough for context)."""
    s, e = 0, len(text)
    for m in _SENT_END.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start()
            break
    return s, e


def _ecb_docs(root: Path, topics: frozenset[str]) -> Iterator[tuple[str, str]]:
    for folder in sorted(root.glob("*ecb*")):
        topic = re.match(r"\d+", folder.name)
        if not folder.is_dir() or topic is None or topic.group() not in topics:
            continue
        for f in sorted(folder.glob("*.json")):
            yield f.stem, json.loads(f.read_text(encoding="utf-8"))["text"]


def _ipe_docs(root: Path) -> Iterator[tuple[str, str]]:
    with (root / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            yield str(d["doc_id"]), d["doc_text"]


def _lgl_docs(datasets: Path) -> Iterator[tuple[str, str]]:
    """LGL (local news, geoparsing/lgl.xml): (docid, text)."""
    return _xml_docs(Path(datasets) / "geoparsing" / "lgl.xml", "docid")


def _gwn_docs(datasets: Path) -> Iterator[tuple[str, str]]:
    """GeoWebNews (geoparsing/GWN.xml): (file number, text)."""
    return _xml_docs(Path(datasets) / "geoparsing" / "GWN.xml", "file")


def _xml_docs(path: Path, key: str) -> Iterator[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    for art in ET.parse(path).getroot().iter("article"):
        yield art.get(key), art.findtext("text") or ""


def _case_docs(root: Path) -> Iterator[tuple[str, str]]:
    from .case2021 import read_tsv, split_fit_check

    fit, _check = split_fit_check(read_tsv(root / "case2021_task2_dev.tsv"))
    for s in fit:
        yield s.id, s.text


def _polnear_docs(root: Path) -> Iterator[tuple[str, str]]:
    for f in sorted((root / "train" / "text").glob("*.txt")):
        yield f.name, f.read_text(encoding="utf-8")


def doc_text(datasets: Path, corpus: str, doc: str) -> str:
    """The text a candidate's offsets index (for the test corpora as well)."""
    datasets = Path(datasets)
    if corpus == "polnear":  # train articles only
        return (datasets / "polnear" / "train" / "text" / Path(doc).name).read_text(encoding="utf-8")
    if corpus in ("ecbplus", "ecbplus_dev"):
        topic = doc.split("_", 1)[0]
        sub = "ecbplus" if doc.endswith("plus") else "ecb"
        return json.loads((datasets / "ecbplus" / f"{topic}{sub}" / f"{doc}.json").read_text(encoding="utf-8"))["text"]
    if corpus == "ipe":
        return dict(_ipe_docs(datasets / "india_police_events"))[doc]
    if corpus == "case2021":
        return dict(_case_docs(datasets / "case2021"))[doc]
    if corpus == "lgl":
        return dict(_lgl_docs(datasets))[doc]
    if corpus == "gwn":
        return dict(_gwn_docs(datasets))[doc]
    if corpus == "timebank":  # TimeML: the text without its tags
        raw = (datasets / "tempeval3" / "TBAQ-cleaned" / doc).read_text(encoding="utf-8")
        return _TAG.sub("", raw)
    raise ValueError(f"unknown corpus {corpus!r}")


def _docs(datasets: Path, corpus: str) -> Iterator[tuple[str, str]]:
    datasets = Path(datasets)
    if corpus == "ecbplus":
        return _ecb_docs(datasets / "ecbplus", ECB_TRAIN_TOPICS)
    if corpus == "ecbplus_dev":
        return _ecb_docs(datasets / "ecbplus", ECB_DEV_TOPICS)
    if corpus == "ipe":
        return _ipe_docs(datasets / "india_police_events")
    if corpus == "case2021":
        return _case_docs(datasets / "case2021")
    if corpus == "lgl":
        return _lgl_docs(datasets)
    if corpus == "gwn":
        return _gwn_docs(datasets)
    if corpus == "polnear":
        return _polnear_docs(datasets / "polnear")
    if corpus == "timebank":
        root = datasets / "tempeval3" / "TBAQ-cleaned"
        return ((str(f.relative_to(root)), doc_text(datasets, corpus, str(f.relative_to(root))))
                for f in sorted(root.glob("*/*.tml")))
    raise ValueError(f"unknown corpus {corpus!r}")


def candidates(datasets: Path, corpus: str) -> Iterator[tuple[Candidate, str]]:
    """(candidate, document text) for every sense word in the corpus, in document order."""
    for doc, text in _docs(datasets, corpus):
        for m in SENSE_WORDS.finditer(text):
            s, e = sentence_span(text, m.start(), m.end())
            yield Candidate(corpus, doc, m.start(), m.end(), s, e), text


def read_labels(path: Path) -> dict[tuple[str, str, int, int], int]:
    """{(corpus, doc, start, end): label} from a labels TSV (``#`` lines are comments)."""
    out: dict[tuple[str, str, int, int], int] = {}
    for _n, line in data_lines(path):
        corpus, doc, start, end, label = line.split("\t")[:5]
        out[(corpus, doc, int(start), int(end))] = int(label)
    return out


def sense_group(corpus: str, doc: str) -> str:
    """The unit the sense data is split by: an ECB+ topic (its articles tell of one story, and were
    labelled group by group), else a document."""
    if corpus.startswith("ecbplus"):
        return f"{corpus}/topic{doc.split('_', 1)[0]}"
    return f"{corpus}/{doc}"


def in_sense_check(corpus: str, doc: str) -> bool:
    """The fixed fit/check rule of the sense head: sha1 of ``sense/<group>`` % 4 == 0 (:func:`sense_group`)."""
    return int(hashlib.sha1(f"sense/{sense_group(corpus, doc)}".encode("utf-8")).hexdigest(), 16) % 4 == 0
