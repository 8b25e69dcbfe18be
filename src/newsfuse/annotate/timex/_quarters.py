"""Quarters and halves of (fiscal) years: "the third quarter", "the quarter ended June 30", "the first half",
and "a year earlier" next to them. Handlers of :mod:`._normalise`, like :mod:`._durations`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._calendar import day_num, month_num, quarter_of, shift_months
from ._durations import Resolved as _Result
from ._patterns import DAY, MONTH, ORDINALS

if TYPE_CHECKING:
    from ._normalise import _Context

__all__ = ["HANDLERS", "near_quarter_talk", "year_before_period"]


def _quarter(m, ctx, start, end):
    q = ORDINALS.get(m.group("q").lower())
    if q is None:
        return None
    explicit = m.group("year") or m.group("pyear") or m.group("ownyr")
    if ctx.anchor is None and not (explicit and explicit[:1].isdigit()):
        return _Result("DATE", f"XXXX-Q{q}", "quarter-no-anchor")
    if explicit and explicit[:1].isdigit():
        year = int(explicit)
    else:
        year = ctx.anchor.year
        low = (explicit or "").lower()
        if "last" in low:
            year -= 1
        elif "next" in low:
            year += 1
        elif "this" not in low and q > quarter_of(ctx.anchor) and ctx.tense(start, end) != "future":
            year -= 1
        if _YEAR_AGO_BEFORE.search(ctx.text, max(0, start - 20), start):
            year -= 1  # "the year-ago third quarter": that quarter a year before
    if "quarters" in m.group(0).lower():
        return None
    return _Result("DATE", f"{year}-Q{q}", "quarter")


_YEAR_AGO_BEFORE = re.compile(r"(?i)\byear[- ](?:ago|earlier)\s+(?:fiscal\s+)?$")


def _quarter_ctx(m, ctx, start, end):
    low = m.group(0).lower()
    what = m.group("what").lower()
    back = bool(m.group("ly")) or any(w in low for w in ("year-earlier", "year-ago", "year earlier",
                                                        "comparable", "corresponding", "last year"))
    current = "current" in low or ("this" in low and ctx.last_quarter is None)
    if m.group("pyear"):
        q = ctx.last_quarter[1] if ctx.last_quarter else None
        value = f"{m.group('pyear')}-Q{q}" if q else m.group("pyear")
        return _Result("DATE", value, "quarter-of-year")
    latest = "latest" in low or "most recent" in low
    ended = _QUARTER_ENDED_RE.match(ctx.text, end)
    # a quarter already named sets the text's (possibly fiscal) numbering: it is kept
    if ended and what == "quarter" and not back and ctx.anchor is not None and ctx.last_quarter is None:
        return _quarter_ended(ended, ctx)
    if ctx.anchor is not None and current:
        year, q = ctx.anchor.year, quarter_of(ctx.anchor)
    elif ctx.anchor is not None and latest and (
            ctx.last_quarter is None or ctx.last_quarter >= (ctx.anchor.year, quarter_of(ctx.anchor))):
        # "the latest quarter": the last one completed before the publication date
        year, q = ctx.anchor.year, quarter_of(ctx.anchor) - 1
        if q == 0:
            year, q = year - 1, 4
    elif ctx.last_quarter is not None:
        year, q = ctx.last_quarter
    elif ctx.anchor is not None and what != "period":
        year, q = shift_months(ctx.anchor.year, (quarter_of(ctx.anchor) - 1) * 3 + 1, -3)
        q = (q - 1) // 3 + 1
    else:
        return None
    if back:
        year -= 1
    elif any(w in low for w in ("previous", "prior")):
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return _Result("DATE", f"{year}-Q{q}", "quarter-context")


_QUARTER_ENDED_RE = re.compile(rf",?\s+(?:that\s+)?(?:ended|ending)\s+(?P<month>{MONTH})\s*(?P<day>{DAY})\b")


def _quarter_ended(ended: re.Match[str], ctx: _Context) -> _Result:
    """"the quarter ended July 31": the three months up to that day, named by their middle month.

    A fiscal quarter ending July 31 (May-July) is mostly the calendar's second quarter; one
    ending Sept. 30 is the third. The year is the last such day on or before the anchor.
    """
    month = month_num(ended.group("month"))
    a = ctx.anchor
    year = a.year if (month, day_num(ended.group("day"))) <= (a.month, a.day) else a.year - 1
    middle_year, middle = shift_months(year, month, -1)
    return _Result("DATE", f"{middle_year}-Q{(middle - 1) // 3 + 1}", "quarter-ended")


def _half(m, ctx, start, end):
    h = 1 if m.group("h").lower() in ("first", "1st") else 2
    ref = m.group("year").lower()
    if ref[:1].isdigit():
        year = int(ref)
    elif ctx.anchor is None:
        return _Result("DATE", f"XXXX-H{h}", "half-no-anchor")
    else:
        year = ctx.anchor.year + (-1 if "last" in ref else 1 if "next" in ref else 0)
    return _Result("DATE", f"{year}-H{h}", "half-year")


def near_quarter_talk(ctx: _Context, start: int) -> bool:
    window = ctx.text[max(0, start - 300):start + 100].lower()
    return "quarter" in window or "period" in window


#: a reporting period longer than a quarter ("the first nine months", "the first half", "the fiscal year")
_LONG_PERIOD_RE = re.compile(r"(?i)\b(?:nine|six)\s+months\b|\b(?:first|second)\s+half\b|"
                             r"\b(?:the|fiscal|full)\s+year(?![\w-])")


def year_before_period(ctx: _Context, start: int) -> _Result:
    """"a year earlier" in results talk: the same period a year before the period last named.

    The last quarter named is the period unless the text has since moved to a longer one
    ("through the first nine months, compared with ... a year earlier"): then the year.
    """
    year, q = ctx.last_quarter
    if _LONG_PERIOD_RE.search(ctx.text, ctx.last_quarter_end, start):
        return _Result("DATE", str(year - 1), "period-year-earlier")
    return _Result("DATE", f"{year - 1}-Q{q}", "quarter-year-earlier")


def _year_earlier_adj(m, ctx, start, end):
    if ctx.last_quarter is not None:
        return year_before_period(ctx, start)
    if ctx.anchor is None:
        return None
    return _Result("DATE", str(ctx.anchor.year - 1), "year-earlier")


#: "today's world", "today's youth": the present in general, not the day (TimeML leaves these out)


HANDLERS = {"quarter": _quarter, "half": _half, "quarter_ctx": _quarter_ctx, "year_earlier_adj": _year_earlier_adj}
