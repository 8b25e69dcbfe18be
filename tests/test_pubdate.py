"""The publication date: weighing evidence, header dates not trusted blindly."""

from __future__ import annotations


import pytest

from newsfuse.annotate.pubdate._core import estimate_published, text_date_evidence
from newsfuse.annotate.timex._core import extract_timexes
from newsfuse.records import DateEvidence, PublishedDate

from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def header(value: str, written: str) -> DateEvidence:
    return DateEvidence(value, "header", 0.2, f"page header date {written} (site display date)")


# the evidence ingest builds for each seed
SEED_EVIDENCE = {
    "000": [header("2024-04-27", "Saturday, April 27, 2024")],
    "001": [DateEvidence("2024-01-25", "caption", 0.6, "photo caption date Jan. 25, 2024")],
    "002": [DateEvidence("2024-01-25", "byline", 0.9, "byline date Jan 25, 2024")],
    "003": [],
    "004": [header("2024-05-04", "Saturday, May 4, 2024")],
}


def published(prefix: str) -> PublishedDate:
    text = seed(prefix)
    return estimate_published(SEED_EVIDENCE[prefix] + text_date_evidence(text), text)


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_seeds_with_caption_or_byline_are_dated(prefix):
    p = published(prefix)
    assert p.value == "2024-01-25"
    assert p.confidence >= 0.5
    assert p.evidence


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_header_dates_are_not_trusted(prefix):
    p = published(prefix)
    assert p.confidence < 0.5
    assert "site display date" in p.evidence[0]
    assert "not confirmed" in p.evidence[0]


def test_seed_003_has_no_confident_date():
    p = published("003")
    assert p.value is None or p.confidence < 0.5
    assert p.evidence


def test_text_date_evidence_kinds():
    caption = text_date_evidence(seed("001"))
    assert {(e.value, e.kind) for e in caption} == {("2024-01-25", "caption")}
    byline = text_date_evidence(seed("002"))
    assert ("2024-01-25", "byline") in {(e.value, e.kind) for e in byline}
    head = text_date_evidence(seed("000"))
    assert {(e.value, e.kind) for e in head} == {("2024-04-27", "header")}
    body = text_date_evidence("The accord, signed on March 3, 2019 in Erbil, still holds today.")
    assert [(e.value, e.kind) for e in body] == [("2019-03-03", "text")]
    assert all(0 <= e.weight <= 1 and e.reason for e in caption + byline + head + body)


def test_header_contradicted_by_the_text_stays_low_and_says_why():
    text = "Saturday, April 27, 2024\n\nOfficials met in Baghdad, Jan. 25, 2024. (Photo: AFP)"
    p = estimate_published([header("2024-04-27", "Saturday, April 27, 2024")] + text_date_evidence(text), text)
    assert p.value == "2024-01-25"
    assert any("header date 2024-04-27" in r for r in p.evidence)


def test_header_only_with_a_disagreeing_body_date_is_low():
    text = "Saturday, April 27, 2024\n\nThe deal signed on Jan. 3, 2024 was later extended, officials said."
    p = estimate_published(text_date_evidence(text), text)
    assert p.confidence < 0.5


def test_agreeing_kinds_reinforce_each_other():
    meta = DateEvidence("2024-01-25", "html-meta", 0.9, "article:published_time")
    url = DateEvidence("2024-01-25", "url", 0.7, "URL /2024/01/25/")
    alone = estimate_published([meta], "")
    both = estimate_published([meta, url], "")
    assert both.value == alone.value == "2024-01-25"
    assert both.confidence > alone.confidence
    assert both.evidence[0].startswith("article:published_time")  # strongest first


def test_disagreeing_strong_evidence_lowers_confidence():
    meta = DateEvidence("2024-01-25", "html-meta", 0.9, "article:published_time")
    byline = DateEvidence("2023-06-02", "byline", 0.9, "byline date June 2, 2023")
    p = estimate_published([meta, byline], "")
    assert p.confidence < 0.6
    assert any("disagrees" in r for r in p.evidence)


def test_neighbouring_days_support_each_other():
    caption = DateEvidence("2024-01-24", "caption", 0.6, "photo caption date Jan. 24, 2024")
    meta = DateEvidence("2024-01-25", "html-meta", 0.9, "article:published_time")
    p = estimate_published([caption, meta], "")
    assert p.value == "2024-01-25"
    assert p.confidence > 0.9


def test_the_same_caption_twice_counts_once():
    ev = DateEvidence("2024-01-25", "caption", 0.6, "photo caption date Jan. 25, 2024")
    assert estimate_published([ev, ev], "").confidence == estimate_published([ev], "").confidence


def test_no_evidence_is_a_null_date():
    p = estimate_published([], "No dates here at all.")
    assert p.value is None and p.confidence == 0.0 and p.evidence


def test_partial_dates_give_a_weak_month():
    p = estimate_published([DateEvidence("2024-01", "url", 0.7, "URL /2024/01/")], "")
    assert p.value == "2024-01" and p.confidence < 0.5


def test_timexes_add_text_evidence():
    text = "The accord was signed on March 3, 2019."
    timexes = extract_timexes(text, "a1", None)
    p = estimate_published([], text, timexes)
    assert p.value == "2019-03-03" and p.confidence < 0.5


def test_seed_003_records_a_lower_bound_without_a_value():
    p = published("003")
    assert p.value is None
    assert any(e.startswith("published after December 8") and "past tense" in e for e in p.evidence)


def test_bounds_only_from_past_tense_dates():
    from newsfuse.annotate.pubdate._core import text_date_bounds

    bounds = text_date_bounds("The embassy was attacked on March 3, 2023. Talks will resume on May 2, 2023.")
    assert bounds == ["published after 2023-03-03: the text reports “March 3, 2023” in the past tense"]
    assert text_date_bounds("Talks will resume on May 2.") == []
