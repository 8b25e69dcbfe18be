"""The web layer: read-only JSON API and HTML UI over a built database."""

import json
import threading
from io import BytesIO
from wsgiref.simple_server import make_server
from wsgiref.util import setup_testing_defaults

import httpx
import pytest

from newsfuse.errors import NewsfuseError
from newsfuse.web import WebApp


@pytest.fixture(scope="module")
def app(seeds_db):
    return WebApp(seeds_db)


def _get(app, path, query="", method="GET"):
    env = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": method, "wsgi.input": BytesIO()}
    setup_testing_defaults(env)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(env, start_response))
    return seen["status"], seen["headers"], body


def test_missing_database_is_refused_at_start(tmp_path):
    with pytest.raises(NewsfuseError):
        WebApp(tmp_path / "missing.db")


def test_ui_and_endpoint_index(app):
    status, headers, body = _get(app, "/")
    assert status.startswith("200") and headers["Content-Type"].startswith("text/html")
    assert b"Albares" in body
    status, _, body = _get(app, "/api")
    assert "/api/quotes" in json.loads(body)["endpoints"]


def test_filters_match_the_cli(app):
    _, _, body = _get(app, "/api/quotes", "speaker=Albares")
    rows = json.loads(body)
    assert rows and all("Albares" in r["speaker_name"] for r in rows)
    _, _, body = _get(app, "/api/events", "place=JO")
    rows = json.loads(body)
    assert rows and all((e["place"] or {}).get("country_code") == "JO" for e in rows)
    _, _, body = _get(app, "/api/figures", "status=agree")
    groups = json.loads(body)
    assert groups and all(g["status"] == "agree" and g["figure_records"] for g in groups)


def test_articles_and_errors(app):
    _, _, body = _get(app, "/api/articles")
    arts = json.loads(body)
    assert len(arts) == 5 and "text" not in arts[0]
    status, _, body = _get(app, f"/api/articles/{arts[0]['id']}")
    assert status.startswith("200") and json.loads(body)["text"]
    assert _get(app, "/api/articles/nope")[0].startswith("404")
    assert _get(app, "/api/nothing")[0].startswith("404")
    assert _get(app, "/api/quotes", method="POST")[0].startswith("405")


def test_served_over_loopback(app):
    with make_server("127.0.0.1", 0, app) as httpd:
        thread = threading.Thread(target=httpd.handle_request, daemon=True)
        thread.start()
        port = httpd.server_address[1]
        r = httpx.get(f"http://127.0.0.1:{port}/api/events.geojson", timeout=10)
        thread.join(timeout=10)
    assert r.status_code == 200 and r.json()["type"] == "FeatureCollection"
