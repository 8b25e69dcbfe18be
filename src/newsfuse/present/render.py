"""HTML pages of the account, from the Jinja templates shared by the web app and the self-contained report.

The two differ only in their links: :class:`WebLinks` points at the web app's pages, :class:`ReportLinks`
at anchors inside the one report file. All text from articles goes through Jinja's autoescaping or
:func:`marked_text`, which escapes it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from . import charts, worldmap
from .query import quoted
from .views import AccountIndex, SearchParams, public_source, safe_url

__all__ = ["Renderer", "WebLinks", "ReportLinks", "marked_text", "stylesheet", "anchor_id"]

_TOKEN = re.compile(r"[\w.:-]+")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n\s*\n")


def anchor_id(article: str, start: int, end: int) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]", "_", f"m-{article}-{start}-{end}")


def stylesheet() -> str:
    return resources.files("newsfuse.present").joinpath("static", "newsfuse.css").read_text(encoding="utf-8")


class WebLinks:
    """Links between the web app's pages; every URL is shareable."""

    report = False

    def __init__(self, static_version: str = "1") -> None:
        self.static_version = static_version

    def home(self) -> str:
        return "/"

    def story(self, story_id: str, section: str = "") -> str:
        return f"/story/{quote(story_id, safe='')}" + (f"#{section}" if section else "")

    def article(self, article: str, start: int | None = None, end: int | None = None) -> str:
        base = f"/article/{quote(article, safe='')}"
        return base if start is None else f"{base}?hl={start}-{end}#hl"

    def entity(self, entity_id: str) -> str | None:
        return f"/entity/{quote(entity_id, safe='')}"

    def search(self, **params: Any) -> str | None:
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return "/search" + ("?" + urlencode(params) if params else "")

    def static(self, name: str) -> str:
        return f"/static/{name}?v={self.static_version}"


class ReportLinks(WebLinks):
    """In-page anchors of the one-file report (no search there: it is a static file)."""

    report = True

    def home(self) -> str:
        return "#top"

    def story(self, story_id: str, section: str = "") -> str:
        return f"#{section}-{story_id}" if section else f"#story-{story_id}"

    def article(self, article: str, start: int | None = None, end: int | None = None) -> str:
        return f"#art-{article}" if start is None else f"#{anchor_id(article, start, end or start)}"

    def entity(self, entity_id: str) -> str | None:
        return f"#entity-{entity_id}"

    def search(self, **params: Any) -> str | None:
        return None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    s = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        s = m.end()
    m = _SENTENCE_END.search(text, end)
    return s, (m.start() + 1 if m else len(text))


