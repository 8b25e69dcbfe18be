"""Fetching at scale: a deadline per URL, feed links into private networks refused, and text that is
not UTF-8 decoded with a recorded warning."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from newsfuse.ingest.files import decode_bytes
from newsfuse.ingest.reader import read_inputs
from newsfuse.ingest.web import fetch, make_client, page_fetcher, private_address, read_url
from newsfuse.records import Document, Rejection
from newsfuse.settings import Settings


def test_a_server_that_drips_bytes_meets_the_deadline():
    class Drip(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>x</p>" * 10)
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            return None

    _meets_the_deadline(Drip)


def _serve(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _meets_the_deadline(handler: type[BaseHTTPRequestHandler]) -> None:
    server = _serve(handler)
    settings = Settings(fetch_deadline=1.0, fetch_timeout=5.0)
    try:
        started = time.monotonic()
        with make_client(settings) as client:
            got = fetch(f"http://127.0.0.1:{server.server_address[1]}/", client, settings)
        assert time.monotonic() - started < 3
        assert isinstance(got, Rejection) and got.code == "E121" and "deadline" in got.reason
    finally:
        server.shutdown()
        server.server_close()


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
<item><title>a</title><link>http://127.0.0.1:9/admin</link><description>teaser</description></item>
<item><title>b</title><link>http://10.1.2.3/page</link><description>teaser</description></item>
<item><title>c</title><link>http://localhost/x</link><description>teaser</description></item>
</channel></rss>"""


def _feed_client(pages: list[str]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed.xml":
            return httpx.Response(200, content=FEED, headers={"Content-Type": "application/rss+xml"})
        pages.append(str(request.url))
        return httpx.Response(200, html=f"<html><body><article><p>{'Words of the article. ' * 40}</p>"
                                        "</article></body></html>")

    return make_client(Settings(), transport=httpx.MockTransport(handler))


def test_feed_links_into_private_networks_are_refused():
    pages: list[str] = []
    with _feed_client(pages) as client:
        out = list(read_url("https://feeds.example/feed.xml", client, Settings()))
    assert [r.code for r in out] == ["E125", "E125", "E125"] and pages == []
    assert "allow_private_urls" in out[0].reason
    with _feed_client(pages) as client:
        out = list(read_url("https://feeds.example/feed.xml", client, Settings(allow_private_urls=True)))
    assert len(pages) == 3 and all(isinstance(d, Document) for d in out)


def test_private_addresses():
    assert private_address("http://127.0.0.1/x") and private_address("http://[::1]/")
    assert private_address("http://192.168.1.1/") and private_address("http://169.254.169.254/latest")
    assert private_address("http://printer.local/") and private_address("http://localhost:8080/")
    assert private_address("http://8.8.8.8/") is None


def test_text_that_is_not_utf8_is_decoded_with_a_warning(tmp_path):
    text = ("Министр иностранных дел Испании посетил Багдад и заявил, что нападения на войска "
            "коалиции должны прекратиться. ") * 3
    decoded = decode_bytes(text.encode("cp1251"))
    assert not isinstance(decoded, str) and decoded.warning and "not UTF-8" in decoded.warning
    assert decode_bytes(text.encode("utf-8")).warning is None
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("cp1251"))
    (doc,) = read_inputs([str(path)], Settings())
    assert isinstance(doc, Document) and "not UTF-8" in doc.meta["encoding_warning"]
    assert doc.text.startswith("Министр")


def _redirecting_client(requested: list[str], settings: Settings) -> httpx.Client:
    """A feed whose one link, on a public host, redirects to a page on this machine."""
    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.path == "/feed.xml":
            return httpx.Response(200, headers={"Content-Type": "application/rss+xml"}, content=(
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>a</title>'
                b"<link>https://news.example/a</link><description>teaser</description></item></channel></rss>"))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://127.0.0.1:9/admin"})
        return httpx.Response(200, html=f"<html><body><article><p>{'Words of the article. ' * 40}</p>"
                                        "</article></body></html>")

    return make_client(settings, transport=httpx.MockTransport(handler))


