"""Regression tests for odd but real input (issue: nothing lost, nothing broken).

Each case was a crash or a silent loss: a record that raised took the rest of its file with it,
a control character or a second <body> crashed the HTML fragment path, huge numbers overflowed
date and figure arithmetic. Each is now a stored document, a rejection with a reason, or a
bounded value.
"""

from __future__ import annotations

import json
import logging

import pytest
from click.testing import CliRunner

from newsfuse.annotate.figures._values import find_values
from newsfuse.annotate.parse import MAX_SENTENCE_CHARS, sentence_chunks, unsegmented_spans
from newsfuse.annotate.timex import extract_timexes
from newsfuse.ingest.dates import parse_date_value
from newsfuse.ingest.feeds import read_feed
from newsfuse.ingest.html import html_fragment_text
from newsfuse.ingest.jsonl import read_json
from newsfuse.pipeline import build
from newsfuse.records import Document, Rejection
from newsfuse.settings import Settings, load_settings
from newsfuse.store.sqlite import Store

BODY = ("Officials in Baghdad said on Tuesday that the talks on the future of the coalition would "
        "begin next month, according to a statement from the foreign ministry. ")


def _values(text: str, anchor: str = "2024-01-25") -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in extract_timexes(text, "a", anchor)]


# --------------------------------------------------------------------------- HTML fragments

@pytest.mark.parametrize("fragment, expected", [
    ("<p>a\x08</p>", "a"),                     # a control character: lxml refused the string
    ("</body><p><body>", ""),                  # two bodies: AssertionError inside lxml
    ("<p>one</p><body><p>two</p></body>", "one two"),
    ("<p>x\ud800y</p>", "xy"),                 # a lone surrogate
    ("<p", ""),
])
def test_html_fragment_never_raises(fragment, expected):
    assert " ".join(html_fragment_text(fragment).split()) == expected


def test_feed_item_with_broken_markup_is_read():
    items = "".join(
        f"<item><title>T{n}</title><link>https://example.org/{n}</link>"
        f"<description><![CDATA[{desc}]]></description></item>"
        for n, desc in enumerate(["<p>" + BODY * 3 + "\x08</p>", "</body><p><body>" + BODY * 3, BODY * 3]))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    out = list(read_feed(feed.encode("utf-8"), source="feed.xml", settings=Settings()))
    assert len(out) == 3
    assert all(isinstance(d, Document) for d in out), out


# --------------------------------------------------------------------------- JSON values

def test_huge_json_date_is_ignored_not_a_crash():
    assert parse_date_value(10**400) is None
    assert parse_date_value(float("inf")) is None
    assert parse_date_value("0001-01-01") is None      # a placeholder, not a publication date
    assert parse_date_value(1706140800) == "2024-01-25"


def _read(text: str, lines: bool = False) -> list:
    return list(read_json(text, source="in.json", raw=text.encode(), encoding="utf-8",
                          settings=Settings(), lines=lines))


def test_json_integer_of_5000_digits_is_broken_json():
    out = _read('{"text": "x", "n": ' + "9" * 5000 + "}")
    assert [r.code for r in out] == ["E105"]
    assert "digits" in out[0].reason


def test_json_nested_1000_deep_is_broken_json():
    out = _read("[" * 100_000 + "]" * 100_000)
    assert [r.code for r in out] == ["E105"]
    assert "nested too deeply" in out[0].reason


def test_json_record_date_of_10_to_400_keeps_the_record():
    out = _read(json.dumps([{"text": BODY * 2, "date": 10**400}]))
    assert isinstance(out[0], Document)


def test_bad_record_rejects_only_itself(monkeypatch):
    """A record whose reading raises becomes its own rejection; the records after it are still read."""
    import newsfuse.ingest.jsonl as jsonl

    real = jsonl._one

    def flaky(record, n, **kw):
        if n == 2:
            raise RuntimeError("boom")
        return real(record, n, **kw)

    monkeypatch.setattr(jsonl, "_one", flaky)
    records = [{"text": f"{BODY} Record {n}."} for n in range(4)]
    out = _read(json.dumps(records))
    assert [type(r).__name__ for r in out] == ["Document", "Rejection", "Document", "Document"]
    assert out[1].source == "in.json#2" and out[1].code == "E112"
    out = _read("\n".join(json.dumps(r) for r in records), lines=True)
    assert [type(r).__name__ for r in out] == ["Document", "Rejection", "Document", "Document"]


# --------------------------------------------------------------------------- dates and figures

