"""RSS and Atom feeds: an entry with its full text becomes a Document, else its page is fetched."""

from __future__ import annotations

import dataclasses
import io
import time
from collections.abc import Callable, Iterator
from typing import Any

from ..clean.pipeline import clean_body
from ..errors import Errors
from ..records import DateEvidence, Document, Rejection
from ..settings import Settings
from .document import Parsed, finish_document
from .guard import unexpected
from .html import dateline_fields, html_fragment_text
from .ids import document_id

__all__ = ["read_feed", "entry_dates", "FULL_CONTENT_CHARS"]

#: An entry whose text (content:encoded or summary) is shorter than this is a teaser: fetch the page.
FULL_CONTENT_CHARS = 400

PageFetcher = Callable[[str], Iterator[Document | Rejection]]


def _struct_date(value: time.struct_time | None) -> str | None:
    if not value:
        return None
    return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"


def entry_dates(entry: Any) -> list[DateEvidence]:
    """The entry's published (0.8) and updated (0.5) dates as evidence."""
    out: list[DateEvidence] = []
    for key, weight in (("published", 0.8), ("updated", 0.5), ("created", 0.7)):
        # dict.get: FeedParserDict.get maps a missing "updated" onto "published" (and warns)
        value = _struct_date(dict.get(entry, f"{key}_parsed"))
        if value:
            out.append(DateEvidence(value, "feed", weight, f"feed entry {key} date {dict.get(entry, key)}"))
    return out


def _entry_text(entry: Any) -> str:
    """The longest text the entry carries (content:encoded, Atom content or summary)."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_fragment_text(c) if "<" in c else c for c in candidates if c]
    return max(texts, key=lambda t: len(t.strip()), default="")


def read_feed(data: bytes, *, source: str, settings: Settings,
              fetch_page: PageFetcher | None = None) -> Iterator[Document | Rejection]:
    """Documents of a feed's entries; E108 when the bytes are not a feed.

    ``fetch_page(link)`` reads an entry's page when the entry is only a teaser;
    without it such an entry is judged on its teaser (and usually rejected, E109).
    """
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))  # a stream: feedparser never fetches anything itself
    if not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else "it has no entries"
        yield Rejection(source, "E108", Errors.E108.msg(detail=str(problem) or "unknown format"))
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        where = _entry_source(entry, source, n)
        try:
            items = list(_entry_items(entry, n, source=source, outlet=outlet, settings=settings,
                                      fetch_page=fetch_page))
        except Exception as exc:  # noqa: BLE001 - one entry's failure rejects it alone
            items = [unexpected(where, exc)]
        yield from items


def _entry_source(entry: Any, feed: str, n: int) -> str:
    """Where an entry's document or rejection is said to come from: its link, else the feed and its place."""
    link = entry.get("link") or None
    return link if isinstance(link, str) else f"{feed}#{n}"


def _entry_items(entry: Any, n: int, *, source: str, outlet: str | None, settings: Settings,
                 fetch_page: PageFetcher | None) -> Iterator[Document | Rejection]:
    """The document (or rejection) of feed entry ``n``: its own text, or its page when it is a teaser."""
    link = entry.get("link") or None
    title = (entry.get("title") or "").strip() or None
    dates = tuple(entry_dates(entry))
    doc_id = document_id(link) if link else document_id(source, entry.get("id") or n)
    text = _entry_text(entry)
    if len(text.strip()) < max(FULL_CONTENT_CHARS, settings.min_text_chars) and link and fetch_page:
        for item in fetch_page(link):
            if isinstance(item, Document):
                item = dataclasses.replace(
                    item, id=doc_id, format="feed", title=item.title or title,
                    outlet=item.outlet or outlet, date_evidence=item.date_evidence + dates,
                    meta={**item.meta, "feed": source},
                )
            yield item
        return
    body = clean_body(text, seen=(title,) if title else ())
    place, dateline_outlet, meta = dateline_fields(body)
    meta.update(feed=source, author=entry.get("author"), entry_id=entry.get("id"))
    article = Parsed(text=body, title=title, outlet=outlet or dateline_outlet, dateline=place,
                     url=link, date_evidence=dates, meta=meta)
    raw = (text if not entry.get("content") else entry.content[0].get("value", "")).encode("utf-8", "surrogatepass")
    yield finish_document(article, doc_id=doc_id, source=_entry_source(entry, source, n), format="feed",
                          raw=raw, encoding="utf-8", settings=settings)
