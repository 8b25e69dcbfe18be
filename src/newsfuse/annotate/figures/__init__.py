"""Figures: reported quantities with what they count (value, qualifier, unit, measure, about, as of).

Public face: :func:`extract` (registered as the ``figures`` extractor) and :func:`extract_figures`;
value finding, measures and lexicons are private to the package.
"""

from __future__ import annotations

from ...records import FigureMention
from ..registry import Context, Extractor
from ._core import count_start, extract_figures, figure_trend, figure_values

__all__ = ["EXTRACTOR", "count_start", "extract", "extract_figures", "figure_trend", "figure_values"]


def extract(doc, ctx: Context) -> list[FigureMention]:
    """Figure mentions of the article; ``as_of`` dates are resolved against ``ctx.anchor``."""
    return extract_figures(doc, ctx.article, ctx.anchor)


EXTRACTOR = Extractor("figures", version="6", needs=("parse", "entities", "published"), run=extract)
