"""Fuzz suite: every parser entry point and the pattern extractors take any input without raising.

Properties, not examples: whatever the bytes or text, a reader yields only Documents and
Rejections, a date value is None or a real ISO date, a figure is finite, a span lies inside its
text. The ``ci`` profile (default) keeps the suite under two minutes; run it long with
``pytest -m fuzz --hypothesis-profile=long``. Every bug found here gets a plain regression test
in ``test_nothing_lost.py``.
"""

from __future__ import annotations

import json
import math
import random
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.annotate.figures._values import find_values
from newsfuse.annotate.quotes import find_quoted_spans
from newsfuse.annotate.timex import extract_timexes
from newsfuse.ingest.dates import find_dates, parse_date_value
from newsfuse.ingest.detect import sniff_format
from newsfuse.ingest.feeds import read_feed
from newsfuse.ingest.files import binary_reason, decode_bytes
from newsfuse.ingest.header import find_dateline, header_date, is_date_line, parse_byline
from newsfuse.ingest.html import html_fragment_text, parse_html
from newsfuse.ingest.jsonl import read_json
from newsfuse.ingest.text import parse_text
from newsfuse.pipeline import build
from newsfuse.records import Document, Rejection
from newsfuse.settings import Settings, load_settings
from newsfuse.store.sqlite import Store

pytestmark = pytest.mark.fuzz

SETTINGS = Settings()

#: pieces news-like text is made of, with the characters and forms that broke parsers before
_PIECES = [
    "BAGHDAD (Reuters) - ", "WASHINGTON, Jan 25 (AP) — ", "said", " said on Tuesday", "“", "”", '"', "'", "’",
    "killed", " 1", "0" * 30, "1e309", "2,500", "more than 150", " people", " troops", "$8 million", "%",
    "January 25, 2024", "Jan. 25", "February 30", "next Monday", "99999999 days ago", "2100 years ago",
    "the year 99999", "\n", "\n\n", "\r\n", "\t", " ", ". ", "? ", "\x08", "\x00", "\x1f", "\ufeff", "\u2028",
    "\ud800", "<p>", "</p>", "<body>", "</body>", "<br>", "<script>x()</script>", "&amp;", "&#0;", "By Jane Doe",
    "Posted by Balkan", "Photo: AFP", "Iraq", "Tower 22", "Albares", "al-Sudani", "ـ", "ا", "é", "🙂",
]
news_text = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=400), news_text)


def _only_records(items) -> list:
    items = list(items)
    assert all(isinstance(i, (Document, Rejection)) for i in items), items
    for i in items:
        if isinstance(i, Rejection):
            assert i.reason and i.code.startswith("E1")
    return items


# --------------------------------------------------------------------------- ingest

@given(any_text)
def test_plain_text_parses(text):
    parsed = parse_text(text)
    assert isinstance(parsed.text, str)


@given(any_text)
def test_header_and_dateline_parsing(text):
    line = text.split("\n", 1)[0]
    find_dateline(text)
    parse_byline(line)
    header_date(line)
    is_date_line(line)
    sniff_format(text)


@given(st.binary(max_size=600))
def test_encoding_detection(data):
    binary_reason(data)
    decoded = decode_bytes(data)
    assert isinstance(decoded, str) or isinstance(decoded.text, str)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "title", "date", "url", "outlet", "id", "body", "author", "x"]), children,
        max_size=6),
    max_leaves=20)


@given(json_values, st.booleans())
def test_json_records(value, lines):
    text = json.dumps(value) if not lines else "\n".join(json.dumps(v) for v in
                                                          (value if isinstance(value, list) else [value]))
    _only_records(read_json(text, source="f.json", raw=text.encode("utf-8", "replace"), encoding="utf-8",
                            settings=SETTINGS, lines=lines))


@given(any_text)
def test_json_of_any_text(text):
    _only_records(read_json(text, source="f.json", raw=b"", encoding="utf-8", settings=SETTINGS))


tag_soup = st.lists(st.sampled_from(_PIECES + ["<div>", "</div>", "<html>", "<head><title>t</title></head>",
                                               "<article>", "</article>", "<meta name='date' content='2024-01-25'>",
                                               "<![CDATA[", "]]>", "<!--", "-->", "<", ">"]),
                    max_size=80).map("".join)


@given(st.one_of(tag_soup, any_text))
def test_html_fragments(fragment):
    assert isinstance(html_fragment_text(fragment), str)


@given(tag_soup)
def test_html_pages(html):
    parsed = parse_html(html)
    assert isinstance(parsed, str) or isinstance(parsed.text, str)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@given(st.lists(st.tuples(any_text, st.one_of(tag_soup, any_text), st.one_of(st.none(), any_text)), max_size=5))
