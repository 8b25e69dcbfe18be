"""A read-only WSGI application over a newsfuse database (standard library only).

    GET /                         the HTML report of the account (live)
    GET /api                      the list of endpoints
    GET /api/account              the whole account (export.schema.json)
    GET /api/articles             articles without their text; /api/articles/ID with it
    GET /api/stories | entities | copies | timeline | rejections
    GET /api/quotes?speaker=&contains=
    GET /api/figures?status=&conflicts=1      figure groups with their figures
    GET /api/events?type=&place=&since=
    GET /api/events.geojson

The account is read from the store once and re-read when the database file changes.
Nothing here writes to the store or runs NLP.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIServer, make_server

from ..present.export import account, geojson
from ..present.query import article_by_id, find_events, find_figure_groups, find_quotes
from ..present.report import render_report
from ..store.sqlite import Store

__all__ = ["WebApp", "serve"]

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

ENDPOINTS = {
    "/api/account": "the whole account (export.schema.json)",
    "/api/articles": "articles without text; /api/articles/<id> for one with its text",
    "/api/stories": "stories", "/api/entities": "entities with aliases", "/api/copies": "text reuse pairs",
    "/api/timeline": "dated events and quotes", "/api/rejections": "inputs that were rejected",
    "/api/quotes": "quotes; ?speaker=NAME&contains=TEXT",
    "/api/figures": "figure groups with their figures; ?status=agree|updated|conflict|single&conflicts=1",
    "/api/events": "events; ?type=attack&place=Iraq&since=2024-01-01",
    "/api/events.geojson": "events with coordinates as GeoJSON",
}


class WebApp:
    """WSGI callable. ``WebApp("newsfuse.db")`` can be served by any WSGI server."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        Store(self.db, must_exist=True).close()  # a clear error now, not on the first request
        self._lock = threading.Lock()
        self._stamp: tuple[float, ...] | None = None
        self._acc: dict[str, Any] = {}
        self._html = ""

    def _version(self) -> tuple[float, ...]:
        return tuple(os.stat(p).st_mtime if os.path.exists(p) else 0.0
                     for p in (self.db, Path(f"{self.db}-wal")))

    def _load(self) -> dict[str, Any]:
        with self._lock:
            stamp = self._version()
            if stamp != self._stamp:
                with Store(self.db, must_exist=True) as store:
                    self._acc = account(store)
                    self._html = render_report(store)
                self._stamp = stamp
            return self._acc

    # ------------------------------------------------------------------ WSGI
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if method not in ("GET", "HEAD"):
            return self._json(start_response, {"error": "this API is read-only: use GET"}, "405 Method Not Allowed")
        try:
            status, body, ctype = self._route(path.rstrip("/") or "/", query)
        except Exception as exc:  # a request must never take the server down
            return self._json(start_response, {"error": f"{type(exc).__name__}: {exc}"}, "500 Internal Server Error")
        if ctype == "application/json":
            return self._json(start_response, body, status)
        data = body.encode("utf-8")
        start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(data)))])
        return [b"" if method == "HEAD" else data]

    @staticmethod
    def _json(start_response: StartResponse, body: Any, status: str = "200 OK") -> list[bytes]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                                ("Content-Length", str(len(data)))])
        return [data]

    def _route(self, path: str, q: dict[str, str]) -> tuple[str, Any, str]:
        acc = self._load()
        ok, js = "200 OK", "application/json"
        if path == "/":
            return ok, self._html, "text/html; charset=utf-8"
        if path == "/api":
            return ok, {"endpoints": ENDPOINTS}, js
        if path == "/api/account":
            return ok, acc, js
        if path == "/api/articles":
            return ok, [{k: v for k, v in a.items() if k != "text"} for a in acc["articles"]], js
        if path.startswith("/api/articles/"):
            art = article_by_id(acc, path.split("/api/articles/", 1)[1])
            return (ok, art, js) if art else ("404 Not Found", {"error": "no such article"}, js)
        simple = {"/api/stories": "stories", "/api/entities": "entities", "/api/copies": "copies",
                  "/api/timeline": "timeline", "/api/rejections": "rejections"}
        if path in simple:
            return ok, acc.get(simple[path], []), js
        if path == "/api/quotes":
            return ok, find_quotes(acc, q.get("speaker"), q.get("contains")), js
        if path == "/api/figures":
            figs = {f["id"]: f for f in acc["figures"]}
            groups = find_figure_groups(acc, conflicts=q.get("conflicts") in ("1", "true", "yes"),
                                        status=q.get("status"))
            return ok, [{**g, "figure_records": [figs[i] for i in g["figures"] if i in figs]} for g in groups], js
        if path == "/api/events":
            return ok, find_events(acc, q.get("type"), q.get("place"), q.get("since")), js
        if path == "/api/events.geojson":
            return ok, geojson(acc), js
        return "404 Not Found", {"error": f"no endpoint {path}", "endpoints": sorted(ENDPOINTS)}, js


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the UI and API until interrupted."""
    app = WebApp(db)
    with make_server(host, port, app, server_class=_ThreadingServer) as httpd:
        httpd.serve_forever()
