"""Group figures about the same measure across articles and say whether the reports agree.

A group holds the figures with the same ``measure_key`` (a figure that names neither a measure
nor a unit is in no group), the same kind of unit and
comparable scopes (one scope holds the other: "attacks on US-led forces in Iraq
and Syria" takes "attacks in Iraq and Syria" and "attacks on US-led forces", but
US troops in Iraq and US troops in Syria stay apart) and owners that may be the same: when
both figures' ``about`` name someone and the names share no word ("Duly" vs "Kaiser"), they stay
apart; "US" meets "United States" by its initials, and a description ("US-led coalition forces")
names nobody, so it never splits a group. Figures are read as
intervals (``more than 150`` = (150, inf), ``about 2,500`` = [2,375, 2,625],
``dozens`` = [24, inf)), then each group gets a status:

- ``single``: one independent source (articles that copy each other count once: a figure
  counts once per copy group when its article was copied whole, as a duplicate or near
  duplicate, or when the figure lies inside a passage its article shares; a figure written
  outside the shared passages is its article's own report, "Spain has more than 300 soldiers"
  beside "whose country has more than 300 troops" in an article that only shares a
  background paragraph);
- ``conflict``: two sources, as of the same date (within two days), with values
  that cannot both be true;
- ``updated``: the stated values differ between dates ("103" late December,
  "more than 150" late January): the count changed over time; also a running
  tally ("since October 17", "so far") whose reports differ while one of them is
  undated, since such a count only grows;
- ``agree``: every value fits every other.

The explanation lists each value with its date and articles, so a reader can check.
Fusion links figures; it never changes what a source said.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import FigureMention
from .dates import day_of as _day

__all__ = ["FigureGroup", "about_names", "counts_something", "figure_id", "figure_sources", "group_figures", "figure_interval",
           "reader_measure"]

#: "about" tolerance on either side of the value
ABOUT_TOLERANCE = 0.05
#: figures as of dates at most this many days apart describe the same moment
SAME_DAY_WINDOW = 2
_VAGUE_WORDS = ("dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens of")


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures that report the same measure, with a verdict on whether they agree."""

    id: str
    measure: str
    figure_ids: tuple[str, ...]
    status: str  # single | agree | updated | conflict
    explanation: str
    independent_sources: int


def figure_id(f: FigureMention) -> str:
    """Stable id of a figure: ``article:start-end``."""
    return f"{f.article}:{f.start}-{f.end}"


