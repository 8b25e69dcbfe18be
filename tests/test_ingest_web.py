"""Fetching URLs: a real local server for timeouts and redirects, MockTransport for the rest."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from newsfuse.ingest import document_id, make_client, read_inputs
from newsfuse.records import Document, Rejection
from newsfuse.settings import USER_AGENT, Settings
from test_ingest_formats import article_html, full_item, rss

FEED = rss(full_item(1))


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/old-feed":
            self.send_response(301)
            self.send_header("Location", "/feed.xml")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        body, kind = (FEED, "application/rss+xml") if self.path in ("/feed.xml", "/slow") else \
            (article_html(), "text/html; charset=utf-8")
        data = body.encode("utf-8")
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def read(url: str, settings: Settings | None = None, transport: httpx.BaseTransport | None = None):
    settings = settings or Settings()
    client = make_client(settings, transport=transport) if transport else None
    return list(read_inputs([url], settings, client=client))


def test_timeout_on_local_server(server):
    [item] = read(f"{server}/slow", Settings(fetch_timeout=0.3))
    assert isinstance(item, Rejection) and item.code == "E121" and "/slow" in item.reason


def test_redirect_to_feed_on_local_server(server):
    [doc] = read(f"{server}/old-feed")
    assert isinstance(doc, Document) and doc.format == "feed" and doc.title == "Story 1"


def test_page_on_local_server(server):
    url = f"{server}/article"
    [doc] = read(url)
    assert isinstance(doc, Document) and doc.format == "url" and doc.id == document_id(url)
    assert doc.source == url and doc.encoding == "utf-8" and doc.text.startswith("BAGHDAD")


def test_redirect_loop_is_an_error(server):
    [item] = read(f"{server}/loop", Settings(max_redirects=3))
    assert isinstance(item, Rejection) and item.code == "E123" and "redirects" in item.reason


@pytest.mark.parametrize("status", [404, 500])
def test_http_error_status(status):
    transport = httpx.MockTransport(lambda request: httpx.Response(status, text="nope"))
    [item] = read("https://feeds.example.org/rss", transport=transport)
    assert isinstance(item, Rejection) and item.code == "E122" and str(status) in item.reason


def test_connection_error():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    [item] = read("https://down.example.org/", transport=httpx.MockTransport(refuse))
    assert item.code == "E123" and "ConnectError" in item.reason


def test_mock_timeout():
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    [item] = read("https://slow.example.org/feed", transport=httpx.MockTransport(slow))
    assert item.code == "E121"


def test_oversize_response():
    big = b"<html><body>" + b"x" * 300_000 + b"</body></html>"
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=big))
    [item] = read("https://big.example.org/", Settings(fetch_max_mb=0.1), transport=transport)
    assert item.code == "E124"


def test_client_sends_user_agent_and_teaser_feed_fetches_pages():
    seen: list[httpx.Request] = []
    teaser = """<item><title>Teaser</title><link>https://news.example.org/a</link>
<pubDate>Thu, 25 Jan 2024 10:00:00 GMT</pubDate><description>Short teaser.</description></item>
<item><title>Gone</title><link>https://news.example.org/gone</link><description>x</description></item>"""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/rss":
            return httpx.Response(200, text=rss(teaser), headers={"content-type": "text/xml"})
        if request.url.path == "/a":
            return httpx.Response(200, text=article_html("Teaser page"), headers={"content-type": "text/html"})
        return httpx.Response(404)

    items = read("https://news.example.org/rss", transport=httpx.MockTransport(handler))
    doc, gone = items
    assert isinstance(doc, Document) and doc.format == "feed" and doc.title == "Teaser page"
    assert doc.id == document_id("https://news.example.org/a")
    kinds = {e.kind for e in doc.date_evidence}
    assert {"feed", "html-meta"} <= kinds
    assert isinstance(gone, Rejection) and gone.code == "E122"
    assert all(r.headers["user-agent"] == USER_AGENT for r in seen)


def test_make_client_settings():
    settings = Settings(fetch_timeout=2.5, max_redirects=2, user_agent="test-agent/1")
    with make_client(settings) as client:
        assert client.timeout.read == 2.5 and client.max_redirects == 2
        assert client.headers["user-agent"] == "test-agent/1" and client.follow_redirects
