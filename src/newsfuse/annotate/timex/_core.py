"""Temporal expressions: find them and normalise them in TIMEX3 terms.

:func:`extract_timexes` is a pure function: candidate spans come from the compiled
patterns in :mod:`._patterns`, the longest non-overlapping ones are kept,
and each is normalised against the article's publication date (the anchor).
Weekdays and bare months resolve to the past or the future by the tense of the
clause (news default: past). Without an anchor, relative expressions keep what
can be known ("Tuesday" -> ``XXXX-WXX-2``, "2017" -> ``2017``).
"""

from __future__ import annotations

import bisect
import re

from ...records import Timex
from ._coordination import coordinated_day, year_range_end
from ._normalise import new_context, normalise
from ._patterns import MONTHS, PATTERNS, TRIGGERS, WEEKDAYS

__all__ = ["extract_timexes"]

#: words before an ambiguous month name ("May", "March") that make it a month
_MONTH_CUES = frozenset(("in", "since", "until", "till", "by", "from", "through", "during", "of", "last",
                         "next", "this", "early", "late", "mid", "before", "after", "between", "and",
                         "to", "on", "end", "beginning", "start", "middle", "in early", "in late"))
_AMBIGUOUS_MONTHS = frozenset(("may", "march", "mar", "jan", "jun", "sep", "dec"))
#: kinds whose first word is a name anyway (months, weekdays, holidays)
_DISCOURSE_NOW = re.compile(r"[Nn]ow")
_PROPER_KINDS = frozenset(("mdy", "dmy", "md", "dm", "my", "month_rel", "month", "weekday", "holiday"))


def extract_timexes(text: str, article: str, anchor: str | None, doc=None) -> list[Timex]:
    """Temporal expressions in ``text``, normalised against ``anchor`` (ISO date or None).

    ``doc`` may be a spaCy Doc of the same text; its tags then decide the tense
    of a clause. Returns Timex records in text order.
    """
    ctx = new_context(text, anchor, doc)
    out: list[Timex] = []
    for start, end, kind, m in _select(_candidates(text)):
        closing = year_range_end(text, end, int(m.group("year"))) if kind == "year" else None
        if kind == "year" and closing is None and text.startswith("-", end):
            continue  # "2012-03": a month written with digits, not a year
        result = normalise(kind, m, ctx, start, end)
        if result is None:
            continue
        out.append(Timex(article=article, start=start, end=end, text=text[start:end],
                         type=result.type, value=result.value, rule=result.rule))
        second = coordinated_day(text, end, result.value) if kind == "md" else None
        if second is not None:  # "April 24 and 25": the 25th of the same month
            out.append(Timex(article=article, start=second[0], end=second[1], text=text[second[0]:second[1]],
                             type="DATE", value=second[2], rule="coordinated-day"))
        if closing is not None and result.value == m.group("year"):  # "2012-13": each year its own DATE
            out.append(Timex(article=article, start=closing[0], end=closing[1], text=text[closing[0]:closing[1]],
                             type="DATE", value=closing[2], rule="year-range-end"))
    return out


# --------------------------------------------------------------------------- candidates


