"""What changed in the account between two builds, as alerts a reader can act on.

Pure functions: :func:`snapshot` reduces an exported account to what alerts compare, and
:func:`diff` compares two snapshots. Records are matched across builds by what they are made of,
not by their ids (an event's id may change when a new report joins it): an event by the mentions
it shares with an earlier event, a figure group by the figures it shares, a story by its articles.
An alert's id is a hash of what it says, so the same change is never recorded twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Alert", "Track", "parse_track", "snapshot", "diff", "KINDS"]

#: every kind of alert, in the order they are reported within one build
KINDS = ("story.merged", "story.split", "event.new", "event.updated", "figure.updated", "figure.conflict",
         "claim.corroborated", "quote.new")


@dataclass(frozen=True, slots=True)
class Track:
    """What a user follows: ``speaker:Albares``, ``figure:attacks``, ``story:ID``, ``event:attack``."""

    kind: str  # speaker, figure, story, event
    value: str

    def matches(self, text: str | None) -> bool:
        return bool(text) and self.value.lower() in text.lower()


def parse_track(spec: str) -> Track:
    """``"speaker:Albares"`` -> Track; ValueError naming the kinds when malformed."""
    kind, sep, value = spec.partition(":")
    if not sep or kind not in ("speaker", "figure", "story", "event") or not value.strip():
        raise ValueError(f"cannot read the track {spec!r}: write speaker:NAME, figure:WORDS, story:ID or "
                         "event:TYPE")
    return Track(kind, value.strip())


@dataclass(frozen=True, slots=True)
class Alert:
    """One change worth telling: what it is about, what changed from what to what, and the evidence."""

    kind: str
    subject: str  # the id of the record it is about (event, figure group, quote, story)
    title: str
    changes: tuple[dict[str, Any], ...] = ()
    evidence: tuple[dict[str, Any], ...] = ()  # {article, start, end, text}: where the account says it
    story: str | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            # what it says and where the account says it: two events told in the same words are two alerts,
            # and the same change found again (a restarted watch) is the same alert
            where = sorted({(e.get("article"), e.get("start")) for e in self.evidence})
            what = json.dumps([self.kind, self.title, list(self.changes), where], sort_keys=True, default=str)
            object.__setattr__(self, "id", "al-" + hashlib.sha1(what.encode("utf-8")).hexdigest()[:16])

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "subject": self.subject, "title": self.title,
                "changes": list(self.changes), "evidence": list(self.evidence), "story": self.story}


# --------------------------------------------------------------------------- snapshot

def _articles(mentions: Iterable[dict[str, Any]]) -> list[str]:
    return sorted({m["article"] for m in mentions})


def _evidence(mentions: Iterable[dict[str, Any]], articles: Iterable[str] | None = None) -> list[dict[str, Any]]:
    keep = set(articles) if articles is not None else None
    out, seen = [], set()
    for m in mentions:
        key = (m["article"], m["start"], m["end"])
        if key in seen or (keep is not None and m["article"] not in keep):
            continue
        seen.add(key)
        out.append({"article": m["article"], "start": m["start"], "end": m["end"], "text": m.get("text", "")[:300]})
    return out


def snapshot(account: dict[str, Any]) -> dict[str, Any]:
    """The parts of an exported account that alerts compare (small enough to keep between builds)."""
    figures = {f["id"]: f for f in account.get("figures", [])}
    stories = [{"id": s["id"], "title": s.get("title"), "articles": sorted(s.get("articles", []))}
               for s in account.get("stories", [])]
    events = []
    for e in account.get("events", []):
        events.append({
            "id": e["id"], "summary": e.get("summary"), "type": e.get("type"), "date": e.get("date"),
            "date_end": e.get("date_end"), "killed": e.get("killed"), "injured": e.get("injured"),
            "sources": e.get("independent_sources", 1), "articles": _articles(e.get("mentions", [])),
            "disagreements": sorted(e.get("disagreements", [])),
            "keys": sorted({f"{m['article']}:{m['start']}:{m.get('trigger', '')}" for m in e.get("mentions", [])}),
            "evidence": _evidence(e.get("mentions", [])),
        })
    groups = []
    for g in account.get("figure_groups", []):
        members = [figures[f] for f in g.get("figures", []) if f in figures]
        groups.append({
            "id": g["id"], "measure": g.get("measure"), "status": g.get("status"),
            "figures": sorted(g.get("figures", [])), "explanation": g.get("explanation"),
            "values": [{"id": f["id"], "text": _figure_text(f), "as_of": f.get("as_of"),
                        "rank": [f.get("qualifier") in (None, "exact"), f.get("value") or 0]}
                       for f in sorted(members, key=lambda f: (f.get("as_of") or "", f["id"]))],
            "evidence": _evidence(m for f in members for m in f.get("mentions", [])),
        })
    quotes = []
    for q in account.get("quotes", []):
        quotes.append({
            "id": q["id"], "speaker": q.get("speaker_name"), "text": q.get("text"),
            "sources": q.get("independent_sources", len(_articles(q.get("mentions", [])))),
            "articles": _articles(q.get("mentions", [])),
            "keys": sorted({f"{m['article']}:{m['start']}" for m in q.get("mentions", [])}),
            "evidence": _evidence(q.get("mentions", [])),
        })
    return {"stories": stories, "events": events, "figure_groups": groups, "quotes": quotes}


def _figure_text(f: dict[str, Any]) -> str:
    q = {"more_than": "more than ", "at_least": "at least ", "about": "about ", "less_than": "less than ",
         "at_most": "at most ", "up_to": "up to "}.get(f.get("qualifier") or "", "")
    value = f.get("value")
    number = f"{value:,.0f}" if isinstance(value, (int, float)) and float(value).is_integer() else f"{value}"
    if f.get("value_max") is not None:
        number += f"-{f['value_max']:,.0f}" if float(f["value_max"]).is_integer() else f"-{f['value_max']}"
    return q + number


# --------------------------------------------------------------------------- diff

def _match(old: Sequence[dict[str, Any]], new: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The earlier record that shares the most ``key`` members with ``new`` (None when none shares any)."""
    mine = set(new[key])
    best, best_n = None, 0
    for o in old:
        n = len(mine & set(o[key]))
        if n > best_n:
            best, best_n = o, n
    return best


