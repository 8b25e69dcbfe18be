"""Cross-source correction of publication dates.

An article whose own date is weak (a site's display date, nothing at all) is
dated by the other reports it shares a statement or an event with: reports of
the same words are published within days of each other. A site template whose
header date proved wrong once loses trust on its other pages.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..records import DateEvidence, PublishedDate

__all__ = ["CLUE_PREFIX", "CountEstimate", "CountReport", "count_estimates", "DatedArticle", "Link", "correct_dates", "day_of", "running_count_clues", "template_culprits", "TEMPLATE_NOTE", "TRUSTED", "UNTRUSTED"]

#: how the note on a page whose template's header dates proved wrong elsewhere starts
TEMPLATE_NOTE = "header dates of this site template proved wrong for "
#: a date at or above this confidence can correct others
TRUSTED = 0.6
#: a date below this confidence may be corrected
UNTRUSTED = 0.5


@dataclass(frozen=True, slots=True)
class DatedArticle:
    id: str
    published: PublishedDate
    evidence: tuple[DateEvidence, ...] = ()
    template: str | None = None  # outlet or page-template key; header dates are judged per template


@dataclass(frozen=True, slots=True)
class Link:
    """Two articles report the same statement or event."""

    a: str
    b: str
    what: str  # 'the quote "We are here at the request…"'


def _header(evidence: Sequence[DateEvidence]) -> DateEvidence | None:
    return next((e for e in evidence if e.kind == "header"), None)


def correct_dates(articles: Sequence[DatedArticle], links: Sequence[Link],
                  wrong_elsewhere: Mapping[str, Sequence[str]] | None = None) -> dict[str, PublishedDate]:
    """New :class:`PublishedDate` for the articles whose date other reports correct (others unchanged).

    ``wrong_elsewhere``: page templates whose header date proved wrong on articles not given here
    (template -> those articles; fusion works block by block, and a template spans blocks)."""
    by_id = {a.id: a for a in articles}
    neighbours: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in links:
        if link.a in by_id and link.b in by_id and link.a != link.b:
            neighbours[link.a].append((link.b, link.what))
            neighbours[link.b].append((link.a, link.what))
    out: dict[str, PublishedDate] = {}
    wrong_templates: dict[str, list[str]] = defaultdict(list)
    for template, culprits in (wrong_elsewhere or {}).items():
        wrong_templates[template].extend(culprits)
    for art in articles:
        pub = art.published
        if pub.confidence >= UNTRUSTED:
            continue
        votes: Counter[str] = Counter()
        why: dict[str, list[str]] = defaultdict(list)
        for other, what in neighbours.get(art.id, []):
            op = by_id[other].published
            if op.value and op.confidence >= TRUSTED:
                votes[op.value[:10]] += 1
                if len(why[op.value[:10]]) < 3:
                    why[op.value[:10]].append(f"{what} is also reported by {other}, dated {op.value[:10]}")
        if not votes:
            continue
        value, n = votes.most_common(1)[0]
        confidence = min(0.8, 0.45 + 0.1 * n)
        evidence = [f"cross-source: {w}" for w in why[value]]
        header = _header(art.evidence)
        if header and header.value[:10] != value:
            evidence.append(f"header date {header.value}{_CONTRADICTED}{n} report(s) of the same statement or event")
            if art.template:
                wrong_templates[art.template].append(art.id)
        evidence += [e for e in pub.evidence if e not in evidence]
        out[art.id] = PublishedDate(value, round(confidence, 2), tuple(evidence))
    # a template whose header date proved wrong loses trust on its other pages
    for art in articles:
        if art.id in out or not art.template or art.template not in wrong_templates:
            continue
        header = _header(art.evidence)
        pub = art.published
        if header is None:
            continue
        culprits = ", ".join(sorted({a for a in wrong_templates[art.template] if a != art.id}))
        if not culprits:
            continue
        note = f"{TEMPLATE_NOTE}{culprits}"
        value = pub.value
        confidence = pub.confidence
        if value and value[:10] == header.value[:10]:
            confidence = min(confidence, 0.1)
        kept = tuple(e for e in pub.evidence if not e.startswith(TEMPLATE_NOTE))  # the note of an earlier round
        out[art.id] = PublishedDate(value, round(confidence, 2), (*kept, note))
    return out


_CONTRADICTED = " contradicted by "


def template_culprits(articles: Sequence[DatedArticle], corrections: Mapping[str, PublishedDate]) -> dict[str, list[str]]:
    """Template -> the articles whose header date other reports contradicted (now, or in an earlier
    round: the evidence stays with the corrected date): the ``wrong_elsewhere`` of other blocks."""
    out: dict[str, list[str]] = defaultdict(list)
    for art in articles:
        pub = corrections.get(art.id) or art.published
        if art.template and pub is not None and any(
                e.startswith("header date ") and _CONTRADICTED in e for e in pub.evidence):
            out[art.template].append(art.id)
    return {t: sorted(a) for t, a in out.items()}


def links_from(groups: Mapping[str, Sequence[str]], label: Mapping[str, str]) -> list[Link]:
    """Links between every pair of articles of each group (a fused quote or event)."""
    links = []
    for gid, arts in groups.items():
        uniq = sorted(set(arts))
        for i in range(len(uniq)):
            for j in range(i + 1, len(uniq)):
                links.append(Link(uniq[i], uniq[j], label.get(gid, gid)))
    return links


#: how a running-count clue starts in an article's date evidence
CLUE_PREFIX = "running count: "
#: counts too small or too vague to time a report by
_MIN_CLOCK_VALUE = 20
#: how far a count's rate may drift, as a share of the days between a report and the one it is timed by
_RATE_DRIFT = 0.1


_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


def _since_start(since: str | None, as_of: dt.date) -> dt.date | None:
    """The start of a running count (``"--10-15"``: the figure's ``since``, "since mid-October") as the last
    such date before ``as_of``."""
    m = _MONTH_DAY.match(since or "")
    if m is None:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    for year in (as_of.year, as_of.year - 1):
        try:
            start = dt.date(year, month, day)
        except ValueError:
            return None
        if start < as_of:
            return start
    return None


@dataclass(frozen=True, slots=True)
class CountReport:
    """One report of a running count: what :func:`running_count_clues` reads from a figure."""

    article: str
    value: float
    qualifier: str  # exact | about | more_than | at_least | ... (as in FigureMention)
    since: str | None  # where the count starts, month and day ("--10-15"), as in FigureMention
    as_of: str | None
    text: str


@dataclass(frozen=True, slots=True)
class CountEstimate:
    """When an undated report stood where a running count puts it: ``near`` give or take ``spread`` days.

    ``spread`` grows with how coarsely the counts are written (two reports of "more than 150" say only that
    both stood in the 150s: they are at most ten attacks apart) and with how far the report lies from the
    dated one it is timed by (the rate is not constant)."""

    article: str
    near: dt.date
    spread: int
    clue: str  # the readable clue, as kept in the article's date evidence


def _resolution(value: float) -> int:
    """How coarsely a count is written: 1 for 103, 10 for 150, 100 for 100."""
    n = int(round(value))
    step = 1
    while n and n % (step * 10) == 0:
        step *= 10
    return step


def count_estimates(groups: Iterable[Sequence[CountReport]], undated: set[str]) -> dict[str, list[CountEstimate]]:
    """Where running counts shared with dated reports put undated ones (see :func:`running_count_clues`)."""
    out: dict[str, list[CountEstimate]] = defaultdict(list)
    for reports in groups:
        rates, starts, witnesses = [], [], []
        for r in reports:
            day = day_of(r.as_of)
            if r.article in undated or day is None or r.value < _MIN_CLOCK_VALUE:
                continue
            start = _since_start(r.since, day) or next(
                (st for o in reports if (st := _since_start(o.since, day)) is not None), None)
            if start is None or (day - start).days < 7 or r.qualifier in ("less_than", "at_most"):
                continue
            rates.append(r.value / (day - start).days)
            starts.append(start)
            witnesses.append(r)
        if not rates:
            continue
        mid = sorted(range(len(rates)), key=lambda i: rates[i])[len(rates) // 2]
        rate, start, w = rates[mid], starts[mid], witnesses[mid]
        done: set[str] = set()
        # one clue per article and count: an exact figure rather than a bound, the largest first
        for r in sorted(reports, key=lambda r: (r.qualifier != "exact", -r.value)):
            if r.article not in undated or r.article in done or r.value < _MIN_CLOCK_VALUE \
                    or r.qualifier in ("less_than", "at_most"):
                continue
            done.add(r.article)
            near = start + dt.timedelta(days=round(r.value / rate))
            witness_day = day_of(w.as_of) or near
            spread = math.ceil(max(_resolution(r.value), _resolution(w.value)) / rate) \
                + math.ceil(_RATE_DRIFT * abs((near - witness_day).days))
            clue = (f"{CLUE_PREFIX}\u201c{r.text}\u201d counts from about {start.isoformat()}; the same count was "
                    f"\u201c{w.text}\u201d on {w.as_of} in {w.article} (about {rate:.1f} a day), which puts this "
                    f"report near {near.isoformat()} (a rough clue, not a date)")
            if all(e.clue != clue for e in out[r.article]):
                out[r.article].append(CountEstimate(r.article, near, spread, clue))
    return dict(out)


def running_count_clues(groups: Iterable[Sequence[CountReport]], undated: set[str]) -> dict[str, list[str]]:
    """Evidence on when undated articles were written, from running counts they share with dated ones.

    A count "since October 17" that stood at 150 on 25 January grows about 1.5 a day; a report of
    103 is then from about 25 December. That is a clue for a reader, not a date: the rate is not
    constant, so the clue is kept as evidence and never sets the publication date (event dating reads
    it as a range: :func:`count_estimates`).
    """
    return {a: [e.clue for e in ests] for a, ests in count_estimates(groups, undated).items()}


def day_of(value: str | None) -> dt.date | None:
    """The calendar day of an ISO date or datetime string ("2024-01-25..."), or None."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
