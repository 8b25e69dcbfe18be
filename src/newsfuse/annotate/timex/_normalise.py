"""Normalisation of temporal expressions: one handler per pattern kind, TIMEX3 values out.

Helpers of :mod:`._core`, which finds the candidate spans; each handler reads the match, the
anchor and what the text resolved so far (:class:`_Context`, local to one call) and returns a
value or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ._calendar import (
    day_num, holiday_date, iso_day, iso_month, iso_week, month_day_date, month_year, parse_anchor,
    month_num, quarter_of, year_value, sentence_tense, shift_months, weekday_date,
)
from ._durations import HANDLERS as DURATION_HANDLERS
from ._durations import Resolved as _Result
from ._durations import parse_amount
from ._eras import HANDLERS as ERA_HANDLERS
from ._narrative import HANDLERS as NARRATIVE_HANDLERS
from ._narrative import note_reference, reference_day, relative_unit
from ._patterns import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS, parse_number
from ._quarters import HANDLERS as QUARTER_HANDLERS
from ._quarters import near_quarter_talk as _near_quarter_talk
from ._quarters import year_before_period as _year_before_period

__all__ = ["new_context", "normalise"]


def new_context(text: str, anchor: str | None, doc=None) -> "_Context":
    """The state of one walk through ``text``, resolved against ``anchor`` (ISO date or None)."""
    return _Context(text=text, anchor=parse_anchor(anchor), doc=doc)




@dataclass(slots=True)
class _Context:
    """What one call knows while it walks the text in order (local, never shared)."""

    text: str
    anchor: date | None
    doc: object | None
    last_quarter: tuple[int, int] | None = None
    last_quarter_end: int = 0  # where the expression that set ``last_quarter`` ends
    last_year: int | None = None
    last_day: date | None = None  # the narrative's reference time: the last absolute day resolved
    last_month: tuple[int, int] | None = None
    last_day_end: int = 0  # where the expression that set ``last_day`` ends

    def tense(self, start: int, end: int) -> str | None:
        deadline = _DEADLINE_RE.search(self.text, max(0, start - 12), start)
        if deadline is not None:  # "until Tuesday", "by August": a deadline still ahead...
            clause = self.text[max(0, start - 100):start]
            clause = re.split(r"[.!?;]\s", clause)[-1]
            # ...unless the clause tells it in the past perfect ("Until Thursday, they had not called")
            if not re.search(r"(?i)\bhad\b", clause + self.text[end:end + 40].split(".")[0]):
                return "future"
        return sentence_tense(self.text, start, end, self.doc)


_DEADLINE_RE = re.compile(r"(?i)\b(?:until|till|by|effective)\s+(?:(?:about|around|at|on)\s+)?$")


# --------------------------------------------------------------------------- normalisation


def normalise(kind: str, m: re.Match[str], ctx: _Context, start: int, end: int) -> _Result | None:
    """The TIMEX3 type and value of one candidate of pattern ``kind``, or None; notes what it resolved in
    ``ctx`` for the expressions after it."""
    handler = _HANDLERS.get(kind)
    if handler is None:
        return None
    try:
        result = handler(m, ctx, start, end)
    except OverflowError:  # a day beyond the calendar (before year 1 or after 9999): no value to give
        return None
    if result is not None and result.type == "DATE":
        year = re.match(r"(\d{4})(?!\d)", result.value)
        if year and result.rule not in ("decade", "century"):
            ctx.last_year = int(year.group(1))
        qm = re.fullmatch(r"(\d{4})-Q(\d)", result.value)
        if qm and result.rule in ("quarter", "quarter-ended"):
            ctx.last_quarter = (int(qm.group(1)), int(qm.group(2)))
            ctx.last_quarter_end = end
    if result is not None and result.type in ("DATE", "TIME") and result.rule not in _NOT_REFERENCES:
        note_reference(ctx, result.value, result.rule, end)
    return result


#: resolutions that do not move the narrative's reference time
_NOT_REFERENCES = frozenset(("clock-reference", "clock-anchor", "offset-year", "offset-month", "year-relative",
                              "vague-offset-day", "vague-offset-month", "vague-offset-year"))


def _abs_date(m, ctx, start, end):
    month = month_num(m.group("month")) if not m.group("month").isdigit() else int(m.group("month"))
    day = day_num(m.group("day"))
    if month > 12:  # "22/03/2013": written day first
        if day > 12:
            return None
        month, day = day, month
    year = int(m.group("year"))
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return _Result("DATE", iso_day(date(year, month, day)), "absolute")
    except ValueError:  # "February 30, 2024": no such day; the month is what the text supports
        return _Result("DATE", iso_month(year, month), "absolute-no-such-day") if 1 <= month <= 12 else None


def _month_day(m, ctx, start, end):
    month, day = month_num(m.group("month")), day_num(m.group("day"))
    if not 1 <= day <= 31:
        return None
    if ctx.anchor is None:
        return _Result("DATE", f"XXXX-{month:02d}-{day:02d}", "month-day-no-anchor")
    groups = m.groupdict()
    rel = (groups.get("rel") or "").lower()
    tense = "future" if rel in ("next", "this coming") else "past" if rel == "last" else ctx.tense(start, end)
    d = month_day_date(ctx.anchor, month, day, tense)
    if d is None:  # "February 30": no such day; the month is what the text supports
        return _Result("DATE", iso_month(month_year(ctx.anchor, month, tense), month), "month-day-no-such-day")
    return _Result("DATE", iso_day(d), f"month-day-{tense or 'closest'}")


def _month_with_year(m, ctx, start, end):
    return _Result("DATE", iso_month(int(m.group("year")), month_num(m.group("month"))), "month-year")


def _month_rel(m, ctx, start, end):
    month = month_num(m.group("month"))
    rel = m.group("rel").lower()
    if ctx.anchor is None:
        return _Result("DATE", f"XXXX-{month:02d}", "month-no-anchor")
    year = ctx.anchor.year + (-1 if "last" in rel else 1 if "next" in rel else 0)
    return _Result("DATE", iso_month(year, month), "month-relative-year")


#: "May and June 2011": a month coordinated with a dated one shares its year
_SHARED_YEAR = re.compile(r"\s*(?:,\s*)?(?:and|or|to|through|-|\u2013)\s*(?P<other>[A-Z][a-z]{2,8})\.?"
                          r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+(?P<year>(?:1[6-9]|20)\d\d)(?!\d)")


def _month(m, ctx, start, end):
    month = month_num(m.group("month"))
    shared = _SHARED_YEAR.match(ctx.text, end)
    if shared is not None and not m.group("rel") and shared.group("other").lower() in MONTHS:
        return _Result("DATE", iso_month(int(shared.group("year")), month), "month-shared-year")
    if ctx.anchor is None:
        return _Result("DATE", f"XXXX-{month:02d}", "month-no-anchor")
    rel = (m.group("rel") or "").lower()
    a = ctx.anchor
    if rel.endswith("last") and rel != "last":  # "early last March"
        rel = "last"
    if rel in ("last", "this past"):
        year = a.year if month < a.month - 1 else a.year - 1
        return _Result("DATE", iso_month(year, month), "month-last")
    if rel in ("next", "this coming") or rel.endswith("next"):
        year = a.year if month > a.month else a.year + 1
        return _Result("DATE", iso_month(year, month), "month-next")
    if rel == "this":
        return _Result("DATE", iso_month(a.year, month), "month-this")
    tense = ctx.tense(start, end)
    return _Result("DATE", iso_month(month_year(a, month, tense), month), f"month-{tense or 'closest'}")


def _year(m, ctx, start, end):
    year = m.group("year")
    mod = (m.group("mod") or "").lower()
    for season, code in SEASONS.items():
        if season in mod:
            return _Result("DATE", f"{year}-{code}", "season-year")
    return _Result("DATE", year, "year")


def _spelled_year(m, ctx, start, end):
    """"nineteen ninety-four", "January nineteen ninety-seven", "the winter of nineteen ninety-four"."""
    if m.group("y2") is not None or m.group("c") is None:
        tail = parse_number(m.group("y2")) if m.group("y2") else 0
        year = 2000 + int(tail or 0)
    else:
        century = 1900 if m.group("c").lower() == "nineteen" else 2000
        words = m.group("y").lower().replace("oh-", "oh ").replace("oh ", "")
        tail = parse_number(words)
        if tail is None or tail >= 100:
            return None
        year = century + int(tail)
    if m.group("month"):
        return _Result("DATE", iso_month(year, month_num(m.group("month"))), "spelled-month-year")
    if m.group("season"):
        return _Result("DATE", f"{year}-{SEASONS[m.group('season').lower()]}", "spelled-season-year")
    return _Result("DATE", str(year), "spelled-year")


def _year_end(m, ctx, start, end):
    if ctx.anchor is None:
        return _Result("DATE", "XXXX", "year-end-no-anchor")
    rel = (m.group("rel") or "").lower()
    return _Result("DATE", str(ctx.anchor.year + (-1 if rel == "last" else 1 if rel == "next" else 0)), "year-end")


def _the_weekend(m, ctx, start, end):
    if ctx.anchor is None:
        return _Result("DATE", "XXXX-WXX-WE", "weekend-no-anchor")
    a = ctx.anchor
    step = 0
    if a.isoweekday() < 6 and ctx.tense(start, end) != "future":
        step = -1
    return _Result("DATE", iso_week(a + timedelta(weeks=step)) + "-WE", "weekend")


def _the_year(m, ctx, start, end):
    """"the year", "the full year": the anchor's year; "the year ended June 30": a year-long period."""
    if m.group("ended") is not None:
        return _Result("DURATION", "P1Y", "year-period")
    if ctx.anchor is None:
        return _Result("DATE", "XXXX", "the-year-no-anchor")
    return _Result("DATE", str(ctx.anchor.year), "the-year")


