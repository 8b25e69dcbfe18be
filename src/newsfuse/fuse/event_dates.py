"""A date for every fused event: the day when the text gives it, else a range of days with a confidence.

Each mention of an event is dated from its own sentence, against its article's date or, when the article
has earned no date, against the range its bounds allow (:func:`article_range`):

- a date the annotator resolved in the event's clause is the day;
- else the timex of the sentence nearest the trigger (not one after "since", "until"...): a full date is
  the day; a weekday or a month and day without a year ("on Saturday", "December 8") is resolved against
  the article's date or range, backwards when the sentence is told in the past ("was held on Saturday":
  the Saturday on or before the report) and forwards when in the future; when a reporting word stands
  between the timex and the trigger ("on Monday the army condemned the attack", "said on Tuesday that a
  strike hit..."), the timex dates the report and the event lies on or before it;
- else the tense: an event told in the future ("talks will begin") lies on or after the report, one told
  in the past or present within the week before it (:data:`RECENCY_DAYS`: news tells recent events;
  the low confidence says so).

An event's range is the intersection of its mentions' ranges (several reports narrow it down); when they
contradict each other the most confident mention stands and the basis says so. Articles with no earned
date get their range from their bounds: a date told in the past tense ("published after December 8"), a
running count shared with dated reports (:func:`.dates.count_estimates`), the page's display date (a page
is shown on or after the day it was published), the events they share with other reports, even when they have
no other bound (a report comes after what it tells in the past, before what it tells in the future; a report
known at one end only dates a weekday it tells to one end only), and the weekday of its lead
(the first paragraph tells the newest news: its weekday is on or after every day the report tells in the
past). An event told as scheduled ("will begin discussions, Iraq said Thursday") lies on or after the day
it was said.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..annotate.timex import sentence_tense
from ..lexicons import cue_frames, event_triggers
from ..records import DateEvidence, EventMention, PublishedDate, Timex
from .dates import UNTRUSTED, CountEstimate, day_of
from .event_record import FusedEvent

__all__ = ["ArticleDates", "DayRange", "RECENCY_DAYS", "article_range", "date_events", "mention_range"]

#: an event told without a date, in the past or present, lies at most this many days before its report
RECENCY_DAYS = 6
#: words after which a timex bounds something else than the event on its day ("since October", "until May")
_BLOCK = frozenset({"since", "until", "till", "before", "by", "from", "after"})
_WORD = re.compile(r"[^\W\d_]+")
#: timex rules whose day comes from the narrative around them, not from the words ("6 a.m.", "that day")
_BORROWED_DAY = ("clock", "narrative", "that-")
_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_DAY = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])$")
#: confidence of a day written in full in the event's sentence, and of a day resolved against an earned date
_SAID = 0.9
#: the confidence of a report's earned publication date, as a bound for its events
_EARNED = 0.8
#: how much of its article's confidence a weekday or month-day resolved against the article keeps
_RESOLVED_SHARE = 0.9
#: how much a range from the tense alone keeps (news recency is a habit of news, not a fact of the text)
_TENSE_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class DayRange:
    """Days from ``earliest`` to ``latest`` (either may be open: None), a confidence and a readable basis.

    ``weekday`` (ISO, Monday = 1): only the days of the range that fall on that weekday ("on Saturday"
    resolved against a report known to a range of days). ``firm``: the earliest day is a bound the text
    sets, not the habit of news to tell recent events (:data:`RECENCY_DAYS`); only a firm bound dates
    other reports."""

    earliest: dt.date | None
    latest: dt.date | None
    confidence: float
    basis: str
    weekday: int | None = None
    firm: bool = True

    @property
    def day(self) -> dt.date | None:
        """The day, when the range is one day."""
        return self.earliest if self.earliest is not None and self.earliest == self.latest else None

    def meet(self, other: DayRange) -> DayRange | None:
        """The days both ranges allow (None when none); the confidence of the surer one."""
        if self.weekday and other.weekday and self.weekday != other.weekday:
            return None
        weekday = self.weekday or other.weekday
        lo = max((d for d in (self.earliest, other.earliest) if d), default=None)
        hi = min((d for d in (self.latest, other.latest) if d), default=None)
        # the earliest day is firm when a firm range sets it
        firm = lo is None or any(r.firm and r.earliest == lo for r in (self, other))
        if weekday and lo:
            lo += dt.timedelta(days=(weekday - lo.isoweekday()) % 7)
        if weekday and hi:
            hi -= dt.timedelta(days=(hi.isoweekday() - weekday) % 7)
        if lo and hi and lo > hi:
            return None
        sure = max(self, other, key=lambda r: r.confidence)
        return DayRange(lo, hi, sure.confidence, sure.basis, weekday, firm)


@dataclass(frozen=True, slots=True)
class ArticleDates:
    """What dating an article's events reads of it."""

    id: str
    published: PublishedDate  # after cross-source correction
    text: str
    timexes: tuple[Timex, ...] = ()
    evidence: tuple[DateEvidence, ...] = ()  # ingest's date evidence (the page header's display date)
    counts: tuple[CountEstimate, ...] = ()  # where running counts shared with dated reports put it


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else "…"


