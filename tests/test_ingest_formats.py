"""Every input format: HTML, JSON, JSON Lines, RSS/Atom feeds, sniffing, folders, ids."""

from __future__ import annotations

import json
from pathlib import Path

from newsfuse.ingest import document_id, read_inputs
from newsfuse.ingest.detect import sniff_format
from newsfuse.records import Document, Rejection
from newsfuse.settings import Settings

PARAGRAPHS = [
    "BAGHDAD (Reuters) – Iraq and the United States will begin talks on the future of the "
    "international coalition, the foreign ministry said on Thursday, after weeks of attacks on bases.",
    "The ministry said working groups would set a timeline for a gradual reduction of advisers, "
    "depending on the threat posed by the Islamic State group and the readiness of Iraqi forces.",
    "“We are here at the request of the government of Iraq,” a visiting minister told reporters "
    "at a joint news conference in the capital, adding that attacks on troops must stop.",
]


def article_html(title: str = "Iraq and US to begin coalition talks") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-01-25T10:00:00Z"><meta name="author" content="Jane Doe">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p class="byline">By Jane Doe</p>{body}</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def rss(items: str, title: str = "Example Feed") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>{title}</title><link>https://news.example.org/</link><description>d</description>{items}</channel></rss>"""


def full_item(n: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<item><title>Story {n}</title><link>https://news.example.org/2024/01/25/story-{n}</link>
<guid>story-{n}</guid><pubDate>Thu, 25 Jan 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>"""


def read_all(*inputs: Path | str, settings: Settings | None = None) -> list[Document | Rejection]:
    return list(read_inputs([str(i) for i in inputs], settings or Settings()))


def test_html_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(article_html(), encoding="utf-8")
    [doc] = read_all(page)
    assert isinstance(doc, Document), doc
    assert doc.id == "page" and doc.format == "html" and doc.language == "en"
    assert doc.title == "Iraq and US to begin coalition talks"
    assert doc.text.startswith("BAGHDAD (Reuters) –") and "Home" not in doc.text
    assert doc.dateline == "Baghdad" and doc.meta.get("agency") == "Reuters"
    meta_dates = [e for e in doc.date_evidence if e.kind == "html-meta"]
    assert meta_dates and meta_dates[0].value == "2024-01-25" and meta_dates[0].weight >= 0.8
    assert doc.raw == page.read_bytes()


def test_json_object_array_and_fields(tmp_path):
    text = "\n\n".join(PARAGRAPHS)
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"id": "a1", "title": "T", "body": text, "published": "2024-01-25",
                                  "source": {"name": "Outlet"}}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"content": text, "site": "S"}, {"text": text, "date": "Jan 26, 2024"}]),
                    encoding="utf-8")
    docs = read_all(single, many)
    assert [d.id for d in docs] == ["a1", "many-1", "many-2"]
    assert all(isinstance(d, Document) and d.format == "json" for d in docs)
    assert docs[0].title == "T" and docs[0].outlet == "Outlet" and docs[0].text.count("\n\n") == 2
    assert [(e.value, e.kind) for e in docs[0].date_evidence] == [("2024-01-25", "json-field")]
    assert docs[1].outlet == "S" and docs[2].date_evidence[0].value == "2024-01-26"
    assert docs[0].raw == single.read_bytes()


def test_jsonl_and_html_in_text_field(tmp_path):
    path = tmp_path / "feed.ndjson"
    records = [{"id": 7, "text": "<p>" + "</p><p>".join(PARAGRAPHS) + "</p>", "url": "https://x.org/a"},
               {"text": " ".join(PARAGRAPHS)}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    docs = read_all(path)
    assert [d.id for d in docs] == ["7", "feed-2"]
    assert "<p>" not in docs[0].text and docs[0].text.count("\n\n") == 2
    assert docs[0].url == "https://x.org/a"


def test_feed_file_with_full_content(tmp_path):
    path = tmp_path / "news.rss"
    path.write_text(rss(full_item(1) + full_item(2)), encoding="utf-8")
    docs = read_all(path)
    assert len(docs) == 2 and all(isinstance(d, Document) and d.format == "feed" for d in docs)
    assert docs[0].title == "Story 1" and docs[0].outlet == "Example Feed"
    assert docs[0].url == "https://news.example.org/2024/01/25/story-1"
    assert docs[0].id == document_id("https://news.example.org/2024/01/25/story-1")
    feed_dates = [e for e in docs[0].date_evidence if e.kind == "feed"]
    assert feed_dates[0].value == "2024-01-25" and 0.7 <= feed_dates[0].weight <= 0.9


def test_atom_feed(tmp_path):
    body = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)
    path = tmp_path / "news.atom"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom News</title><id>urn:x</id><updated>2024-01-25T00:00:00Z</updated>
<entry><title>Entry</title><id>urn:e1</id><link href="https://atom.example.org/e1"/>
<published>2024-01-24T08:00:00Z</published><updated>2024-01-25T08:00:00Z</updated>
<content type="html">{body}</content></entry></feed>""", encoding="utf-8")
    [doc] = read_all(path)
    assert isinstance(doc, Document) and doc.outlet == "Atom News"
    assert {(e.value, e.weight) for e in doc.date_evidence} >= {("2024-01-24", 0.8)}


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "a.dat").write_text(article_html(), encoding="utf-8")
    (tmp_path / "b.dat").write_text(json.dumps({"text": "\n\n".join(PARAGRAPHS)}), encoding="utf-8")
    (tmp_path / "c").write_text(rss(full_item(3)), encoding="utf-8")
    (tmp_path / "d.log").write_text("A Headline\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8")
    formats = [d.format for d in read_all(tmp_path)]
    assert formats == ["html", "json", "feed", "text"]
    assert sniff_format('{"a": 1}\n{"a": 2}\n') == "jsonl"


def test_folder_walk_sorted_recursive_hidden_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    body = "Title\n\n" + "\n\n".join(PARAGRAPHS)
    for name in ("b.txt", "sub/a.txt", ".hidden.txt", ".git/c.txt", "a.txt"):
        (tmp_path / name).write_text(body, encoding="utf-8")
    docs = read_all(tmp_path)
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["a.txt", "b.txt", "sub/a.txt"]
    ids = [d.id for d in docs]
    assert ids[0] == "a" and len(set(ids)) == 3  # the second "a" gets a distinct id
    assert len(read_all(tmp_path / "a.txt", tmp_path / "a.txt")) == 1


def test_document_id_is_stable():
    assert document_id("corpus/000_03fa.txt") == "000_03fa"
    assert document_id("x/data.jsonl", 3) == "data-3"
    a = document_id("https://www.Example.org/news/story/?utm_source=x#top")
    assert a == document_id("https://www.example.org/news/story") and a.startswith("example.org_")
    assert a != document_id("https://www.example.org/news/other")
