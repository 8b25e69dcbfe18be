"""Views of a fused account for pages and the web API: stories, sources, per-story bundles, search.

:class:`AccountIndex` is built once from the account dict (:func:`newsfuse.present.export.account`);
every lookup a page makes is then a dict access or one pass over precomputed lower-case text, so a
page costs the same on ten articles and on ten thousand. Nothing here writes anything.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from .query import place_matches

__all__ = ["AccountIndex", "SearchParams", "public_source", "safe_url", "DATE_RE"]

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KINDS = ("event", "quote", "figure", "entity")


def _range_day(e: dict[str, Any]) -> str | None:
    """Where an event known only to a range of days sits in time order: its earliest day, else its latest."""
    rng = e.get("date_range") or {}
    return rng.get("earliest") or rng.get("latest")


def public_source(source: str) -> str:
    """What a client may see of an input's source: a URL as is, a local path as its file name only."""
    if safe_url(source):
        return source
    return PurePath(source.replace("\\", "/")).name or "input"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a page may link to, else None (no javascript: links)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


@dataclass(frozen=True, slots=True)
class SearchParams:
    """Filters shared by /search and /api/search; empty strings mean 'any'."""

    q: str = ""
    kind: str = ""
    speaker: str = ""
    type: str = ""
    place: str = ""
    since: str = ""
    until: str = ""
    outlet: str = ""
    story: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, query: dict[str, str]) -> "SearchParams":
        """Read a query string; raises ValueError with a message a user can act on."""
        vals = {k: (query.get(k) or "").strip()[:200] for k in ("q", "kind", "speaker", "type", "place", "since",
                                                                 "until", "outlet", "story")}
        for k in ("since", "until"):
            if vals[k] and not DATE_RE.match(vals[k]):
                raise ValueError(f"{k} must be a date like 2024-01-25 (or 2024-01, 2024)")
        if vals["kind"] and vals["kind"] not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        try:
            page = max(1, min(int(query.get("page") or 1), 10_000))
        except ValueError:
            raise ValueError("page must be a number") from None
        return cls(**vals, page=page)

    def as_query(self, **changes: Any) -> dict[str, str]:
        d = {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]
        d.update(changes)
        return {k: str(v) for k, v in d.items() if v not in ("", None) and not (k == "page" and v == 1)}


def _date_ok(date: str | None, since: str, until: str) -> bool:
    if not since and not until:
        return True
    if not date:
        return False
    return (not since or date >= since) and (not until or date[: len(until)] <= until)


