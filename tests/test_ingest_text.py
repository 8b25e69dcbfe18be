"""Plain-text reports: the seeds, and the cleaning rules on hand-built inputs."""

from __future__ import annotations


import pytest

from newsfuse.clean import (
    clean_body,
    detect_language,
    normalize_text,
    remove_repeated,
    unwrap_block,
)
from newsfuse.ingest import find_dates, parse_text, read_inputs
from newsfuse.ingest.header import find_dateline, parse_byline
from newsfuse.records import Document
from newsfuse.settings import Settings

from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    docs = list(read_inputs([str(SEEDS)], Settings()))
    assert all(isinstance(d, Document) for d in docs)
    return {d.id[:3]: d for d in docs}


def test_seed_ids_are_file_stems(seeds):
    assert sorted(d.id for d in seeds.values()) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(d.format == "text" and d.encoding == "utf-8" and d.language == "en" for d in seeds.values())


def test_seed_titles(seeds):
    assert seeds["000"].title == "Spain FM visits Iraq, says attacks on US-led troops must stop"
    assert seeds["001"].title.startswith("Attacks on Coalition against ISIS in Iraq")
    assert seeds["002"].title.startswith("Hundreds of people waving the flags")
    assert seeds["003"].title.startswith("Al-Sudani: The Iraqi government is moving")
    assert seeds["004"].title == "Iraq stresses the urgent importance of regional de-escalation"


def test_seed_datelines_and_outlets(seeds):
    assert [seeds[k].dateline for k in ("000", "001", "002", "004")] == ["Baghdad", "Erbil", "Baghdad", "Baghdad"]
    assert seeds["001"].outlet == "Kurdistan24"
    assert seeds["002"].outlet == "Periscope - Hellas"
    assert seeds["002"].meta["agency"] == "AFP"
    assert seeds["002"].meta["author"] == "Balkan"


def test_header_lines_not_in_body(seeds):
    for key in ("000", "004"):
        doc = seeds[key]
        assert doc.title not in doc.text
        assert not doc.text.startswith(("Saturday", "Baghdad\n"))
        assert doc.text.startswith("Baghdad –")
    assert "Posted by" not in seeds["002"].text
    assert "Periscope" not in seeds["002"].text
    assert not seeds["002"].text.rstrip().endswith(("AFP", "--"))


def test_seed_dates_weighted_by_kind(seeds):
    header = seeds["000"].date_evidence
    assert [(e.value, e.kind) for e in header] == [("2024-04-27", "header")]
    assert header[0].weight <= 0.3 and "site display date" in header[0].reason
    byline = [e for e in seeds["002"].date_evidence if e.kind == "byline"]
    assert byline and byline[0].value == "2024-01-25" and byline[0].weight >= 0.85
    caption = [e for e in seeds["001"].date_evidence if e.kind == "caption"]
    assert caption and caption[0].value == "2024-01-25" and 0.4 <= caption[0].weight <= 0.7


def test_seed_caption_kept_once_outside_body(seeds):
    doc = seeds["001"]
    assert len(doc.meta["captions"]) == 1
    assert "(Photo:" not in doc.text


def test_seed_002_unwrapped(seeds):
    text = seeds["002"].text
    assert "Washington and Baghdad will begin discussions" in text
    assert "\n" not in text.split("\n\n")[0]
    paragraphs = text.split("\n\n")
    assert "Attacks 'need to stop'" in paragraphs  # a subhead stays its own paragraph
    assert any(p.startswith("The attacks have been fuelled") for p in paragraphs)
    assert all("\n" not in p for p in paragraphs)


def test_seed_003_subheads_and_paragraphs(seeds):
    paragraphs = seeds["003"].text.split("\n\n")
    assert "American strikes" in paragraphs and "Intense attacks" in paragraphs
    assert paragraphs[0].startswith("The Iraqi Prime Minister")


def test_body_repeats_dropped():
    text = "A Title Here\n\nThe body starts with a real sentence of news, long enough to count.\n\n" \
           "The body starts with a real sentence of news, long enough to count.\n\nShare this:\n"
    parsed = parse_text(text)
    assert parsed.title == "A Title Here"
    assert parsed.text == "The body starts with a real sentence of news, long enough to count."


def test_unwrap_rules_on_hand_built_block():
    lines = [
        "Officials",
        "said on Monday that the talks would resume next week in the capital, according",
        "to a statement released by the ministry.",
        "A new heading",
        "The delegation",
        "will include ministers from both countries and several military advisers who",
        "were involved in the earlier rounds.",
    ]
    assert unwrap_block(lines) == [
        "Officials said on Monday that the talks would resume next week in the capital, according "
        "to a statement released by the ministry.",
        "A new heading",
        "The delegation will include ministers from both countries and several military advisers who "
        "were involved in the earlier rounds.",
    ]


def test_unwrapped_lines_are_left_alone():
    lines = ["First paragraph ends here.", "Second one, too.", "Third line"]
    assert unwrap_block(lines) == lines


def test_normalize_keeps_quotes_and_folds_spaces():
    assert normalize_text("“Hi”\u00a0there\r\n  ‘x’ \t y ") == "“Hi” there\n‘x’ y"
    assert normalize_text("Jose\u0301") == "José"


def test_clean_body_strips_boilerplate_and_collapses():
    body = clean_body("One.\n\n\n\nTwo.\n\nLeave a comment\n\n--\n")
    assert body == "One.\n\nTwo."


def test_remove_repeated_keeps_short_lines():
    assert remove_repeated(["Iraq.", "Iraq.", "A long enough paragraph to dedupe.", "A long enough paragraph to dedupe."]) \
        == ["Iraq.", "Iraq.", "A long enough paragraph to dedupe."]


def test_find_dates_variants():
    values = [d.value for d in find_dates("Jan. 25, 2024; Saturday, April 27, 2024; 3 May 2024; 2024-02-29; Feb 30, 2024")]
    assert values == ["2024-01-25", "2024-04-27", "2024-05-03", "2024-02-29"]


def test_dateline_and_byline_rules():
    assert find_dateline("ERBIL (Kurdistan24) – The ongoing attacks continued.")[:2] == ("Erbil", "Kurdistan24")
    assert find_dateline("BAGHDAD: The ministry said on Monday it was ready.").place == "Baghdad"
    assert find_dateline("HEMPSTEAD, N.Y., Sept. 26 (UPI) — Jill Stein was escorted off the site.")[:2] \
        == ("Hempstead", "UPI")
    assert find_dateline("Al-Sudani: The Iraqi government is moving toward something") is None
    assert find_dateline("Iran-backed groups have claimed many of the attacks.") is None
    assert parse_byline("Jan 25, 2024. Posted by Balkan") == ("Balkan", "Jan 25, 2024")
    assert parse_byline("Washington and Baghdad will begin talks") is None


def test_language_detection():
    assert detect_language("The minister said the attacks against the troops must stop now.") == "en"
    assert detect_language("short") is None
