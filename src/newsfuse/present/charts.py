"""Chart geometry for the templates: the story timeline and figure charts, as numbers the SVG markup draws.

Everything is computed here so that the web pages and the self-contained report draw the same charts
with no JavaScript. Uncertainty is drawn, not hidden: a month-precise date is a month-long pale bar, an
event dated only to a range of days (``date_range``: its mentions and its reports' dates allow no more) is a
pale bar over those days, and an event with one open end a hatched bar from the end that is known; an event
with no range is a hatched bar that ends at the first report of it.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any, Callable

__all__ = ["date_range", "event_span", "timeline_chart", "figure_chart", "figure_label"]


def date_range(value: str | None) -> tuple[date, date, str] | None:
    """(first day, last day, precision) of an ISO date, month or year."""
    if not value:
        return None
    try:
        parts = [int(x) for x in value.split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 3:
            d = date(*parts)
            return d, d, "day"
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1]), "month"
        return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"
    except ValueError:
        return None


#: days an open-ended range is drawn over, from its known end
_OPEN_DAYS = 3


def event_span(e: dict[str, Any], report_date: Callable[[dict[str, Any]], str | None]) -> tuple[date, date, str] | None:
    """(first day, last day, kind) of an event's bar: its date (``day``, ``month``, ``year``; ``range`` with a
    ``date_end``), else its estimated range (``estimate``; ``after`` or ``before`` when one end is open), else
    the days before its first report (``before``); None when nothing dates it."""
    span = date_range(e.get("date"))
    if span:
        end = date_range(e.get("date_end"))
        return span[0], (end[1] if end else span[1]), ("range" if end else span[2])
    rng = e.get("date_range") or {}
    lo, hi = date_range(rng.get("earliest")), date_range(rng.get("latest"))
    if lo and hi:
        return lo[0], hi[1], "estimate"
    if lo:
        return lo[0], lo[0] + timedelta(days=_OPEN_DAYS), "after"
    if hi:
        return hi[1] - timedelta(days=_OPEN_DAYS), hi[1], "before"
    reported = date_range(report_date(e))
    if not reported:
        return None
    return reported[0] - timedelta(days=_OPEN_DAYS), reported[0], "before"


def timeline_chart(events: list[dict[str, Any]], report_date: Callable[[dict[str, Any]], str | None],
                   href: Callable[[dict[str, Any]], str], articles: list[dict[str, Any]],
                   width: int = 760, row: int = 22, label_w: int = 300) -> dict[str, Any] | None:
    """Rows of bars: one per event, on a day axis; the articles' publication dates as ticks underneath."""
    rows = []
    undated = 0
    for e in events:
        bar = event_span(e, report_date)
        if bar is None:
            undated += 1
            continue
        first, last, kind = bar
        rows.append({"event": e, "first": first, "last": last, "kind": kind, "href": href(e)})
    ticks = []
    for a in articles:
        span = date_range(a.get("published"))
        if span:
            ticks.append({"day": span[0], "article": a, "sure": (a.get("published_confidence") or 0) >= 0.5})
    if not rows and not ticks:
        return None
    days = [r["first"] for r in rows] + [r["last"] for r in rows] + [t["day"] for t in ticks if t["sure"]]
    if not days:
        days = [t["day"] for t in ticks]
    lo, hi = min(days) - timedelta(days=2), max(days) + timedelta(days=3)
    hidden = [t for t in ticks if not lo <= t["day"] <= hi]
    ticks = [t for t in ticks if lo <= t["day"] <= hi]
    plot = width - label_w - 10
    per_day = plot / max((hi - lo).days, 1)

    def x(d: date) -> float:
        return round(label_w + (d - lo).days * per_day, 1)

    rows.sort(key=lambda r: (r["last"], r["first"], r["event"]["id"]))
    for i, r in enumerate(rows):
        r["x"] = x(r["first"])
        r["w"] = max(round(x(r["last"] + timedelta(days=1)) - r["x"], 1), 4.0)
        r["y"] = 24 + i * row
        text = r["event"]["summary"]
        r["label"] = text if len(text) <= 44 else text[:43] + "…"
    tick_y = 24 + len(rows) * row + 8
    for t in ticks:
        t["x"] = round(x(t["day"]) + per_day / 2, 1)
        t["y"] = tick_y
    step = max(1, round((hi - lo).days / 8))
    axis = []
    d = lo
    while d <= hi:
        if x(d) <= width - 40:
            axis.append({"x": x(d), "text": d.strftime("%-d %b")})
        d += timedelta(days=step)
    years = sorted({lo.year, hi.year})
    return {"width": width, "height": tick_y + 34, "rows": rows, "ticks": ticks, "axis": axis, "undated": undated,
            "label_w": label_w, "tick_y": tick_y, "years": "–".join(map(str, years)),
            "hidden": [(t["article"]["id"], t["article"].get("published")) for t in hidden]}


def _short_day(value: str | None) -> str:
    span = date_range(value)
    if not span:
        return "undated"
    return span[0].strftime("%-d %b %y" if span[2] == "day" else "%b %Y" if span[2] == "month" else "%Y")


def figure_label(f: dict[str, Any]) -> str:
    v = f"{f['value']:,.0f}" if float(f["value"]).is_integer() else f"{f['value']:,}"
    q = f.get("qualifier")
    if q == "range" and f.get("value_max") is not None:
        return f"{v}–{f['value_max']:,.0f}"
    return {"more_than": f"more than {v}", "at_least": f"at least {v}", "about": f"about {v}",
            "less_than": f"less than {v}", "at_most": f"at most {v}"}.get(q or "", v)


def figure_chart(group: dict[str, Any], figures: dict[str, dict[str, Any]], label: Callable[[str], str],
                 href: Callable[[str, int, int], str], height: int = 150) -> dict[str, Any] | None:
    """Bars over ``as_of`` (undated ones after the dated, pale); a running count that was 'updated' is
    ordered by value, since such a count only grows."""
    figs = [figures[i] for i in group.get("figures", []) if i in figures]
    if len(figs) < 2:
        return None
    if group.get("status") == "updated":
        figs.sort(key=lambda f: (f["value"], f.get("as_of") or "9999"))
    else:
        figs.sort(key=lambda f: (f.get("as_of") or "9999", f["value"]))
    top = max(max(f["value"], f.get("value_max") or 0) for f in figs) or 1.0
    bw, gap, left, base = 46, 18, 8, height - 40
    bars = []
    for i, f in enumerate(figs):
        m = f["mentions"][0]
        h = max(round((base - 18) * f["value"] / top, 1), 2.0)
        hmax = round((base - 18) * (f.get("value_max") or 0) / top, 1) if f.get("qualifier") == "range" else None
        bars.append({"x": left + i * (bw + gap), "y": round(base - h, 1), "h": h, "w": bw, "hmax": hmax,
                     "text": figure_label(f), "qualifier": f.get("qualifier"), "dated": bool(f.get("as_of")),
                     "as_of": f.get("as_of") or "undated",
                     "day": _short_day(f.get("as_of")), "source": label(m["article"]),
                     "href": href(m["article"], m["start"], m["end"]), "mention": m.get("text", "")})
    return {"width": left + len(figs) * (bw + gap), "height": height, "base": base, "bars": bars}
