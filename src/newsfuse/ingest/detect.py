"""Which reader a file needs: by extension, and by sniffing the content when that says nothing."""

from __future__ import annotations

import re
from pathlib import PurePath

__all__ = ["format_from_extension", "sniff_format", "looks_like_feed"]

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML = re.compile(r"<!doctype\s+html|<html\b|<body\b|<(?:p|div|article|h1)\b[^>]*>", re.I)


def format_from_extension(path: str) -> str | None:
    """``text``/``html``/``json``/``jsonl``/``feed`` for a known extension, else None."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower())


def looks_like_feed(text: str) -> bool:
    """An RSS, Atom or RDF root element near the start."""
    return bool(_FEED_ROOT.search(text[:2000]))


def sniff_format(text: str) -> str:
    """Guess the format from the decoded content."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith(("{", "[")):
        lines = [line for line in text.strip().splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines[:20]) and \
                lines[0].rstrip().endswith("}"):
            return "jsonl"
        return "json"
    if head.startswith("<"):
        if looks_like_feed(head):
            return "feed"
        if _HTML.search(head) or _HTML.search(text[:20000]):
            return "html"
    return "text"
