"""What every reader produces before it becomes a Document: a parsed article, then checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..clean.language import detect_language
from ..clean.normalize import strip_control_chars
from ..errors import Errors
from ..records import DateEvidence, Document, Rejection
from ..settings import Settings

__all__ = ["Parsed", "finish_document"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article as a reader understood it; ``text`` is already cleaned."""

    text: str
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    url: str | None = None
    date_evidence: tuple[DateEvidence, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)


def finish_document(
    parsed: Parsed,
    *,
    doc_id: str,
    source: str,
    format: str,
    raw: bytes,
    encoding: str | None,
    settings: Settings,
) -> Document | Rejection:
    """The Document, or E109 when the cleaned body is too short to be a report."""
    text = strip_control_chars(parsed.text).strip()
    if len(text) < settings.min_text_chars:
        return Rejection(source, "E109", Errors.E109.msg(detail=len(text)))
    return Document(
        id=_field(doc_id),
        source=source,
        format=format,
        raw=raw,
        text=text,
        encoding=encoding,
        title=_field(parsed.title),
        outlet=_field(parsed.outlet),
        dateline=_field(parsed.dateline),
        url=_field(parsed.url),
        language=detect_language(text),
        date_evidence=_dedupe(parsed.date_evidence),
        meta={k: _field(v) if isinstance(v, str) else v for k, v in parsed.meta.items()
              if v not in (None, [], (), "")},
    )


def _field(value: str | None) -> str | None:
    """A metadata string as it can be stored: no control characters or lone surrogates."""
    return strip_control_chars(value) if value is not None else None


def _dedupe(evidence: tuple[DateEvidence, ...]) -> tuple[DateEvidence, ...]:
    """One piece of evidence per (value, kind), strongest first."""
    best: dict[tuple[str, str], DateEvidence] = {}
    for item in evidence:
        key = (item.value, item.kind)
        if key not in best or item.weight > best[key].weight:
            best[key] = item
    return tuple(sorted(best.values(), key=lambda e: -e.weight))