def _span_text(r: DayRange) -> str:
    return r.earliest.isoformat() if r.day else f"{_iso(r.earliest)} to {_iso(r.latest)}"


def _on_or_before(month: int, day: int, limit: dt.date) -> dt.date | None:
    """The last ``month``-``day`` on or before ``limit``."""
    for year in (limit.year, limit.year - 1, limit.year - 2):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if d <= limit:
            return d
    return None


def _on_or_after(month: int, day: int, limit: dt.date) -> dt.date | None:
    for year in (limit.year, limit.year + 1, limit.year + 2):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if d >= limit:
            return d
    return None


def _weekday_before(iso_day: int, limit: dt.date) -> dt.date:
    return limit - dt.timedelta(days=(limit.isoweekday() - iso_day) % 7)


def _weekday_after(iso_day: int, limit: dt.date) -> dt.date:
    return limit + dt.timedelta(days=(iso_day - limit.isoweekday()) % 7 or 7)


def article_range(a: ArticleDates, after: Iterable[tuple[dt.date, str]] = (),
                  before: Iterable[tuple[dt.date, str]] = ()) -> DayRange | None:
    """When ``a`` was published: its earned date, else the range its bounds allow (None when it has none).

    ``after`` / ``before``: further bounds with their reasons (from the events it shares with dated
    reports)."""
    pub = a.published
    day = day_of(pub.value)
    if day is not None and pub.confidence >= UNTRUSTED:
        # one confidence for every earned date: the stored confidence of a corrected date depends on the
        # order reports arrived in, and the account must not
        return DayRange(day, day, _EARNED, f"published {day.isoformat()}")
    lo: tuple[dt.date, str] | None = None
    hi: tuple[dt.date, str] | None = None
    reasons: list[str] = []
    window = None
    for est in a.counts:
        r = DayRange(est.near - dt.timedelta(days=est.spread), est.near + dt.timedelta(days=est.spread), 0.35,
                     f"a running count puts it near {est.near.isoformat()} (give or take {est.spread} days)")
        window = r if window is None else (window.meet(r) or window)
    if window is not None:
        lo, hi = (window.earliest, window.basis), (window.latest, window.basis)
        reasons.append(window.basis)

    def raise_lo(d: dt.date, why: str) -> None:
        nonlocal lo
        if lo is None or d > lo[0]:
            lo = (d, why)
            reasons.append(why)

    def lower_hi(d: dt.date, why: str) -> None:
        nonlocal hi
        if hi is None or d < hi[0]:
            hi = (d, why)
            reasons.append(why)

    for ev in a.evidence:
        shown = day_of(ev.value)
        if ev.kind == "header" and shown is not None:
            lower_hi(shown, f"its page shows the date {shown.isoformat()} (a page is shown after it is published)")
    for d, why in before:
        lower_hi(d, why)
    past_month_days = []
    told: list[dt.date] = []  # the days it tells of in the past, which its lead's weekday follows
    for tx in a.timexes:
        m = _FULL.match(tx.value)
        if tx.type != "DATE" or not (m or _MONTH_DAY.match(tx.value)):
            continue
        if sentence_tense(a.text, tx.start, tx.end) != "past":
            continue
        if m and len(tx.value) == 10:
            told.append(dt.date.fromisoformat(tx.value))
            raise_lo(told[-1], f"it tells of {tx.value} in the past tense")
        elif not m:
            past_month_days.append(tx)
    for d, why in after:
        raise_lo(d, why)
        told.append(d)
    # a month and day without a year bounds it once the other bounds say which year: the last such day
    # on or before the earliest day it can have been written
    for tx in past_month_days:
        md = _MONTH_DAY.match(tx.value)
        if lo is not None and md:
            d = _on_or_before(int(md.group(1)), int(md.group(2)), lo[0])
            if d is not None:
                raise_lo(d, f"it tells of “{tx.text}” in the past tense")
                told.append(d)
    # the lead (the first paragraph) tells the newest news: a weekday it names in the past is on or after every
    # day the report tells in the past ("Iraqi authorities on Monday condemned ...", after talks held on Saturday
    # the 27th: Monday the 29th), and the report comes after it
    lead = _lead_weekday(a)
    if lead is not None and told:
        latest = max(told)
        d = latest + dt.timedelta(days=(int(_WEEKDAY.match(lead.value).group(1)) - latest.isoweekday()) % 7)
        raise_lo(d, f"its lead tells the newest news: “{lead.text}” is on or after {latest.isoformat()}")
    if lo is None and hi is None:
        return None
    if lo and hi and lo[0] > hi[0]:  # bounds that contradict each other: keep the count's window
        return window
    confidence = 0.35 if lo and hi else 0.15
    return DayRange(lo[0] if lo else None, hi[0] if hi else None, confidence, "; ".join(dict.fromkeys(reasons)))


