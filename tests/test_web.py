"""The web layer: pages, JSON API, filters, and what it refuses to send (read-only, over a built database)."""

import json
import threading
from io import BytesIO
from pathlib import Path
from wsgiref.simple_server import make_server
from wsgiref.util import setup_testing_defaults

import httpx
import pytest

from newsfuse.errors import NewsfuseError
from newsfuse.pipeline import build
from newsfuse.present.views import AccountIndex
from newsfuse.settings import Settings
from newsfuse.web import WebApp

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


@pytest.fixture(scope="module")
def app(seeds_db):
    return WebApp(seeds_db)


def _get(app, path, query="", method="GET", host="127.0.0.1:8765"):
    env = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": method, "wsgi.input": BytesIO()}
    setup_testing_defaults(env)
    env["HTTP_HOST"] = host
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(env, start_response))
    return seen["status"], seen["headers"], body


def _story(app):
    return app.index.story_list[0]["id"]


def test_missing_database_is_refused_at_start(tmp_path):
    with pytest.raises(NewsfuseError):
        WebApp(tmp_path / "missing.db")


def test_story_list_and_endpoint_index(app):
    status, headers, body = _get(app, "/")
    assert status.startswith("200") and headers["Content-Type"].startswith("text/html")
    html = body.decode()
    assert "1 story" in html and f'href="/story/{_story(app)}"' in html
    assert "<title>newsfuse: 1 story, 5 articles</title>" in html
    status, _, body = _get(app, "/api")
    assert "/api/search" in json.loads(body)["endpoints"]
    stories = json.loads(_get(app, "/api/stories")[2])
    assert stories[0]["articles"] == 5 and stories[0]["independent_sources"] == 3
    assert stories[0]["outlets"] == 2 and stories[0]["unnamed"] == 3


def test_story_page_has_every_section(app):
    status, _, body = _get(app, f"/story/{_story(app)}")
    html = body.decode()
    assert status.startswith("200")
    for section in ("happened", "timeline", "map", "quotes", "figures", "copies"):
        assert f'id="{section}"' in html, section
    assert "Albares" in html and 'class="land' in html and 'class="marker"' in html
    assert 'aria-label="timeline of events"' in html and "Kurdistan24" in html
    # evidence links go to the sentence in the article reader
    assert '/article/001_3fd417892ad4fc27?hl=' in html
    assert _get(app, "/story/nope")[0].startswith("404")


def test_article_reader_marks_the_followed_evidence(app):
    q = next(q for q in app.index.items["quote"].values() if q["text"].startswith("Attacks against foreign troops"))
    m = q["mentions"][0]
    status, _, body = _get(app, f"/article/{m['article']}", f"hl={m['start']}-{m['end']}")
    html = body.decode()
    assert status.startswith("200")
    assert '<mark class="quote sentence target" id="hl">Attacks against foreign troops need to stop.</mark>' in html
    assert "evidence for this date" in html and 'class="legend"' in html
    assert _get(app, "/article/000_03fa4a0cdc68e60e", "hl=99999-100000")[0].startswith("200")


def test_search_filters_and_shareable_urls(app):
    rows = json.loads(_get(app, "/api/search", "speaker=Albares")[2])["results"]
    assert rows and all(r["kind"] == "quote" and "Albares" in r["speaker_name"] for r in rows)
    rows = json.loads(_get(app, "/api/search", "place=Iraq&kind=event")[2])["results"]
    assert {r["place"]["name"] for r in rows} >= {"Baghdad", "Erbil", "Al Hillah"}  # every place in Iraq
    rows = json.loads(_get(app, "/api/search", "place=IQ")[2])["results"]
    assert rows and all(r["place"]["country_code"] == "IQ" for r in rows)
    found = json.loads(_get(app, "/api/search", "q=attack&since=2024-01-25&until=2024-01-25")[2])
    assert all(r.get("date") == "2024-01-25" for r in found["results"] if r["kind"] != "figure")
    assert _get(app, "/api/search", "since=notadate")[0].startswith("400")
    status, _, body = _get(app, "/search", "q=spillover&kind=quote")
    assert status.startswith("200") and b"spillover" in body and b'value="spillover"' in body
    assert _get(app, "/search", "until=yesterday")[0].startswith("400")
    entity = json.loads(_get(app, "/api/search", "q=sudani&kind=entity")[2])["results"][0]
    status, _, body = _get(app, f"/entity/{entity['id']}")
    assert status.startswith("200") and b"also written" in body


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
    assert _get(app, "/api/events", "since=notadate")[0].startswith("400")


def test_articles_and_errors(app):
    _, _, body = _get(app, "/api/articles")
    arts = json.loads(body)
    assert len(arts) == 5 and "text" not in arts[0]
    status, _, body = _get(app, f"/api/articles/{arts[0]['id']}")
    assert status.startswith("200") and json.loads(body)["text"]
    assert _get(app, "/api/articles/nope")[0].startswith("404")
    assert _get(app, "/api/nothing")[0].startswith("404")
    assert _get(app, "/nothing")[0].startswith("404")
    status, headers, _ = _get(app, "/api/quotes", method="POST")
    assert status.startswith("405") and headers["Allow"] == "GET, HEAD"


