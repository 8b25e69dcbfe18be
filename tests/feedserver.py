"""A local feed server for the watch tests: items are released poll by poll, ETags honoured."""

from __future__ import annotations

import hashlib
import threading
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


def rss(items: list[dict]) -> bytes:
    """An RSS 2.0 feed of ``items`` ({title, link, date (ISO), text})."""
    entries = []
    for it in items:
        day = datetime.fromisoformat(it["date"]).replace(hour=12, tzinfo=timezone.utc)
        entries.append(
            f"<item><title>{escape(it['title'])}</title><link>{escape(it['link'])}</link>"
            f"<guid>{escape(it['link'])}</guid><pubDate>{format_datetime(day)}</pubDate>"
            f"<description>{escape(it['text'])}</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test wire</title>'
            + "".join(entries) + "</channel></rss>").encode("utf-8")


class FeedServer:
    """Serves ``/feed.xml`` with the items released so far (``release(n)``), answering 304 to an
    unchanged ETag; ``requests`` records (path, If-None-Match) of each request."""

    def __init__(self, items: list[dict]) -> None:
        self.items = items
        self.released = 0
        self.requests: list[tuple[str, str | None]] = []
        self.fail = False
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.requests.append((self.path, self.headers.get("If-None-Match")))
                if server.fail:
                    self.send_response(503)
                    self.end_headers()
                    return
                body = rss(server.items[: server.released])
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def release(self, n: int) -> None:
        self.released = n

    def __enter__(self) -> "FeedServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