def _lead_weekday(a: ArticleDates) -> Timex | None:
    """The first weekday named in the past tense in the article's first paragraph, if any."""
    end = a.text.find("\n\n")
    end = len(a.text) if end < 0 else end
    for tx in a.timexes:
        if tx.end <= end and tx.type == "DATE" and _WEEKDAY.match(tx.value) \
                and sentence_tense(a.text, tx.start, tx.end) == "past":
            return tx
    return None


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _cue_stems() -> frozenset[str]:
    """Stems of the one-word attribution cues ("condemn", "issu", "indicat"), and the irregular past forms."""
    words = [c for c in cue_frames() if " " not in c]
    return frozenset(_stem(c) for c in words) | frozenset(c[:-1] for c in words if c.endswith("e")) \
        | {"statement", "regard"}


#: past forms of reporting verbs that stemming does not find ("said" is not "say" + "d")
_IRREGULAR_CUES = ("said", "told", "wrote")


#: event trigger words whose event is a statement: a timex on them dates the statement, not what it is about
_STATEMENTS = frozenset(_stem(w) for w, t in event_triggers().items() if t.startswith("statement"))
#: attribution cues that are not the trigger of an event of another kind ("attacked" is a cue and an attack)
_CUES = _cue_stems() - (frozenset(_stem(w) for w in event_triggers() if " " not in w) - _STATEMENTS)


def _reported(between: str) -> bool:
    """True when a reporting word, a statement or "that" stands between a timex and an event's trigger."""
    for w in _WORD.findall(between):
        s = _stem(w)
        if w.lower() in ("that", *_IRREGULAR_CUES) or s in _CUES or s in _STATEMENTS or s.rstrip("e") in _CUES:
            return True
    return False


#: past forms of verbs that name events, which "-ed" does not find
_IRREGULAR_PAST = frozenset("held struck shot met fought hit led began took made went came sent set broke fled "
                            "threw won lost stole shook rose fell drove bore beat bit brought built caught said told "
                            "thought sought bought taught felt kept left meant paid spent stood understood found gave "
                            "saw knew wrote spoke chose became got ran sold heard put cut let read laid withdrew "
                            "flew grew drew sank spread swore tore woke".split())
_FUTURE_BEFORE = frozenset("will would shall going".split())


def _own_future(m: EventMention, text: str) -> bool:
    """The event itself is told as to come: scheduled ("will begin discussions"), or an auxiliary of the future
    just before its trigger; not a future of the sentence that is another verb's ("scheduled a news conference
    Thursday to announce a development": the development is what is announced)."""
    before = _WORD.findall(text[max(m.start, m.trigger_start - 30):m.trigger_start])[-3:]
    return m.scheduled or any(w.lower() in _FUTURE_BEFORE for w in before[-2:])


def _tense(m: EventMention, text: str) -> str | None:
    """The tense of the event's own clause: a verb trigger's form ("agreed", "was held"), the auxiliary just
    before it ("will begin"), else the nearest tense cue of its sentence."""
    word = m.trigger.lower().split()[-1] if m.trigger.strip() else ""
    if _own_future(m, text):
        return "future"
    if word.endswith("ed") or word in _IRREGULAR_PAST:
        return "past"
    return sentence_tense(text, m.trigger_start, m.trigger_end)


