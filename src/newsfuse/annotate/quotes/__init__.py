"""Quotes: what was said, the cue that reports it, and who said it.

Public face: :func:`extract` (registered as the ``quotes`` extractor), :func:`extract_quotes`, and the
quote-mark pairing other extractors reuse (:func:`find_quoted_spans`, :class:`QuoteIndex`). Cue
frames, speakers, syntax and the optional learned candidate model are private to the package.
"""

from __future__ import annotations

from ...records import QuoteMention
from ..registry import Context, Extractor
from ._core import extract_quotes
from ._marks import QuoteIndex, find_quoted_spans

__all__ = ["EXTRACTOR", "QuoteIndex", "extract", "extract_quotes", "find_quoted_spans"]


def extract(doc, ctx: Context) -> list[QuoteMention]:
    """Quote mentions of the article; ``ctx.quote_tagger`` is the optional learned model (None: rules)."""
    return extract_quotes(doc, ctx.article, ctx.quote_tagger)


EXTRACTOR = Extractor("quotes", version="8", needs=("parse", "entities"), run=extract)