def _ago(m, ctx, start, end):
    n_word = m.group("n")
    n = parse_amount(n_word) if n_word else None
    unit = m.group("unit").lower().rstrip("s")
    direction = m.group("dir").lower()
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if n is None:
        return _Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "vague-offset")
    if unit == "year" and n == 1 and sign < 0 and ctx.last_quarter is not None and direction != "ago" \
            or (unit == "year" and n == 1 and sign < 0 and ctx.last_quarter is not None
                and direction == "ago" and _near_quarter_talk(ctx, start)):
        return _year_before_period(ctx, start)
    a = ctx.anchor
    if a is None:
        return _Result("DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX-XX-XX"),
                       "offset-no-anchor")
    steps = int(round(n)) * sign
    vague = _Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "offset-beyond-calendar")
    if unit in ("year", "decade", "century"):
        year = a.year + steps * {"year": 1, "decade": 10, "century": 100}[unit]
        value = year_value(year)
        return _Result("DATE", value, "offset-year") if value else vague
    try:
        if unit == "month":
            y, mo = shift_months(a.year, a.month, steps)
            return _Result("DATE", iso_month(y, mo), "offset-month") if 1 <= y <= 9999 else vague
        if unit == "week":
            return _Result("DATE", iso_week(a + timedelta(weeks=steps)), "offset-week")
        if unit in ("day", "night"):
            return _Result("DATE", iso_day(a + timedelta(days=steps)), "offset-day")
    except OverflowError:  # "99999999 days ago": before year 1
        return vague
    if unit == "quarter":
        y, mo = shift_months(a.year, (quarter_of(a) - 1) * 3 + 1, 3 * steps)
        return _Result("DATE", f"{y}-Q{(mo - 1) // 3 + 1}", "offset-quarter") if 1 <= y <= 9999 else vague
    return _Result("DATE", iso_day(a), "offset-time")


