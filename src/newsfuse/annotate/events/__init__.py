"""Events: who did what to whom, when, where, with casualties, typed by an ontology.

Public face: :func:`extract` (registered as the ``events`` extractor), :func:`extract_events` and the
ontology (:mod:`.ontology`: event types and their ACLED / CASE / PLOVER mapping). Trigger finding,
arguments and dating are private to the package.
"""

from __future__ import annotations

from ...records import EventMention
from ..registry import Context, Extractor
from ._core import encode_ahead, extract_events

__all__ = ["EXTRACTOR", "encode_ahead", "extract", "extract_events"]


def extract(doc, ctx: Context) -> list[EventMention]:
    """Event mentions of the article, dated and located with the other extractors' records."""
    return extract_events(doc, ctx.article, ctx.needed("timexes"), ctx.needed("figures"), ctx.needed("places"),
                          ctx.anchor, event_typer=ctx.event_typer)


EXTRACTOR = Extractor("events", version="41",
                      needs=("parse", "entities", "published", "timexes", "figures", "places"), run=extract)
