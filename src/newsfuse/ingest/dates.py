"""Finding and normalising calendar dates in header lines, bylines, captions and fields."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from ..lexicons import months

__all__ = ["DateMatch", "find_dates", "parse_date_value", "url_date"]

_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_PATTERNS = (
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
_URL_DATE = re.compile(r"/(?P<year>20\d{2}|19\d{2})[/-](?P<month>\d{1,2})(?:[/-](?P<day>\d{1,2}))?(?:/|$|[-_])")


class DateMatch(NamedTuple):
    """A calendar date found in a string: ISO value, the text as written, and its span."""

    value: str
    text: str
    start: int
    end: int


#: Publication dates outside these years are not dates of a news report (a fuzzed or broken field,
#: "0001-01-01" placeholders): they are not taken as evidence.
PLAUSIBLE_YEARS = (1800, 2200)


def _iso(year: str, month: int, day: str | None) -> str | None:
    if not PLAUSIBLE_YEARS[0] <= int(year) <= PLAUSIBLE_YEARS[1]:
        return None
    try:
        value = date(int(year), month, int(day) if day else 1)
    except ValueError:
        return None
    return value.isoformat() if day else value.isoformat()[:7]


def find_dates(text: str) -> list[DateMatch]:
    """Every full calendar date in ``text`` ("Jan. 25, 2024", "25 January 2024", "2024-01-25")."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            groups = m.groupdict()
            month = months()[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["month"])
            value = _iso(groups["year"], month, groups["day"])
            if value:
                found.append(DateMatch(value, m.group(0), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date_value(value: object) -> str | None:
    """An ISO date from a field value: ISO 8601, RFC 2822, a written date, or a Unix timestamp."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if not -1e13 < value < 1e14:  # beyond any plausible Unix time, in seconds or milliseconds
            return None
        seconds = value / 1000 if value > 1e11 else value  # milliseconds
        try:
            day = datetime.fromtimestamp(seconds, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
        return _iso(str(day.year), day.month, str(day.day))
    text = str(value).strip()
    if not text:
        return None
    iso = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if iso:
        return _iso(iso.group(1), int(iso.group(2)), iso.group(3))
    try:
        day = parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    else:
        return _iso(str(day.year), day.month, str(day.day))
    dates = find_dates(text)
    if dates:
        return dates[0].value
    year = re.fullmatch(r"(?:19|20)\d{2}", text)
    return text if year else None


def url_date(url: str) -> DateMatch | None:
    """A date written in a URL path (``/2024/01/25/`` or ``/2024-01-25-slug``)."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    value = _iso(m.group("year"), int(m.group("month")), m.group("day"))
    return DateMatch(value, m.group(0).strip("/-_"), m.start(), m.end()) if value else None
