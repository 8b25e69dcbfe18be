"""Orchestration of the annotate stage: parse each text once, then run the pure extractors on the parse.

Parsing is the expensive step, so a parse is stored (as a spaCy DocBin) and the
extractors run from it; when a publication date is corrected by other reports,
only the cheap extractors run again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc, DocBin

from ..records import (
    Annotation,
    DateEvidence,
    EntityMention,
    PublishedDate,
    Sentence,
)
from .events import extract_events
from .figures import extract_figures
from .nlp import load_nlp, model_version
from .places import extract_places
from .pubdate import estimate_published, text_date_evidence
from .quotes import extract_quotes
from .sentences import sentences
from .timex import extract_timexes

__all__ = [
    "EXTRACTORS_VERSION",
    "ANCHOR_MIN_CONFIDENCE",
    "annotate_doc",
    "doc_from_bytes",
    "doc_to_bytes",
    "load_nlp",
    "model_version",
    "parse_texts",
]

#: bump when an extractor changes: articles are re-extracted from their stored parse
EXTRACTORS_VERSION = "0.1.0-1"
#: relative dates ("on Tuesday") are resolved only against a publication date at least this sure
ANCHOR_MIN_CONFIDENCE = 0.5


def parse_texts(nlp, texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """``nlp.pipe`` over the texts, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


def doc_to_bytes(doc: Doc) -> bytes:
    bin_ = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "POS", "MORPH",
                         "SENT_START", "SPACY"], store_user_data=False)
    bin_.add(doc)
    return bin_.to_bytes()


def doc_from_bytes(nlp, data: bytes) -> Doc:
    return next(iter(DocBin().from_bytes(data).get_docs(nlp.vocab)))


def published_from_evidence(evidence: Sequence[DateEvidence], text: str) -> PublishedDate:
    """The article's own publication date (before cross-source correction)."""
    return estimate_published(tuple(evidence) + tuple(text_date_evidence(text)), text)


def annotate_doc(doc: Doc, article: str, evidence: Sequence[DateEvidence] = (),
                 published: PublishedDate | None = None, context: Sequence[str] = ()) -> Annotation:
    """Run every extractor on one parsed article. ``published`` overrides the article's own date evidence."""
    text = doc.text
    if published is None:
        published = published_from_evidence(evidence, text)
    anchor = published.value if published.value and published.confidence >= ANCHOR_MIN_CONFIDENCE else None
    timexes = tuple(extract_timexes(text, article, anchor, doc))
    quotes = tuple(extract_quotes(doc, article))
    figures = tuple(extract_figures(doc, article, anchor))
    places = tuple(extract_places(doc, article, context))
    events = tuple(extract_events(doc, article, timexes, figures, places, anchor))
    return Annotation(
        article=article,
        published=published,
        sentences=tuple(Sentence(article, s.start_char, s.end_char) for s in sentences(doc)),
        entities=tuple(EntityMention(article, e.start_char, e.end_char, e.text, e.label_) for e in doc.ents),
        timexes=timexes,
        quotes=quotes,
        figures=figures,
        places=places,
        events=events,
    )