_GENERIC_AFTER_TODAYS = re.compile(r"(?i)\s+(?:[a-z]+\s+)?(?:world|youth|society|generation|children|kids|"
                                   r"young|economy|standards|technology|politics|culture|people|teenagers|"
                                   r"computers|market|markets|families|students|consumers|America|Europe)\b")


def _relday(m, ctx, start, end):
    word = m.group("day").lower()
    if m.group(0).lower().endswith("today's") and _GENERIC_AFTER_TODAYS.match(ctx.text, end):
        return None
    pre = (m.group("pre") or "").lower()
    part = (m.group("part") or "").lower()
    if word == "tonight":
        part = part or "night"
    if pre in ("mid-afternoon", "mid afternoon"):
        part = "afternoon"
    if ctx.anchor is None:
        base = "XXXX-XX-XX"
    else:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        if pre == "the day before":
            offset -= 1
        elif pre == "the day after":
            offset += 1
        base = iso_day(ctx.anchor + timedelta(days=offset))
    if part:
        return _Result("TIME", f"{base}T{PARTS_OF_DAY[part]}", f"{word}-part")
    return _Result("DATE", base, word)


def _thispart(m, ctx, start, end):
    rel = m.group("rel").lower()
    part = PARTS_OF_DAY[m.group("part").lower()]
    if ctx.anchor is None:
        return _Result("TIME", f"XXXX-XX-XXT{part}", "part-no-anchor")
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and part != "NI":
        offset = -1
    return _Result("TIME", f"{iso_day(ctx.anchor + timedelta(days=offset))}T{part}", "part-of-day")