def test_no_local_paths_are_sent(app):
    local = str(SEEDS)
    for path in ("/api/account", "/api/articles", "/api/articles/000_03fa4a0cdc68e60e", "/api/rejections",
                 "/article/000_03fa4a0cdc68e60e", f"/story/{_story(app)}", "/api/status"):
        body = _get(app, path)[2].decode()
        assert local not in body and "/examples/seeds" not in body, path
    assert json.loads(_get(app, "/api/articles/000_03fa4a0cdc68e60e")[2])["source"] == "000_03fa4a0cdc68e60e.txt"


def test_host_header_allow_list_and_security_headers(app):
    status, headers, body = _get(app, "/api/account", host="attacker.example:8765")
    assert status.startswith("400") and b"Albares" not in body
    assert _get(app, "/", host="localhost:8765")[0].startswith("200")
    assert _get(app, "/", host="[::1]:8765")[0].startswith("200")
    for path in ("/", "/api/stories", "/static/newsfuse.css", "/nothing"):
        headers = _get(app, path)[1]
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"


def test_an_unexpected_error_tells_the_client_nothing(app, monkeypatch, caplog):
    def boom(*_a, **_k):
        raise RuntimeError("secret detail /home/analyst/corpus.db")

    monkeypatch.setattr(app.index, "search", boom)
    for path in ("/api/search", "/search"):
        status, _, body = _get(app, path, "q=x")
        assert status.startswith("500")
        assert b"secret" not in body and b"RuntimeError" not in body and b"/home/" not in body
        assert b"reference" in body
    assert "secret detail" in caplog.text  # the server's log has it


def test_many_unrelated_stories_do_not_take_the_first_headline():
    acc = {"articles": [{"id": f"a{i}", "source": f"/x/a{i}.txt", "title": f"Headline {i}", "text": "Text.",
                         "published": None, "published_confidence": 0.0, "outlet": None} for i in range(3)],
           "stories": [{"id": f"s{i}", "title": f"Headline {i}", "articles": [f"a{i}"]} for i in range(3)],
           "entities": [], "quotes": [], "figures": [], "figure_groups": [], "events": [], "copies": []}
    from newsfuse.present.render import Renderer, ReportLinks, WebLinks

    ix = AccountIndex(acc)
    assert "<title>newsfuse: 3 stories, 3 articles</title>" in Renderer(ix, WebLinks()).stories()
    report = Renderer(ix, ReportLinks()).report()
    assert "<title>newsfuse report: 3 stories, 3 articles</title>" in report and "/x/a0.txt" not in report


EVIL = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def evil_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evil")
    body = (f"BAGHDAD - The minister {EVIL} said on Monday: \"We will <img src=x onerror=alert(1)> resume the talks.\" "
            "Three people were killed in an attack in Baghdad on Monday, police said. " * 3)
    rows = [{"title": f"Evil {EVIL} headline", "text": body, "url": "javascript:alert(1)", "outlet": f"Out{EVIL}let",
             "date": "2024-01-22"},
            {"title": "Second report", "text": body.replace("minister", "foreign minister"), "url": "https://example.org/a",
             "outlet": "Example News", "date": "2024-01-23"}]
    (tmp / "evil.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    db = tmp / "e.db"
    build([str(tmp / "evil.jsonl")], Settings(db=str(db)))
    return WebApp(db)


def test_article_text_is_escaped_everywhere(evil_app):
    ix = evil_app.index
    story = ix.story_list[0]["id"]
    pages = ["/", f"/story/{story}", "/search?q=minister", "/search?q=talks&kind=quote"]
    pages += [f"/article/{a}" for a in ix.articles] + [f"/entity/{e}" for e in list(ix.entities)[:5]]
    for page in pages:
        path, _, query = page.partition("?")
        status, _, body = _get(evil_app, path, query)
        html = body.decode()
        assert status.startswith("200"), page
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert 'href="javascript:' not in html, page
    art = next(a for a in ix.articles.values() if a["title"].startswith("Evil"))
    html = _get(evil_app, f"/article/{art['id']}")[2].decode()
    assert "&lt;script&gt;" in html and "no URL known" in html
    other = next(a for a in ix.articles.values() if a["title"] == "Second report")
    html = _get(evil_app, f"/article/{other['id']}")[2].decode()
    assert 'href="https://example.org/a" rel="noopener noreferrer nofollow"' in html


def test_served_over_loopback(app):
    with make_server("127.0.0.1", 0, app) as httpd:
        thread = threading.Thread(target=httpd.handle_request, daemon=True)
        thread.start()
        port = httpd.server_address[1]
        r = httpx.get(f"http://127.0.0.1:{port}/api/events.geojson", timeout=10)
        thread.join(timeout=10)
    assert r.status_code == 200 and r.json()["type"] == "FeatureCollection"
