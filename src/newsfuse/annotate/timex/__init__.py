"""Temporal expressions: find them in the text and normalise them to TIMEX3 values.

Public face: :func:`extract` (registered as the ``timexes`` extractor) and :func:`extract_timexes`;
the publication-date estimate reads dates in text with the same :data:`PATTERNS` and
:func:`sentence_tense`. Everything else in this package is private to it.
"""

from __future__ import annotations

from ...records import Timex
from ..registry import Context, Extractor
from ..sentences import doc_text
from ._calendar import sentence_tense
from ._core import extract_timexes
from ._patterns import PATTERNS

__all__ = ["EXTRACTOR", "PATTERNS", "extract", "extract_timexes", "sentence_tense"]


def extract(doc, ctx: Context) -> list[Timex]:
    """Temporal expressions of the article, resolved against ``ctx.anchor``."""
    return extract_timexes(doc_text(doc), ctx.article, ctx.anchor, doc)


EXTRACTOR = Extractor("timexes", version="2", needs=("parse", "published"), run=extract)
