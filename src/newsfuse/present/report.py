"""A self-contained HTML report of the fused account (one file, no network, all article text escaped)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..store.sqlite import Store
from .export import account

__all__ = ["render_report", "write_report"]


def _anchor(article: str, start: int, end: int) -> str:
    return f"m-{article}-{start}-{end}".replace(" ", "_")


def _marked_text(text: str, spans: list[tuple[int, int, str, str]]) -> Markup:
    """Article text, escaped, with <mark> around mention spans (overlapping spans get an anchor only)."""
    parts: list[str] = []
    pos = 0
    anchors_only: list[tuple[int, str]] = []
    for start, end, anchor, cls in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos:
            anchors_only.append((start, anchor))
            continue
        parts.append(str(escape(text[pos:start])))
        parts.append(f'<mark id="{escape(anchor)}" class="{cls}">{escape(text[start:end])}</mark>')
        pos = end
    parts.append(str(escape(text[pos:])))
    html = "".join(parts)
    extra = "".join(f'<a id="{escape(a)}"></a>' for _, a in anchors_only)
    paragraphs = html.split("\n\n")
    body = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip())
    return Markup(extra + body)


def _map_points(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    pts = [(e["place"]["lon"], e["place"]["lat"], e) for e in events
           if e.get("place") and e["place"].get("lat") is not None and e["place"].get("lon") is not None]
    if not pts:
        return None
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    pad = 2.0
    x0, x1 = min(lons) - pad, max(lons) + pad
    y0, y1 = min(lats) - pad, max(lats) + pad
    w, h = 640, 360
    sx = w / max(x1 - x0, 1e-6)
    sy = h / max(y1 - y0, 1e-6)
    s = min(sx, sy)
    placed = []
    for lon, lat, e in pts:
        placed.append({"x": round((lon - x0) * s, 1), "y": round(h - (lat - y0) * s, 1), "event": e,
                       "label": e["place"]["name"]})
    return {"width": w, "height": h, "points": placed}


def render_report(store: Store) -> str:
    acc = account(store)
    spans: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for q in acc["quotes"]:
        for m in q["mentions"]:
            spans[m["article"]].append((m["start"], m["end"], _anchor(m["article"], m["start"], m["end"]), "quote"))
    for f in acc["figures"]:
        for m in f["mentions"]:
            spans[m["article"]].append((m["start"], m["end"], _anchor(m["article"], m["start"], m["end"]), "figure"))
    for e in acc["events"]:
        for m in e["mentions"]:
            spans[m["article"]].append((m["start"], m["end"], _anchor(m["article"], m["start"], m["end"]), "event"))
    articles = []
    for a in acc["articles"]:
        articles.append({**a, "html": _marked_text(a["text"], spans.get(a["id"], []))})
    figures = {f["id"]: f for f in acc["figures"]}
    env = Environment(loader=PackageLoader("newsfuse", "present/templates"), autoescape=select_autoescape(["html", "j2"]))
    env.globals["anchor"] = _anchor
    template = env.get_template("report.html.j2")
    by_id = {a["id"]: a for a in acc["articles"]}
    entities = sorted(acc["entities"], key=lambda e: (-len(e.get("mentions", [])), e["name"]))
    return template.render(acc=acc, articles=articles, figures=figures, by_id=by_id, entities=entities,
                           map=_map_points(acc["events"]))


def write_report(store: Store, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(store), encoding="utf-8")
    return out
