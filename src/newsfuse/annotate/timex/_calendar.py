"""Calendar arithmetic and tense cues for resolving relative dates (pure functions)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...ingest.dates import PLAUSIBLE_YEARS
from ._patterns import MONTHS
from ._syntax import governing_tense

__all__ = [
    "parse_anchor", "year_value", "iso_day", "iso_week", "iso_month", "shift_months", "weekday_date",
    "month_day_date", "month_year", "holiday_date", "easter_date", "sentence_tense", "quarter_of",
    "day_num", "month_num",
]


def parse_anchor(anchor: str | None) -> date | None:
    """``"2024-01-25"`` (or a longer ISO timestamp) -> date; None when not a full date of a plausible year
    (an anchor such as 0001-01-01 is a placeholder, not the date of a news report)."""
    if not anchor or len(anchor) < 10:
        return None
    try:
        day = date.fromisoformat(anchor[:10])
    except ValueError:
        return None
    return day if PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1] else None


def year_value(year: int) -> str | None:
    """TIMEX3 value of a year (astronomical numbering: 0 is 1 BC): "2024", "BC0077"; None beyond 9999 BC/AD."""
    if 1 <= year <= 9999:
        return f"{year:04d}"
    if -9998 <= year <= 0:
        return f"BC{1 - year:04d}"
    return None


def iso_day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday_date(anchor: date, weekday: int, direction: str) -> date:
    """The date of ISO ``weekday`` (1 = Monday) near ``anchor``.

    ``past``/``future`` include the anchor day itself; ``last``/``next`` exclude it.
    """
    diff = weekday - anchor.isoweekday()
    if direction == "future":
        return anchor + timedelta(days=diff % 7)
    if direction == "next":
        return anchor + timedelta(days=diff % 7 or 7)
    if direction == "last":
        return anchor - timedelta(days=(-diff) % 7 or 7)
    return anchor - timedelta(days=(-diff) % 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_day_date(anchor: date, month: int, day: int, tense: str | None) -> date | None:
    """Year for a month and day given without one: by tense, else the closest to the anchor."""
    options = [d for d in (_safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    if tense == "past":
        before = [d for d in options if d <= anchor + timedelta(days=1)]
        if before and (anchor - before[-1]).days < 300:
            return before[-1]
    elif tense == "future":
        after = [d for d in options if d >= anchor - timedelta(days=1)]
        if after and (after[0] - anchor).days < 250:
            return after[0]
    return min(options, key=lambda d: abs((d - anchor).days))


def month_year(anchor: date, month: int, tense: str | None) -> int:
    """Year of a bare month name ("in August") by tense, else the closest occurrence."""
    if month == anchor.month:
        return anchor.year
    back = (anchor.month - month) % 12  # months back to the past occurrence
    if tense == "past" and back <= 10:
        return anchor.year if month < anchor.month else anchor.year - 1
    if tense == "future":  # a month told in the future is its next occurrence, however far
        return anchor.year if month > anchor.month else anchor.year + 1
    candidates = (anchor.year - 1, anchor.year, anchor.year + 1)
    return min(candidates, key=lambda y: abs((y * 12 + month) - (anchor.year * 12 + anchor.month)))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """n-th (1-based; -1 = last) ISO weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter_date(year: int) -> date:
    """Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2, "palm sunday": -7}
_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas eve": (12, 24), "new year": (1, 1),
                   "new year eve": (12, 31), "independence": (7, 4), "halloween": (10, 31),
                   "valentine": (2, 14), "veterans": (11, 11), "boxing": (12, 26), "bastille": (7, 14),
                   "may": (5, 1)}
#: (month, ISO weekday, n-th; -1 = last) of the holidays that move with the calendar
_NTH_HOLIDAYS = {"thanksgiving": (11, 4, 4), "labor": (9, 1, 1), "memorial": (5, 1, -1),
                 "mother": (5, 7, 2), "father": (6, 7, 3), "martin luther king": (1, 1, 3),
                 "martin luther king jr.": (1, 1, 3), "presidents": (2, 1, 3), "president": (2, 1, 3),
                 "columbus": (10, 1, 2)}


def holiday_date(name: str, year: int) -> date | None:
    """Dates of the holidays news reports name most (US federal, Easter and fixed dates)."""
    key = name.lower().replace("'s", "").replace("'", "").replace(" day", "").strip()
    if key in _EASTER_OFFSETS:
        return easter_date(year) + timedelta(days=_EASTER_OFFSETS[key])
    if key in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[key])
    if key in _NTH_HOLIDAYS:
        return _nth_weekday(year, *_NTH_HOLIDAYS[key])
    if key == "election":
        return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    return None


_FUTURE = (r"(?:will|would|shall|'ll|wo|won't|must)(?:\s+not)?\s+(?:be\s+|have\s+)?(?:been\s+)?[a-z]+|"
           r"will|won't|wo|'ll|shall|going to|is due|are due|due to|scheduled|is set to|are set to|"
           r"plans? to|planning to|planned for|as soon as|as early as|postponed|expects? to|expected to|would|upcoming|"
           r"to (?:begin|start|hold|meet|visit|travel|vote|open|announce|resume|take place)")
#: a plan told in the past perfect ("had been due to expire Friday") is past, though it names a plan
_PAST_PLAN = r"had\s+(?:been\s+)?(?:due|scheduled|expected|set|planned|supposed|slated)\s+to\s+[a-z]+|previously\s+planned"
#: words in -ed that are adjectives, not past-tense verbs
_NOT_PAST_ED = re.compile(r"(?i)un[a-z]+ed|based|called|named|related|limited|united|interested|concerned|"
                          r"detailed|alleged|armed|advanced|need|indeed|speed|proceed|exceed|succeed|feed|seed")
_PAST = (r"said|says|was|were|had|has|have|did|told|ago|last|earlier|yesterday|"
         r"[a-z]{3,}ed|began|came|went|took|made|met|held|left|fell|rose|won|lost|saw|gave|"
         r"killed|struck|hit|broke|led|sent|shot|spoke|wrote|brought|fought|flew")
#: "planned to": a plan made in the past for a later event. Before the expression the
#: expression belongs to the planned event ("planned to leave on Thursday": future); after it,
#: to the planning ("On Friday, the government planned to pay": past)
_PLANNED = r"planned\s+to"
_CUE_RE = re.compile(rf"(?i)\b(?:(?P<plan>{_PAST_PLAN})|(?P<planned>{_PLANNED})|(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b")
_BOUNDARY_RE = re.compile(r"[.!?;]\s|\n")
_ABBREVIATIONS = frozenset(("mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "gen", "col", "lt", "sgt", "rep",
                            "sen", "gov", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov",
                            "dec", "corp", "inc", "co", "ltd", "s", "m", "a", "p", "u", "vs", "prof", "ft"))


def _boundaries(chunk: str):
    """Sentence boundaries in ``chunk``, skipping periods of abbreviations ("a.m.", "Jan.", "Mr.")."""
    for m in _BOUNDARY_RE.finditer(chunk):
        if chunk[m.start()] == ".":
            word = re.search(r"([A-Za-z]+)$", chunk[:m.start()])
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        yield m


def sentence_tense(text: str, start: int, end: int, doc=None) -> str | None:
    """``"past"``, ``"future"`` or None for the clause around ``text[start:end]``.

    With a spaCy ``doc`` of the same text, the verb the expression hangs on decides
    when its form tells (:func:`._syntax.governing_tense`); otherwise the
    nearest tense cue in the text does (modal "will", past-tense verbs, "next"...).
    """
    if doc is not None:
        tense = governing_tense(doc, start, end)
        if tense is not None:
            return tense
    lo = max(0, start - 120)
    left = text[lo:start]
    cut = None
    for cut in _boundaries(left):
        pass
    if cut is not None:
        lo += cut.end()
        left = text[lo:start]
    right = text[end:end + 80]
    stop = next(_boundaries(right), None)
    if stop is not None:
        right = right[:stop.start()]
    best: tuple[int, str] | None = None
    for m in _CUE_RE.finditer(left):
        if m.group("past") and _NOT_PAST_ED.fullmatch(m.group("past")):
            continue
        dist = len(left) - m.end()
        kind = "future" if m.group("future") or m.group("planned") else "past"
        if best is None or dist <= best[0]:
            best = (dist, kind)
    for m in _CUE_RE.finditer(right):
        if m.group("past") and _NOT_PAST_ED.fullmatch(m.group("past")):
            continue
        dist = m.start() + 2  # a cue before the expression wins a tie
        kind = "future" if m.group("future") else "past"
        if best is None or dist < best[0]:
            best = (dist, kind)
        break
    return best[1] if best else None


def month_num(word: str) -> int:
    """The month a month name or abbreviation names ("Sept." -> 9)."""
    return MONTHS[word.rstrip(".").lower()]


def day_num(word: str) -> int:
    """The day of the month a day written with digits names ("24th" -> 24)."""
    return int(re.match(r"\d+", word).group())
