"""Stories: articles about the same developing story, grouped incrementally.

An editor groups reports by what they share: the people, places and
organisations, the words, and the time. Each article is compared with the
stories already formed (average similarity to their articles); it joins the
best one above the threshold or starts a new story. Earlier assignments are
kept, so adding articles never re-clusters the corpus; two stories whose
articles turn out to be as close as one story's are merged (the older id wins).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

__all__ = ["StoryInput", "assign_stories", "similarity_fn", "STOPWORDS"]

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
    only or other our ours out over own said same says she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours told after amid since according one two three new last first
    year years week day days monday tuesday wednesday thursday friday saturday sunday""".split()
)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@dataclass(frozen=True, slots=True)
class StoryInput:
    id: str
    seq: int
    text: str
    entities: frozenset[str] = frozenset()  # linked entity ids (people, organisations, places)
    date: str | None = None
    title: str | None = None
    words: Counter[str] = field(default_factory=Counter, compare=False, hash=False)


def _bag(text: str) -> Counter[str]:
    return Counter(w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in STOPWORDS)


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def similarity_fn(items: Sequence[StoryInput]):
    """A pairwise article similarity built from TF-IDF cosine, shared entities and time."""
    bags = {it.id: (it.words or _bag(it.text)) for it in items}
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    n = max(1, len(items))
    vecs: dict[str, dict[str, float]] = {}
    for i, bag in bags.items():
        v = {w: (1 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5)) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs[i] = {w: x / norm for w, x in v.items()}
    by_id = {it.id: it for it in items}

    def sim(a: str, b: str) -> float:
        va, vb = vecs[a], vecs[b]
        if len(va) > len(vb):
            va, vb = vb, va
        cos = sum(x * vb.get(w, 0.0) for w, x in va.items())
        ea, eb = by_id[a].entities, by_id[b].entities
        ent = len(ea & eb) / min(len(ea), len(eb)) if ea and eb else 0.0
        score = 0.6 * cos + 0.4 * ent
        days = _days(by_id[a].date, by_id[b].date)
        if days is not None and days > 30:
            score *= 0.5
        return score

    return sim


def assign_stories(items: Sequence[StoryInput], prior: Mapping[str, str] | None = None,
                   threshold: float = 0.25, merge_threshold: float | None = None) -> dict[str, str]:
    """Article id -> story id. ``prior`` assignments are kept; new articles join or start stories."""
    prior = dict(prior or {})
    items = sorted(items, key=lambda it: it.seq)
    sim = similarity_fn(items)
    known = {it.id for it in items}
    assignment = {a: s for a, s in prior.items() if a in known}
    members: dict[str, list[str]] = defaultdict(list)
    for a, s in assignment.items():
        members[s].append(a)
    for it in items:
        if it.id in assignment:
            continue
        best, best_score = None, threshold
        for story, arts in members.items():
            score = sum(sim(it.id, a) for a in arts) / len(arts)
            if score >= best_score:
                best, best_score = story, score
        story = best or f"s-{it.id}"
        assignment[it.id] = story
        members[story].append(it.id)
    # merge stories that turn out to be one
    merge_threshold = threshold if merge_threshold is None else merge_threshold
    changed = True
    while changed and len(members) > 1:
        changed = False
        stories = sorted(members, key=lambda s: min(next(i.seq for i in items if i.id == a) for a in members[s]))
        for x in range(len(stories)):
            for y in range(x + 1, len(stories)):
                sa, sb = stories[x], stories[y]
                pairs = [(a, b) for a in members[sa] for b in members[sb]]
                if pairs and sum(sim(a, b) for a, b in pairs) / len(pairs) >= merge_threshold:
                    for a in members.pop(sb):
                        assignment[a] = sa
                        members[sa].append(a)
                    changed = True
                    break
            if changed:
                break
    return assignment
