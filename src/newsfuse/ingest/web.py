"""Fetching URLs: one configured client, streamed reads with a size limit, clear rejections."""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..errors import Errors
from ..records import Document, Rejection
from ..settings import Settings
from .detect import looks_like_feed
from .feeds import read_feed
from .files import binary_reason, decode_bytes, mb
from .html import page_document
from .ids import document_id
from .net import Guard, address_problem, guard_client, guarded

__all__ = ["Fetched", "make_client", "fetch", "page_fetcher", "private_address", "read_fetched", "read_page",
           "read_url"]

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: final URL, content type and body bytes."""

    url: str
    content_type: str
    charset: str | None
    data: bytes
    status: int = 200  # 304 when a conditional request found nothing new (``data`` is then empty)
    etag: str | None = None
    last_modified: str | None = None


def make_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An HTTP client with newsfuse's timeout, User-Agent and redirect limit, over the guarded network
    of :mod:`.net` (transport injectable)."""
    client = httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,"
                 "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8"},
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        transport=transport,
    )
    return client if transport is not None else guard_client(client)


def fetch(url: str, client: httpx.Client, settings: Settings,
          headers: dict[str, str] | None = None,
          refuse: Callable[[str, str | None], Rejection | None] | None = None) -> Fetched | Rejection:
    """GET ``url``: E122 for an HTTP error status, E121 timeout, E124 too large, E123 anything else.

    ``headers``: extra request headers (``If-None-Match`` / ``If-Modified-Since`` for a conditional
    request; a 304 answer is a Fetched with status 304 and no data). ``refuse(target, None)``: the
    rejection of a redirect's target, or None to follow it; with it, redirects are followed here, one at
    a time, so that a link that passed the check cannot redirect into a place the check refuses, and
    each connection is checked again where it is made (``refuse(target, why)``: a name that resolved
    outside, then inside). The deadline (``fetch_deadline``) covers the whole URL, redirects included, and
    every step of it, headers too (:mod:`.net`)."""
    limit = int(settings.fetch_max_mb * 1_048_576)
    deadline = time.monotonic() + settings.fetch_deadline
    target = url
    guard = Guard(deadline=deadline, refuse_private=refuse is not None)
    try:
        with guarded(guard):
            try:
                for _ in range(settings.max_redirects + 1):
                    with client.stream("GET", target, headers=headers, follow_redirects=refuse is None) as response:
                        if refuse is not None and response.next_request is not None:
                            if time.monotonic() > deadline:
                                return _past_deadline(url, settings)
                            target = str(response.next_request.url)
                            if (refused := refuse(target, None)) is not None:
                                return refused
                            continue
                        return _read(url, response, settings, limit, deadline)
                raise httpx.TooManyRedirects(f"more than {settings.max_redirects} redirects")
            except httpx.ConnectError:
                if refuse is not None and guard.why is not None and (refused := refuse(target, guard.why)) is not None:
                    return refused
                raise
    except httpx.TimeoutException:
        if guard.expired or time.monotonic() > deadline:
            return _past_deadline(url, settings)
        return Rejection(url, "E121", Errors.E121.msg(detail=url))
    except httpx.TooManyRedirects:
        return Rejection(url, "E123", Errors.E123.msg(detail=url, error=f"more than {settings.max_redirects} redirects"))
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return Rejection(url, "E123", Errors.E123.msg(detail=url, error=f"{type(exc).__name__}: {exc}"))


def _past_deadline(url: str, settings: Settings) -> Rejection:
    return Rejection(url, "E121", Errors.E121.msg(detail=f"{url} (over the {settings.fetch_deadline:g} s deadline for "
                                                         "one URL)"))


def _read(url: str, response: httpx.Response, settings: Settings, limit: int, deadline: float) -> Fetched | Rejection:
    """The body of ``response`` (the answer for ``url``), read within the byte limit and the deadline."""
    if response.status_code == 304:
        return Fetched(str(response.url), "", None, b"", status=304,
                       etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))
    if response.status_code >= 400:
        return Rejection(url, "E122", Errors.E122.msg(detail=url, status=response.status_code))
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return Rejection(url, "E124", Errors.E124.msg(detail=url, size=mb(int(declared)), limit=settings.fetch_max_mb))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:  # a server that drips bytes never times a read out
            return _past_deadline(url, settings)
        size += len(chunk)
        if size > limit:
            return Rejection(url, "E124", Errors.E124.msg(detail=url, size=f"over {mb(limit)}",
                                                          limit=settings.fetch_max_mb))
        chunks.append(chunk)
    content_type = response.headers.get("content-type", "")
    return Fetched(str(response.url), content_type.split(";")[0].strip().lower(),
                   response.charset_encoding, b"".join(chunks), status=response.status_code,
                   etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))