def figure_interval(f: FigureMention) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open): the values the figure allows."""
    v = f.value
    if f.text.lower().lstrip().startswith(_VAGUE_WORDS):
        return v, math.inf, False, False
    q = f.qualifier
    if q == "range" and f.value_max is not None:
        return min(v, f.value_max), max(v, f.value_max), False, False
    if q == "about":
        return v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE), False, False
    if q == "more_than":
        return v, math.inf, True, False
    if q == "at_least":
        return v, math.inf, False, False
    if q == "less_than":
        return -math.inf, v, False, True
    if q == "at_most":
        return -math.inf, v, False, False
    return v, v, False, False


def _intervals_overlap(one: tuple[float, float, bool, bool], two: tuple[float, float, bool, bool]) -> bool:
    lo1, hi1, lo1_open, hi1_open = one
    lo2, hi2, lo2_open, hi2_open = two
    low, high = max(lo1, lo2), min(hi1, hi2)
    if low < high:
        return True
    if low > high:
        return False
    open_low = (lo1_open and lo1 == low) or (lo2_open and lo2 == low)
    open_high = (hi1_open and hi1 == high) or (hi2_open and hi2 == high)
    return not (open_low or open_high)


def _anchor(f: FigureMention) -> float:
    """The number a reader sees: 150 for "more than 150", the low end of a range."""
    return f.value




def _vague(f: FigureMention) -> bool:
    return f.text.lower().lstrip().startswith(_VAGUE_WORDS)


def _informative(f: FigureMention) -> bool:
    """Does the figure say enough about what it counts to be matched with another report?
    ("19 people" with no place and nothing else is not.)"""
    words = [w for w in f.measure.lower().split() if len(w) > 2]
    return bool(f.scope) or len(words) > 1


def _unit_family(f: FigureMention) -> str:
    return f.measure_key or f.unit


def _comparable(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


#: words that may sit inside a name ("Islamic Resistance in Iraq", "Bank of England")
_NAME_LINKS = frozenset({"of", "in", "for", "the", "and", "de", "on", "at", "&"})


def about_names(about: str) -> frozenset[str]:
    """The words of the names in a figure's ``about`` ("Duly", "Islamic Resistance in Iraq"),
    lower-cased, with the initials of a name of several words ("United States" -> "us") so that
    an acronym meets its name. A part with a lower-case word ("US-led coalition forces") is a
    description, not a name, and gives nothing."""
    names: set[str] = set()
    for part in about.split(","):
        words = [w.strip(".'\"()").removesuffix("'s").removesuffix("’s") for w in part.split()]
        words = [w for w in words if w]
        if not words or not words[0][:1].isupper() or \
                any(not w[:1].isupper() and w.lower() not in _NAME_LINKS for w in words):
            continue
        kept = [w for w in words if w.lower() not in _NAME_LINKS]
        names.update(w.lower().replace(".", "") for w in kept)
        if len(kept) > 1:
            names.add("".join(w[0] for w in kept).lower())
    return frozenset(names)


def _same_about(a: frozenset[str], b: frozenset[str]) -> bool:
    """Names that could be of the same owner: one side names nobody, or a word is shared."""
    return not a or not b or bool(a & b)


@dataclass(slots=True)
class _Group:
    """A group while it is being built: its key, scope, names and the bounds of its members' values."""

    key: str
    scope: frozenset[str]
    names: frozenset[str]
    members: list[int]
    # the largest low end and the smallest high end of the members' intervals, with their openness
    max_low: tuple[float, bool]
    min_high: tuple[float, bool]

    def add(self, i: int, scope: frozenset[str], names: frozenset[str],
            interval: tuple[float, float, bool, bool]) -> None:
        self.members.append(i)
        self.scope = self.scope | scope
        self.names = self.names | names
        self.max_low = _tighter_low(self.max_low, (interval[0], interval[2]))
        self.min_high = _tighter_high(self.min_high, (interval[1], interval[3]))

    def fits(self, interval: tuple[float, float, bool, bool]) -> bool:
        """Does the interval overlap every member's interval? (Two intervals overlap when each
        one's low end is below the other's high end, equal only where both ends are closed.)"""
        low, high, low_open, high_open = interval
        return _below(low, low_open, *self.min_high) and _below(*self.max_low, high, high_open)


def _tighter_low(a: tuple[float, bool], b: tuple[float, bool]) -> tuple[float, bool]:
    return a if a[0] > b[0] else b if b[0] > a[0] else (a[0], a[1] or b[1])


def _tighter_high(a: tuple[float, bool], b: tuple[float, bool]) -> tuple[float, bool]:
    return a if a[0] < b[0] else b if b[0] < a[0] else (a[0], a[1] or b[1])


def _below(low: float, low_open: bool, high: float, high_open: bool) -> bool:
    return low < high or (low == high and not low_open and not high_open)


def counts_something(f: FigureMention) -> bool:
    """Does the figure name what it counts or measures (a measure or a unit)? One that does not
    is listed with its article but is no group: a reader could not say what it is a number of."""
    return bool(f.measure.strip() or f.unit.strip())


def figure_sources(figures: Sequence[FigureMention], copy_group: Mapping[str, str],
                   copies: Sequence[Any] | None = None) -> dict[str, str]:
    """The independent source of each figure (by :func:`figure_id`). Without ``copies`` (the
    :class:`~newsfuse.fuse.reuse.Copy` links) a figure's source is its article's copy group. With
    them, it is the copy group only when the figure was copied: its article is a duplicate or near
    duplicate of another, or the figure lies inside a passage its article shares; otherwise the
    article wrote the figure itself and is its own source."""
    if copies is None:
        return {figure_id(f): copy_group.get(f.article, f.article) for f in figures}
    whole: set[str] = set()
    shared: dict[str, list[tuple[int, int]]] = {}
    for c in copies:
        if c.kind in ("duplicate", "near_duplicate"):
            whole.update((c.a, c.b))
        for p in c.passages:
            shared.setdefault(c.a, []).append((p.a_start, p.a_end))
            shared.setdefault(c.b, []).append((p.b_start, p.b_end))
    out = {}
    for f in figures:
        copied = f.article in whole or any(lo <= f.start and f.end <= hi for lo, hi in shared.get(f.article, ()))
        out[figure_id(f)] = copy_group.get(f.article, f.article) if copied else f.article
    return out


