"""The publication date: weigh the date evidence into one date with a confidence.

Evidence comes from ingest (html meta, JSON fields, feeds, bylines, URLs,
captions, page headers) and from the text itself (:func:`text_date_evidence`).
Each kind is trusted as far as its weight says; agreeing kinds reinforce each
other (noisy-or), disagreeing ones lower the confidence. A page-header date is a
site's display date: alone, or contradicted by the text, it never earns a
confidence of 0.5 or more. When nothing is known the value is None: a null with
a low confidence beats a confident wrong date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ...lexicons import month_names, months
from ...records import DateEvidence, PublishedDate, Timex
from ..timex import PATTERNS, sentence_tense

MONTHS = months()

__all__ = ["estimate_published", "text_date_evidence", "text_date_bounds", "KIND_WEIGHTS"]

#: default trust per evidence kind, used when an evidence item carries no weight
KIND_WEIGHTS = {
    "html-meta": 0.9, "json-field": 0.9, "feed": 0.85, "byline": 0.9, "url": 0.7, "caption": 0.6,
    "cross-source": 0.6, "text": 0.3, "header": 0.2,
}
#: a header date alone (or contradicted) stays below this
HEADER_ONLY_CAP = 0.3
#: neighbouring days (time zones, a photo taken the day before) support each other this much
NEIGHBOUR_SHARE = 0.5

_FULL_DATE_KINDS = ("mdy", "dmy", "iso")
_CAPTION_RE = re.compile(r"(?i)\(\s*photo\b|\bphoto\s*:|\bphotograph\b|\b(?:AFP|Reuters|AP|Getty Images|EPA)\s*[/)]"
                         r"|\b(?:AFP|Reuters|Getty)\s+photo\b|\bfile photo\b|\bcredit\s*:")
_BYLINE_RE = re.compile(r"(?i)\b(?:posted|published|updated|first published)\b|^\s*by\s+[A-Z]")
_MONTHS = tuple(name.capitalize() for name in month_names())


def _parse_day(value: str) -> date | None:
    if len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (len(text) if hi < 0 else hi)


def _pretty(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def text_date_evidence(text: str) -> list[DateEvidence]:
    """Explicit full dates written in the text, as evidence of the publication date.

    A date in a photo caption ("…following their meeting, Jan. 25, 2024. (Photo: …)")
    is kind ``caption``; in a "Posted/Published/Updated" line kind ``byline``; a line
    that is nothing but a date is a page ``header``; anywhere else kind ``text``
    (a body date is often an earlier event, so it is weak evidence).
    """
    out: list[DateEvidence] = []
    seen: set[tuple[str, str]] = set()
    for kind, pattern in PATTERNS:
        if kind not in _FULL_DATE_KINDS:
            continue
        for m in pattern.finditer(text):
            value = _match_value(kind, m)
            if value is None:
                continue
            lo, hi = _line_bounds(text, m.start(), m.end())
            line = text[lo:hi].strip()
            written = m.group(0).strip()
            if _CAPTION_RE.search(line):
                ev_kind, reason = "caption", f"photo caption date {written}"
            elif _BYLINE_RE.search(line) and len(line) < 160:
                ev_kind, reason = "byline", f"byline date {written} ({line[:60]})"
            elif len(line) - len(written) <= 3:
                ev_kind, reason = "header", f"a line holding only the date {written} (page header: site display date)"
            else:
                ev_kind, reason = "text", f"date written in the text: {written}"
            if (value, ev_kind) in seen:
                continue
            seen.add((value, ev_kind))
            out.append(DateEvidence(value, ev_kind, KIND_WEIGHTS[ev_kind], reason))
    return out


def text_date_bounds(text: str, limit: int = 3) -> list[str]:
    """Readable lower bounds on the publication date from dated events told in the past tense.

    "On December 8, the American embassy was attacked" was written after December 8.
    A bound is no date: the caller records it as evidence while the value stays None.
    Latest bounds first; a month and day without a year says the year is unknown.
    """
    found: dict[str, tuple[tuple[int, int, int], str]] = {}
    for kind, pattern in PATTERNS:
        if kind not in _FULL_DATE_KINDS and kind != "md":
            continue
        for m in pattern.finditer(text):
            if sentence_tense(text, m.start(), m.end()) != "past":
                continue
            written = m.group(0).strip()
            if kind == "md":
                month_word = m.group("month").rstrip(".").lower()
                if month_word not in MONTHS or (m.groupdict().get("rel") or ""):
                    continue
                month, day = MONTHS[month_word], int(re.match(r"\d+", m.group("day")).group())
                if not 1 <= day <= 31:
                    continue
                key = (0, month, day)
                label = f"{_MONTHS[month - 1]} {day} (the year is not given)"
            else:
                value = _match_value(kind, m)
                if value is None:
                    continue
                d = date.fromisoformat(value)
                key, label = (d.year, d.month, d.day), value
            found.setdefault(label, (key, f"published after {label}: the text reports "
                                          f"“{written}” in the past tense"))
    ranked = sorted(found.values(), key=lambda kv: kv[0], reverse=True)
    return [reason for _, reason in ranked[:limit]]


def _match_value(kind: str, m: re.Match[str]) -> str | None:
    try:
        month_word = m.group("month")
        month = int(month_word) if month_word.isdigit() else MONTHS[month_word.rstrip(".").lower()]
        day = int(re.match(r"\d+", m.group("day")).group())
        return date(int(m.group("year")), month, day).isoformat()
    except (KeyError, ValueError, AttributeError):
        return None


def _weight(ev: DateEvidence) -> float:
    w = ev.weight if ev.weight and ev.weight > 0 else KIND_WEIGHTS.get(ev.kind, 0.2)
    return max(0.0, min(1.0, w))


def estimate_published(evidence: Sequence[DateEvidence], text: str,
                       timexes: Sequence[Timex] = ()) -> PublishedDate:
    """One publication date with a confidence in [0, 1] and readable reasons, strongest first.

    ``timexes`` (optional) add explicit full dates found in the text as weak
    ``text`` evidence. Header dates are capped below 0.5 unless another kind agrees.
    """
    items = list(evidence)
    for t in timexes:
        if t.type == "DATE" and t.rule == "absolute" and _parse_day(t.value):
            items.append(DateEvidence(t.value, "text", KIND_WEIGHTS["text"], f"date written in the text: {t.text}"))
    days = [(d, ev) for ev in items if (d := _parse_day(ev.value)) is not None]
    if not days:
        partial = _partial_only(items)
        if partial.value is None:
            bounds = tuple(text_date_bounds(text))
            if bounds:  # no single date is earned, but the text says when it was written after
                return PublishedDate(None, 0.0, partial.evidence + bounds)
        return partial

    # strongest weight per (day, kind): the same caption seen twice is one piece of evidence
    best_by_kind: dict[tuple[date, str], DateEvidence] = {}
    for d, ev in days:
        key = (d, ev.kind)
        if key not in best_by_kind or _weight(ev) > _weight(best_by_kind[key]):
            best_by_kind[key] = ev
    candidates = sorted({d for d, _ in best_by_kind})
    scores = {d: _support(d, best_by_kind) for d in candidates}
    ranked = sorted(candidates, key=lambda d: (-scores[d], d))
    top = ranked[0]
    top_kinds = {k for (d, k) in best_by_kind if d == top}
    score = scores[top]

    reasons: list[str] = []
    for (d, kind), ev in sorted(best_by_kind.items(), key=lambda kv: -_weight(kv[1])):
        if d == top:
            reasons.append(f"{ev.reason} -> {d.isoformat()} ({kind}, weight {_weight(ev):.2f})")

    rivals = [d for d in ranked[1:] if abs((d - top).days) > 1]
    if rivals:
        second = scores[rivals[0]]
        score = max(0.0, score - 0.5 * second)
        for d in rivals[:3]:
            kinds = ", ".join(sorted(k for (dd, k) in best_by_kind if dd == d))
            reasons.append(f"disagrees: {kinds} evidence says {d.isoformat()}")

    if top_kinds <= {"header"}:
        score = min(score, HEADER_ONLY_CAP)
        others = [d for d in candidates if d != top]
        if others:
            why = (f"header date {top.isoformat()} is a site display date; the text's own dates "
                   f"({', '.join(d.isoformat() for d in others[:3])}) disagree")
            score = min(score, 0.15)
        else:
            why = f"header date {top.isoformat()} is a site display date; not confirmed by the text"
        reasons.insert(0, why)
    elif top_kinds <= {"text"}:
        score = min(score, 0.4)
        reasons.insert(0, f"only a date written in the text ({_pretty(top)}), which may be an earlier event")
    else:
        for (d, kind), ev in best_by_kind.items():
            if kind == "header" and abs((d - top).days) > 1:
                reasons.append(f"header date {d.isoformat()} is a site display date; ignored "
                               f"(the {', '.join(sorted(top_kinds))} date says {top.isoformat()})")
    return PublishedDate(top.isoformat(), round(max(0.0, min(1.0, score)), 3), tuple(reasons))


def _support(day: date, best_by_kind: dict[tuple[date, str], DateEvidence]) -> float:
    """Noisy-or of the kinds that name ``day``, neighbours (±1 day) counted at a share."""
    per_kind: dict[str, float] = {}
    for (d, kind), ev in best_by_kind.items():
        gap = abs((d - day).days)
        if gap > 1:
            continue
        w = _weight(ev) * (1.0 if gap == 0 else NEIGHBOUR_SHARE)
        if gap == 1 and kind == "header":
            w = 0.0
        per_kind[kind] = max(per_kind.get(kind, 0.0), w)
    miss = 1.0
    for w in per_kind.values():
        miss *= 1.0 - w
    return 1.0 - miss


def _partial_only(items: list[DateEvidence]) -> PublishedDate:
    """No full date: a month or year from the strongest evidence, at half its weight."""
    partial = [ev for ev in items if re.fullmatch(r"\d{4}(?:-\d{2})?", ev.value or "")]
    if not partial:
        return PublishedDate(None, 0.0, ("no date evidence: the publication date cannot be known",))
    best = max(partial, key=_weight)
    conf = _weight(best) * 0.5
    if best.kind == "header":
        conf = min(conf, 0.1)
    return PublishedDate(best.value, round(conf, 3),
                         (f"{best.reason} -> {best.value} (only a month or year is known)",))
