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

__all__ = ["coordinated_day"]

_NEXT_DAY_RE = re.compile(
    r"\s+(?:and|or|to|through)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:in|at|on|when|and|to|for|of|with|before|after|by)\b)")
_DAY_VALUE_RE = re.compile(r"(?P<ym>(?:\d{4}|XXXX)-(?P<month>\d\d)-)(?P<day>\d\d)")


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