def marked_text(text: str, spans: Iterable[tuple[int, int, str, str]], target: tuple[int, int] | None = None,
                anchors: bool = False, article: str = "") -> Markup:
    """The article text, escaped, in paragraphs, with every mention span marked by kind (overlaps nest as
    several classes on one segment). ``target`` is the span a link pointed at: it and its sentence are
    highlighted and the first segment gets ``id="hl"``. ``anchors`` adds an anchor per span (report)."""
    spans = [(s, e, k, i) for s, e, k, i in spans if 0 <= s < e <= len(text)]
    cuts = {0, len(text)}
    sentence = None
    if target and 0 <= target[0] < target[1] <= len(text):
        sentence = _sentence_around(text, *target)
        cuts.update(sentence)
        cuts.update(target)
    else:
        target = None
    for s, e, _, _ in spans:
        cuts.update((s, e))
    starts: dict[int, list[str]] = {}
    if anchors:
        for s, e, _, _ in spans:
            starts.setdefault(s, []).append(anchor_id(article, s, e))
    order = sorted(cuts)
    out: list[str] = []
    hl_done = False
    for a, b in zip(order, order[1:]):
        for name in dict.fromkeys(starts.get(a, [])):
            out.append(f'<a class="at" id="{escape(name)}"></a>')
        chunk = str(escape(text[a:b]))
        classes = sorted({k for s, e, k, _ in spans if s <= a and b <= e})
        if sentence and sentence[0] <= a and b <= sentence[1]:
            classes.append("sentence")
        if target and target[0] <= a and b <= target[1]:
            classes.append("target")
        if classes:
            ident = ""
            if "target" in classes and not hl_done:
                ident, hl_done = ' id="hl"', True
            chunk = f'<mark class="{" ".join(classes)}"{ident}>{chunk}</mark>'
        out.append(chunk)
    html = "".join(out)
    paragraphs = re.split(r"\n\s*\n", html)
    return Markup("".join(f"<p>{p.strip().replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip()))


class Renderer:
    """Renders pages of one :class:`AccountIndex` with one set of links."""

    def __init__(self, index: AccountIndex, links: WebLinks) -> None:
        self.ix = index
        self.links = links
        self.env = Environment(loader=PackageLoader("newsfuse", "present/templates"),
                               autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(ix=index, links=links, charts=charts, safe_url=safe_url, view=self)
        self.env.filters["figure_label"] = charts.figure_label
        self.env.filters["public_source"] = public_source
        self.env.filters["quoted"] = quoted
        self.env.filters["readable"] = self.readable

    def readable(self, text: str) -> str:
        """Fusion's explanations name articles by id; a reader wants the outlet (or title) instead."""
        return _TOKEN.sub(lambda m: self.ix.label(m.group(0)) if m.group(0) in self.ix.articles else m.group(0), text or "")

    def warm_up(self) -> None:
        """Compile the templates and decode the world outline now, not in the first request."""
        for name in ("stories.html.j2", "story.html.j2", "article.html.j2", "entity.html.j2", "search.html.j2",
                     "error.html.j2"):
            self.env.get_template(name)
        worldmap.load_world()

    # ------------------------------------------------------------------ helpers the templates call
    def item_href(self, item: dict[str, Any], kind: str) -> str:
        """Where the evidence of ``item`` is: its first mention, in the article reader."""
        ms = self.ix.mentions(item, kind)
        return self.links.article(ms[0]["article"], ms[0]["start"], ms[0]["end"]) if ms else "#"

    def timeline(self, story_id: str, limit: int = 40) -> dict[str, Any] | None:
        events = self.ix.main_events(story_id, limit=limit)
        arts = [self.ix.articles[a] for a in self.ix.stories[story_id]["articles"] if a in self.ix.articles]
        return charts.timeline_chart(events, self.ix.report_date, lambda e: self.item_href(e, "event"), arts[:200])

    def map(self, story_id: str | None) -> dict[str, Any] | None:
        events = self.ix.by_story.get(story_id, {}).get("events", []) if story_id else self.ix.acc.get("events", [])
        places: dict[tuple[str, float, float], worldmap.MapPlace] = {}
        for e in events:
            p = e.get("place") or {}
            if p.get("lat") is None or p.get("lon") is None:
                continue
            key = (p["name"], p["lat"], p["lon"])
            mp = places.setdefault(key, worldmap.MapPlace(p["name"], p["lat"], p["lon"], p.get("country_code")))
            mp.items.append((e["summary"], "" if mp.items else self.item_href(e, "event")))  # a marker links its first
        return worldmap.draw_map(list(places.values()))

    def figure_chart(self, group: dict[str, Any]) -> dict[str, Any] | None:
        return charts.figure_chart(group, self.ix.figures, self.ix.label, self.links.article)

    # ------------------------------------------------------------------ pages
    def page(self, template: str, **ctx: Any) -> str:
        return self.env.get_template(template).render(**ctx)

    def stories(self, page: int = 1, size: int = 50) -> str:
        rows = self.ix.story_list
        pages = max(1, -(-len(rows) // size))
        page = max(1, min(page, pages))
        return self.page("stories.html.j2", rows=rows[(page - 1) * size: page * size], page=page, pages=pages,
                         total=len(rows))

    def story(self, story_id: str) -> str:
        return self.page("story.html.j2", story=self.ix.stories[story_id], summary=self.ix.story_summary(self.ix.stories[story_id]))

    def article(self, article: str, target: tuple[int, int] | None = None) -> str:
        a = self.ix.public_article(article)
        assert a is not None
        html = marked_text(a["text"], self.ix.spans_of.get(article, []), target)
        return self.page("article.html.j2", a=a, html=html, items=self.ix.article_items(article),
                         copies=self.ix.copies_of(article), target=target)

    def entity(self, entity_id: str) -> str:
        return self.page("entity.html.j2", e=self.ix.entities[entity_id], quotes=self.ix.entity_quotes(entity_id)[:50],
                         events=self.ix.entity_events(entity_id)[:50])

    def search(self, params: SearchParams, error: str | None = None) -> str:
        found = self.ix.search(params) if not error else {"total": 0, "counts": {}, "results": [], "page": 1, "pages": 1}
        return self.page("search.html.j2", p=params, found=found, error=error)

    def error(self, status: str, message: str) -> str:
        return self.page("error.html.j2", status=status, message=message)

    def report(self) -> str:
        articles = [(a, marked_text(a["text"], self.ix.spans_of.get(a["id"], []), anchors=True, article=a["id"]))
                    for a in (self.ix.public_article(i) for i in self.ix.articles) if a]
        entities = sorted(self.ix.entities.values(), key=lambda e: (-len(e.get("mentions", [])), e["name"]))
        return self.page("report.html.j2", css=Markup(stylesheet()), articles=articles, entities=entities)