def group_figures(figures: Sequence[FigureMention],
                  copy_group: Mapping[str, str], copies: Sequence[Any] | None = None) -> list[FigureGroup]:
    """Groups of figures about the same measure, in order of first appearance.

    ``copy_group`` maps an article id to the id of its group of articles that copy each
    other; an article missing from it is its own group. With ``copies`` (the reuse links),
    a figure counts once per copy group only where it was copied (:func:`figure_sources`).
    Figures whose ``about`` names clearly
    different owners ("Duly has 900 doctors", "Kaiser has 900 doctors") stay apart.
    Open groups are indexed by key, so grouping costs about one pass over the figures.
    """
    # widest scopes first, so a group's scope is set by its most specific report; a figure that
    # names nothing it counts (no measure, no unit: "around 1,000" alone) makes no group
    order = sorted((i for i, f in enumerate(figures) if counts_something(f)),
                   key=lambda i: (-len(figures[i].scope), figures[i].article, figures[i].start))
    groups: list[_Group] = []
    open_by_key: dict[str, list[_Group]] = {}
    for i in order:
        f = figures[i]
        key, scope, names = _unit_family(f), frozenset(f.scope), about_names(f.about)
        interval = figure_interval(f)
        informative = _informative(f)
        candidates = [g for g in open_by_key.get(key, ()) if _comparable(scope, g.scope)
                      and _same_about(names, g.names)] if informative else []
        if len(candidates) > 1:  # ambiguous scope: prefer a group whose values fit
            candidates = [g for g in candidates if g.fits(interval)][:1]
        if candidates:
            candidates[0].add(i, scope, names, interval)
            continue
        group = _Group(key, scope, names, [i], (interval[0], interval[2]), (interval[1], interval[3]))
        groups.append(group)
        if informative:
            open_by_key.setdefault(key, []).append(group)
    sources = figure_sources(figures, copy_group, copies)
    out = []
    for g in groups:
        members = sorted(g.members, key=lambda j: (figures[j].article, figures[j].start))
        out.append(_verdict([figures[j] for j in members], sources))
    out.sort(key=lambda grp: grp.figure_ids[0])
    return out


#: words that need the sentence around them to be understood: a measure with one is phrased for a
#: reader only when no member has a better one ("attacks against its forces")
_ANAPHORIC = frozenset({"its", "their", "his", "her", "our", "my", "your", "whose", "this", "these",
                        "those", "it", "they", "them", "country's", "country’s"})


def reader_measure(measures: Sequence[str]) -> str:
    """The measure a group shows: one that stands on its own (no pronoun or "country's" that points
    back into its sentence), then one that is neither a bare word nor a paragraph (near 60 characters)."""
    return max(measures, key=lambda m: (len(m) > 0, not (_ANAPHORIC & set(m.lower().split())),
                                        -abs(len(m) - 60)))


def _verdict(members: list[FigureMention], source_of: Mapping[str, str]) -> FigureGroup:
    ids = tuple(figure_id(f) for f in members)
    sources = {source_of[i] for i in ids}
    measure = reader_measure([f.measure for f in members])
    gid = "fig-" + hashlib.sha1("|".join(ids).encode()).hexdigest()[:10]
    if len(sources) == 1:
        status = "single"
        explanation = f"{_render_all(members)}: one independent source"
        return FigureGroup(gid, measure, ids, status, explanation, 1)
    buckets = [b for b in _buckets([f for f in members if not _vague(f)]) if b]
    conflicts = []
    for bucket in buckets:
        read = [(f, figure_interval(f), source_of[figure_id(f)]) for f in bucket]
        for i, (a, a_interval, a_source) in enumerate(read):
            for b, b_interval, b_source in read[i + 1:]:
                if a_source != b_source and not _intervals_overlap(a_interval, b_interval):
                    conflicts.append((a, b))
    if conflicts and _cumulative(members) and all(_day(a.as_of) is None or _day(b.as_of) is None
                                                  for a, b in conflicts):
        # a running tally ("since October 17", "so far") only grows: with one report undated, the
        # difference is an update over time, the smaller count being the earlier report
        # a vague figure ("dozens of attacks") fits every step, so it orders nothing: it is told beside them
        steps = " then ".join(_told_when(sorted((f for f in members if not _vague(f)), key=lambda f: f.value)))
        vague = _told_when([f for f in members if _vague(f)])
        explanation = (f"{steps}: a running count since a fixed start only grows, so the smaller figure "
                       f"is the earlier report" + (f"; also told without a number: {', '.join(vague)}" if vague else ""))
        return FigureGroup(gid, measure, ids, "updated", explanation, len(sources))
    if conflicts:
        a, b = conflicts[0]
        when = a.as_of or b.as_of or "an unknown date"
        explanation = (f"{_render(a)} (article {a.article}) vs {_render(b)} (article {b.article}), "
                       f"both as of {when}: the reports disagree")
        return FigureGroup(gid, measure, ids, "conflict", explanation, len(sources))
    dated = [b for b in buckets if _day(b[0].as_of) is not None]
    if len(dated) > 1 and {_anchor(f) for f in dated[0]} != {_anchor(f) for f in dated[-1]}:
        merged: list[list[FigureMention]] = []
        for b in dated:  # consecutive dates that say the same thing read as one step
            if merged and {_render(f) for f in merged[-1]} == {_render(f) for f in b}:
                merged[-1] = merged[-1] + b
            else:
                merged.append(list(b))
        steps = " then ".join(_render_bucket(b) for b in merged)
        trend = "grew" if max(f.value for f in dated[-1]) > max(f.value for f in dated[0]) else "fell"
        explanation = f"{steps}: the count {trend} over time"
        return FigureGroup(gid, measure, ids, "updated", explanation, len(sources))
    explanation = f"{_render_all(members)}: the reports agree"
    return FigureGroup(gid, measure, ids, "agree", explanation, len(sources))


