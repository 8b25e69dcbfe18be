"""Exports of the fused account: JSON (the contract in export.schema.json), CSV and GeoJSON.

Exports only read the store.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..errors import Errors, NewsfuseError
from ..store.sqlite import Store

__all__ = ["FORMATS", "SCHEMA_ID", "account", "geojson", "timeline", "to_json", "to_csv", "to_geojson", "export"]

SCHEMA_ID = "newsfuse-export-1"
FORMATS = ("json", "csv", "geojson")

_KINDS = {  # export key -> fused kind in the store
    "copies": "copy",
    "stories": "story",
    "entities": "entity",
    "quotes": "quote",
    "figures": "figure",
    "figure_groups": "figure_group",
    "events": "event",
}


def account(store: Store) -> dict[str, Any]:
    """The whole fused account as one JSON-ready dict (export.schema.json)."""
    articles = []
    for a in store.articles():
        articles.append({
            "id": a.id, "source": a.source, "format": a.format, "url": a.url, "outlet": a.outlet,
            "title": a.title, "dateline": a.dateline,
            "published": a.published[:10] if a.published and len(a.published) >= 4 else None,
            "published_confidence": float(a.published_confidence or 0.0),
            "published_evidence": list(a.published_evidence), "language": a.language, "text": a.text,
        })
    out: dict[str, Any] = {"schema": SCHEMA_ID, "articles": articles}
    for key, kind in _KINDS.items():
        out[key] = store.fused(kind)
    out["timeline"] = timeline(out)
    out["rejections"] = [{"source": r.source, "code": r.code, "reason": r.reason} for r in store.rejections()]
    return out


def timeline(acc: dict[str, Any]) -> list[dict[str, Any]]:
    """Dated items in order: events, and direct quotes by an identified speaker.

    An event known only to a range of days is placed at its earliest day (or its latest, when the range is
    open before) and carries the range (``date_earliest``, ``date_latest``, ``date_confidence``)."""
    items = []
    for e in acc.get("events", []):
        rng = e.get("date_range") or {}
        if e.get("date"):
            items.append({"date": e["date"], "kind": "event", "id": e["id"], "text": e["summary"]})
        elif rng.get("earliest") or rng.get("latest"):
            items.append({"date": rng.get("earliest") or rng["latest"], "kind": "event", "id": e["id"],
                          "text": e["summary"], "date_earliest": rng.get("earliest"),
                          "date_latest": rng.get("latest"), "date_confidence": rng.get("confidence")})
    for q in acc.get("quotes", []):
        if q.get("date") and q.get("direct") and q.get("speaker"):
            items.append({"date": q["date"], "kind": "quote", "id": q["id"],
                          "text": f"{q.get('speaker_name') or 'unknown speaker'}: {q['text'][:160]}"})
    items.sort(key=lambda x: (x["date"], x["kind"], x["id"]))
    return items


def to_json(acc: dict[str, Any], out: Path) -> list[Path]:
    out.write_text(json.dumps(acc, ensure_ascii=False, indent=1), encoding="utf-8")
    return [out]


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_csv(acc: dict[str, Any], out: Path) -> list[Path]:
    """One CSV file per record kind, in the folder ``out`` (nested values as JSON text)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for key in ("articles", *_KINDS, "rejections"):
        rows = acc.get(key, [])
        cols: list[str] = []
        for row in rows:
            for k in row:
                if k not in cols:
                    cols.append(k)
        if key == "articles" and "text" in cols:  # long text last
            cols.remove("text")
            cols.append("text")
        path = out / f"{key}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=cols or ["id"])
            w.writeheader()
            for row in rows:
                w.writerow({k: _flat(row.get(k)) for k in cols})
        written.append(path)
    return written


def geojson(acc: dict[str, Any]) -> dict[str, Any]:
    """Events with coordinates as a GeoJSON FeatureCollection of points."""
    features = []
    for e in acc.get("events", []):
        place = e.get("place") or {}
        if place.get("lat") is None or place.get("lon") is None:
            continue
        props = {k: v for k, v in e.items() if k not in ("place", "mentions")}
        props.update({"place": place.get("name"), "country_code": place.get("country_code"),
                      "articles": sorted({m["article"] for m in e.get("mentions", [])})})
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def to_geojson(acc: dict[str, Any], out: Path) -> list[Path]:
    out.write_text(json.dumps(geojson(acc), ensure_ascii=False, indent=1), encoding="utf-8")
    return [out]


def export(store: Store, fmt: str, out: str | Path | None = None) -> list[Path]:
    """Write the account in ``fmt`` to ``out`` (a file; a folder for CSV). Returns the paths written."""
    if fmt not in FORMATS:
        raise NewsfuseError(Errors.E206, detail=fmt, known=", ".join(FORMATS))
    if store.count_articles() == 0:
        raise NewsfuseError(Errors.E207, detail=store.location)
    default = {"json": "newsfuse.json", "csv": "newsfuse-csv", "geojson": "newsfuse.geojson"}[fmt]
    target = Path(out or default)
    if fmt != "csv":
        target.parent.mkdir(parents=True, exist_ok=True)
    acc = account(store)
    return {"json": to_json, "csv": to_csv, "geojson": to_geojson}[fmt](acc, target)