class AccountIndex:
    """Lookups over one account. Build it once per store version; it is read-only afterwards."""

    PAGE = 25

    def __init__(self, acc: dict[str, Any], last_run: dict[str, Any] | None = None) -> None:
        self.acc = acc
        self.last_run = last_run or {}
        self.articles: dict[str, dict[str, Any]] = {a["id"]: a for a in acc.get("articles", [])}
        self.stories: dict[str, dict[str, Any]] = {s["id"]: s for s in acc.get("stories", [])}
        self.entities: dict[str, dict[str, Any]] = {e["id"]: e for e in acc.get("entities", [])}
        self.figures: dict[str, dict[str, Any]] = {f["id"]: f for f in acc.get("figures", [])}
        self.story_of: dict[str, str] = {a: s["id"] for s in acc.get("stories", []) for a in s["articles"]}
        self.group_of = self._copy_groups(acc.get("copies", []))
        self.items: dict[str, dict[str, dict[str, Any]]] = {
            "event": {e["id"]: e for e in acc.get("events", [])},
            "quote": {q["id"]: q for q in acc.get("quotes", [])},
            "figure": {g["id"]: g for g in acc.get("figure_groups", [])},
            "entity": self.entities,
        }
        self.by_story: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for kind, key in (("event", "events"), ("quote", "quotes"), ("figure", "figure_groups")):
            for item in acc.get(key, []):
                story = self.story_of.get(self.first_article(item, kind) or "")
                if story:
                    self.by_story[story][key].append(item)
        for c in acc.get("copies", []):
            story = self.story_of.get(c["a"])
            if story:
                self.by_story[story]["copies"].append(c)
        self.spans_of: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        for kind in ("event", "quote", "figure"):
            for item in self.items[kind].values():
                for m in self.mentions(item, kind):
                    self.spans_of[m["article"]].append((m["start"], m["end"], kind, item["id"]))
        self.outlets = sorted({a["outlet"] for a in self.articles.values() if a.get("outlet")})
        self.event_types = sorted({e["type"] for e in acc.get("events", [])})
        self._build_search()
        self.story_list = sorted((self.story_summary(s) for s in acc.get("stories", [])),
                                 key=lambda s: (s["last_date"] or "", s["articles"]), reverse=True)

    # ------------------------------------------------------------------ articles and sources
    @staticmethod
    def _copy_groups(copies: list[dict[str, Any]]) -> dict[str, str]:
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for c in copies:
            ra, rb = find(c["a"]), find(c["b"])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        return {x: find(x) for x in list(parent)}

    def group(self, article: str) -> str:
        return self.group_of.get(article, article)

    def label(self, article: str) -> str:
        """A reader's name for an article's source: its outlet, the URL's host, or its title."""
        a = self.articles.get(article) or {}
        if a.get("outlet"):
            return a["outlet"]
        url = safe_url(a.get("url"))
        if url:
            return urlsplit(url).netloc.removeprefix("www.")
        title = (a.get("title") or public_source(a.get("source") or article)).strip()
        return "“" + (title[:34] + "…" if len(title) > 35 else title) + "”"

    def first_article(self, item: dict[str, Any], kind: str) -> str | None:
        if kind == "figure":
            for fid in item.get("figures", []):
                f = self.figures.get(fid)
                if f and f.get("mentions"):
                    return f["mentions"][0]["article"]
            return None
        ms = item.get("mentions") or []
        return ms[0]["article"] if ms else None

    def mentions(self, item: dict[str, Any], kind: str) -> list[dict[str, Any]]:
        if kind == "figure":
            return [m for fid in item.get("figures", []) for m in (self.figures.get(fid) or {}).get("mentions", [])]
        return list(item.get("mentions") or [])

    def sources(self, item: dict[str, Any], kind: str) -> list[dict[str, Any]]:
        """One entry per article that reports ``item`` (its first mention there), copies next to each other."""
        seen: dict[str, dict[str, Any]] = {}
        for m in self.mentions(item, kind):
            if m["article"] not in seen:
                seen[m["article"]] = {"article": m["article"], "label": self.label(m["article"]), "start": m["start"],
                                      "end": m["end"], "group": self.group(m["article"]),
                                      "published": (self.articles.get(m["article"]) or {}).get("published"),
                                      "confidence": (self.articles.get(m["article"]) or {}).get("published_confidence") or 0.0}
        rows = sorted(seen.values(), key=lambda r: (r["group"], r["article"]))
        first_of_group: set[str] = set()
        for r in rows:
            r["copy"] = r["group"] in first_of_group
            first_of_group.add(r["group"])
        return rows

    def outlet_count(self, articles: Iterable[str]) -> tuple[int, int]:
        """(distinct named outlets, articles without an outlet name)."""
        arts = [self.articles.get(a) or {} for a in articles]
        return len({a["outlet"] for a in arts if a.get("outlet")}), sum(1 for a in arts if not a.get("outlet"))

    def public_article(self, article: str, with_text: bool = True) -> dict[str, Any] | None:
        a = self.articles.get(article)
        if a is None:
            return None
        out = {k: v for k, v in a.items() if with_text or k != "text"}
        out["source"] = public_source(a.get("source") or "")
        out["url"] = safe_url(a.get("url"))
        out["story"] = self.story_of.get(article)
        out["outlet_label"] = self.label(article)
        return out

    # ------------------------------------------------------------------ stories
    def story_summary(self, story: dict[str, Any]) -> dict[str, Any]:
        arts = story["articles"]
        named, unnamed = self.outlet_count(arts)
        bundle = self.by_story.get(story["id"], {})
        return {"id": story["id"], "title": story.get("title") or story["id"], "first_date": story.get("first_date"),
                "last_date": story.get("last_date"), "articles": len(arts), "outlets": named, "unnamed": unnamed,
                "independent_sources": len({self.group(a) for a in arts}),
                "events": len(bundle.get("events", [])), "quotes": len(bundle.get("quotes", [])),
                "figure_groups": len(bundle.get("figure_groups", []))}

    def main_events(self, story_id: str, limit: int = 8) -> list[dict[str, Any]]:
        """The best-supported events of a story, then put in time order (undated ones last, by report date)."""
        events = self.by_story.get(story_id, {}).get("events", [])
        ranked = sorted(events, key=lambda e: (-e["independent_sources"], -len(e["mentions"]),
                                               e.get("date") is None, e["id"]))[:limit]
        # a range is placed by its earliest day (its latest when it is open before)
        return sorted(ranked, key=lambda e: (e.get("date") or _range_day(e) or "9999", self.report_date(e) or "9999",
                                             e["id"]))

    def ranked_figure_groups(self, story_id: str) -> list[dict[str, Any]]:
        """Conflicts and updates first, then groups reported most often."""
        order = {"conflict": 0, "updated": 1, "agree": 2, "single": 3}
        groups = self.by_story.get(story_id, {}).get("figure_groups", [])
        return sorted(groups, key=lambda g: (order.get(g["status"], 4), -len(g["figures"]), g["id"]))

    def report_date(self, item: dict[str, Any], kind: str = "event") -> str | None:
        """The first trusted publication date (confidence >= .5) among the articles reporting ``item``."""
        dates = [d for s in self.sources(item, kind) if (d := s["published"]) and s["confidence"] >= 0.5]
        return min(dates) if dates else None

    def quotes_by_speaker(self, story_id: str, speakers: int = 10, per_speaker: int = 5) -> list[dict[str, Any]]:
        quotes = self.by_story.get(story_id, {}).get("quotes", [])
        by: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for q in quotes:
            by[q.get("speaker") or q.get("speaker_name") or ""].append(q)
        out = []
        for key, qs in sorted(by.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0])):
            qs = sorted(qs, key=lambda q: (-q["independent_sources"], -len(q["mentions"]), q["id"]))
            name = qs[0].get("speaker_name") or "Unidentified speaker"
            ent = self.entities.get(key)
            out.append({"speaker": key, "name": name, "entity": ent["id"] if ent else None,
                        "aliases": (ent or {}).get("aliases", []), "count": len(qs), "quotes": qs[:per_speaker]})
        return out[:speakers]

    def wordings(self, quote: dict[str, Any]) -> list[dict[str, Any]]:
        """Each article's wording of one statement (its first mention there), for a side-by-side view."""
        rows: dict[str, dict[str, Any]] = {}
        for m in quote["mentions"]:
            if m["article"] not in rows:
                rows[m["article"]] = {**m, "label": self.label(m["article"]), "group": self.group(m["article"])}
        return sorted(rows.values(), key=lambda r: (r["group"], r["article"]))

    def copy_groups(self, story_id: str) -> list[list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for a in self.stories[story_id]["articles"]:
            groups[self.group(a)].append(a)
        return sorted(groups.values(), key=lambda g: (-len(g), g))

    # ------------------------------------------------------------------ entities
    def entity_quotes(self, entity_id: str) -> list[dict[str, Any]]:
        return [self._rows["quote"][i] for i in self._quotes_of.get(entity_id, [])]

    def entity_events(self, entity_id: str) -> list[dict[str, Any]]:
        """Events whose actors or targets are written as the entity's name or one of its aliases."""
        e = self.entities.get(entity_id)
        if not e:
            return []
        rows = sorted({i for n in [e["name"], *e.get("aliases", [])] for i in self._by_actor.get(n.lower(), [])})
        return [self._rows["event"][i] for i in rows]

    # ------------------------------------------------------------------ search
    def _build_search(self) -> None:
        """Per kind: the items in order, one lower-case text blob (rows separated by NUL) with each row's
        offset, and posting lists by story, outlet, speaker, event type and place; so a search is a few
        C-speed ``str.find`` passes and set intersections, not a Python loop over every item."""
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._blob: dict[str, str] = {}
        self._starts: dict[str, list[int]] = {}
        self._dates: dict[str, list[str | None]] = {}
        self._by_story: dict[str, dict[str, list[int]]] = {}
        self._by_outlet: dict[str, dict[str, list[int]]] = {}
        self._by_speaker: dict[str, list[int]] = defaultdict(list)  # "name aliases" (lower) -> quote rows
        self._by_type: dict[str, list[int]] = defaultdict(list)
        self._by_place: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        self._by_actor: dict[str, list[int]] = defaultdict(list)  # actor or target (lower) -> event rows
        self._quotes_of: dict[str, list[int]] = defaultdict(list)  # speaker entity id -> quote rows
        for kind in KINDS:
            rows = list(self.items[kind].values())
            parts, starts, pos = [], [], 0
            by_story: dict[str, list[int]] = defaultdict(list)
            by_outlet: dict[str, list[int]] = defaultdict(list)
            for i, item in enumerate(rows):
                hay = self._haystack(kind, item).replace("\0", " ")
                starts.append(pos)
                parts.append(hay)
                pos += len(hay) + 1
                arts = {m["article"] for m in self.mentions(item, kind)}
                for o in {o for a in arts if (o := (self.articles.get(a) or {}).get("outlet"))}:
                    by_outlet[o].append(i)
                story = self.story_of.get(self.first_article(item, kind) or "")
                if story:
                    by_story[story].append(i)
                if kind == "quote":
                    ent = self.entities.get(item.get("speaker") or "")
                    names = [item.get("speaker_name") or "", *([ent["name"], *ent.get("aliases", [])] if ent else [])]
                    self._by_speaker[" | ".join(names).lower()].append(i)
                    if item.get("speaker"):
                        self._quotes_of[item["speaker"]].append(i)
                elif kind == "event":
                    self._by_type[item["type"].lower()].append(i)
                    pl = item.get("place") or {}
                    if pl.get("name"):
                        self._by_place[(pl["name"], pl.get("country_code"))].append(i)
                    for a in {x.lower() for x in [*item.get("actors", []), *item.get("targets", [])]}:
                        self._by_actor[a].append(i)
            self._rows[kind] = rows
            self._blob[kind] = "\0".join(parts)
            self._starts[kind] = starts
            self._dates[kind] = [self._date(kind, it) for it in rows]
            self._by_story[kind] = dict(by_story)
            self._by_outlet[kind] = dict(by_outlet)

    def _haystack(self, kind: str, item: dict[str, Any]) -> str:
        if kind == "quote":
            parts = [item["text"], item.get("speaker_name") or ""]
        elif kind == "event":
            p = item.get("place") or {}
            parts = [item["summary"], item["type"], p.get("name") or "", *item.get("actors", []), *item.get("targets", [])]
        elif kind == "figure":
            parts = [item["measure"], item.get("explanation", ""),
                     *(m.get("text", "") for m in self.mentions(item, kind))]
        else:
            parts = [item["name"], *item.get("aliases", []), item.get("type", "")]
        return " ".join(parts).lower()

    def _date(self, kind: str, item: dict[str, Any]) -> str | None:
        if kind == "figure":
            dates = [d for fid in item.get("figures", []) if (d := (self.figures.get(fid) or {}).get("as_of"))]
            return max(dates) if dates else None
        return item.get("date") or (_range_day(item) if kind == "event" else None)

    def _text_rows(self, kind: str, q: str) -> list[int]:
        blob, starts, out = self._blob[kind], self._starts[kind], []
        i = blob.find(q)
        while i >= 0:
            row = bisect_right(starts, i) - 1
            out.append(row)
            i = blob.find(q, starts[row + 1]) if row + 1 < len(starts) else -1
        return out

    def _matching(self, kind: str, p: SearchParams) -> list[int] | None:
        """Rows of ``kind`` that pass every filter (None: the kind is excluded by a filter)."""
        if p.kind and kind != p.kind:
            return None
        if (p.speaker and kind != "quote") or ((p.type or p.place) and kind != "event") \
                or ((p.since or p.until) and kind == "entity"):
            return None
        lists: list[list[int]] = []
        if p.story:
            lists.append(self._by_story[kind].get(p.story, []))
        if p.outlet:
            lists.append(self._by_outlet[kind].get(p.outlet, []))
        if p.speaker:
            w = p.speaker.lower()
            lists.append([i for key, rows in self._by_speaker.items() if w in key for i in rows])
        if p.type:
            w = p.type.lower()
            lists.append([i for key, rows in self._by_type.items() if key.startswith(w) for i in rows])
        if p.place:
            lists.append([i for (name, cc), rows in self._by_place.items()
                          if place_matches({"name": name, "country_code": cc}, p.place) for i in rows])
        if p.q:
            lists.append(self._text_rows(kind, p.q.lower()))
        if lists:
            lists.sort(key=len)
            found = set(lists[0])
            for other in lists[1:]:
                found.intersection_update(other)
            rows = sorted(found)
        else:
            rows = list(range(len(self._rows[kind])))
        if p.since or p.until:
            dates = self._dates[kind]
            rows = [i for i in rows if _date_ok(dates[i], p.since, p.until)]
        return rows

    def search(self, p: SearchParams, page_size: int | None = None) -> dict[str, Any]:
        """Items matching every filter; filters that do not apply to a kind exclude that kind."""
        size = page_size or self.PAGE
        per_kind = {kind: self._matching(kind, p) for kind in KINDS}
        counts = {kind: len(rows or []) for kind, rows in per_kind.items()}
        total = sum(counts.values())
        start, end = (p.page - 1) * size, p.page * size
        page: list[tuple[str, dict[str, Any]]] = []
        offset = 0
        for kind in KINDS:
            rows = per_kind[kind] or []
            lo, hi = max(start - offset, 0), min(end - offset, len(rows))
            page += [(kind, self._rows[kind][i]) for i in rows[lo:hi]] if lo < hi else []
            offset += len(rows)
        return {"total": total, "counts": counts, "page": p.page, "pages": max(1, -(-total // size)), "results": page}

    def article_items(self, article: str) -> dict[str, list[dict[str, Any]]]:
        """The events, quotes and figure groups an article reports, each once, in text order."""
        out: dict[str, list[dict[str, Any]]] = {"event": [], "quote": [], "figure": []}
        seen: set[tuple[str, str]] = set()
        for start, _end, kind, item_id in sorted(self.spans_of.get(article, [])):
            if (kind, item_id) not in seen:
                seen.add((kind, item_id))
                out[kind].append(self.items[kind][item_id])
        return out

    def first_span(self, item: dict[str, Any], kind: str, article: str) -> tuple[int, int]:
        m = next((m for m in self.mentions(item, kind) if m["article"] == article), None)
        return (m["start"], m["end"]) if m else (0, 0)

    def copies_of(self, article: str) -> list[dict[str, Any]]:
        story = self.story_of.get(article)
        pool = self.by_story.get(story, {}).get("copies", []) if story else self.acc.get("copies", [])
        return [c for c in pool if article in (c["a"], c["b"])]
