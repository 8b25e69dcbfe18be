"""Stable document ids: a file's stem, a record's own id, or a hash of a URL."""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["document_id", "canonical_url", "is_url"]

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|src)$", re.I)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def is_url(source: str) -> bool:
    """True for an http(s) address."""
    return source.lower().startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _hash(text: str, n: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def document_id(source: str, record: str | int | None = None) -> str:
    """The id of a document read from ``source``.

    A file: its name without extension (``000_03fa4a0cdc68e60e``); with ``record``
    (a record of a JSON file or an entry of a feed) ``<stem>-<record>``. A URL:
    ``<host>_<16 hex digits of the canonical URL's SHA-1>``, the same whichever
    tracking parameters or fragment it carries.
    """
    if is_url(source):
        canonical = canonical_url(source)
        host = urlsplit(canonical).hostname or "web"
        base = f"{host.removeprefix('www.')}_{_hash(canonical)}"
    else:
        base = PurePath(source).stem or "document"
    if record is None:
        return base
    return f"{base}-{_UNSAFE.sub('_', str(record)).strip('_') or _hash(str(record), 8)}"
