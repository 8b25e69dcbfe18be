"""HTML pages (trafilatura for the article, htmldate for its date) and HTML fragments."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from ..clean.pipeline import clean_body
from ..errors import Errors
from ..records import DateEvidence, Document, Rejection
from ..settings import Settings
from .dates import parse_date_value, url_date
from .document import Parsed, finish_document
from .header import AGENCIES, find_dateline

__all__ = ["parse_html", "page_document", "html_fragment_text", "looks_like_html", "dateline_fields"]

_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "figure", "figcaption", "section", "article", "header", "footer", "table", "tr", "pre")
_TAG = re.compile(r"<(?:p|br|div|span|a|em|strong|b|i|h[1-6]|li|ul|ol|img|figure|blockquote)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries HTML markup (a field of a JSON record or a feed entry)."""
    return bool(_TAG.search(text[:5000]))


#: characters an XML tree cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE/F)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SKIP = frozenset(("script", "style", "noscript", "template"))


class _TextOfFragment(HTMLParser):
    """The standard library's tolerant parser, for fragments lxml refuses: text, blocks as paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _fallback_text(fragment: str) -> str:
    parser = _TextOfFragment()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, block elements as paragraphs separated by blank lines.

    Never raises on odd markup: characters no XML tree can hold are dropped first, and a fragment
    lxml cannot build a tree of ("</body><p><body>") is read by the standard library's parser.
    """
    import lxml.etree
    import lxml.html  # a dependency of trafilatura

    fragment = _NOT_XML.sub("", fragment)
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, AssertionError, lxml.etree.LxmlError):
        return _fallback_text(fragment)
    for bad in [el for el in root.iter(*_SKIP)]:
        bad.drop_tree()
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter(*_BLOCKS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    return root.text_content()


def dateline_fields(text: str) -> tuple[str | None, str | None, dict[str, Any]]:
    """``(dateline place, outlet named in it, meta)`` from the first paragraph of a cleaned body."""
    first = text.split("\n\n", 1)[0]
    found = find_dateline(first)
    if not found:
        return None, None, {}
    meta: dict[str, Any] = {"dateline_text": found.text}
    outlet = None
    if found.source:
        if found.source in AGENCIES:
            meta["agency"] = found.source
        else:
            outlet = found.source
    return found.place, outlet, meta


def _htmldate(html: str, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, original_date=True, url=url, extensive_search=True)
    except (ValueError, TypeError, AttributeError):
        return None


def parse_html(html: str, *, url: str | None = None) -> Parsed | str:
    """The article in an HTML page, or a string saying why there is none (for E107)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False,
    )
    body = getattr(result, "text", None) if result is not None else None
    if not body or not body.strip():
        return "no main text found by trafilatura"
    title = (getattr(result, "title", None) or "").strip() or None
    text = clean_body(body.replace("\n", "\n\n"), seen=(title,) if title else ())
    if not text:
        return "only boilerplate found"
    evidence: list[DateEvidence] = []
    page_url = getattr(result, "url", None) or url
    found = _htmldate(html, url)
    if found:
        evidence.append(DateEvidence(found, "html-meta", 0.85,
                                     f"publication date {found} in the page's markup (htmldate, original date)"))
    extracted = parse_date_value(getattr(result, "date", None))
    if extracted and extracted != found:
        evidence.append(DateEvidence(extracted, "html-meta", 0.7, f"page date {extracted} found by trafilatura"))
    if page_url and (in_url := url_date(page_url)):
        evidence.append(DateEvidence(in_url.value, "url", 0.7, f"date {in_url.text} in the URL"))
    place, dateline_outlet, meta = dateline_fields(text)
    sitename = getattr(result, "sitename", None) or None
    meta.update(
        author=getattr(result, "author", None),
        description=getattr(result, "description", None),
        hostname=getattr(result, "hostname", None),
        categories=getattr(result, "categories", None) or None,
        tags=getattr(result, "tags", None) or None,
    )
    return Parsed(
        text=text,
        title=title,
        outlet=sitename or dateline_outlet or getattr(result, "hostname", None),
        dateline=place,
        url=page_url,
        date_evidence=tuple(evidence),
        meta=meta,
    )


def page_document(html: str, *, doc_id: str, source: str, format: str, raw: bytes, encoding: str | None,
                  settings: Settings, url: str | None = None) -> Document | Rejection:
    """The Document of an HTML page; E107 when no article (or only a scrap of text) is found."""
    parsed = parse_html(html, url=url)
    if isinstance(parsed, str):
        return Rejection(source, "E107", Errors.E107.msg(detail=f"{parsed}; {source}"))
    if len(parsed.text) < settings.min_text_chars:
        detail = f"only {len(parsed.text)} characters of text found; {source}"
        return Rejection(source, "E107", Errors.E107.msg(detail=detail))
    return finish_document(parsed, doc_id=doc_id, source=source, format=format, raw=raw,
                           encoding=encoding, settings=settings)
