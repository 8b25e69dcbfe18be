"""The annotate runner: the declared extractors, ordered from their needs, run on one stored parse.

Each extractor package states its name, what it needs and its own version (:mod:`.registry`);
:data:`EXTRACTORS` lists them and :func:`annotate_doc` runs them in the order their needs give. The
store keeps one version per extractor and article, so :func:`stale` tells which extractors must run
again for an article: those whose version changed, and those that read their output. Parsing and
the sentence cache are in :mod:`.parse`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from spacy.tokens import Doc

from ..records import Annotation, DateEvidence, EntityMention, PublishedDate, Sentence
from ..settings import ANCHOR_MIN_CONFIDENCE
from . import events, figures, places, pubdate, quotes, timex
from .nlp import load_nlp, model_version
from .parse import unsegmented_spans
from .registry import Context, Extractor, dependents, order
from .sentences import doc_text, sentences

__all__ = [
    "ANCHOR_MIN_CONFIDENCE",
    "EXTRACTORS",
    "anchor_of",
    "annotate_doc",
    "load_nlp",
    "model_version",
    "stale",
    "versions",
]


#: every extractor, in the order its needs allow (declaration order breaks ties)
EXTRACTORS: tuple[Extractor, ...] = order((
    pubdate.EXTRACTOR,
    timex.EXTRACTOR,
    quotes.EXTRACTOR,
    figures.EXTRACTOR,
    places.EXTRACTOR,
    events.EXTRACTOR,
))


def versions(extractors: Sequence[Extractor] | None = None) -> Mapping[str, str]:
    """Extractor name -> version, as the store records them per article (default: :data:`EXTRACTORS`)."""
    return MappingProxyType({e.name: e.version for e in (EXTRACTORS if extractors is None else extractors)})


def anchor_of(published: PublishedDate, min_confidence: float = ANCHOR_MIN_CONFIDENCE) -> str | None:
    """The date relative dates are resolved against: the publication date when it is sure enough."""
    return published.value if published.value and published.confidence >= min_confidence else None


def stale(stored: Mapping[str, str], extractors: Sequence[Extractor] | None = None) -> frozenset[str]:
    """The extractors to run again for an article whose stored versions are ``stored`` (name -> version):
    every one whose version differs or is missing, and every one that reads their output."""
    extractors = EXTRACTORS if extractors is None else extractors
    changed = [e.name for e in extractors if stored.get(e.name) != e.version]
    return dependents(extractors, changed) if changed else frozenset()


#: extractors whose records need real sentences: none is read from text with no sentence boundary
_NEED_SENTENCES = frozenset({"quotes", "events"})


def annotate_doc(doc: Doc, article: str, evidence: Sequence[DateEvidence] = (),
                 published: PublishedDate | None = None, context: Sequence[str] = (),
                 quote_tagger: object | None = None, event_typer: object | None = None, *, only: Iterable[str] | None = None,
                 prior: Annotation | None = None, anchor_min_confidence: float = ANCHOR_MIN_CONFIDENCE,
                 extractors: Sequence[Extractor] | None = None) -> Annotation:
    """Run the extractors on one parsed article. ``published`` overrides the article's own date evidence;
    ``quote_tagger`` is the optional learned quote tagger (``settings.quote_model``), None for rules only;
    ``event_typer`` the learned event-type head (``settings.event_type_model``), None for rules only.

    With ``only`` (extractor names), just those run; the records of the others are taken from
    ``prior`` (the article's stored annotation), and so are the sentences and entities. ``extractors``
    defaults to :data:`EXTRACTORS`.
    """
    extractors = EXTRACTORS if extractors is None else order(extractors)
    everything = frozenset(e.name for e in extractors)
    todo = everything if only is None else frozenset(only)
    if todo != everything and prior is None:
        raise ValueError("running only some extractors needs the article's prior annotation")
    ctx = Context(article, evidence=tuple(evidence), published=published, context=tuple(context),
                  quote_tagger=quote_tagger, event_typer=event_typer)
    results: dict[str, tuple] = {}
    unsegmented = unsegmented_spans(doc_text(doc))
    for extractor in extractors:
        if extractor.name in todo:
            results[extractor.name] = tuple(extractor.run(doc, ctx))
            if unsegmented and extractor.name in _NEED_SENTENCES:
                results[extractor.name] = tuple(r for r in results[extractor.name]
                                                if not any(s < r.end and r.start < e for s, e in unsegmented))
        else:
            results[extractor.name] = _prior_records(prior, extractor.name)
        if extractor.name == "published":
            ctx = replace(ctx, anchor=anchor_of(results["published"][0], anchor_min_confidence))
        ctx = replace(ctx, records=MappingProxyType(dict(results)))
    if todo == everything:
        found_sentences = tuple(Sentence(article, s.start_char, s.end_char) for s in sentences(doc))
        found_entities = tuple(EntityMention(article, e.start_char, e.end_char, e.text, e.label_) for e in doc.ents)
    else:
        found_sentences, found_entities = prior.sentences, prior.entities
    return Annotation(
        article=article,
        published=results["published"][0],
        sentences=found_sentences,
        entities=found_entities,
        **{name: records for name, records in results.items() if name != "published"},
    )


def _prior_records(prior: Annotation | None, name: str) -> tuple:
    if prior is None:
        return ()
    if name == "published":
        return (prior.published,)
    return tuple(getattr(prior, name))