def _relunit(m, ctx, start, end):
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    a = ctx.anchor
    step = 0
    if rel in ("last", "the past", "the last", "the previous", "previous", "this past"):
        step = -1
    elif rel in ("next", "the coming", "the next", "the following", "following", "this coming"):
        step = 1
    if rel in ("the following", "following", "the previous", "previous") and unit == "year" \
            and ctx.last_year is not None:
        return _Result("DATE", str(ctx.last_year + step), "year-after-mentioned")
    if rel in ("the same", "that"):
        if unit == "year" and ctx.last_year is not None:
            return _Result("DATE", str(ctx.last_year), "that-year")
        return relative_unit(rel, unit, ctx, start) if unit in ("week", "month") else None
    if rel in ("the following", "the previous") and (unit == "week" and ctx.last_day is not None
                                                     or unit == "month" and ctx.last_month is not None):
        return relative_unit(rel, unit, ctx, start)  # "In March, ... The following month": April
    if unit in ("decade",):
        if step:
            return _Result("DURATION", "P10Y", "decade-duration")
        return _Result("DATE", f"{a.year // 10:03d}" if a else "XXX", "decade-this")
    if unit in SEASONS:
        code = SEASONS[unit]
        if a is None:
            return _Result("DATE", f"XXXX-{code}", "season-no-anchor")
        if rel == "this past":
            step = 0
        return _Result("DATE", f"{a.year + step}-{code}", "season-relative")
    if a is None:
        return _Result("DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(unit, "XXXX"),
                       "relative-no-anchor")
    if unit == "year":
        return _Result("DATE", str(a.year + step), "year-relative")
    if unit == "month":
        return _Result("DATE", iso_month(*shift_months(a.year, a.month, step)), "month-relative")
    if unit == "week":
        return _Result("DATE", iso_week(a + timedelta(weeks=step)), "week-relative")
    if unit == "weekend":
        if step == 0:
            step = 0 if a.isoweekday() < 6 and ctx.tense(start, end) == "future" else (0 if a.isoweekday() >= 6 else -1)
        return _Result("DATE", iso_week(a + timedelta(weeks=step)) + "-WE", "weekend-relative")
    return None


