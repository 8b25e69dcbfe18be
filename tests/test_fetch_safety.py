"""Fetching at scale: a deadline per URL, feed links into private networks refused, and text that is
not UTF-8 decoded with a recorded warning."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from newsfuse.ingest.files import decode_bytes
from newsfuse.ingest.reader import read_inputs
from newsfuse.ingest.web import fetch, make_client, private_address, read_url
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

    server = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = Settings(fetch_deadline=1.0, fetch_timeout=5.0)
    try:
        started = time.monotonic()
        with make_client(settings) as client:
            got = fetch(f"http://127.0.0.1:{server.server_address[1]}/", client, settings)
        assert time.monotonic() - started < 5
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