def _sentence_timex(m: EventMention, timexes: Sequence[Timex], text: str) -> Timex | None:
    """The usable timex of the mention's sentence nearest its trigger."""
    found = []
    for tx in timexes:
        if not (m.start <= tx.start < m.end) or tx.type not in ("DATE", "TIME"):
            continue
        if not (_FULL.match(tx.value) and len(tx.value) >= 10 or _MONTH_DAY.match(tx.value) or _WEEKDAY.match(tx.value)):
            continue
        if tx.rule.startswith(_BORROWED_DAY):
            continue  # "at 6 a.m.", "earlier that day": the day is the narrative's, not said here
        before = _WORD.findall(text[max(m.start, tx.start - 12):tx.start])
        if before and before[-1].lower() in _BLOCK:
            continue
        found.append((min(abs(tx.start - m.trigger_end), abs(m.trigger_start - tx.end)), tx.start, tx))
    return min(found, key=lambda f: f[:2])[2] if found else None


def _resolve(tx: Timex, tense: str | None, window: DayRange | None) -> tuple[DayRange, str] | None:
    """The days a timex can name, given when its article was written."""
    full = _FULL.match(tx.value)
    if full and len(tx.value) >= 10:
        d = dt.date.fromisoformat(tx.value[:10])
        return DayRange(d, d, _SAID, f"“{tx.text}” ({d.isoformat()})"), "said"
    if window is None or (window.earliest is None and window.latest is None):
        return None
    md, wd = _MONTH_DAY.match(tx.value), _WEEKDAY.match(tx.value)
    # a window open at one end (a report known only to come after what it tells) leaves that end open; a month
    # and day needs the year of both ends
    if md and (window.earliest is None or window.latest is None):
        return None
    if tense == "future":
        if md:
            ends = [_on_or_after(int(md.group(1)), int(md.group(2)), d) for d in (window.earliest, window.latest)]
        else:
            ends = [_weekday_after(int(wd.group(1)), d) if d else None for d in (window.earliest, window.latest)]
        how = "the next one after"
    else:
        if md:
            ends = [_on_or_before(int(md.group(1)), int(md.group(2)), d) for d in (window.earliest, window.latest)]
        else:
            ends = [_weekday_before(int(wd.group(1)), d) if d else None for d in (window.earliest, window.latest)]
        how = "the last one on or before"
    if md and (ends[0] is None or ends[1] is None):
        return None
    r = DayRange(ends[0], ends[1], round(window.confidence * _RESOLVED_SHARE, 2), "",
                 weekday=int(wd.group(1)) if wd and ends[0] != ends[1] else None)
    return replace(r, basis=f"“{tx.text}”: {how} the report ({_span_text(window)}), {_span_text(r)}"), "resolved"


def mention_range(m: EventMention, text: str, timexes: Sequence[Timex], window: DayRange | None) -> DayRange | None:
    """The days one mention allows for its event, given the range of its article's date (``window``)."""
    day = day_of(m.date)
    if day is not None:
        return DayRange(day, day, _SAID if window is None else max(_SAID * window.confidence, 0.5),
                        f"{m.article}: its clause dates it {day.isoformat()}")
    tense = _tense(m, text)
    tx = _sentence_timex(m, timexes, text)
    resolved = _resolve(tx, tense, window) if tx is not None else None
    if resolved is not None:
        r, _ = resolved
        lo, hi = sorted((tx.start, m.trigger_start))
        if _reported(text[lo:hi].replace(tx.text, " ").replace(m.trigger, " ")):
            if _own_future(m, text):  # "will begin discussions, Iraq said Thursday": on or after the day it was said
                return DayRange(r.earliest, None, round(r.confidence * _TENSE_SHARE, 2),
                                f"{m.article}: told as to come in a report of it dated {r.basis}")
            earliest = r.earliest - dt.timedelta(days=RECENCY_DAYS) if r.earliest else None
            return DayRange(earliest, r.latest, round(r.confidence * _TENSE_SHARE, 2),
                            f"{m.article}: on or before the report of it dated {r.basis}", firm=False)
        return replace(r, basis=f"{m.article}: {r.basis}")
    if window is None:
        return None
    if tense == "future":
        return DayRange(window.earliest, None, round(window.confidence * _TENSE_SHARE, 2),
                        f"{m.article}: told in the future tense in a report of {_span_text(window)}")
    earliest = window.earliest - dt.timedelta(days=RECENCY_DAYS) if window.earliest else None
    return DayRange(earliest, window.latest, round(window.confidence * _TENSE_SHARE, 2),
                    f"{m.article}: no date in its sentence; news of a report of {_span_text(window)} "
                    f"(within {RECENCY_DAYS} days before it)", firm=False)