def _windows(text: str, lowered: str | None, trigger: tuple[re.Pattern[str], int, int, bool, bool]
             ) -> list[tuple[int, int]]:
    """Merged [lo, hi) windows around the hits of a cheap trigger regex."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    regex, back, ahead, on_lower, word_start = trigger
    if on_lower and lowered is None:  # lower-casing changed the length: match the original text
        regex = re.compile(regex.pattern, re.IGNORECASE)
    for hit in regex.finditer(lowered if on_lower and lowered is not None else text):
        at = hit.start()
        if word_start and at and (text[at - 1].isalnum() or text[at - 1] == "_"):
            continue
        lo, hi = max(0, hit.start() - back), min(n, hit.end() + ahead)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match[str]]]:
    found = []
    seen: set[tuple[str, int, int]] = set()
    window_cache: dict[int, list[tuple[int, int]]] = {}
    lowered: str | None = text.lower()
    if len(lowered) != len(text):  # a few characters ("İ") grow when lower-cased
        lowered = None
    for order, (kind, pattern) in enumerate(PATTERNS):
        trigger = TRIGGERS.get(kind)
        if trigger is None:
            windows = [(0, len(text))]
        else:
            windows = window_cache.get(id(trigger))
            if windows is None:
                windows = window_cache[id(trigger)] = _windows(text, lowered, trigger)
        for lo, hi in windows:
            for m in pattern.finditer(text, lo, hi):
                if "span" in pattern.groupindex:
                    start, end = m.span("span")
                else:
                    start, end = m.span()
                end = _trim_end(text, start, end)
                key = (kind, start, end)
                if end > start and key not in seen and _plausible(kind, m, text, start):
                    seen.add(key)
                    found.append((start, end, order, kind, m))
    return found


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,\t\n":
        end -= 1
    return end


def _select(cands):
    """Longest candidates first, then pattern order; keep those that overlap nothing kept."""
    starts: list[int] = []  # kept spans, sorted by start (they never overlap)
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for start, end, _order, kind, m in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        i = bisect.bisect_left(starts, start)
        if i < len(kept) and kept[i][0] < end:
            continue
        if i > 0 and kept[i - 1][1] > start:
            continue
        starts.insert(i, start)
        kept.insert(i, (start, end, kind, m))
    return kept


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, start - 20):start])
    return m.group(1).lower() if m else ""


_TITLE_QUOTE_AFTER = re.compile(r"[,.]?(?:\"|''|\u201d)|\s+[A-Z][a-z]")


def _in_a_title(text: str, start: int, end: int) -> bool:
    """A common time word capitalised inside a sentence names something: "ABC's \"This Week\"", "VOA Today".

    Months, weekdays and holidays are capitalised anyway and are not judged; neither is
    all-capital text, nor the text before the first sentence (a headline in title case).
    """
    word = re.search(r"[A-Za-z]+", text[start:end])
    if word is None or not word.group()[0].isupper() or word.group().isupper() or len(word.group()) < 2:
        return False
    low = word.group().lower()
    if low in MONTHS or low in WEEKDAYS or not re.search(r"[.!?]", text[:start]):
        return False
    before = text[max(0, start - 40):start]
    quoted = re.search(r"(?:``|\"|\u201c|'')$", before)
    if quoted is not None:  # right after an opening quote: a title when it closes at once or goes on in capitals
        return _TITLE_QUOTE_AFTER.match(text, end) is not None
    prev = re.search(r"([A-Za-z]+)\s+$", before)  # right after a capitalised word of the same sentence
    return prev is not None and prev.group(1)[0].isupper() and len(prev.group(1)) > 1


def _plausible(kind: str, m: re.Match[str], text: str, start: int) -> bool:
    """Reject readings that are usually not dates ("May" the modal, "the fall of Rome")."""
    if kind not in _PROPER_KINDS and _in_a_title(text, start, m.end()):
        return False
    if kind == "month" and not m.group("rel"):
        word = m.group("month").rstrip(".").lower()
        if word in _AMBIGUOUS_MONTHS and _prev_word(text, start) not in _MONTH_CUES:
            return False
        if m.group("month").isupper() and len(m.group("month")) > 3:
            return False
    if kind == "season" and not (m.group("year") or (m.group("pre") and m.group("pre").lower() != "the")):
        if m.group("pre") is None or m.group("season").lower() in ("fall", "spring"):
            return False
        follow = text[m.end():m.end() + 4]
        if follow.startswith(" of"):
            return False
    if kind == "ref" and _DISCOURSE_NOW.fullmatch(m.group(0)) and text.startswith(",", m.end()) \
            and re.search(r"(?:^|[.!?\n])[\s\"'`]*$", text[max(0, start - 6):start]):
        return False  # "Now, the problem is...": a discourse marker, not the present
    if kind == "set_adv" and m.group("adv")[0].isupper():
        before = text[max(0, start - 2):start]
        if start > 0 and not re.search(r"[.!?\n]\s*$|^\s*$", before):
            return False
    if kind == "month" and not m.group("rel"):
        word = m.group("month")
        if len(word) <= 4 and not word.endswith(".") and word.lower() not in ("may", "june", "july"):
            return False
    if kind in ("duration", "duration_nonum"):
        unit = m.group("unit").lower()
        n_word = (m.groupdict().get("n") or "").lower()
        if unit.startswith("second") and n_word in ("a", "an", "the"):
            return False
        if unit.startswith("quarter") and text[m.end():m.end() + 4].lower() == " of ":
            return False
        if re.match(r"\s+old\b", text[m.end():m.end() + 6]):  # an age ("52 years old") is not annotated
            return False
    if kind == "year":
        after = text[m.end():m.end() + 12].lower()
        if re.match(r"\s*(?:people|persons|troops|soldiers|men|women|tons|times|votes|[a-z]+ers\b)", after):
            return False
    return True