def test_offsets_beyond_the_calendar():
    assert _values("It happened 99999999 days ago.") == [("99999999 days ago", "PAST_REF")]
    assert _values("It was built 2100 years ago.") == [("2100 years ago", "BC0077")]


@pytest.mark.parametrize("anchor", ["0001-01-01", "9999-12-31"])
def test_weekdays_against_implausible_anchors(anchor):
    values = _values("He will come next Monday. On Tuesday it rained.", anchor)
    assert [t for t, _ in values] == ["next Monday", "Tuesday"]
    assert all(v.startswith("XXXX") for _, v in values)  # no anchor is trusted: unresolved, no crash


def test_the_year_99999_is_not_this_year():
    assert ("the year", "2024") not in _values("It will happen in the year 99999.")


def test_february_30_keeps_the_month():
    assert _values("The vote is on February 30.") == [("February 30", "2024-02")]
    assert _values("The vote was on February 30, 2024.") == [("February 30, 2024", "2024-02")]


def test_no_infinite_figures():
    assert find_values("killed 1" + "0" * 400 + " people") == []
    assert find_values("displaced 1e309 people") == []
    assert [v.value for v in find_values("counted 1e6 votes")] == [1e6]


# --------------------------------------------------------------------------- pathological text

def test_text_with_no_sentence_end_is_cut_into_bounded_pieces():
    words = ("police said the attack killed two people in Baghdad on Monday and officials told "
             "reporters ").split()
    text = " ".join(words[i % len(words)] for i in range(3000))  # ~18,000 characters, no full stop
    chunks = sentence_chunks(text)
    assert max(e - s for s, e, _ in chunks) <= MAX_SENTENCE_CHARS
    assert "".join(text[s:w] for s, _, w in chunks) == text        # the pieces still cover the text
    assert unsegmented_spans(text) == [(0, len(text))]
    assert unsegmented_spans(BODY * 20) == []


# --------------------------------------------------------------------------- the build adds up

def _mixed_inputs(tmp_path):
    good = [{"text": f"{BODY} Record number {n} of the array."} for n in range(4)]
    bad = {"text": "<p>" + BODY + "\x08</p>"}
    (tmp_path / "array.json").write_text(json.dumps([good[0], bad, good[1], "not an object", {"title": "x"}]))
    lines = [json.dumps(good[2]), "{broken", json.dumps({"text": "short"}), json.dumps(good[3])]
    (tmp_path / "lines.jsonl").write_text("\n".join(lines))
    entries = "".join(f"<item><title>Short {n}</title><description>too short {n}</description></item>"
                      for n in range(3))
    (tmp_path / "feed.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                                       f"{entries}</channel></rss>")
    (tmp_path / "empty.txt").write_text("")
    # records: 5 in the array, 4 lines, 3 feed entries, 1 empty file
    return 13


def test_every_record_is_stored_or_rejected(tmp_path):
    (tmp_path / "in").mkdir()
    expected = _mixed_inputs(tmp_path / "in")
    db = tmp_path / "db.sqlite"
    summary = build([str(tmp_path / "in")], load_settings(db=str(db)))
    assert summary.read == expected
    assert len(summary.added) + len(summary.already_stored) + summary.ingest_rejected == expected
    assert len(summary.added) == 5  # 3 good array/line records + the control-character one + good[3]
    with Store(str(db)) as store:
        rows = store.rejections()
        assert len(rows) == summary.ingest_rejected  # one row per rejected record, not per kind
        assert len({r.source for r in rows if r.source.startswith(str(tmp_path / "in" / "feed.xml"))}) == 3
    again = build([str(tmp_path / "in")], load_settings(db=str(db)))
    assert again.read == expected and len(again.added) == 0 and len(again.already_stored) == 5


def test_rejected_input_prints_no_traceback(tmp_path, monkeypatch, caplog):
    import newsfuse.ingest.jsonl as jsonl

    def broken(record, n, **kw):
        raise RuntimeError("boom")

    monkeypatch.setattr(jsonl, "_one", broken)
    (tmp_path / "a.json").write_text(json.dumps([{"text": BODY}]))
    from newsfuse.cli import cli

    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.json"), "--db", str(tmp_path / "d.db"), "-q"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "E112" in result.output
    with caplog.at_level(logging.DEBUG, logger="newsfuse"):
        CliRunner().invoke(cli, ["--debug", "build", str(tmp_path / "a.json"), "--db", str(tmp_path / "d.db"), "-q"])
    assert any(r.exc_info for r in caplog.records)  # --debug logs the traceback
