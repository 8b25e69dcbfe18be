"""The same real-world event told by several articles becomes one :class:`FusedEvent`.

Two mentions may be the same event when their types share a family
(``attack``, ``diplomacy`` ...), their dates are at most one day apart, their
countries agree and, for actor-defined events (diplomacy, statements), the
people named do not exclude each other. They are the same event when enough
evidence adds up: the same date, the same place or country, shared actor or
target names, the same trigger word. Clustering is greedy and conservative:
a mention joins a cluster only when it conflicts with no member of it.

Aggregate mentions ("more than 150 attacks since mid-October") are not single
events and are left out. Where sources differ on the date, the place or the
casualty figures, each version is kept in ``disagreements`` with the article
that said it; the fused value is the most common one (earliest date on a tie,
largest toll on a tie). ``independent_sources`` counts articles once per copy group.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import EventMention

__all__ = ["FusedEvent", "event_mention_id", "merge_events"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words that say what someone is, not who: they do not identify an actor.
_TITLE_WORDS = frozenset(
    "a an the of and or in for to with his her their its minister foreign prime president spokesman spokeswoman "
    "spokesperson secretary general chief top senior official officials government ministry authorities "
    "army forces force troops military security state national deputy defence defense interior head leader "
    "council office media diplomat counterpart fm pm us-led led backed iran-backed pro group groups "
    "country countries people".split()
)
# Country names and demonyms identify an actor only weakly ("Spanish" minister A vs B).
_WEAK_WORDS = frozenset(
    "us u.s american america iraq iraqi spain spanish iran iranian israel israeli jordan jordanian syria syrian "
    "british britain uk french france german germany russian russia chinese china turkish turkey washington "
    "baghdad tehran coalition international western arab kurdish".split()
)
_ACTOR_DEFINED = frozenset({"diplomacy", "statement", "coercion", "ceremony"})


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """One real-world event, linked to every mention of it; nothing a source said is overwritten."""

    id: str
    type: str
    summary: str
    date: str | None
    date_end: str | None
    place: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    killed: int | None
    injured: int | None
    mention_ids: tuple[str, ...]
    independent_sources: int
    disagreements: tuple[str, ...]


def event_mention_id(m: EventMention) -> str:
    """``article:start-end:trigger_start``, stable across runs."""
    return f"{m.article}:{m.start}-{m.end}:{m.trigger_start}"


def _family(type_id: str) -> str:
    return type_id.split(".", 1)[0]


def _names(values: Sequence[str]) -> tuple[set[str], set[str]]:
    """(strong name words, weak country words) of actor / target strings."""
    strong: set[str] = set()
    weak: set[str] = set()
    for v in values:
        for w in _WORD.findall(v.lower()):
            if w in _WEAK_WORDS:
                weak.add(w)
            elif w not in _TITLE_WORDS and len(w) > 2 and not w.isdigit():
                strong.add(w)
    return strong, weak


def _day(value: str | None) -> dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _people(m: EventMention) -> set[str]:
    return _names(m.actors + m.targets)[0]


def _conflict(a: EventMention, b: EventMention) -> bool:
    """Hard reasons why two mentions cannot be one event."""
    if _family(a.type) != _family(b.type):
        return True
    da, db = _day(a.date), _day(b.date)
    if da and db and abs((da - db).days) > 1:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return True
    if _family(a.type) in _ACTOR_DEFINED:
        pa, pb = _people(a), _people(b)
        if pa and pb and not pa & pb:
            return True
    # two tolls that differ a lot are two incidents (3 vs 30), a small spread is a disagreement
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x is not None and y is not None and max(x, y) > 2 * min(x, y) + 3:
            return True
    if a.place and b.place and a.lat is not None and b.lat is not None and a.lon is not None \
            and b.lon is not None and abs(a.lat - b.lat) + abs(a.lon - b.lon) > 1.5:
        return True  # over ~150 km apart
    return False


def _evidence(a: EventMention, b: EventMention) -> float:
    """How strongly two compatible mentions look like one event."""
    score = 0.0
    if a.type == b.type:
        score += 1.0
    da, db = _day(a.date), _day(b.date)
    if da and db and da == db:
        score += 2.0
    if a.place and b.place and a.place.lower() == b.place.lower():
        score += 2.0
    elif a.country_code and a.country_code == b.country_code:
        score += 1.0
    sa, wa = _names(a.actors + a.targets)
    sb, wb = _names(b.actors + b.targets)
    if sa & sb:
        score += 2.0
    elif wa & wb:
        score += 0.5
    if a.trigger.lower()[:5] == b.trigger.lower()[:5]:
        score += 0.5
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x is not None and x == y:
            score += 2.0
    if _family(a.type) in _ACTOR_DEFINED and not sa & sb:
        score = min(score, 2.5)  # a visit is defined by who visits: place and date alone do not make it one
    return score


def _pick(values: list[tuple[object, str]], prefer_max: bool = False):
    """Most common value (ties: smallest, or largest when ``prefer_max``); None when nothing was said."""
    said = [v for v, _ in values if v is not None]
    if not said:
        return None
    counts = Counter(said)
    best = max(counts.values())
    tied = sorted(v for v, c in counts.items() if c == best)
    return tied[-1] if prefer_max else tied[0]


def _disagreements(label: str, values: list[tuple[object, str]]) -> list[str]:
    said: dict[object, list[str]] = {}
    for v, art in values:
        if v is not None:
            said.setdefault(v, [])
            if art not in said[v]:
                said[v].append(art)
    if len(said) < 2:
        return []
    return [f"{label}: {v} ({', '.join(arts)})" for v, arts in sorted(said.items(), key=lambda kv: str(kv[0]))]


def _fuse(cluster: list[EventMention], copy_group: Mapping[str, str]) -> FusedEvent:
    ids = tuple(event_mention_id(m) for m in cluster)
    types = Counter(m.type for m in cluster)
    type_id = max(types.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
    dates = [(m.date[:10] if m.date else None, m.article) for m in cluster]
    days = sorted({d for d, _ in dates if d})
    places = [(m.place, m.article) for m in cluster]
    place = _pick(places)
    # a named place beats a bare country when both are said
    specific = [m for m in cluster if m.place and m.place == place] or [m for m in cluster if m.place]
    where = specific[0] if specific else None
    countries = [(m.country_code, m.article) for m in cluster]
    killed = _pick([(m.killed, m.article) for m in cluster], prefer_max=True)
    injured = _pick([(m.injured, m.article) for m in cluster], prefer_max=True)
    actors: list[str] = []
    targets: list[str] = []
    for m in sorted(cluster, key=lambda m: -len(" ".join(m.actors))):
        for a in m.actors:
            if a not in actors:
                actors.append(a)
    for m in cluster:
        for t in m.targets:
            if t not in targets and t not in actors:
                targets.append(t)
    notes: list[str] = []
    notes += _disagreements("date", dates)
    notes += _disagreements("place", [(p, a) for p, a in places if p])
    notes += _disagreements("country", countries)
    notes += _disagreements("killed", [(m.killed, m.article) for m in cluster])
    notes += _disagreements("injured", [(m.injured, m.article) for m in cluster])
    groups = {copy_group.get(m.article, m.article) for m in cluster}
    best = max(cluster, key=lambda m: (len(m.actors) + len(m.targets) + (m.place is not None), len(m.summary)))
    digest = hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:12]
    return FusedEvent(
        id=f"ev-{digest}", type=type_id, summary=best.summary,
        date=days[0] if days else None, date_end=days[-1] if len(days) > 1 else None,
        place=place, lat=where.lat if where else None, lon=where.lon if where else None,
        country_code=_pick(countries), actors=tuple(actors), targets=tuple(targets),
        killed=killed, injured=injured, mention_ids=ids, independent_sources=len(groups),
        disagreements=tuple(notes))


def merge_events(events: Sequence[EventMention], copy_group: Mapping[str, str],
                 threshold: float = 3.5, include_aggregate: bool = False) -> list[FusedEvent]:
    """Group event mentions that tell of the same real-world event.

    ``copy_group`` maps article id -> copy-group id (articles missing from it are
    their own group). A mention joins the cluster with the strongest evidence
    (at least ``threshold`` with some member) that none of its members conflicts
    with; otherwise it starts a cluster. Aggregates are skipped unless
    ``include_aggregate`` (then each stays on its own).
    """
    clusters: list[list[EventMention]] = []
    order = sorted(events, key=lambda m: (m.article, m.start, m.trigger_start))
    for m in order:
        if m.aggregate:
            if include_aggregate:
                clusters.append([m])
            continue
        best_i, best_score = -1, threshold
        for i, members in enumerate(clusters):
            if members[0].aggregate or any(_conflict(m, o) for o in members):
                continue
            s = max(_evidence(m, o) for o in members)
            if s >= best_score:
                best_i, best_score = i, s
        if best_i >= 0:
            clusters[best_i].append(m)
        else:
            clusters.append([m])
    fused = [_fuse(c, copy_group) for c in clusters]
    fused.sort(key=lambda f: (f.date or "9999", -len(f.mention_ids), f.id))
    return fused
