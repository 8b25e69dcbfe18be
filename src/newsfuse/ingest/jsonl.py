"""JSON input: one object, an array of objects, or JSON Lines; one Document per record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..clean.pipeline import clean_body
from ..errors import Errors
from ..records import DateEvidence, Document, Rejection
from ..settings import Settings
from .dates import parse_date_value
from .document import Parsed, finish_document
from .guard import isolated
from .html import dateline_fields, html_fragment_text, looks_like_html
from .ids import document_id

__all__ = ["read_json", "record_to_parsed"]

TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "maintext")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "canonical_url")
DATE_FIELDS = ("date", "published", "published_at", "publication_date", "pubDate", "datePublished",
               "date_publish", "pub_date")
OUTLET_FIELDS = ("outlet", "source", "site", "sitename", "site_name", "publisher")
AUTHOR_FIELDS = ("author", "authors", "byline")
#: Keys under which a JSON object may hold its list of articles.
LIST_FIELDS = ("articles", "items", "records", "data", "documents", "results")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return key, value
    return None, None


def _as_text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        value = ", ".join(str(v.get("name", "")) if isinstance(v, dict) else str(v) for v in value)
    if value is None:
        return None
    return str(value).strip() or None


def record_to_parsed(record: dict[str, Any]) -> Parsed | None:
    """The article of one record, or None when it has no usable text."""
    _, body = _first(record, TEXT_FIELDS)
    if not isinstance(body, str) or not body.strip():
        return None
    title = _as_text(_first(record, TITLE_FIELDS)[1])
    if looks_like_html(body):
        body = html_fragment_text(body)
    text = clean_body(body, seen=(title,) if title else ())
    evidence: list[DateEvidence] = []
    date_key, date_value = _first(record, DATE_FIELDS)
    if date_key and (value := parse_date_value(date_value)):
        evidence.append(DateEvidence(value, "json-field", 0.85, f"`{date_key}` field of the record: {date_value}"))
    place, dateline_outlet, meta = dateline_fields(text)
    meta["author"] = _as_text(_first(record, AUTHOR_FIELDS)[1])
    return Parsed(
        text=text,
        title=title,
        outlet=_as_text(_first(record, OUTLET_FIELDS)[1]) or dateline_outlet,
        dateline=place,
        url=_as_text(_first(record, URL_FIELDS)[1]),
        date_evidence=tuple(evidence),
        meta=meta,
    )


def _records(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and _first(value, TEXT_FIELDS)[0] is None:
        for key in LIST_FIELDS:
            if isinstance(value.get(key), list):
                return value[key]
    return [value]


def _one(record: Any, n: int, *, source: str, raw: bytes, encoding: str | None,
         settings: Settings) -> Document | Rejection:
    where = f"#{n} of {source}"
    if not isinstance(record, dict):
        return Rejection(f"{source}#{n}", "E106", Errors.E106.msg(detail=f"{where} (not an object)"))
    parsed = record_to_parsed(record)
    if parsed is None:
        return Rejection(f"{source}#{n}", "E106", Errors.E106.msg(detail=where))
    given = record.get("id")
    doc_id = str(given) if given not in (None, "") else document_id(source, n)
    parsed.meta["record"] = n
    return finish_document(parsed, doc_id=doc_id, source=source, format="json", raw=raw,
                           encoding=encoding, settings=settings)


def _loads(text: str, lineno: int | None = None) -> tuple[Any, str | None]:
    """``(value, None)``, or ``(None, why)`` when ``text`` is not JSON newsfuse can read.

    ``lineno``: the line ``text`` is in a JSON Lines file, for the message."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"line {lineno or exc.lineno}, column {exc.colno}: {exc.msg}"
    except RecursionError:
        return None, "it is nested too deeply to read"
    except ValueError as exc:  # an integer of more digits than Python converts
        return None, str(exc).split(";")[0]


def _record(record: Any, n: int, *, source: str, raw: bytes | None, encoding: str | None,
            settings: Settings) -> Document | Rejection:
    """Record ``n`` (1-based) of ``source``, isolated: its failure rejects it alone."""

    where = f"{source}#{n}"

    def make() -> Document | Rejection:
        record_raw = raw if raw is not None else json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        return _one(record, n, source=source, raw=record_raw, encoding=encoding, settings=settings)

    made = isolated(where, make)
    if isinstance(made, Rejection) and made.source == source:  # one row per rejected record
        made = Rejection(where, made.code, made.reason)
    return made


def _read_lines(text: str, *, source: str, encoding: str | None, settings: Settings) -> Iterator[Document | Rejection]:
    n = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        n += 1
        record, why = _loads(line, lineno)
        if why is not None:
            detail = why if why.startswith("line ") else f"line {lineno}: {why}"
            yield Rejection(f"{source}:{lineno}", "E105", Errors.E105.msg(detail=detail))
            continue
        yield _record(record, n, source=source, raw=line.encode("utf-8", errors="replace"), encoding=encoding,
                      settings=settings)


def read_json(text: str, *, source: str, raw: bytes, encoding: str | None, settings: Settings,
              lines: bool = False) -> Iterator[Document | Rejection]:
    """Documents of a JSON or JSON Lines text; E105 for broken JSON, E106 for a record without text.

    With ``lines`` (or when a ``.json`` file turns out to hold one object per line),
    every line is read on its own, so good lines are kept when others are broken.
    Every record is stored or rejected on its own: one bad record never takes the rest with it.
    """
    if lines:
        yield from _read_lines(text, source=source, encoding=encoding, settings=settings)
        return
    value, why = _loads(text)
    if why is not None:
        rows = [row for row in text.strip().split("\n") if row.strip()]
        if len(rows) > 1 and all(row.lstrip().startswith("{") for row in rows):
            yield from _read_lines(text, source=source, encoding=encoding, settings=settings)
            return
        yield Rejection(source, "E105", Errors.E105.msg(detail=why))
        return
    records = _records(value)
    if not records:
        yield Rejection(source, "E106", Errors.E106.msg(detail=f"list of {source} (it is empty)"))
    single = len(records) == 1
    for n, record in enumerate(records, 1):
        yield _record(record, n, source=source, raw=raw if single else None, encoding=encoding, settings=settings)
