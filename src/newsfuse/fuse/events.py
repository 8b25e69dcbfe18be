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
largest toll on a tie). ``independent_sources`` counts articles once per copy group. How a cluster
becomes one record (type, place, summary, disagreements) lives in :mod:`.event_record`; this module
decides which mentions form a cluster.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..lexicons import weekdays
from ..records import EventMention
from .coref_model import corefer, info_from_json
from .dates import day_of as _day
from .event_record import OCCASION_OF as _OCCASION_OF
from .event_record import FusedEvent, event_mention_id, fuse_cluster
from .event_record import family as _family

__all__ = ["FusedEvent", "event_mention_id", "merge_events"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words that say what someone is, not who: they do not identify an actor.
_TITLE_WORDS = frozenset(
    "a an the of and or in for to with his her their its minister foreign prime president spokesman spokeswoman "
    "spokesperson secretary general chief top senior official officials government ministry authorities "
    "army forces force troops military security state national deputy defence defense interior head leader "
    "council office media diplomat counterpart fm pm us-led led backed iran-backed pro group groups "
    "country countries people side sides parties "
    # counts say how many, not who: "the two countries" of one report are not those of another
    "one two three four five six seven eight nine ten both several dozens hundreds thousands".split()
)
# Country names and demonyms identify an actor only weakly ("Spanish" minister A vs B).
_WEAK_WORDS = frozenset(
    "us u.s american america iraq iraqi spain spanish iran iranian israel israeli jordan jordanian syria syrian "
    "british britain uk french france german germany russian russia chinese china turkish turkey washington "
    "baghdad tehran coalition international western arab kurdish".split()
)
_ACTOR_DEFINED = frozenset({"diplomacy", "statement", "coercion", "ceremony"})
#: undated mentions of articles published further apart than this are weak candidates for one event
_FAR_DAYS = 7
#: what such a pair must earn on top of the threshold: a shared place, name or toll, not a type alone
_FAR_PENALTY = 2.0
#: how long after its event an article can tell of it is open; how long before, not (a day of time zones)
_REPORT_SLACK_DAYS = 1
#: verbs that start what they govern ("will begin discussions"), and the ordinal of a series' start
_START_VERBS = frozenset("begin start open launch".split())
#: what a series announced to begin and its first round, told as held, earn together: as much as a shared day
#: and place (the two are the one start of the series, told before and after it happened)
_START_LINK = 2.5
#: weekday names: in one article, one name is one day
_WEEKDAY_NAMES = frozenset(weekdays())


#: words of the title phrases of _TITLE_WORDS that say which office ("the Spanish Prime Minister")
_ROLE_STOP = frozenset("a an the of and or in for to with his her their its".split())


def _roles(values: Sequence[str]) -> frozenset[str]:
    return frozenset(w for v in values for w in _WORD.findall(v.lower()) if w in _TITLE_WORDS and w not in _ROLE_STOP)


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


@dataclass(frozen=True, slots=True)
class _Key:
    """What the comparisons read from one mention, computed once."""

    family: str
    day: dt.date | None
    strong: frozenset[str]
    weak: frozenset[str]
    trigger5: str
    place: str | None
    published: dt.date | None = None  # the article's publication day, when known
    roles: frozenset[str] = frozenset()  # office words of the arguments: "prime minister"
    actor_strong: frozenset[str] = frozenset()  # strong name words of the actors alone (who speaks, who meets)
    weekdays: frozenset[str] = frozenset()  # weekday names of its sentence ("tuesday"), for mentions of one article
    starts: bool = False  # tells of the start of a series: "will begin discussions", "a first round of talks"


def _starts(m: EventMention) -> bool:
    """The mention tells of the start of a series: the object of "begin" ("will begin discussions") or an
    event the ordinal "first" counts ("a first round of talks")."""
    info = m.coref or {}
    return (info.get("governor") or "").split("|")[0] in _START_VERBS or "first" in info.get("numbers", ())


def _key(m: EventMention, published: Mapping[str, str] | None = None) -> _Key:
    strong, weak = _names(m.actors + m.targets)
    times = (m.coref or {}).get("times", ())
    return _Key(_family(m.type), _day(m.date), frozenset(strong), frozenset(weak), m.trigger.lower()[:5],
                m.place.lower() if m.place else None, _day((published or {}).get(m.article)),
                _roles(m.actors + m.targets), frozenset(_names(m.actors)[0]),
                frozenset(t for t in times if t in _WEEKDAY_NAMES), _starts(m))


def _same_start(a: EventMention, b: EventMention, ka: _Key, kb: _Key) -> bool:
    """One tells that a series will begin ("Washington and Baghdad will begin discussions"), the other that its
    first round was held ("a first round of talks with US officials was held"): the same type, a party in
    common (by country: Washington and US officials are one party) and no name that sets them apart."""
    if a.type != b.type or a.scheduled == b.scheduled or not (ka.starts and kb.starts):
        return False
    plan, done = (ka, kb) if a.scheduled else (kb, ka)
    if plan.published and done.published and done.published < plan.published:
        return False  # held before it was announced: another series
    if ka.strong and kb.strong and not ka.strong & kb.strong:
        return False
    parties = [{_party(w) for w in k.weak} for k in (ka, kb)]
    return bool(parties[0] & parties[1])


@cache
def _party(word: str) -> str:
    """The country a weak word names, by the gazetteer ("Washington" and "US officials" are one party of
    talks), or the word itself."""
    from ..annotate.places._gazetteer import Gazetteer

    return Gazetteer.default().nation(word) or word


def _refers_back(x: _Key, y: _Key) -> bool:
    """``x`` names its people only by office and country ("the meeting with the Spanish Prime Minister"),
    and ``y`` names people with that office and country ("Spanish Prime Minister Pedro Sanchez")."""
    return not x.strong and bool(x.weak) and bool(x.roles) and x.weak <= y.weak and x.roles <= y.roles


def _conflict(a: EventMention, b: EventMention, ka: _Key | None = None, kb: _Key | None = None) -> bool:
    """Hard reasons why two mentions cannot be one event."""
    ka, kb = ka or _key(a), kb or _key(b)
    if ka.family != kb.family:
        return True
    if ka.day and kb.day and abs((ka.day - kb.day).days) > 1:
        return True
    # an article cannot tell of an event dated after it was published
    for x, y in ((ka, kb), (kb, ka)):
        if x.day and y.published and (x.day - y.published).days > _REPORT_SLACK_DAYS:
            return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return True
    if ka.family in _ACTOR_DEFINED and ka.strong and kb.strong and not ka.strong & kb.strong:
        return True
    # two tolls that differ a lot are two incidents (3 vs 30), a small spread is a disagreement
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x is not None and y is not None and max(x, y) > 2 * min(x, y) + 3:
            return True
    if a.place and b.place and a.lat is not None and b.lat is not None and a.lon is not None \
            and b.lon is not None and abs(a.lat - b.lat) + abs(a.lon - b.lon) > 1.5:
        return True  # over ~150 km apart
    return False


def _evidence(a: EventMention, b: EventMention, ka: _Key | None = None, kb: _Key | None = None) -> float:
    """How strongly two compatible mentions look like one event."""
    ka, kb = ka or _key(a), kb or _key(b)
    score = 0.0
    if a.type == b.type:
        score += 1.0
    elif _OCCASION_OF.get(a.type) == b.type or _OCCASION_OF.get(b.type) == a.type:
        score += 0.5
    if ka.day and ka.day == kb.day:
        score += 2.0
    elif a.article == b.article and a.start != b.start and not ka.day and not kb.day and ka.weekdays & kb.weekdays:
        score += 2.0  # one article's "Tuesday" is one day (two events of one sentence are told as two)
    if ka.place and ka.place == kb.place:
        score += 2.0
    elif a.country_code and a.country_code == b.country_code:
        score += 1.0
    if ka.strong & kb.strong:
        score += 2.0
    elif ka.weak & kb.weak:
        score += 0.5
    if ka.trigger5 == kb.trigger5:
        score += 0.5
    if a.article == b.article and ka.family in _ACTOR_DEFINED and ka.strong & kb.strong:
        score += 1.0  # one article telling of the same person's visit twice ("on a visit", "told a news conference")
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x is not None and x == y:
            score += 2.0
    if a.article == b.article and a.type == b.type and ka.family in _ACTOR_DEFINED \
            and (_refers_back(ka, kb) or _refers_back(kb, ka)):
        # one article telling of one meeting twice, the second time by office: "the meeting with the
        # Spanish Prime Minister" after "his meeting with the Spanish Prime Minister, Pedro Sanchez"
        return score + 2.0
    if ka.family in _ACTOR_DEFINED and not ka.strong & kb.strong:
        score = min(score, 2.5)  # a visit is defined by who visits: place and date alone do not make it one
    if _same_start(a, b, ka, kb):
        score += _START_LINK
    if not ka.day and not kb.day and ka.published and kb.published \
            and abs((ka.published - kb.published).days) > _FAR_DAYS:
        # neither mention is dated and their reports are weeks apart: "the two countries agreed" in
        # December and in January are two agreements unless more than the type and country say otherwise
        score -= _FAR_PENALTY
    return score


#: what the coreference model's link adds to a pair's evidence: with no conflict and the same type family, the
#: model's clusters are the build's events; the rules' evidence (shared date, place, names, toll) links
#: mentions the model left apart
_COREF_LINK = 3.5


def coref_labels(events: Sequence[EventMention], settings=None,
                 stories: Mapping[str, str] | None = None) -> dict[str, str]:
    """mention id -> event-coreference cluster (:func:`~.coref_model.corefer`, the model ``bench/coref.py``
    measures) for the mentions that carry the model's summary of their sentence (``EventMention.coref``).

    The documents are described as the benchmark describes them, from what the records keep: content
    lemmas of the sentences that hold events; names, and times and numbers, of those sentences.
    ``stories`` (article -> story) are the build's stories: the model then compares the mentions of
    one story, instead of grouping the articles itself.
    """
    kept = [m for m in events if m.coref]
    infos = [info_from_json(m.coref, event_mention_id(m), m.article, str(m.start)) for m in kept]
    doc_tokens: dict[str, list[str]] = {}
    articles: dict[str, tuple[list[str], list[str]]] = {}
    seen: set[tuple[str, int]] = set()
    for m, info in zip(kept, infos):
        doc_tokens.setdefault(m.article, [])
        names, facts = articles.setdefault(m.article, ([], []))
        if (m.article, m.start) in seen:
            continue
        seen.add((m.article, m.start))
        doc_tokens[m.article] += sorted(info.context | info.lemmas)
        names += sorted(info.names)
        facts += sorted(info.times | info.numbers)
    # mentions of different type families never merge: the model does not compare them
    labels = corefer(infos, doc_tokens, articles, settings, stories, blocks=[_family(m.type) for m in kept])
    return {info.key: label for info, label in zip(infos, labels)}


def _index(i: int, members: list[tuple[EventMention, _Key]], fam: str,
           by_country: dict[tuple[str, str | None], set[int]], by_day: dict[tuple[str, dt.date | None], set[int]]) -> None:
    """File cluster ``i`` under its countries and days (or under None while it has none)."""
    countries = {m.country_code for m, _ in members if m.country_code}
    days = {k.day for _, k in members if k.day}
    by_country.setdefault((fam, None), set()).discard(i)
    by_day.setdefault((fam, None), set()).discard(i)
    for cc in countries or {None}:
        by_country.setdefault((fam, cc), set()).add(i)
    for d in days or {None}:
        by_day.setdefault((fam, d), set()).add(i)


def _pair_score(m: EventMention, k: _Key, o: EventMention, ko: _Key, same: Mapping[str, str]) -> float:
    """The rules' evidence that two mentions are one event, plus the coreference model's link.

    An event defined by who takes part (a statement, an agreement, a meeting) takes the link only when
    their actors share a name: "the two countries agreed" of two reports can be two agreements, and two
    statements about "attacks" are not one for that."""
    mine = same.get(event_mention_id(m))
    linked = mine is not None and same.get(event_mention_id(o)) == mine
    if k.family in _ACTOR_DEFINED and not k.actor_strong & ko.actor_strong:
        linked = False
    return _evidence(m, o, k, ko) + (_COREF_LINK if linked else 0.0)


def _merge_compatible(clusters: list[list[tuple[EventMention, _Key]]], same: Mapping[str, str],
                      threshold: float) -> list[list[tuple[EventMention, _Key]]]:
    """Merge clusters of one type family, best pair first, while no members conflict and some pair of members
    has at least ``threshold`` of evidence. Only clusters that share a day or a coreference label are compared;
    a merged cluster's pairs follow from its parts' (a conflict of either part, the better evidence of the two),
    so each pair of members is compared once."""
    live = {i: c for i, c in enumerate(clusters) if c}
    index: dict[object, set[int]] = {}
    keys_of: dict[int, set] = {}
    for i, c in live.items():
        keys_of[i] = {("day", k.family, k.day) for _, k in c if k.day} | {
            ("coref", k.family, same[event_mention_id(m)]) for m, k in c if event_mention_id(m) in same}
        for key in keys_of[i]:
            index.setdefault(key, set()).add(i)
    scores: dict[tuple[int, int], float | None] = {}  # (low id, high id) -> evidence, None when they conflict

    def score(x: int, y: int) -> float | None:
        pair = (x, y) if x < y else (y, x)
        if pair not in scores:
            if any(_conflict(m, o, k, ko) for m, k in live[x] for o, ko in live[y]):
                scores[pair] = None
            else:
                scores[pair] = max(_pair_score(m, k, o, ko, same) for m, k in live[x] for o, ko in live[y])
        return scores[pair]

    def neighbours(x: int) -> set[int]:
        return {z for key in keys_of[x] for z in index[key]} - {x}

    heap: list[tuple[float, int, int]] = []
    for x in sorted(live):
        for y in sorted(z for z in neighbours(x) if z > x):
            s = score(x, y)
            if s is not None and s >= threshold:
                heap.append((-s, x, y))
    heapq.heapify(heap)
    while heap:
        neg, x, y = heapq.heappop(heap)
        if x not in live or y not in live or scores.get((x, y)) != -neg:
            continue  # a part of the pair was merged since: its score is stale
        near = neighbours(x) | neighbours(y)
        merged = {z: None if score(x, z) is None or score(y, z) is None else max(score(x, z), score(y, z))
                  for z in near - {x, y}}
        live[x] = live[x] + live.pop(y)
        for key in keys_of.pop(y):
            index[key].discard(y)
            index[key].add(x)
            keys_of[x].add(key)
        scores = {p: v for p, v in scores.items() if x not in p and y not in p}
        for z, s in merged.items():
            pair = (x, z) if x < z else (z, x)
            scores[pair] = s
            if s is not None and s >= threshold:
                heapq.heappush(heap, (-s, *pair))
    return [live[i] for i in sorted(live)]


def merge_events(events: Sequence[EventMention], copy_group: Mapping[str, str],
                 threshold: float = 3.5, include_aggregate: bool = False,
                 published: Mapping[str, str] | None = None, settings=None,
                 stories: Mapping[str, str] | None = None) -> list[FusedEvent]:
    """Group event mentions that tell of the same real-world event.

    ``copy_group`` maps article id -> copy-group id (articles missing from it are
    their own group). A mention joins the cluster with the strongest evidence
    (at least ``threshold`` with some member) that none of its members conflicts
    with; otherwise it starts a cluster. Aggregates are skipped unless
    ``include_aggregate`` (then each stays on its own).

    ``published`` maps article id -> publication date (ISO) for the articles whose date is known:
    an article cannot report an event dated more than a day after it, and two undated mentions
    from articles published weeks apart need more evidence than the threshold to be one event.

    The event-coreference model (:func:`coref_labels`; ``settings`` may set its thresholds) links
    mentions it puts in one cluster: their evidence gains :data:`_COREF_LINK`. The hard conflicts
    still keep them apart (another type family, dates or places too far apart, tolls that differ).
    Clusters are then merged pairwise (:func:`_merge_compatible`) where no members conflict and two
    members have the evidence: a greedy pass leaves a mention apart when a better cluster took its partner.
    """
    same = coref_labels([m for m in events if not m.aggregate], settings, stories)
    # Candidates are blocked on what _conflict forbids outright, so the result is the same as
    # comparing with every cluster: the type family must match, a dated mention only meets
    # clusters dated within a day of it (or undated ones), a mention with a country only
    # clusters of that country (or none).
    clusters: list[list[tuple[EventMention, _Key]]] = []
    in_family: dict[str, set[int]] = {}
    by_country: dict[tuple[str, str | None], set[int]] = {}
    by_day: dict[tuple[str, dt.date | None], set[int]] = {}
    order = sorted(events, key=lambda m: (m.article, m.start, m.trigger_start))
    for m in order:
        k = _key(m, published)
        if m.aggregate:
            if include_aggregate:
                clusters.append([(m, k)])  # an aggregate stays alone and takes no one in
            continue
        cand = in_family.get(k.family, set())
        if m.country_code:
            cand = cand & (by_country.get((k.family, m.country_code), set()) | by_country.get((k.family, None), set()))
        if k.day:
            near = by_day.get((k.family, None), set()).copy()
            for delta in (-1, 0, 1):
                near |= by_day.get((k.family, k.day + dt.timedelta(days=delta)), set())
            cand = cand & near
        best_i, best_score = -1, threshold
        for i in sorted(cand):
            members = clusters[i]
            if any(_conflict(m, o, k, ko) for o, ko in members):
                continue
            s = max(_pair_score(m, k, o, ko, same) for o, ko in members)
            if s >= best_score:
                best_i, best_score = i, s
        if best_i < 0:
            best_i = len(clusters)
            clusters.append([])
            in_family.setdefault(k.family, set()).add(best_i)
        members = clusters[best_i]
        members.append((m, k))
        _index(best_i, members, k.family, by_country, by_day)
    clusters = _merge_compatible(clusters, same, threshold)
    fused = [fuse_cluster([m for m, _ in c], copy_group) for c in clusters]
    fused.sort(key=lambda f: (f.date or "9999", -len(f.mention_ids), f.id))
    return fused