def _story_of(articles: Iterable[str], stories: Sequence[dict[str, Any]]) -> str | None:
    arts = set(articles)
    for s in stories:
        if arts & set(s["articles"]):
            return s["id"]
    return None


def _tracked(tracks: Sequence[Track], kind: str, text: str | None) -> bool:
    """True when no track of ``kind`` is given (follow everything) or one matches ``text``."""
    mine = [t for t in tracks if t.kind == kind]
    return not mine or any(t.matches(text) for t in mine)


def diff(old: dict[str, Any] | None, new: dict[str, Any], tracks: Sequence[Track] = ()) -> list[Alert]:
    """Alerts for what ``new`` says that ``old`` did not (``old`` None: the first build, all is new)."""
    old = old or {"stories": [], "events": [], "figure_groups": [], "quotes": []}
    alerts: list[Alert] = []
    stories = new["stories"]
    story_tracks = [t for t in tracks if t.kind == "story"]

    def in_tracked_story(articles: Iterable[str]) -> tuple[bool, str | None]:
        story = _story_of(articles, stories)
        return (not story_tracks or any(t.value == story for t in story_tracks)), story

    # stories: two earlier stories now one, or one earlier story now in two
    for s in stories:
        parts = [o for o in old["stories"] if set(o["articles"]) & set(s["articles"])]
        if len(parts) > 1:
            alerts.append(Alert("story.merged", s["id"], f"Stories merged: {s['title']}",
                                ({"field": "stories", "from": [p["title"] for p in parts], "to": s["title"]},),
                                story=s["id"]))
    for o in old["stories"]:
        parts = [s for s in stories if set(o["articles"]) & set(s["articles"])]
        if len(parts) > 1:
            alerts.append(Alert("story.split", o["id"], f"Story split: {o['title']}",
                                ({"field": "stories", "from": o["title"], "to": [p["title"] for p in parts]},),
                                story=parts[0]["id"]))

    for e in new["events"]:
        ok, story = in_tracked_story(e["articles"])
        if not ok or not _tracked(tracks, "event", e["type"]):
            continue
        before = _match(old["events"], e, "keys")
        if before is None:
            alerts.append(Alert("event.new", e["id"], f"New event: {e['summary']}",
                                ({"field": "event", "from": None, "to": e["summary"]},),
                                tuple(e["evidence"]), story))
            continue
        changes = []
        added = sorted(set(e["articles"]) - set(before["articles"]))
        if added:
            changes.append({"field": "sources", "from": before["sources"], "to": e["sources"], "new_articles": added})
        for name in ("date", "killed", "injured"):
            if e[name] != before[name] and e[name] is not None:
                changes.append({"field": name, "from": before[name], "to": e[name]})
        disputed = {d.split(":", 1)[0] for d in before.get("disagreements", [])}
        for label in sorted({d.split(":", 1)[0] for d in e.get("disagreements", [])} - disputed):
            changes.append({"field": "disagreement", "on": label,
                            "to": [d for d in e["disagreements"] if d.startswith(label + ":")]})
        if changes:
            alerts.append(Alert("event.updated", e["id"], f"Event updated: {e['summary']}", tuple(changes),
                                tuple(ev for ev in e["evidence"] if not added or ev["article"] in added), story))
        if before["sources"] < 2 <= e["sources"]:
            alerts.append(Alert("claim.corroborated", e["id"], f"Second independent source: {e['summary']}",
                                ({"field": "independent_sources", "from": before["sources"], "to": e["sources"]},),
                                tuple(e["evidence"]), story))

    for g in new["figure_groups"]:
        ok, story = in_tracked_story(ev["article"] for ev in g["evidence"])
        if not ok or not _tracked(tracks, "figure", g["measure"]):
            continue
        before = _match(old["figure_groups"], g, "figures")
        texts = [v["text"] for v in g["values"]]
        if before is None:
            if g["status"] in ("updated", "conflict"):  # a new group that already moves or disagrees
                kind = "figure.conflict" if g["status"] == "conflict" else "figure.updated"
                alerts.append(Alert(kind, g["id"], f"{g['measure']}: {' then '.join(texts)}",
                                    ({"field": "values", "from": None, "to": texts},), tuple(g["evidence"]), story))
            continue
        if g["status"] == "conflict" and before["status"] != "conflict":
            alerts.append(Alert("figure.conflict", g["id"], f"Sources disagree: {g['measure']}",
                                ({"field": "status", "from": before["status"], "to": "conflict", "values": texts},),
                                tuple(g["evidence"]), story))
            continue
        # a count moved on: a figure new to the group, told later than any the group had
        known = {v["id"] for v in before["values"]}
        dated = [v for v in before["values"] if v["as_of"]]
        # of one day's figures, the exact one ("103") is the count; "more than 100" rounds it
        last = max(dated, key=lambda v: (v["as_of"], v["rank"])) if dated else None
        fresh = [v for v in g["values"] if v["id"] not in known and v["as_of"]]
        newest = max(fresh, key=lambda v: (v["as_of"], v["rank"])) if fresh else None
        if newest and last and newest["as_of"] > last["as_of"] and newest["rank"][1] != last["rank"][1]:
            alerts.append(Alert("figure.updated", g["id"], f"{g['measure']}: {last['text']} → {newest['text']}",
                                ({"field": "value", "from": last["text"], "from_as_of": last["as_of"],
                                  "to": newest["text"], "to_as_of": newest["as_of"], "status": g["status"]},),
                                tuple(g["evidence"]), story))

    speaker_tracks = [t for t in tracks if t.kind == "speaker"]
    for q in new["quotes"]:
        ok, story = in_tracked_story(q["articles"])
        if not ok:
            continue
        before = _match(old["quotes"], q, "keys")
        if before is None and speaker_tracks and any(t.matches(q["speaker"]) for t in speaker_tracks):
            alerts.append(Alert("quote.new", q["id"], f"{q['speaker']}: {q['text'][:200]}",
                                ({"field": "quote", "from": None, "to": q["text"]},), tuple(q["evidence"]), story))
        elif before is not None and before["sources"] < 2 <= q["sources"]:
            alerts.append(Alert("claim.corroborated", q["id"],
                                f"Second independent source: {q['speaker'] or 'unknown'}: {q['text'][:160]}",
                                ({"field": "independent_sources", "from": before["sources"], "to": q["sources"]},),
                                tuple(q["evidence"]), story))
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(alerts, key=lambda a: order[a.kind])