def test_a_feed_link_redirected_into_this_machine_is_refused_before_it_is_requested():
    requested: list[str] = []
    with _redirecting_client(requested, Settings()) as client:
        (out,) = read_url("https://feeds.example/feed.xml", client, Settings())
    assert isinstance(out, Rejection) and out.code == "E125" and "redirected to http://127.0.0.1:9/admin" in out.reason
    assert requested == ["https://feeds.example/feed.xml", "https://news.example/a"]
    requested.clear()
    with _redirecting_client(requested, Settings(allow_private_urls=True)) as client:
        (out,) = read_url("https://feeds.example/feed.xml", client, Settings(allow_private_urls=True))
    assert isinstance(out, Document) and out.meta["fetched_url"] == "http://127.0.0.1:9/admin"


def test_a_redirect_loop_on_a_feed_link_stops_at_the_redirect_limit():
    settings = Settings(max_redirects=3)
    hops: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hops.append(request.url.path)
        return httpx.Response(302, headers={"Location": f"https://news.example/{len(hops)}"})

    with make_client(settings, transport=httpx.MockTransport(handler)) as client:
        got = fetch("https://news.example/0", client, settings, refuse=lambda target, why: None)
    assert isinstance(got, Rejection) and got.code == "E123" and "redirects" in got.reason and len(hops) == 4


def test_a_body_without_a_declared_length_stops_at_the_byte_limit():
    sent = []

    def chunks():
        for _ in range(1000):
            sent.append(1)
            yield b"<p>" + b"x" * 1000 + b"</p>"

    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=chunks()))
    settings = Settings(fetch_max_mb=0.1)
    with make_client(settings, transport=transport) as client:
        got = fetch("https://big.example/", client, settings)
    assert isinstance(got, Rejection) and got.code == "E124" and "over 0.1" in got.reason
    assert len(sent) < 200  # read no further than the limit


def test_a_page_that_is_not_utf8_is_decoded_with_a_warning_or_rejected():
    text = ("Министр иностранных дел Испании посетил Багдад и заявил, что нападения на войска "
            "коалиции должны прекратиться. ") * 5

    def page(body: bytes):
        return httpx.MockTransport(lambda request: httpx.Response(200, content=body, headers={
            "Content-Type": "text/html"}))  # no charset: the bytes decide

    html = f"<html><body><article><p>{text}</p></article></body></html>"
    with make_client(Settings(), transport=page(html.encode("cp1251"))) as client:
        (doc,) = read_url("https://news.example/ru", client, Settings())
    assert isinstance(doc, Document) and "not UTF-8" in doc.meta["encoding_warning"] and "Министр" in doc.text
    broken = html.encode("utf-8").replace("Багдад".encode("utf-8"), "Багдад".encode("utf-8")[:-1] + b"\xff", 1)
    with make_client(Settings(), transport=page(broken)) as client:
        (rej,) = read_url("https://news.example/broken", client, Settings())
    assert isinstance(rej, Rejection) and rej.code == "E104" and "invalid byte" in rej.reason


def test_a_server_that_drips_its_headers_meets_the_deadline():
    """Every byte of the status line and headers comes under the read timeout, so only a deadline on
    each step of the request (not just the body) stops it."""
    class DripHeaders(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            try:
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"x" * 200:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            return None

    _meets_the_deadline(DripHeaders)


def test_a_feed_link_is_checked_again_where_it_connects(monkeypatch):
    """DNS rebinding: the name answered with a public address when the link was checked, and with this
    machine's when the connection was made. The connection is refused, with E125, and nothing is
    requested from the private address."""
    hits: list[str] = []

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html><body><p>secret</p></body></html>")

        def log_message(self, *args):
            return None

    server = _serve(Page)
    port = server.server_address[1]
    answers = iter(["93.184.216.34"])
    real = socket.getaddrinfo

    def rebinding(host, *args, **kwargs):
        if host == "news.example":  # first answer public, every later one this machine
            address = next(answers, "127.0.0.1")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    settings = Settings()
    link = f"http://news.example:{port}/a"
    try:
        assert private_address(link) is None  # the check before the request sees the public answer
        with make_client(settings) as client:
            (got,) = page_fetcher("https://feeds.example/feed.xml", lambda: client, settings)(link)
        assert isinstance(got, Rejection) and got.code == "E125" and "127.0.0.1" in got.reason
        assert hits == []
        allowed = Settings(allow_private_urls=True)
        with make_client(allowed) as client:
            (got,) = page_fetcher("https://feeds.example/feed.xml", lambda: client, allowed)(link)
        assert hits == ["/a"]
    finally:
        server.shutdown()
        server.server_close()