def _weekday(m, ctx, start, end):
    wd = WEEKDAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    part = (m.group("part") or "").lower()
    shared = _SHARED_PLURAL.match(ctx.text, end) if not part else None
    if shared is not None and shared.group("part"):
        part = shared.group("part").lower()[:-1]
    suffix = f"T{PARTS_OF_DAY[part]}" if part else ""
    if rel in ("each", "every") or m.group("pl") or m.group("partpl") or shared is not None:
        return _Result("SET", f"XXXX-WXX-{wd}{suffix}", "weekday-set")
    if ctx.anchor is None:
        return _Result("TIME" if part else "DATE", f"XXXX-WXX-{wd}{suffix}", "weekday-no-anchor")
    if rel in ("the previous", "the following", "the next"):
        # counted from the day the story is telling about ("down from the previous Friday")
        ref, source = reference_day(ctx, start)
        direction = "last" if rel == "the previous" else "next"
        d = weekday_date(ref, wd, direction)
        return _Result("TIME" if part else "DATE", iso_day(d) + suffix, f"weekday-{source}-{direction}")
    if rel == "last" or rel == "this past":
        direction = "last"
    elif rel in ("next", "this coming"):
        direction = "next"
    elif m.group(0).endswith("'s") and not part:  # "Wednesday's ruling": an event already reported
        direction = "past"
    else:
        tense = ctx.tense(start, end)
        direction = "future" if tense == "future" else "past"
    d = weekday_date(ctx.anchor, wd, direction)
    return _Result("TIME" if part else "DATE", iso_day(d) + suffix, f"weekday-{direction}")


#: "Monday and Tuesday nights": the first weekday shares the plural part of the second
_SHARED_PLURAL = re.compile(r"\s+(?:and|or)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?(?:\s+(?P<part>mornings|afternoons|evenings|nights)|s)\b")


def _season(m, ctx, start, end):
    code = SEASONS[m.group("season").lower()]
    if m.group("year"):
        return _Result("DATE", f"{m.group('year')}-{code}", "season-year")
    if ctx.anchor is None:
        return _Result("DATE", f"XXXX-{code}", "season-no-anchor")
    pre = (m.group("pre") or "").lower()
    year = ctx.anchor.year + (-1 if pre == "last" else 1 if pre == "next" else 0)
    return _Result("DATE", f"{year}-{code}", "season")


