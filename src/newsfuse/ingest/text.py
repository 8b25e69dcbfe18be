"""Plain-text reports: header lines apart from the body, wrapped lines rejoined.

A report saved as text often starts with what the page showed above the
article: a display date, a place, the title (sometimes twice), a standfirst,
photo captions, a "Posted by" byline, the outlet's name. The body begins at the
first paragraph that opens with a dateline ("Baghdad –"), or else at the first
line after the title that is neither a header line nor an outlet name. The end
may carry an agency signature ("AFP") and share buttons.
"""

from __future__ import annotations

from ..clean.boilerplate import is_boilerplate_line, paragraph_key
from ..clean.pipeline import clean_paragraphs, normalize_text
from ..clean.unwrap import ends_sentence
from ..records import DateEvidence
from .document import Parsed
from .header import (
    AGENCIES,
    agency_signature,
    caption_dates,
    find_dateline,
    header_date,
    is_caption,
    is_date_line,
    is_outlet_line,
    is_place_line,
    parse_byline,
    place_name,
)

__all__ = ["parse_text", "split_trailer"]

#: The header is looked for in the first lines only.
MAX_HEADER_LINES = 12
#: A first line this long (or a long finished sentence) is body, not a title.
MAX_TITLE_CHARS = 250


def split_trailer(lines: list[str]) -> tuple[list[str], str | None]:
    """``lines`` without closing boilerplate and agency signature, and that agency."""
    agency = None
    end = len(lines)
    while end:
        line = lines[end - 1].strip()
        if not line or is_boilerplate_line(line):
            end -= 1
        elif agency is None and (found := agency_signature(line)):
            agency = found
            end -= 1
        else:
            break
    return lines[:end], agency


def _starts_lower(line: str) -> bool:
    return line[:1].islower()


def _dateline_start(lines: list[str]) -> int | None:
    """Index of the first paragraph (within the header zone) that opens with a dateline."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > MAX_HEADER_LINES:
            return None
        if find_dateline(line) and (seen > 1 or len(line) >= 150):
            return i
    return None


def _is_title(line: str) -> bool:
    return len(line) <= MAX_TITLE_CHARS and not (ends_sentence(line) and len(line) > 150)


def _next_nonblank(lines: list[str], i: int) -> str:
    return next((line for line in lines[i + 1:] if line), "")


def _titleish(line: str) -> bool:
    """A line that could still be the title (or another header line): not a finished sentence."""
    return bool(line) and _is_title(line) and not ends_sentence(line)


def parse_text(text: str) -> Parsed:
    """Split a decoded plain-text report into header fields and a cleaned body."""
    lines, agency = split_trailer(normalize_text(text).split("\n"))
    body_start = _dateline_start(lines)
    has_dateline_paragraph = body_start is not None
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    author: str | None = None
    header: list[str] = []
    captions: list[str] = []
    standfirst: list[str] = []
    evidence: list[DateEvidence] = []
    consumed = 0
    for i, line in enumerate(lines):
        if body_start is not None and i >= body_start:
            break
        consumed = i + 1
        if not line:
            continue
        if len(header) >= MAX_HEADER_LINES:
            body_start = i
            break
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if title is not None and not has_dateline_paragraph and _starts_lower(following):
            body_start = i  # a wrapped prose line: the body has begun
            break
        if is_date_line(line) and (found := header_date(line)):
            evidence.append(found)
        elif (byline := parse_byline(line)) is not None:
            author = author or byline[0]
            if byline[1] and (found := header_date(byline[1])):
                evidence.append(DateEvidence(found.value, "byline", 0.9, f"byline date {byline[1]} ({line})"))
        elif is_caption(line):
            if all(paragraph_key(line) != paragraph_key(c) for c in captions):
                captions.append(line)
        elif is_place_line(line) and dateline is None and (
            (title is None and _titleish(_next_nonblank(lines, i)))
            or (title is not None and not has_dateline_paragraph)
        ):
            dateline = place_name(line)
        elif title is None and _is_title(line):
            title = line
        elif title is not None and paragraph_key(line) == paragraph_key(title):
            pass  # the title repeated
        elif has_dateline_paragraph:
            if outlet is None and is_outlet_line(line) and len(line.split()) <= 4:
                outlet = line
            else:
                standfirst.append(line)
        elif outlet is None and title is not None and is_outlet_line(line):
            outlet = line
        else:
            body_start = i
            break
        header.append(line)
    if body_start is None:
        body_start = consumed
    seen = tuple(c for c in (title, *captions) if c)
    paragraphs = clean_paragraphs(lines[body_start:], seen=seen)
    body: list[str] = []
    for paragraph in paragraphs:
        if is_caption(paragraph) and len(paragraph) < 300:
            if all(paragraph_key(paragraph) != paragraph_key(c) for c in captions):
                captions.append(paragraph)
        else:
            body.append(paragraph)
    meta: dict[str, object] = {"header": header, "author": author, "captions": captions,
                               "standfirst": standfirst, "agency": agency}
    if body and (found_dateline := find_dateline(body[0])):
        dateline = found_dateline.place
        meta["dateline_text"] = found_dateline.text
        if found_dateline.source:
            if found_dateline.source in AGENCIES:
                meta["agency"] = meta["agency"] or found_dateline.source
            else:
                outlet = outlet or found_dateline.source
    for caption in captions:
        evidence.extend(caption_dates(caption))
    return Parsed(
        text="\n\n".join(body),
        title=title,
        outlet=outlet,
        dateline=dateline,
        date_evidence=tuple(evidence),
        meta=meta,
    )
