"""Ingest: files, folders, pages and feeds in; Documents (or Rejections with a reason) out.

One module per format: :mod:`.text` (plain-text reports), :mod:`.html`,
:mod:`.jsonl` (JSON and JSON Lines), :mod:`.feeds` (RSS/Atom), :mod:`.web`
(fetching URLs); :mod:`.files` reads bytes safely and decodes them.
"""

from __future__ import annotations

from .dates import find_dates, parse_date_value
from .document import Parsed, finish_document
from .feeds import read_feed
from .files import binary_reason, decode_bytes, read_file_bytes
from .html import html_fragment_text, parse_html
from .ids import canonical_url, document_id, is_url
from .jsonl import read_json
from .reader import read_inputs, read_path
from .text import parse_text
from .web import fetch, make_client, read_url

__all__ = [
    "Parsed",
    "binary_reason",
    "canonical_url",
    "decode_bytes",
    "document_id",
    "fetch",
    "find_dates",
    "finish_document",
    "html_fragment_text",
    "is_url",
    "make_client",
    "parse_date_value",
    "parse_html",
    "parse_text",
    "read_feed",
    "read_file_bytes",
    "read_inputs",
    "read_json",
    "read_path",
    "read_url",
]