def _told_when(figures: Sequence[FigureMention]) -> list[str]:
    """Each distinct figure as a reader sees it, in the order given, with the articles that told it and
    when: "103 (003 undated)"."""
    by_text: dict[str, list[FigureMention]] = {}
    for f in figures:
        by_text.setdefault(_render(f), []).append(f)
    parts = []
    for text, figs in by_text.items():
        when: dict[str, set[str]] = {}  # "as of DATE" or "undated" -> articles
        for f in figs:
            when.setdefault(f"as of {f.as_of}" if f.as_of else "undated", set()).add(f.article)
        parts.append(f"{text} (" + "; ".join(f"{', '.join(sorted(arts))} {w}" for w, arts in sorted(when.items()))
                     + ")")
    return parts


_CUMULATIVE = re.compile(r"\b(since|so far|to date|in total|total|cumulative|running)\b", re.I)


def _cumulative(members: Sequence[FigureMention]) -> bool:
    """A running tally: its measure or wording counts from a fixed start ("since mid-October", "so far")."""
    return any(_CUMULATIVE.search(f.measure) or _CUMULATIVE.search(f.text) for f in members)


def _buckets(members: list[FigureMention]) -> list[list[FigureMention]]:
    """Members split by as_of: dates within SAME_DAY_WINDOW days share a bucket."""
    dated = sorted((f for f in members if _day(f.as_of) is not None), key=lambda f: f.as_of)
    undated = [f for f in members if _day(f.as_of) is None]
    buckets: list[list[FigureMention]] = []
    for f in dated:
        if buckets and (_day(f.as_of) - _day(buckets[-1][-1].as_of)).days <= SAME_DAY_WINDOW:
            buckets[-1].append(f)
        else:
            buckets.append([f])
    if undated:  # an undated figure could be from any moment: compare it with everything
        if buckets:
            for bucket in buckets:
                bucket.extend(undated)
        else:
            buckets.append(undated)
    return buckets


_WORDS = {"about": "about ", "more_than": "more than ", "less_than": "less than ",
          "at_least": "at least ", "at_most": "up to ", "exact": "", "range": ""}


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def _render(f: FigureMention) -> str:
    if _vague(f):
        return f.text.split(" of ")[0]
    if f.qualifier == "range" and f.value_max is not None:
        return f"between {_number(f.value)} and {_number(f.value_max)}"
    return _WORDS.get(f.qualifier, "") + _number(f.value)


def _render_bucket(bucket: list[FigureMention]) -> str:
    parts = []
    for text in dict.fromkeys(_render(f) for f in bucket if _day(f.as_of) is not None):
        arts = sorted({f.article for f in bucket if _render(f) == text})
        when = ", ".join(sorted({f.as_of for f in bucket if _render(f) == text and f.as_of}))
        label = "article" if len(arts) == 1 else "articles"
        parts.append(f"{text} (as of {when}, {label} {', '.join(arts)})")
    return " and ".join(parts)


def _render_all(members: list[FigureMention]) -> str:
    parts = []
    for text in dict.fromkeys(_render(f) for f in members):
        arts = sorted({f.article for f in members if _render(f) == text})
        dates = sorted({f.as_of for f in members if _render(f) == text and f.as_of})
        label = "article" if len(arts) == 1 else "articles"
        when = f"as of {', '.join(dates)}, " if dates else ""
        parts.append(f"{text} ({when}{label} {', '.join(arts)})")
    return "; ".join(parts)
