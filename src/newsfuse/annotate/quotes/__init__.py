"""Quotes: what was said, the cue that reports it, and who said it.

Public face: :func:`extract` (registered as the ``quotes`` extractor), :func:`extract_quotes`, the
quote-mark pairing other extractors reuse (:func:`find_quoted_spans`, :class:`QuoteIndex`), and the documents
a speaker issues (``ISSUED_DOCUMENTS``: "the statement said" speaks for its author, which fusion reads). Cue
frames, speakers, syntax and the optional learned candidate model are private to the package.
"""

from __future__ import annotations

from ...records import QuoteMention
from ..registry import Context, Extractor
from ._core import extract_quotes
from ._lexicon import ISSUED_DOCUMENTS
from ._marks import QuoteIndex, find_quoted_spans

__all__ = ["EXTRACTOR", "ISSUED_DOCUMENTS", "QuoteIndex", "extract", "extract_quotes", "find_quoted_spans"]


def extract(doc, ctx: Context) -> list[QuoteMention]:
    """Quote mentions of the article; ``ctx.quote_tagger`` is the optional learned model (None: rules)."""
    return extract_quotes(doc, ctx.article, ctx.quote_tagger)


EXTRACTOR = Extractor("quotes", version="9", needs=("parse", "entities"), run=extract)
