"""A day number coordinated with a full date borrows its month: "on April 24 and 25".

TimeML annotates each day of such a pair as its own DATE ("April 24" and "25",
the second valued 1999-04-25). Only a bare day number right after the date,
joined by "and", "or", "to" or "through" and later in the month, is taken; it
must end the phrase (punctuation or a following preposition), so "April 24 and
25 percent" or "April 24 and 25 people" are left alone.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["coordinated_day", "year_range_end"]

_NEXT_DAY_RE = re.compile(
    r"\s+(?:and|or|to|through)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:in|at|on|when|and|to|for|of|with|before|after|by)\b)")
_DAY_VALUE_RE = re.compile(r"(?P<ym>(?:\d{4}|XXXX)-(?P<month>\d\d)-)(?P<day>\d\d)")


_RANGE_END_RE = re.compile(r"[-\u2013/](?P<y>\d\d|(?:1[6-9]|20)\d\d)(?![\w.,-])")


def year_range_end(text: str, end: int, year: int) -> tuple[int, int, str] | None:
    """(start, end, value) of the closing year of a range "2012-13" or "1939-1945" after ``year``;
    None when the number cannot close it ("2012-03" is a month)."""
    m = _RANGE_END_RE.match(text, end)
    if m is None:
        return None
    tail = m.group("y")
    closing = int(tail) if len(tail) == 4 else year // 100 * 100 + int(tail)
    if not year < closing <= year + 99:
        return None
    return m.start("y"), m.end("y"), str(closing)


def coordinated_day(text: str, end: int, value: str) -> tuple[int, int, str] | None:
    """(start, end, value) of a day number coordinated with the date ``value`` ending at ``end``."""
    day_value = _DAY_VALUE_RE.fullmatch(value)
    if day_value is None:
        return None
    m = _NEXT_DAY_RE.match(text, end)
    if m is None:
        return None
    day = int(m.group("day"))
    if not int(day_value.group("day")) < day <= 31:
        return None
    year = value[:4]
    if year.isdigit():
        try:
            date(int(year), int(day_value.group("month")), day)
        except ValueError:
            return None
    return m.start("day"), m.end("day"), f"{day_value.group('ym')}{day:02d}"
