"""Typed records that flow between the stages.

Every record is a small frozen dataclass with ``slots=True``: cheap to pickle for
workers and easy to read. Every extracted record carries its provenance: the
``article`` id and the ``start``/``end`` character span (Python string indices
into the article's cleaned ``text``, end exclusive).

Flow: ingest produces :class:`Document` or :class:`Rejection`; annotate turns a
Document into an :class:`Annotation` (mentions of sentences, entities, dates,
quotes, figures, events, places); fuse links mentions across articles into
fused records (:mod:`newsfuse.fuse`). Nothing downstream overwrites what a
source said: fused records point at mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DateEvidence",
    "Document",
    "Rejection",
    "PublishedDate",
    "Sentence",
    "EntityMention",
    "Timex",
    "QuoteMention",
    "FigureMention",
    "PlaceMention",
    "EventMention",
    "Annotation",
    "QUALIFIERS",
]

#: Allowed figure qualifiers (the export contract's enum).
QUALIFIERS = ("exact", "about", "more_than", "less_than", "at_least", "at_most", "range")


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """One piece of evidence about an article's publication date.

    ``value`` is an ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); ``kind``
    says where it came from (``html-meta``, ``json-field``, ``feed``, ``byline``,
    ``header``, ``url``, ``caption``, ``text``, ``cross-source``); ``weight`` in
    [0, 1] is how far that kind of evidence is trusted; ``reason`` is a sentence
    a reader can check ("byline date Jan 25, 2024").
    """

    value: str
    kind: str
    weight: float
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed article, before annotation. ``text`` is the cleaned body all offsets refer to."""

    id: str
    source: str
    format: str  # text | html | json | feed | url
    raw: bytes  # exactly what was read, kept so a newer newsfuse can re-annotate
    text: str
    encoding: str | None = None
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    url: str | None = None
    language: str | None = None
    date_evidence: tuple[DateEvidence, ...] = ()
    #: header lines and other metadata kept for reference (captions, "Posted by"...)
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be processed: stored with its reason, never silently dropped."""

    source: str
    code: str  # an error code from newsfuse.errors (e.g. "E102")
    reason: str  # what happened and what to do


# --------------------------------------------------------------------------- annotate


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """Best estimate of the publication date, with the evidence that earned it."""

    value: str | None  # ISO date or None when it cannot be known
    confidence: float
    evidence: tuple[str, ...]  # readable reasons, strongest first


@dataclass(frozen=True, slots=True)
class Sentence:
    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EntityMention:
    article: str
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, FAC, ...


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised in TIMEX3 terms."""

    article: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2024-01-25, 2023-W52, 2023-10, P3M, XXXX-WI, PRESENT_REF...
    rule: str = ""  # how it was resolved (e.g. "weekday-past", "absolute")


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One occurrence of a statement in one article."""

    article: str
    start: int  # content span
    end: int
    text: str
    direct: bool
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_text: str | None = None  # as written ("he", "the minister", "Albares")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None  # resolved within the article ("Jose Manuel Albares")
    speaker_label: str | None = None  # entity label of the resolved speaker, when known
    date: str | None = None  # when it was said, if the sentence says
    # a statement is words said or written (a clause, a quotation); False for a position or an act carried by
    # another frame of a cue ("called for a ceasefire", "condemned the attack", "confirmed meetings")
    statement: bool = True
    speaker_kind: str | None = None  # person, organisation, document, anonymous; None: not a speaker


@dataclass(frozen=True, slots=True)
class FigureMention:
    """A reported quantity with what it counts."""

    article: str
    start: int
    end: int
    text: str
    value: float
    qualifier: str  # one of QUALIFIERS
    unit: str
    measure: str  # what is counted, in words
    value_max: float | None = None
    as_of: str | None = None
    measure_key: str = ""  # normalised head of the measure, for grouping ("attack", "troop")
    scope: tuple[str, ...] = ()  # place / actor words that scope the measure ("iraq", "spanish")
    about: str = ""  # whom / what the figure is about: subject or owner ("Facebook", "Duly")
    # where a running count starts, as a month and day without year ("--10-15" for "since mid-October");
    # fusion puts it in the year before the figure's date
    since: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    article: str
    start: int
    end: int
    text: str
    name: str  # resolved name ("Hilla")
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    geonameid: str | None = None
    feature: str | None = None  # country | admin1 | city | fallback


@dataclass(frozen=True, slots=True)
class EventMention:
    """Who did what to whom, when and where, as one sentence tells it."""

    article: str
    start: int  # the supporting sentence
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    type: str  # newsfuse event type (see docs/EVENTS.md)
    summary: str
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    date: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    killed: int | None = None
    injured: int | None = None
    aggregate: bool = False  # "more than 150 attacks since mid-October" is not one event
    scheduled: bool = False  # told as planned, not as happened: "Washington and Baghdad will begin discussions"
    # what event coreference reads of the mention's sentence (fuse/coref_model.info_json): head, lemmas,
    # context words, names, times, numbers, arguments by role, governor. None on records stored before it
    coref: dict[str, Any] | None = field(default=None, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything the annotate stage found in one article."""

    article: str
    published: PublishedDate
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    figures: tuple[FigureMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    events: tuple[EventMention, ...] = ()
