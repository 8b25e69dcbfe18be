"""Cross-source date correction (the story tests live in test_stories.py)."""

from newsfuse.fuse.dates import DatedArticle, Link, correct_dates
from newsfuse.records import DateEvidence, PublishedDate


def test_header_date_corrected_by_reports_of_the_same_statement():
    header = DateEvidence("2024-04-27", "header", 0.2, "page header date")
    arts = [
        DatedArticle("000", PublishedDate("2024-04-27", 0.2, ("header date, not confirmed",)), (header,), "tpl"),
        DatedArticle("002", PublishedDate("2024-01-25", 0.9, ("byline Jan 25, 2024",))),
        DatedArticle("001", PublishedDate("2024-01-25", 0.7, ("caption",))),
        DatedArticle("004", PublishedDate("2024-05-04", 0.2, ("header",)), (DateEvidence("2024-05-04", "header", 0.2, "h"),), "tpl"),
    ]
    fixed = correct_dates(arts, [Link("000", "002", "the quote"), Link("000", "001", "the quote")])
    assert fixed["000"].value == "2024-01-25" and fixed["000"].confidence >= 0.5
    assert any("cross-source" in e for e in fixed["000"].evidence)
    assert any("contradicted" in e for e in fixed["000"].evidence)
    # same template, header date now distrusted further
    assert fixed["004"].confidence <= 0.1 and any("proved wrong" in e for e in fixed["004"].evidence)


def test_confident_dates_are_not_overwritten():
    arts = [DatedArticle("a", PublishedDate("2024-01-20", 0.9, ())), DatedArticle("b", PublishedDate("2024-01-25", 0.9, ()))]
    assert correct_dates(arts, [Link("a", "b", "x")]) == {}


def test_a_story_spans_the_days_its_reports_surely_cover():
    """Undated reports count by their publication ranges: one that had surely appeared by January 4 starts the
    story by then, one that surely appeared after January 29 carries it there; an open or missing range adds
    nothing, and a header date nobody earned is not a date."""
    from newsfuse.fuse.account import story_span

    three = ["2024-01-25", "2024-01-25T10:00:00", None]
    assert story_span(three, []) == ("2024-01-25", "2024-01-25")
    assert story_span(three, [("2023-12-13", "2024-01-04"), ("2024-01-29", "2024-02-01")]) == ("2024-01-04", "2024-01-29")
    assert story_span(three, [(None, "2024-02-10"), ("2024-01-02", None), None]) == ("2024-01-25", "2024-01-25")
    assert story_span([None], [("2023-12-13", "2024-01-04")]) == ("2023-12-13", "2024-01-04")
    assert story_span([None, None], [("2023-12-13", "2024-01-04"), ("2023-12-20", "2024-01-10")]) \
        == ("2023-12-20", "2024-01-04")
    assert story_span([], []) == (None, None)
