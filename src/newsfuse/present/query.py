"""Queries over an exported account (the dict of :func:`newsfuse.present.export.account`).

Shared by the CLI listings and the web layer, so both filter the same way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["find_quotes", "find_figure_groups", "find_events", "chronological", "event_when", "latest_day", "article_by_id",
           "place_matches", "quoted"]

def quoted(text: str, direct: bool) -> str:
    """A quote as a reader sees it. A record holds the words without the marks around them, so a quotation is
    shown in marks. A span that opens a quotation and stops before its closing mark is a mixed quote ('that
    \u201cthe government is moving ...', 'IS "is no longer a danger'): its mark is closed and no marks are added."""
    shown = text.strip()
    open_curly = shown.count("\u201c") > shown.count("\u201d")
    open_straight = shown.count('"') % 2 == 1
    if open_curly:
        shown += "\u201d"
    if open_straight:
        shown += '"'
    return f"\u201c{shown}\u201d" if direct and not (open_curly or open_straight) else shown


def find_quotes(acc: dict[str, Any], speaker: str | None = None, contains: str | None = None) -> list[dict[str, Any]]:
    """Quotes whose speaker name or one of its aliases contains ``speaker``, and whose words contain ``contains``."""
    aliases = {e["id"]: [e["name"], *e.get("aliases", [])] for e in acc.get("entities", [])}
    rows = []
    for q in acc.get("quotes", []):
        names = [q.get("speaker_name") or ""] + aliases.get(q.get("speaker") or "", [])
        if speaker and not any(speaker.lower() in n.lower() for n in names):
            continue
        if contains and contains.lower() not in q["text"].lower():
            continue
        rows.append(q)
    return rows


def find_figure_groups(acc: dict[str, Any], conflicts: bool = False, status: str | None = None) -> list[dict[str, Any]]:
    """Figure groups, optionally only conflicts or only one status."""
    rows = []
    for g in acc.get("figure_groups", []):
        if conflicts and g["status"] != "conflict":
            continue
        if status and g["status"] != status:
            continue
        rows.append(g)
    return rows


def find_events(acc: dict[str, Any], etype: str | None = None, place: str | None = None,
                since: str | None = None) -> list[dict[str, Any]]:
    """Events of a type (prefix match), at a place (see :func:`place_matches`), on or after a date, in the order
    of a timeline (:func:`chronological`)."""
    rows = []
    for e in acc.get("events", []):
        if etype and not e["type"].lower().startswith(etype.lower()):
            continue
        if place and not place_matches(e.get("place"), place):
            continue
        if since and (latest_day(e) or "") < since:
            continue
        rows.append(e)
    return sorted(rows, key=chronological)


def chronological(e: dict[str, Any]) -> tuple:
    """Sort key of a timeline: by the first day the event can have happened, then the last (a known day before a
    range that starts with it, an open range after both), the best-sourced first on a tie; events with no date
    at all come last."""
    rng = e.get("date_range") or {}
    first = e.get("date") or rng.get("earliest") or rng.get("latest")
    return (first is None, first or "", latest_day(e) or "~", -int(e.get("independent_sources") or 0))


def latest_day(e: dict[str, Any]) -> str | None:
    """The last day an event can have happened: its end date, its date, else the end of its range."""
    return e.get("date_end") or e.get("date") or (e.get("date_range") or {}).get("latest")


def event_when(e: dict[str, Any]) -> str | None:
    """An event's date as a reader sees it: the day ("2024-01-25"), a span ("2024-01-24 – 2024-01-25"), or
    the range it is known to ("2024-01-19 … 2024-01-25", "after 2024-01-25", "by 2024-01-02")."""
    if e.get("date"):
        return e["date"] + (f" – {e['date_end']}" if e.get("date_end") else "")
    rng = e.get("date_range") or {}
    lo, hi = rng.get("earliest"), rng.get("latest")
    if lo and hi:
        return f"{lo} … {hi}"
    return f"after {lo}" if lo else f"by {hi}" if hi else None


def article_by_id(acc: dict[str, Any], article_id: str) -> dict[str, Any] | None:
    return next((a for a in acc.get("articles", []) if a["id"] == article_id), None)


def place_matches(place: dict[str, Any] | None, wanted: str) -> bool:
    """Whether an event's place is ``wanted``: a country code ("IQ"), a country name ("Iraq": every place in
    it, Baghdad included), or part of the place's name ("bagh"). A code matches the code only: "US" is not
    a substring hit on "Jerusalem"."""
    from .worldmap import country_names

    p = place or {}
    w = wanted.strip().lower()
    if not w:
        return True
    code = (p.get("country_code") or "").lower()
    if code and w in country_names().get(code.upper(), ()):
        return True
    if len(w) <= 3 and w.isalpha() and w == code:
        return True
    is_country = w in _country_words()
    return not is_country and w in (p.get("name") or "").lower() or w == (p.get("name") or "").lower()


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    from .worldmap import country_names

    return frozenset(n for names in country_names().values() for n in names)
