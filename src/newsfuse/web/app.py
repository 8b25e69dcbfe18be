"""A read-only WSGI application over a newsfuse database: pages for analysts and the JSON API they use.

    GET /                          stories (?page=N)
    GET /story/ID                  what happened, timeline, map, quotes by speaker, figures, copies
    GET /article/ID?hl=START-END   the article with its highlights; the followed evidence marked (#hl)
    GET /entity/ID                 an entity with its aliases, what it said and did
    GET /search?q=&kind=&speaker=&type=&place=&since=&until=&outlet=&story=&page=
    GET /api                       the list of JSON endpoints (see ENDPOINTS)

The account is read from the store at start, and again in the background when the database file
changes, or, on a PostgreSQL store, when a new build has been logged (asked at most every
``PG_CHECK_SECONDS``; while the server cannot be reached, the account in memory is served). Pages
keep being served from the previous version meanwhile. Nothing here writes to the
store or runs NLP. Requests whose Host header is not allowed are refused (DNS rebinding); every
response carries security headers; an unexpected error answers a bare 500 with a reference, and the
traceback goes to the server's log only. Local file paths are never sent: sources are file names.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from ..errors import NewsfuseError
from ..present.alerts import atom_feed
from ..present.export import account, geojson
from ..present.query import find_events, find_figure_groups, find_quotes
from ..present.render import Renderer, WebLinks
from ..present.views import DATE_RE, AccountIndex, SearchParams, public_source
from ..store.dialect import backend_of
from ..store.sqlite import Store, display_name

__all__ = ["WebApp", "ENDPOINTS", "SECURITY_HEADERS", "LOOPBACK_HOSTS"]

#: how often a PostgreSQL store is asked whether a build changed it (a file's time costs nothing to read)
PG_CHECK_SECONDS = 2.0

log = logging.getLogger("newsfuse.web")
StartResponse = Callable[[str, list[tuple[str, str]]], Any]

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
SECURITY_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]
ENDPOINTS = {
    "/api/stories": "stories with dates and counts of articles, outlets and independent sources",
    "/api/stories/<id>": "one story: summary, main events, quotes by speaker, figure groups, copies",
    "/api/search": "quotes, events, figures and entities; ?q=&kind=&speaker=&type=&place=&since=&until=&outlet=&story=&page=",
    "/api/articles": "articles without text (?story=ID); /api/articles/<id> for one with its text",
    "/api/entities": "entities with aliases; /api/entities/<id> for one",
    "/api/quotes": "quotes; ?speaker=NAME&contains=TEXT",
    "/api/figures": "figure groups with their figures; ?status=agree|updated|conflict|single&conflicts=1",
    "/api/events": "events; ?type=attack&place=Iraq|IQ|Baghdad&since=2024-01-01",
    "/api/events.geojson": "events with coordinates as GeoJSON",
    "/api/copies": "text reuse pairs", "/api/timeline": "dated events and quotes",
    "/api/rejections": "inputs that were rejected (file names only)",
    "/api/account": "the whole account (export.schema.json; sources as file names)",
    "/api/status": "articles, stories, and whether the last build finished",
    "/api/alerts": "alerts recorded by `newsfuse watch`, oldest first; ?since=YYYY-MM-DD&limit=200 (also /alerts.atom)",
}
_STATIC = {"newsfuse.css": "text/css; charset=utf-8"}


class HTTPError(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class WebApp:
    """WSGI callable. ``WebApp("newsfuse.db")`` can be served by any WSGI server.

    ``allowed_hosts``: host names the Host header may carry (port ignored); loopback names by default.
    Pass ``None`` to skip the check (only behind a proxy that checks it).
    """

    def __init__(self, db: str | Path, allowed_hosts: Iterable[str] | None = LOOPBACK_HOSTS) -> None:
        self.db: str | Path = str(db) if backend_of(str(db)) == "postgresql" else Path(db)
        self._pg_checked = (0.0, ())  # (monotonic time, stamp) of the last look at a PostgreSQL store
        Store(self.db, must_exist=True).close()  # a clear error now, not on the first request
        self.allowed_hosts = None if allowed_hosts is None else {h.lower().strip("[]") for h in allowed_hosts}
        self._lock = threading.Lock()
        self._reloading = False
        self._stamp = self._version()
        self.index, self.renderer = self._build()
        self._static = {name: resources.files("newsfuse.present").joinpath("static", name).read_bytes() for name in _STATIC}

    # ------------------------------------------------------------------ the account, kept fresh
    def _version(self) -> tuple[Any, ...]:
        if isinstance(self.db, Path):
            return tuple(os.stat(p).st_mtime if os.path.exists(p) else 0.0 for p in (self.db, Path(f"{self.db}-wal")))
        checked, stamp = self._pg_checked
        if time.monotonic() - checked >= PG_CHECK_SECONDS:
            try:
                with Store(self.db, must_exist=True) as store:
                    stamp = store.change_stamp()
            except NewsfuseError as exc:  # the server is away: keep serving what is loaded
                log.warning("checking %s for a new build failed: %s", display_name(self.db), exc)
            self._pg_checked = (time.monotonic(), stamp)
        return stamp

    def _build(self) -> tuple[AccountIndex, Renderer]:
        with Store(self.db, must_exist=True) as store:
            index = AccountIndex(account(store), store.last_run())
        renderer = Renderer(index, WebLinks(static_version=str(abs(hash(self._stamp)) % 10**8)))
        renderer.warm_up()
        # The index is millions of long-lived objects: keep them out of the cyclic collector's full passes,
        # which would otherwise stall a request for seconds now and then (they are still freed by refcount).
        gc.collect()
        gc.freeze()
        return index, renderer

    def _refresh(self) -> None:
        """Rebuild the index in the background when the database changed; requests use the old one meanwhile."""
        stamp = self._version()
        with self._lock:
            if stamp == self._stamp or self._reloading:
                return
            self._reloading = True

        def work() -> None:
            try:
                built = self._build()
                with self._lock:
                    self.index, self.renderer = built
                    self._stamp = stamp
            except Exception:  # keep serving the previous version; the next request tries again
                log.exception("reloading %s failed", display_name(self.db))
            finally:
                with self._lock:
                    self._reloading = False

        threading.Thread(target=work, name="newsfuse-reload", daemon=True).start()

    # ------------------------------------------------------------------ WSGI
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        api = path.startswith("/api")
        try:
            self._check_host(environ)
            if method not in ("GET", "HEAD"):
                raise HTTPError("405 Method Not Allowed", "this server is read-only: use GET")
            query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", ""), max_num_fields=40).items()}
            self._refresh()
            origin = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST') or 'localhost'}"
            status, body, ctype = self._route(path.rstrip("/") or "/", query, origin)
        except HTTPError as exc:
            status, body, ctype = self._error(exc.status, exc.message, api)
        except Exception:  # a request must never take the server down, nor tell a client about internals
            ref = uuid.uuid4().hex[:8]
            log.exception("request %s %s failed (ref %s)", method, path[:200], ref)
            status, body, ctype = self._error("500 Internal Server Error", f"Something went wrong (reference {ref}).", api)
        if isinstance(body, bytes):
            data = body
        elif isinstance(body, str):
            data = body.encode("utf-8")
        else:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = [("Content-Type", ctype), ("Content-Length", str(len(data))), *SECURITY_HEADERS,
                   ("Cache-Control", "public, max-age=86400" if path.startswith("/static/") else "no-cache")]
        if status.startswith("405"):
            headers.append(("Allow", "GET, HEAD"))
        start_response(status, headers)
        return [b"" if method == "HEAD" else data]

    def _check_host(self, environ: dict[str, Any]) -> None:
        if self.allowed_hosts is None:
            return
        host = environ.get("HTTP_HOST") or ""
        name = host.rsplit("]", 1)[0].lstrip("[") if host.startswith("[") else host.rsplit(":", 1)[0]
        if name.lower() not in self.allowed_hosts:
            raise HTTPError("400 Bad Request", "this server does not answer to that host name "
                                               "(start it with --allow-host NAME to allow it)")

    def _error(self, status: str, message: str, api: bool) -> tuple[str, Any, str]:
        if api:
            return status, {"error": message}, "application/json; charset=utf-8"
        return status, self.renderer.error(status, message), "text/html; charset=utf-8"

    # ------------------------------------------------------------------ routes
    def _route(self, path: str, q: dict[str, str], origin: str = "http://localhost") -> tuple[str, Any, str]:
        ix, view = self.index, self.renderer
        ok, html = "200 OK", "text/html; charset=utf-8"
        if path == "/":
            return ok, view.stories(_int(q.get("page"), 1)), html
        if path.startswith("/static/"):
            name = path.removeprefix("/static/")
            if name not in self._static:
                raise HTTPError("404 Not Found", "no such file")
            return ok, self._static[name], _STATIC[name]
        if path.startswith("/story/"):
            sid = _tail(path, "/story/")
            if sid not in ix.stories:
                raise HTTPError("404 Not Found", "There is no such story. It may have been merged into another by a new build.")
            return ok, view.story(sid), html
        if path.startswith("/article/"):
            aid = _tail(path, "/article/")
            if aid not in ix.articles:
                raise HTTPError("404 Not Found", "There is no such article.")
            return ok, view.article(aid, _span(q.get("hl"))), html
        if path.startswith("/entity/"):
            eid = _tail(path, "/entity/")
            if eid not in ix.entities:
                raise HTTPError("404 Not Found", "There is no such entity.")
            return ok, view.entity(eid), html
        if path == "/search":
            try:
                return ok, view.search(SearchParams.from_query(q)), html
            except ValueError as exc:
                return "400 Bad Request", view.search(SearchParams(), error=str(exc)), html
        if path == "/alerts.atom":
            return ok, atom_feed(self._alerts(q), feed_url=f"{origin}/alerts.atom"), \
                "application/atom+xml; charset=utf-8"
        if path == "/api" or path.startswith("/api/"):
            return "200 OK", self._api(path, q), "application/json; charset=utf-8"
        raise HTTPError("404 Not Found", "There is no such page.")

    def _alerts(self, q: dict[str, str]) -> list[dict[str, Any]]:
        """The latest alerts of `newsfuse watch` (read fresh: they change without a rebuild)."""
        since = q.get("since")
        if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T\d:.+Z-]*", since):
            raise HTTPError("400 Bad Request", "since must be a date: YYYY-MM-DD")
        with Store(self.db, must_exist=True) as store:
            rows = store.alerts(since=since)
        return rows[-_int(q.get("limit"), 200):]

    def _api(self, path: str, q: dict[str, str]) -> Any:
        ix = self.index
        acc = ix.acc
        if path == "/api":
            return {"endpoints": ENDPOINTS}
        if path == "/api/status":
            return {"articles": len(ix.articles), "stories": len(ix.stories),
                    "last_build": {k: ix.last_run.get(k) for k in ("started", "finished")} if ix.last_run else None,
                    "last_build_finished": bool(ix.last_run.get("finished")) if ix.last_run else None}
        if path == "/api/stories":
            return ix.story_list
        if path.startswith("/api/stories/"):
            sid = _tail(path, "/api/stories/")
            if sid not in ix.stories:
                raise HTTPError("404 Not Found", "no such story")
            b = ix.by_story.get(sid, {})
            return {**ix.story_summary(ix.stories[sid]), "article_ids": ix.stories[sid]["articles"],
                    "main_events": ix.main_events(sid), "quotes_by_speaker": ix.quotes_by_speaker(sid),
                    "figure_groups": ix.ranked_figure_groups(sid), "copies": b.get("copies", []),
                    "copy_groups": ix.copy_groups(sid)}
        if path == "/api/search":
            try:
                p = SearchParams.from_query(q)
            except ValueError as exc:
                raise HTTPError("400 Bad Request", str(exc)) from None
            found = ix.search(p)
            return {**{k: v for k, v in found.items() if k != "results"},
                    "results": [{"kind": k, **item} for k, item in found["results"]]}
        if path == "/api/articles":
            ids = ix.stories[q["story"]]["articles"] if q.get("story") in ix.stories else list(ix.articles)
            return [ix.public_article(a, with_text=False) for a in ids]
        if path.startswith("/api/articles/"):
            art = ix.public_article(_tail(path, "/api/articles/"))
            if art is None:
                raise HTTPError("404 Not Found", "no such article")
            return art
        if path.startswith("/api/entities/"):
            ent = ix.entities.get(_tail(path, "/api/entities/"))
            if ent is None:
                raise HTTPError("404 Not Found", "no such entity")
            return ent
        simple = {"/api/entities": "entities", "/api/copies": "copies", "/api/timeline": "timeline"}
        if path in simple:
            return acc.get(simple[path], [])
        if path == "/api/rejections":
            return [{**r, "source": public_source(r["source"])} for r in acc.get("rejections", [])]
        if path == "/api/account":
            return {**acc, "articles": [{**a, "source": public_source(a["source"])} for a in acc["articles"]],
                    "rejections": [{**r, "source": public_source(r["source"])} for r in acc.get("rejections", [])]}
        if path == "/api/quotes":
            return find_quotes(acc, q.get("speaker"), q.get("contains"))
        if path == "/api/figures":
            groups = find_figure_groups(acc, conflicts=q.get("conflicts") in ("1", "true", "yes"), status=q.get("status"))
            return [{**g, "figure_records": [ix.figures[i] for i in g["figures"] if i in ix.figures]} for g in groups]
        if path == "/api/events":
            since = q.get("since")
            if since and not DATE_RE.match(since):
                raise HTTPError("400 Bad Request", "since must be a date like 2024-01-25")
            return find_events(acc, q.get("type"), q.get("place"), since)
        if path == "/api/alerts":
            return self._alerts(q)
        if path == "/api/events.geojson":
            return geojson(acc)
        raise HTTPError("404 Not Found", f"no endpoint {path[:100]}; see /api")


def _tail(path: str, prefix: str) -> str:
    return unquote(path.removeprefix(prefix))


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def _span(value: str | None) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value or "")
    return (int(m.group(1)), int(m.group(2))) if m else None
