"""One fused event as a record, and how a cluster of mentions becomes one.

:func:`fuse_cluster` turns the mentions :func:`~newsfuse.fuse.events.merge_events` clustered into a
:class:`FusedEvent`: its type (generic mentions back the specific type of their family), the place (a
whole country does not disagree with a place inside it), country and tolls (copies of one text vote
once), actors and targets, the summary a reader sees, and every disagreement with the articles that
said each version. Nothing a source said is overwritten: the record links its mentions.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..records import EventMention
from .entities import fold

__all__ = ["FusedEvent", "event_mention_id", "fuse_cluster"]

# A type that is part of a larger occasion, and that occasion: a visit is where the visitor's meetings
# happen. The two tell of one event from two sides, and the occasion names it.
OCCASION_OF = {"diplomacy.meeting": "diplomacy.visit"}


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
    # the days the event can have happened, when its mentions and their reports' dates say (event_dates.py)
    date_earliest: str | None = None
    date_latest: str | None = None
    date_confidence: float | None = None
    date_basis: str | None = None


def event_mention_id(m: EventMention) -> str:
    """``article:start-end:trigger_start``, stable across runs."""
    return f"{m.article}:{m.start}-{m.end}:{m.trigger_start}"


def family(type_id: str) -> str:
    """The family of an event type ("attack" of "attack.air_strike")."""
    return type_id.split(".", 1)[0]


def _pick(values: list[tuple[object, str]], prefer_max: bool = False):
    """Most common value (ties: smallest, or largest when ``prefer_max``); None when nothing was said."""
    said = [v for v, _ in values if v is not None]
    if not said:
        return None
    counts = Counter(said)
    best = max(counts.values())
    tied = sorted(v for v, c in counts.items() if c == best)
    return tied[-1] if prefer_max else tied[0]


@cache
def _country_name(code: str) -> str | None:
    """The gazetteer's name of the whole country with this ISO alpha-2 code."""
    from ..annotate.places._gazetteer import Gazetteer

    country = Gazetteer.default().country(code) if code else None
    return country.name if country else None


