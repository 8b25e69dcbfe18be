"""Expressions relative to the narrative's reference time, not to the publication date.

"The next day", "that same morning", "a day earlier", "the following week" point
back to the time the story is currently telling about. The reference-time model
is the simplest that works for news: the reference is the last absolute day the
text resolved before the expression (an explicit date, a weekday, "yesterday"),
held by the caller's per-call context and moved by :func:`note_reference`.
Without a reference yet, the publication date (the anchor) stands in, and the
rule name says so.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ._calendar import iso_day, iso_month, iso_week, shift_months
from ._durations import Resolved, duration_value, parse_amount
from ._patterns import PARTS_OF_DAY

__all__ = ["HANDLERS", "note_reference", "reference_day", "reference_month"]

_STEP = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1, "the prior": -1}
#: rules whose full-day value is a point the story can move to (not "today" said in a quote's future)
_DAY_VALUE = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T|$)")
_MONTH_VALUE = re.compile(r"(\d{4})-(\d\d)$")


#: how far (characters) a reference day reaches: beyond, the story has likely moved on
REFERENCE_REACH = 1200
#: "three days later" counts from a day named close before it, or is read as a length
OFFSET_REACH = 400


def note_reference(ctx, value: str, rule: str, end: int) -> None:
    """Move the narrative reference time to ``value`` (ending at ``end``) when it names a day or month."""
    if rule.endswith("no-anchor") or rule.startswith("narrative-anchor"):
        return
    m = _DAY_VALUE.match(value)
    if m:
        try:
            ctx.last_day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return
        ctx.last_day_end = end
        ctx.last_month = (ctx.last_day.year, ctx.last_day.month)
        return
    m = _MONTH_VALUE.match(value)
    if m and 1 <= int(m.group(2)) <= 12:
        ctx.last_month = (int(m.group(1)), int(m.group(2)))


def reference_day(ctx, start: int, reach: int = REFERENCE_REACH) -> tuple[date | None, str]:
    """The reference day for an expression at ``start`` and where it came from.

    ``"narrative"``: the last day resolved within ``reach`` characters before;
    ``"narrative-anchor"``: none, the publication date stands in.
    """
    if ctx.last_day is not None and start - ctx.last_day_end <= reach:
        return ctx.last_day, "narrative"
    return ctx.anchor, "narrative-anchor"


def reference_month(ctx) -> tuple[tuple[int, int] | None, str]:
    """The narrative's reference month, falling back to the anchor's."""
    if ctx.last_month is not None:
        return ctx.last_month, "narrative"
    if ctx.anchor is not None:
        return (ctx.anchor.year, ctx.anchor.month), "narrative-anchor"
    return None, "narrative-anchor"


def _narrative(m, ctx, start, end):
    """"that day", "the same morning", "the next day", "earlier that evening", "the previous night"."""
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    step = _STEP.get(rel, 0)
    ref, source = reference_day(ctx, start)
    if ref is None:
        base = "XXXX-XX-XX"
    else:
        base = iso_day(ref + timedelta(days=step))
    rule = f"{source}-{'same' if step == 0 else 'next' if step > 0 else 'previous'}-{unit}"
    if unit in PARTS_OF_DAY:
        return Resolved("TIME", f"{base}T{PARTS_OF_DAY[unit]}", rule)
    return Resolved("DATE", base, rule)


def _narrative_offset(m, ctx, start, end):
    """"a day earlier", "three days later", "a week later": from the reference day when there is one.

    Without an earlier day in the text the expression is read as the length it
    names (TimeML annotates such anchored spans as durations).
    """
    n_word = m.group("n").lower()
    n = None if n_word in ("a few", "several") else parse_amount(n_word)
    unit = m.group("unit").lower()
    sign = 1 if m.group("dir").lower() == "later" else -1
    ref, source = reference_day(ctx, start, OFFSET_REACH)
    if source != "narrative" or n is None or n != int(n):
        value = duration_value(n, unit)
        return Resolved("DURATION", value, "offset-duration") if value else None
    d = ref + timedelta(days=int(n) * (7 if unit == "week" else 1) * sign)
    if unit == "week":
        return Resolved("DATE", iso_week(d), "narrative-offset-week")
    return Resolved("DATE", iso_day(d), "narrative-offset-day")


def _vague_offset(m, ctx, start, end):
    """"days later", "weeks before the shooting": some stretch from the story's reference time.

    TimeML marks the bare plural as a date near that reference; its value keeps the granularity the
    words allow (hours: the day; days, weeks: the month; months, years: the year). Without a day
    told before, the tense says past or future.
    """
    unit = m.group("unit").lower()
    ref, source = reference_day(ctx, start, OFFSET_REACH)
    if source != "narrative" or ref is None:
        future = m.group("dir").lower() in ("later", "after") and ctx.tense(start, end) == "future"
        return Resolved("DATE", "FUTURE_REF" if future else "PAST_REF", "vague-offset-ref")
    if unit in ("minutes", "hours"):
        return Resolved("DATE", iso_day(ref), "vague-offset-day")
    if unit in ("days", "weeks"):
        return Resolved("DATE", iso_month(ref.year, ref.month), "vague-offset-month")
    return Resolved("DATE", str(ref.year), "vague-offset-year")


def relative_unit(rel: str, unit: str, ctx, start: int) -> Resolved | None:
    """"the following week/month", "that week", "the same month" from the narrative's reference."""
    step = _STEP.get(rel, 0)
    if unit == "week":
        ref, source = reference_day(ctx, start)
        if ref is None:
            return None
        return Resolved("DATE", iso_week(ref + timedelta(weeks=step)), f"{source}-week")
    if unit == "month":
        ref_month, source = reference_month(ctx)
        if ref_month is None:
            return None
        return Resolved("DATE", iso_month(*shift_months(ref_month[0], ref_month[1], step)), f"{source}-month")
    return None


HANDLERS = {"narrative": _narrative, "narrative_offset": _narrative_offset, "vague_offset": _vague_offset}
