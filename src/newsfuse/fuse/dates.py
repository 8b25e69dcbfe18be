"""Cross-source correction of publication dates.

An article whose own date is weak (a site's display date, nothing at all) is
dated by the other reports it shares a statement or an event with: reports of
the same words are published within days of each other. A site template whose
header date proved wrong once loses trust on its other pages.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import DateEvidence, PublishedDate

__all__ = ["DatedArticle", "Link", "correct_dates", "TRUSTED", "UNTRUSTED"]

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


def correct_dates(articles: Sequence[DatedArticle], links: Sequence[Link]) -> dict[str, PublishedDate]:
    """New :class:`PublishedDate` for the articles whose date other reports correct (others unchanged)."""
    by_id = {a.id: a for a in articles}
    neighbours: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in links:
        if link.a in by_id and link.b in by_id and link.a != link.b:
            neighbours[link.a].append((link.b, link.what))
            neighbours[link.b].append((link.a, link.what))
    out: dict[str, PublishedDate] = {}
    wrong_templates: dict[str, list[str]] = defaultdict(list)
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
            evidence.append(f"header date {header.value} contradicted by {n} report(s) of the same statement or event")
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
        culprits = ", ".join(a for a in wrong_templates[art.template] if a != art.id)
        if not culprits:
            continue
        note = f"header dates of this site template proved wrong for {culprits}"
        value = pub.value
        confidence = pub.confidence
        if value and value[:10] == header.value[:10]:
            confidence = min(confidence, 0.1)
        out[art.id] = PublishedDate(value, round(confidence, 2), (*pub.evidence, note))
    return out


def links_from(groups: Mapping[str, Sequence[str]], label: Mapping[str, str]) -> list[Link]:
    """Links between every pair of articles of each group (a fused quote or event)."""
    links = []
    for gid, arts in groups.items():
        uniq = sorted(set(arts))
        for i in range(len(uniq)):
            for j in range(i + 1, len(uniq)):
                links.append(Link(uniq[i], uniq[j], label.get(gid, gid)))
    return links
