"""Reading every input: files, folders and URLs, one Document or Rejection at a time."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import httpx

from ..errors import Errors
from ..records import Document, Rejection
from ..settings import Settings
from .detect import format_from_extension, sniff_format
from .document import finish_document
from .feeds import read_feed
from .files import binary_reason, decode_bytes, read_file_bytes, walk_folder
from .guard import unexpected
from .html import page_document
from .ids import document_id, is_url
from .jsonl import read_json
from .text import parse_text
from .web import make_client, page_fetcher, read_url

__all__ = ["read_inputs", "read_path"]

ClientFactory = Callable[[], httpx.Client]


def read_path(path: Path, source: str, settings: Settings,
              get_client: ClientFactory | None = None) -> Iterator[Document | Rejection]:
    """Documents of one file, whatever its format (by extension, else by sniffing)."""
    data = read_file_bytes(path, source, settings)
    if isinstance(data, Rejection):
        yield data
        return
    if (why := binary_reason(data)) is not None:
        yield Rejection(source, "E102", Errors.E102.msg(detail=why))
        return
    decoded = decode_bytes(data)
    if isinstance(decoded, str):
        yield Rejection(source, "E104", Errors.E104.msg(detail=decoded))
        return
    fmt = format_from_extension(source) or sniff_format(decoded.text)
    if fmt in ("json", "jsonl"):
        yield from read_json(decoded.text, source=source, raw=data, encoding=decoded.encoding,
                             settings=settings, lines=fmt == "jsonl")
    elif fmt == "feed":
        fetch_page = page_fetcher(source, get_client, settings) if get_client is not None else None
        yield from read_feed(data, source=source, settings=settings, fetch_page=fetch_page)
    elif fmt == "html":
        yield decoded.note(page_document(decoded.text, doc_id=document_id(source), source=source, format="html",
                                         raw=data, encoding=decoded.encoding, settings=settings))
    else:
        yield decoded.note(finish_document(parse_text(decoded.text), doc_id=document_id(source), source=source,
                                           format="text", raw=data, encoding=decoded.encoding, settings=settings))


def _guarded(source: str, items: Iterator[Document | Rejection]) -> Iterator[Document | Rejection]:
    """``items``, and a Rejection (E112) instead of an exception: one bad input never stops a run."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - any failure of one input becomes its rejection
        yield unexpected(source, exc)


def _shown(name: str) -> str:
    """A file name as it can be stored and shown: bytes that are not UTF-8 (kept by the OS as
    surrogate escapes) become U+FFFD; the file itself is still opened by its real path."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _expand(inputs: Iterable[str]) -> Iterator[tuple[str, Path | None] | Rejection]:
    """``(source, path)`` for each file (folders walked), ``(url, None)`` for URLs."""
    for item in inputs:
        if is_url(item):
            yield item, None
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk_folder(path):
                yield _shown(str(file)), file
        elif path.exists():
            yield _shown(item), path
        else:
            yield Rejection(item, "E110", Errors.E110.msg(detail=item))


def _unique(doc: Document, taken: set[str]) -> Document:
    """``doc`` with an id no earlier document of this run has (same stem in two folders)."""
    if doc.id not in taken:
        return doc
    digest = hashlib.sha1(doc.source.encode("utf-8")).hexdigest()
    for n in range(8, 41, 4):
        candidate = f"{doc.id}_{digest[:n]}"
        if candidate not in taken:
            return dataclasses.replace(doc, id=candidate)
    return dataclasses.replace(doc, id=f"{doc.id}_{digest}_{len(taken)}")


def read_inputs(inputs: Iterable[str], settings: Settings,
                client: httpx.Client | None = None) -> Iterator[Document | Rejection]:
    """Every Document (or Rejection) of ``inputs``: files, folders (recursive, sorted, hidden files
    skipped) and http(s) URLs of pages or feeds. A client is made on first need when none is given,
    and closed at the end."""
    own: list[httpx.Client] = []

    def get_client() -> httpx.Client:
        if client is not None:
            return client
        if not own:
            own.append(make_client(settings))
        return own[0]

    seen_files: set[Path] = set()
    taken: set[str] = set()
    try:
        for entry in _expand(inputs):
            if isinstance(entry, Rejection):
                yield entry
                continue
            source, path = entry
            if path is None:
                items = read_url(source, get_client(), settings)
            else:
                resolved = path.resolve()
                if resolved in seen_files:
                    continue  # the same file named twice
                seen_files.add(resolved)
                items = read_path(path, source, settings, get_client)
            for item in _guarded(source, items):
                if isinstance(item, Document):
                    item = _unique(item, taken)
                    taken.add(item.id)
                yield item
    finally:
        for own_client in own:
            own_client.close()
