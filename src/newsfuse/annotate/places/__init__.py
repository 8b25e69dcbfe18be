"""Places: toponyms resolved to coordinates and country with an offline gazetteer.

Public face: :func:`extract` (registered as the ``places`` extractor), :func:`extract_places`,
:func:`resolve_spans`, :func:`resolve_toponym` and :class:`Gazetteer`; the gazetteer's building and
its US county table are private to the package.
"""

from __future__ import annotations

from ...records import PlaceMention
from ..registry import Context, Extractor
from ._core import PLACE_LABELS, Resolution, extract_places, resolve_spans, resolve_toponym
from ._gazetteer import Gazetteer, haversine_km, normalize_name

__all__ = ["EXTRACTOR", "PLACE_LABELS", "Gazetteer", "Resolution", "extract", "extract_places",
           "haversine_km", "normalize_name", "resolve_spans", "resolve_toponym"]


def extract(doc, ctx: Context) -> list[PlaceMention]:
    """Place mentions of the article, resolved with the story's country codes ``ctx.context``."""
    return extract_places(doc, ctx.article, ctx.context)


EXTRACTOR = Extractor("places", version="1", needs=("parse", "entities"), run=extract)