def _places_said(cluster: Sequence[EventMention]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The places the mentions give, as (place, article): those to choose from and those that disagree.

    A whole country said by one report and a place inside it said by another do not disagree: the narrower
    place is the event's place ("Baghdad" over "Iraq"), and the country says nothing against it. A country no
    narrower place lies in stays a rival."""
    said = [(m.place, m.country_code, m.article) for m in cluster if m.place]
    whole = {(p, cc) for p, cc, _ in said if cc and p == _country_name(cc)}
    narrow = [(p, a) for p, cc, a in said if (p, cc) not in whole]
    inside = {cc for p, cc, _ in said if (p, cc) not in whole}
    rivals = narrow + [(p, a) for p, cc, a in said if (p, cc) in whole and cc not in inside]
    return (rivals if narrow else [(p, a) for p, _, a in said]), rivals


def _by_source(values: list[tuple[object, str]], copy_group: Mapping[str, str]) -> list[tuple[object, str]]:
    """One vote per report: copies of one text say a value once."""
    seen: set[tuple[object, str]] = set()
    out = []
    for v, art in values:
        key = (v, copy_group.get(art, art))
        if key not in seen:
            seen.add(key)
            out.append((v, art))
    return out


def _names_one(short: str, full: str) -> bool:
    """Whether ``short`` names what ``full`` names: the same words but for accents and case ("Jose" of "José"),
    or the end of it ("Albares" of "Spanish Foreign Minister José Manuel Albares", "militia" of "Kataib
    Hezbollah militia"). The head of a name is its last word; "US" of "US President Joe Biden" names
    someone else."""
    a, b = fold(short).split(), fold(full).split()
    return bool(a) and len(a) <= len(b) and b[len(b) - len(a):] == a


def _distinct(names: Sequence[str]) -> list[str]:
    """The names in their order, each person or group once: a name that another, fuller one of the list
    names (:func:`_names_one`) gives way to it. The mentions keep every form their sources wrote."""
    out: list[str] = []
    for name in names:
        if any(_names_one(name, kept) for kept in out):
            continue
        shorter = [i for i, kept in enumerate(out) if _names_one(kept, name)]
        if shorter:  # the fuller name takes the place of the first short one
            out[shorter[0]] = name
            out = [kept for i, kept in enumerate(out) if i not in shorter[1:]]
        else:
            out.append(name)
    return out


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


def fuse_cluster(cluster: list[EventMention], copy_group: Mapping[str, str]) -> FusedEvent:
    ids = tuple(event_mention_id(m) for m in cluster)
    types = Counter(m.type for m in cluster)
    # a generic mention ("the attack", "claimed responsibility for the attack") names no kind: it backs each
    # specific type of its family a mention of the same event names ("a drone attack" is an air strike)
    for generic, n in list(types.items()):
        if generic.split(".")[1] == family(generic):
            for other in [t for t in types if t != generic and family(t) == family(generic)]:
                types[other] += n
    dates = [(m.date[:10] if m.date else None, m.article) for m in cluster]
    days = sorted({d for d, _ in dates if d})
    choices, rival_places = _places_said(cluster)
    place = _pick(_by_source(choices, copy_group))
    where = next((m for m in cluster if m.place and m.place == place), None)
    countries = [(m.country_code, m.article) for m in cluster]
    country_code = _pick(_by_source(countries, copy_group))
    killed = _pick(_by_source([(m.killed, m.article) for m in cluster], copy_group), prefer_max=True)
    injured = _pick(_by_source([(m.injured, m.article) for m in cluster], copy_group), prefer_max=True)
    actors = _distinct([a for m in sorted(cluster, key=lambda m: -len(" ".join(m.actors))) for a in m.actors])
    targets = [t for t in _distinct([t for m in cluster for t in m.targets])
               if not any(_names_one(t, a) for a in actors)]
    notes: list[str] = []
    notes += _disagreements("date", dates)
    notes += _disagreements("place", rival_places)
    notes += _disagreements("country", countries)
    notes += _disagreements("killed", [(m.killed, m.article) for m in cluster])
    notes += _disagreements("injured", [(m.injured, m.article) for m in cluster])
    groups = {copy_group.get(m.article, m.article) for m in cluster}
    # the most common type (generic mentions backing the specific types); on a tie a specific type beats the
    # generic one ("air strike" over "attack")
    # and a visit beats the meetings held during it; its most informative mention names the event
    # a mention of what happened names the event before one of what was planned ("talks were held", not "to begin")
    best = max(cluster, key=lambda m: (not m.scheduled, types[m.type], m.type.split(".")[1] != family(m.type),
                                       m.type in OCCASION_OF.values(),
                                       len(m.actors) + len(m.targets) + (m.place is not None), len(m.summary)))
    type_id = best.type
    digest = hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:12]
    return FusedEvent(
        id=f"ev-{digest}", type=type_id, summary=_placed(_summary_of(best, cluster), place, country_code),
        date=days[0] if days else None, date_end=days[-1] if len(days) > 1 else None,
        place=place, lat=where.lat if where else None, lon=where.lon if where else None,
        country_code=country_code, actors=tuple(actors), targets=tuple(targets),
        killed=killed, injured=injured, mention_ids=ids, independent_sources=len(groups),
        disagreements=tuple(notes))


def _placed(summary: str, place: str | None, country_code: str | None) -> str:
    """The summary with the fused event's place: a report's "(Iraq)" becomes "(Baghdad)" when another report
    names the place in Iraq where it happened, and a summary that names no place takes the one another report
    gives ("… militia drone attack" told in Erbil by another sentence: "… (Erbil)"). A summary that names the
    place already keeps its words ("Drone attack on Tower 22 (Jordan)")."""
    if not place or place in summary:
        return summary
    country = _country_name(country_code) if country_code else None
    if country and place != country and f"({country})" in summary:
        return summary.replace(f"({country})", f"({place})", 1)
    return summary if "(" in summary else f"{summary} ({place})"


def _told(m: EventMention) -> int:
    """How much a mention's summary tells: its arguments, place and tolls."""
    return len(m.actors) + len(m.targets) + (m.place is not None) + (m.killed is not None) + (m.injured is not None)


def _kind(m: EventMention, word: str) -> str:
    """The words a mention's summary puts just before its trigger word that name the event's kind ("drone" of
    "Kataib Hezbollah militia drone attack", "Drone" of "Drone attack"): not its actors, not its targets; at
    most two plain words."""
    at = m.summary.lower().find(word)
    if at <= 0:
        return ""
    head = m.summary[:at].strip()
    for actor in sorted(m.actors, key=len, reverse=True):
        if head.lower().startswith(actor.lower()):
            head = head[len(actor):].strip()
            break
    words = head.split()
    if not words or len(words) > 2 or not all(w.isalpha() for w in words):
        return ""
    if any(w.lower() in t.lower().split() for w in words for t in m.targets):
        return ""
    return head


def _summary_of(best: EventMention, cluster: Sequence[EventMention]) -> str:
    """The event's summary: that of the mention that names its type, or, when another mention of the same word
    tells more (whom, the tolls), that one's; either with the kind a mention of the same word and type says
    ("Drone attack" + "attack on Tower 22 (Jordan) kills 3 US troops, wounds 34"; "militia drone attack" +
    "militia and its affiliated groups attack"), the naming mention's first."""
    word = best.trigger.lower()
    same = [m for m in cluster if m.trigger.lower() == word and not m.scheduled]
    fuller = max((m for m in same if _told(m) > _told(best)), key=lambda m: (_told(m), len(m.summary)), default=best)
    text = fuller.summary
    at = text.lower().find(word)
    kind = next((k for m in [best] + [m for m in same if m is not best and m.type == best.type]
                 if (k := _kind(m, word))), "")
    if at < 0 or not kind or kind.lower() in text[:at].lower():
        return text
    if at == 0:
        return f"{kind[:1].upper()}{kind[1:]} {text[:1].lower()}{text[1:]}"
    return f"{text[:at]}{kind.lower()} {text[at:]}"
