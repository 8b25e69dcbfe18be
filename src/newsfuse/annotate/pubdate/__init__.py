"""Publication date: weigh the date evidence of an article into one date with a confidence.

Public face: :func:`extract` (registered as the ``published`` extractor, whose one record is the
article's :class:`~newsfuse.records.PublishedDate`), :func:`estimate_published`,
:func:`text_date_evidence` and :func:`text_date_bounds`.
"""

from __future__ import annotations

from ...records import PublishedDate
from ..registry import Context, Extractor
from ..sentences import doc_text
from ._core import KIND_WEIGHTS, estimate_published, text_date_bounds, text_date_evidence

__all__ = ["EXTRACTOR", "KIND_WEIGHTS", "estimate_published", "extract", "text_date_bounds",
           "text_date_evidence"]


def extract(doc, ctx: Context) -> list[PublishedDate]:
    """The article's own publication date from ``ctx.evidence`` and its text, unless ``ctx.published``
    (a date corrected from other reports) is given."""
    if ctx.published is not None:
        return [ctx.published]
    text = doc_text(doc)
    return [estimate_published(tuple(ctx.evidence) + tuple(text_date_evidence(text)), text)]


EXTRACTOR = Extractor("published", version="1", needs=(), run=extract)