def _holiday(m, ctx, start, end):
    name = m.group("h")
    if m.group("year"):
        d = holiday_date(name, int(m.group("year")))
        return _Result("DATE", iso_day(d), "holiday-year") if d is not None else None
    if ctx.anchor is None:
        return None
    rel = (m.group("rel") or "").lower()
    a = ctx.anchor
    options = [d for d in (holiday_date(name, a.year + k) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return None
    close = [d for d in options if abs((d - a).days) <= 7]
    if close and not rel and m.group("week"):  # "Easter week began": the holiday's week is under way
        pick = close[:1]
    elif rel in ("last", "this past"):
        pick = [d for d in options if d < a][-1:]
    elif rel == "next":
        pick = [d for d in options if d > a][:1]
    else:
        tense = ctx.tense(start, end)
        if tense == "future":
            pick = [d for d in options if d >= a][:1]
        elif tense == "past":
            pick = [d for d in options if d <= a][-1:]
        else:
            pick = [min(options, key=lambda d: abs((d - a).days))]
    if not pick:
        return None
    if m.group("week"):
        return _Result("DATE", iso_week(pick[0]), "holiday-week")
    return _Result("DATE", iso_day(pick[0]), "holiday")


def _week_of(m, ctx, start, end):
    """"the week of March 6" -> the ISO week holding that day."""
    day = _resolve_day_words(m.group("day"), ctx, start, end)
    if day is None or day.startswith("X"):
        return _Result("DATE", "XXXX-WXX", "week-of-no-anchor")
    return _Result("DATE", iso_week(date.fromisoformat(day)), "week-of")


def _edge_of(m, ctx, start, end):
    """"the end of the month", "the start of the week": the anchor's month or week (the edge is a modifier)."""
    a = ctx.anchor
    unit = m.group("unit").lower()
    if unit == "month":
        return _Result("DATE", iso_month(a.year, a.month) if a else "XXXX-XX", "edge-of-month")
    return _Result("DATE", iso_week(a) if a else "XXXX-WXX", "edge-of-week")


def _part_of_ref_day(m, ctx, start, end):
    """"in the evening", "by late afternoon": that part of the day the story is telling about."""
    span = m.group("span").lower()
    if not (span.startswith("the") or m.group("pre")):
        return None
    ref, _source = reference_day(ctx, start)
    base = iso_day(ref) if ref is not None else "XXXX-XX-XX"
    return _Result("TIME", f"{base}T{PARTS_OF_DAY[m.group('part').lower()]}", "part-of-reference-day")


def _clock(m, ctx, start, end):
    raw = m.group("clock").lower().replace(" ", "")
    if raw in ("noon", "midday"):
        hh, mm = 12, 0
    elif raw == "midnight":
        hh, mm = 24, 0
    else:
        cm = re.match(r"(\d\d)(\d\d)$|(\d{1,2})(?::(\d\d))?", raw)  # "0830" or "8:30" / "8"
        hh, mm = (int(cm.group(1)), int(cm.group(2))) if cm.group(1) else (int(cm.group(3)), int(cm.group(4) or 0))
        if "p" in raw and hh < 12:
            hh += 12
        elif "a" in raw and hh == 12:
            hh = 0
        inpart = (m.group("inpart") or "").lower()
        if ("afternoon" in inpart or "evening" in inpart or "night" in inpart) and hh < 12:
            hh += 12
    base = "XXXX-XX-XX"
    day = m.group("day")
    if day:
        sub = _resolve_day_words(day, ctx, start, end)
        if sub:
            base = sub
        return _Result("TIME", f"{base}T{hh:02d}:{mm:02d}", "clock")
    ref, source = reference_day(ctx, start)
    if ref is None:
        return _Result("TIME", f"{base}T{hh:02d}:{mm:02d}", "clock")
    # a time of day alone belongs to the day the story is telling about
    rule = "clock-reference" if source == "narrative" else "clock-anchor"
    return _Result("TIME", f"{iso_day(ref)}T{hh:02d}:{mm:02d}", rule)


def _resolve_day_words(words: str, ctx: _Context, start: int, end: int) -> str | None:
    dated = re.match(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?=[A-Za-z]+\.?\s*\d)", words)
    if dated:  # "Friday, March 8": the date decides
        words = words[dated.end():]
    low = words.lower()
    a = ctx.anchor
    if low in WEEKDAYS:
        if a is None:
            return None
        tense = ctx.tense(start, end)
        return iso_day(weekday_date(a, WEEKDAYS[low], "future" if tense == "future" else "past"))
    if low in ("today", "tonight", "yesterday", "tomorrow"):
        if a is None:
            return None
        return iso_day(a + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[low]))
    if low == "ten days ago":
        return iso_day(a - timedelta(days=10)) if a else None
    dm = re.match(r"([A-Za-z]+)\.?\s*(\d+)\D*(?:(\d{4}))?", words)
    if dm and dm.group(1).lower() in MONTHS:
        month, day = MONTHS[dm.group(1).lower()], int(dm.group(2))
        if dm.group(3):
            try:
                return iso_day(date(int(dm.group(3)), month, day))
            except ValueError:
                return None
        if a is None:
            return f"XXXX-{month:02d}-{day:02d}"
        d = month_day_date(a, month, day, ctx.tense(start, end))
        return iso_day(d) if d else None
    return None


_HANDLERS = {
    "clock": _clock, "mdy": _abs_date, "dmy": _abs_date, "iso": _abs_date, "slash": _abs_date,
    "md": _month_day, "dm": _month_day, "my": _month_with_year, "month_rel": _month_rel, "month": _month,
    "year": _year, "spelled_year": _spelled_year, "year_end": _year_end, "the_weekend": _the_weekend,
    "the_year": _the_year,
    "year_ago": _ago,
    "relday": _relday, "thispart": _thispart, "relunit": _relunit, "weekday": _weekday, "season": _season,
    "holiday": _holiday, "week_of": _week_of, "edge_of": _edge_of, "part_of_ref_day": _part_of_ref_day,
    "quarter_code": QUARTER_HANDLERS["quarter"], **DURATION_HANDLERS, **ERA_HANDLERS,
    **NARRATIVE_HANDLERS, **QUARTER_HANDLERS,
}