def test_feeds(entries):
    items = "".join(
        f"<item><title>{_xml(t)}</title><description><![CDATA[{d.replace(']]>', '')}]]></description>"
        + (f"<pubDate>{_xml(p)}</pubDate>" if p is not None else "") + "</item>"
        for t, d, p in entries)
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    _only_records(read_feed(feed.encode("utf-8", "replace"), source="f.xml", settings=SETTINGS))


@given(st.binary(max_size=400))
def test_feeds_of_any_bytes(data):
    _only_records(read_feed(data, source="f.xml", settings=SETTINGS))


_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), any_text))
def test_date_values(value):
    out = parse_date_value(value)
    assert out is None or _ISO.fullmatch(out), out
    if out and len(out) == 10:
        date.fromisoformat(out)


@given(any_text)
def test_dates_in_text(text):
    for d in find_dates(text):
        date.fromisoformat(d.value)
        assert text[d.start:d.end] == d.text


# --------------------------------------------------------------------------- extractors (pattern level)

@given(any_text, st.one_of(st.none(), st.dates().map(date.isoformat)))
def test_temporal_expressions(text, anchor):
    for t in extract_timexes(text, "a", anchor):
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
        assert isinstance(t.value, str) and t.value and "-0" not in t.value[:2]


@given(any_text)
def test_numbers(text):
    for v in find_values(text):
        assert math.isfinite(v.value) and 0 <= v.start < v.end <= len(text)
        assert v.value_max is None or math.isfinite(v.value_max)


@given(any_text)
def test_quote_marks(text):
    for q in find_quoted_spans(text):
        assert 0 <= q.start <= q.end <= len(text)


# --------------------------------------------------------------------------- end to end

def _unreadable(text: str) -> bool:
    return "\x00" in text or any("\ud800" <= c <= "\udfff" for c in text)


def _fuzzed_corpus(folder, rng: random.Random) -> int:
    """A few hundred records over JSON, JSON Lines, feeds and text files, good and broken mixed;
    returns how many records the inputs hold."""
    def body() -> str:
        words = [rng.choice(_PIECES) for _ in range(rng.randint(0, 40))]
        return "Officials said on Tuesday that " + "".join(words) + " the talks will go on. " * rng.randint(0, 3)

    def record() -> object:
        roll = rng.random()
        if roll < 0.08:
            return rng.choice(["a string", 42, None, [], {"title": "no text"}])
        rec = {"text": body(), "title": rng.choice(["", "Talks", "<b>x</b>"]),
               "date": rng.choice([None, "2024-01-25", 10**40, "0001-01-01", "February 30, 2024", 1706140800])}
        if roll < 0.2:
            rec["text"] = "<p>" + rec["text"] + rng.choice(["\x08", "</body><body>", ""]) + "</p>"
        return rec

    total = 0
    for f in range(64):
        kind = f % 4
        n = rng.randint(0, 16)
        if kind == 0:
            recs = [record() for _ in range(n)]
            (folder / f"a{f}.json").write_text(json.dumps(recs), encoding="utf-8", errors="surrogatepass")
            total += max(n, 1)  # an empty list is one rejection
        elif kind == 1:
            rows = [json.dumps(record()) if rng.random() > 0.1 else "{broken" for _ in range(n)]
            (folder / f"l{f}.jsonl").write_text("\n".join(rows), encoding="utf-8", errors="surrogatepass")
            total += n if n else 1  # an empty file is one rejection
        elif kind == 2:
            items = "".join(
                f"<item><title>t{i}</title>" + (f"<link>https://example.org/{f}/{i}</link>" if rng.random() < 0.5
                                                  else "")
                + f"<description><![CDATA[{body()}]]></description></item>" for i in range(n))
            feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F{f}</title>{items}</channel></rss>'
            (folder / f"r{f}.xml").write_text(feed, encoding="utf-8", errors="surrogatepass")
            # a feed with no entries, or whose bytes are binary (NUL) or not UTF-8 (a lone surrogate
            # written as is), is one rejection as a whole
            total += 1 if not n or _unreadable(feed) else n
        else:
            (folder / f"t{f}.txt").write_text(body() if n else "", encoding="utf-8", errors="surrogatepass")
            total += 1
    return total


def test_fuzzed_corpus_accounts_for_every_record(tmp_path):
    (tmp_path / "in").mkdir()
    total = _fuzzed_corpus(tmp_path / "in", random.Random(19))
    assert total >= 250
    db = str(tmp_path / "f.db")
    summary = build([str(tmp_path / "in")], load_settings(db=db))
    assert summary.read == total
    assert len(summary.added) + len(summary.already_stored) + summary.ingest_rejected == total
    assert not [r for r in summary.rejected if r.code in ("E112", "E130")], summary.rejected  # nothing unexpected
    with Store(db) as store:
        assert len(store.rejections()) == summary.ingest_rejected
        assert store.count_articles() == len(summary.added)