def _event_range(ranges: Sequence[DayRange]) -> DayRange | None:
    """The days all mentions allow; on a contradiction the most confident (then narrowest) mention's."""
    ranges = [r for r in ranges if r.earliest or r.latest]  # a range open at both ends says nothing
    if not ranges:
        return None

    def width(r: DayRange) -> int:
        return (r.latest - r.earliest).days if r.earliest and r.latest else 10**6

    ranked = sorted(ranges, key=lambda r: (-r.confidence, width(r)))
    out = ranked[0]
    bases = [out.basis]
    for r in ranked[1:]:
        both = out.meet(r)
        if both is None:
            bases.append(f"(contradicted by {r.basis})")
            continue
        if (both.earliest, both.latest) != (out.earliest, out.latest):
            bases.append(r.basis)
        out = both
    return replace(out, basis="; ".join(bases))


def date_events(events: Sequence[FusedEvent], articles: Sequence[ArticleDates],
                mentions: Mapping[str, EventMention], rounds: int = 5,
                windows_out: dict[str, DayRange | None] | None = None) -> list[FusedEvent]:
    """The events with their date range set (``date_earliest`` ... ``date_basis``), and their ``date`` where
    the range is one day. Computes only; the caller keeps the result.

    A report with no earned date is bounded by the events it shares with other reports (it comes after what it
    tells in the past, before what it tells in the future), even one that has no bound of its own; its other
    events are then dated against those bounds. Each round carries the bounds one report further (a report
    bounded by a dated one bounds a third); ``rounds`` caps the chain. ``windows_out``, when given, receives
    each report's publication range with the bounds the events gave it."""
    by_id = {a.id: a for a in articles}
    timexes = {a.id: sorted(a.timexes, key=lambda t: t.start) for a in articles}
    after: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
    before: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
    dated: dict[str, DayRange] = {}
    for _ in range(rounds):
        windows = {a.id: article_range(a, after[a.id], before[a.id]) for a in articles}
        # every mention, with the range it allows (None where its report has no bounds yet: that report is
        # the one another report of the event can bound)
        per_event: dict[str, list[tuple[EventMention, DayRange | None]]] = {}
        for e in events:
            found = []
            for mid in e.mention_ids:
                m = mentions.get(mid)
                if m is None or m.article not in by_id:
                    continue
                found.append((m, mention_range(m, by_id[m.article].text, timexes[m.article], windows[m.article])))
            per_event[e.id] = found
            r = _event_range([r for _, r in found if r is not None])
            if r is not None:
                dated[e.id] = r
        # a report comes after what it tells in the past and before what it tells in the future: the events
        # an undated article shares with other reports bound it (only by what the text sets, not by habit)
        changed = False
        for e in events:
            found = per_event[e.id]
            if len({m.article for m, _ in found}) < 2 or e.id not in dated:
                continue
            both = dated[e.id]
            for m, _ in found:
                w = windows[m.article]
                if w is not None and w.day is not None:
                    continue
                if _tense(m, by_id[m.article].text) == "future":
                    bound, kept = both.latest, before[m.article]
                    why = f"it tells in the future of {e.summary!r}, dated {_span_text(both)} by its reports"
                else:
                    bound, kept = (both.earliest if both.firm else None), after[m.article]
                    why = f"it tells of {e.summary!r}, dated {_span_text(both)} by its reports"
                if bound is None or any(d == bound for d, _ in kept) or w is not None and (
                        kept is after[m.article] and w.earliest is not None and bound <= w.earliest
                        or kept is before[m.article] and w.latest is not None and bound >= w.latest):
                    continue  # known already, or no narrower than the report's range
                kept.append((bound, why))
                changed = True
        if not changed:
            break
    if windows_out is not None:
        windows_out.update({a.id: article_range(a, after[a.id], before[a.id]) for a in articles})
    out = []
    for e in events:
        r = dated.get(e.id)
        if r is None:
            out.append(e)
            continue
        out.append(replace(
            e, date=e.date or (r.day.isoformat() if r.day else None),
            date_earliest=r.earliest.isoformat() if r.earliest else None,
            date_latest=r.latest.isoformat() if r.latest else None,
            date_confidence=round(r.confidence, 2), date_basis=r.basis))
    return out

