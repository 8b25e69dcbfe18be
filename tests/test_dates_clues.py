"""Running counts shared with dated reports give undated ones a clue (evidence only, never a date)."""

from newsfuse.annotate.figures import count_start
from newsfuse.fuse.dates import CLUE_PREFIX, CountReport, running_count_clues


def _report(article, value, qualifier="exact", as_of=None, measure="attacks on US forces since October 17"):
    return CountReport(article, value, qualifier, count_start(measure), as_of, f"{value:g} attacks")


def test_a_smaller_count_is_placed_before_the_dated_one():
    group = [_report("dated", 150, "more_than", "2024-01-25"), _report("undated", 103)]
    clues = running_count_clues([group], {"undated"})
    assert list(clues) == ["undated"]
    (clue,) = clues["undated"]
    assert clue.startswith(CLUE_PREFIX)
    # 150 in 100 days since 2023-10-17 is 1.5 a day: 103 is about 69 days after the start
    assert "near 2023-12-25" in clue and "2023-10-17" in clue


def test_no_clue_without_a_start_a_dated_witness_or_for_bounds_from_above():
    no_start = [_report("dated", 150, as_of="2024-01-25", measure="attacks"), _report("u", 103, measure="attacks")]
    assert running_count_clues([no_start], {"u"}) == {}
    no_witness = [_report("a", 150), _report("u", 103)]
    assert running_count_clues([no_witness], {"u"}) == {}
    at_most = [_report("dated", 150, as_of="2024-01-25"), _report("u", 103, "at_most")]
    assert running_count_clues([at_most], {"u"}) == {}


def test_mid_month_start_and_one_clue_per_article():
    group = [_report("dated", 150, "more_than", "2024-01-25", measure="attacks since mid-October"),
             _report("u", 103), _report("u", 100, "more_than")]
    (clue,) = running_count_clues([group], {"u"})["u"]
    assert "2023-10-15" in clue and "\u201c103 attacks\u201d" in clue


def test_seeds_003_gets_a_clue_and_004_is_not_dated_by_wire_background(seed_account):
    arts = {a["id"][:3]: a for a in seed_account["articles"]}
    assert arts["003"]["published"] is None
    clue = [e for e in arts["003"]["published_evidence"] if e.startswith(CLUE_PREFIX)]
    assert len(clue) == 1 and "103 attacks" in clue[0] and "near 2023-12-2" in clue[0]
    # 004 shares AFP background ("groups that oppose US support for Israel") with 000 and 002: not a date
    assert arts["004"]["published_confidence"] < 0.5