def _is_feed(fetched: Fetched) -> bool:
    """A feed by its content type, or by an RSS/Atom/RDF root whatever the server says."""
    if fetched.content_type in _FEED_TYPES:
        return True
    return looks_like_feed(fetched.data[:2000].decode("utf-8", errors="ignore"))


def read_page(url: str, fetched: Fetched, settings: Settings, *, format: str) -> Document | Rejection:
    """The article of a fetched page (E102 binary, E104 undecodable, E107 no article, E109 too short)."""
    if (why := binary_reason(fetched.data)) is not None:
        return Rejection(url, "E102", Errors.E102.msg(detail=why))
    decoded = None
    if fetched.charset:
        try:
            decoded = (fetched.data.decode(fetched.charset), fetched.charset)
        except (UnicodeDecodeError, LookupError):
            decoded = None
    warning = None
    if decoded is None:
        result = decode_bytes(fetched.data)
        if isinstance(result, str):
            return Rejection(url, "E104", Errors.E104.msg(detail=result))
        decoded, warning = (result.text, result.encoding), result.warning
    doc = page_document(decoded[0], doc_id=document_id(url), source=url, format=format,
                        raw=fetched.data, encoding=decoded[1], settings=settings, url=fetched.url)
    if isinstance(doc, Document) and warning:
        doc = dataclasses.replace(doc, meta={**doc.meta, "encoding_warning": warning})
    if isinstance(doc, Document) and fetched.url != url:
        doc = dataclasses.replace(doc, meta={**doc.meta, "fetched_url": fetched.url})
    return doc


def read_url(url: str, client: httpx.Client, settings: Settings) -> Iterator[Document | Rejection]:
    """Documents from a URL: the article of a page, or the entries of a feed."""
    fetched = fetch(url, client, settings)
    if isinstance(fetched, Rejection):
        yield fetched
        return
    yield from read_fetched(url, fetched, client, settings)


def read_fetched(url: str, fetched: Fetched, client: httpx.Client, settings: Settings
                 ) -> Iterator[Document | Rejection]:
    """Documents of a fetched response: the entries of a feed (teasers' pages fetched), or a page."""
    if _is_feed(fetched):

        yield from read_feed(fetched.data, source=url, settings=settings,
                             fetch_page=page_fetcher(url, lambda: client, settings))
        return
    yield read_page(url, fetched, settings, format="url")


def page_fetcher(feed: str, get_client: Callable[[], httpx.Client], settings: Settings
                 ) -> Callable[[str], Iterator[Document | Rejection]]:
    """``fetch_page(link)`` for the teaser entries of ``feed``: the linked page's document, or why not
    (E125 for a link into this machine or a private network, or one redirected there, unless
    ``allow_private_urls``)."""

    def refuse(target: str, link: str, why: str | None = None) -> Rejection | None:
        why = why or (None if settings.allow_private_urls else private_address(target))
        if why is None:
            return None
        detail = link if target == link else f"{link} (redirected to {target})"
        return Rejection(link, "E125", Errors.E125.msg(detail=detail, feed=feed, why=why))

    def fetch_page(link: str) -> Iterator[Document | Rejection]:
        if (refused := refuse(link, link)) is not None:
            yield refused
            return
        page = fetch(link, get_client(), settings,
                     refuse=None if settings.allow_private_urls else lambda target, why: refuse(target, link, why))
        yield page if isinstance(page, Rejection) else read_page(link, page, settings, format="feed")

    return fetch_page


def private_address(url: str) -> str | None:
    """Why ``url`` points inside this machine or a private network (loopback, private, link-local,
    reserved, or a name that resolves there), or None. A feed's links are someone else's words:
    followed blindly they would let a feed make newsfuse read a local admin page."""
    host = urlsplit(url).hostname
    if not host:
        return "it has no host"
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return f"{host} is a local name"
    try:
        addresses = {ipaddress.ip_address(host)}
    except ValueError:
        try:
            addresses = {ipaddress.ip_address(info[4][0].split("%")[0])
                         for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
        except (OSError, UnicodeError, ValueError):
            return None  # the name does not resolve: fetching it fails on its own, with its reason
    return next((why for addr in addresses if (why := address_problem(host, addr)) is not None), None)
